import type { RoutingRequest } from "@bosun/routing";
import type { ProxyRequest } from "./proxy-request.js";

/**
 * The request as the route table sees it: the same request, with the cleaned path (§2.2) where
 * filters see the decoded one. After a filter changes the request, a loopback sees the change.
 */
export class RoutingView implements RoutingRequest {
  /** The Gateway listener the request came in on (gateway-listeners.ts); undefined on the proxy's own listener. */
  listener: string | undefined;

  constructor(private readonly request: ProxyRequest) {}

  get method(): string {
    return this.request.method;
  }
  get host(): string {
    return this.request.host;
  }
  get path(): string {
    return this.request.routingPath;
  }
  get rawQuery(): string {
    return this.request.rawQuery;
  }
  get remoteAddress(): string {
    return this.request.remoteAddress;
  }
  get contentLength(): number | undefined {
    return this.request.contentLength;
  }
  header(name: string): readonly string[] | undefined {
    return this.request.header(name);
  }
  cookie(name: string): string | undefined {
    return this.request.cookie(name);
  }
  query(name: string): readonly string[] | undefined {
    return this.request.query(name);
  }
}
