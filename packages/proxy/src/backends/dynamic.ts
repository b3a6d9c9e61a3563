import type { Exchange } from "../exchange.js";
import { backendOrigin } from "./address.js";
import type { BackendHandler, BackendServices } from "./backend.js";

/**
 * §4.4: the target comes from the setDynamicBackend* filters; without them, the request's own
 * Host, over https when the client came over TLS. A URL set by a filter wins over host and scheme.
 */
export class DynamicBackend implements BackendHandler {
  readonly label = "<dynamic>";

  serve(exchange: Exchange, services: BackendServices): void {
    const directives = exchange.directives;
    const url = directives.dynamicBackendUrl;
    const scheme = directives.dynamicBackendScheme ?? (exchange.request.tls ? "https" : "http");
    const host = directives.dynamicBackendHost ?? exchange.request.host;
    const origin = backendOrigin(url ?? `${scheme}://${host}`);
    // §3.3: the dynamic target's host is also the outgoing Host, unless a filter chose one.
    directives.outgoingHost ??= url === undefined ? host : new URL(url).host;
    services.forward(exchange, origin);
  }
}
