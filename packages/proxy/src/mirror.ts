import { PassThrough } from "node:stream";
import { Agent, interceptors, type Dispatcher } from "undici";
import type { MirrorRequest } from "@bosun/filters";
import { teeLoopbackHeader } from "@bosun/routing";
import type { Exchange } from "./exchange.js";
import { outgoingRequestHeaders } from "./forwarded-headers.js";
import { outgoingPath } from "./request/proxy-request.js";
import type { HeaderRecord } from "./response-head.js";

export interface MirrorOptions {
  /** A copy that takes longer is abandoned. */
  readonly timeoutMs: number;
  /** Body bytes a slow mirror may fall behind by before its copy is abandoned. */
  readonly maxLagBytes: number;
  /** The proxy's own address (`http://127.0.0.1:9090`), where teeLoopback copies go. */
  selfOrigin(): string | undefined;
  /** A copy went out to `origin`. */
  onSent(exchange: Exchange, origin: string): void;
  /** The copy to `origin` failed, timed out or was dropped. */
  onError(exchange: Exchange, origin: string, error: Error): void;
}

/** One copy to send: where, and its path and query as sent. */
interface Copy {
  readonly origin: string;
  readonly target: string;
  readonly followRedirects: boolean;
  readonly extraHeaders?: HeaderRecord;
}

/** A tee leaves the decoded path; it goes out escaped and rooted, as the backend's does. */
function teeCopy({ origin, path, rawQuery, followRedirects }: MirrorRequest): Copy {
  const escaped = outgoingPath(path);
  return { origin, target: rawQuery === "" ? escaped : `${escaped}?${rawQuery}`, followRedirects };
}

/**
 * Sends the copies that `tee`, `teenf` and `teeLoopback` ask for. A copy never holds back the
 * client: its body is fed without backpressure, a mirror that lags too far or answers too late
 * is dropped, and its answer and errors are thrown away (counted, not passed on).
 */
export class Mirror {
  private readonly agent = new Agent({ connections: 64 });
  private readonly redirecting: Dispatcher = this.agent.compose(interceptors.redirect({ maxRedirections: 5 }));

  constructor(private readonly options: MirrorOptions) {}

  send(exchange: Exchange): void {
    const copies: Copy[] = [];
    for (const request of exchange.directives.mirrors ?? []) copies.push(teeCopy(request));
    const self = this.options.selfOrigin();
    // A copy that is itself a teeLoopback copy spawns none, or it would loop forever.
    if (self !== undefined && exchange.request.header(teeLoopbackHeader) === undefined) {
      for (const label of exchange.directives.teeLoopbacks ?? []) {
        copies.push({ origin: self, target: exchange.request.outgoingTarget, followRedirects: false, extraHeaders: { [teeLoopbackHeader]: label } });
      }
    }
    exchange.directives.mirrors = undefined;
    exchange.directives.teeLoopbacks = undefined;
    if (copies.length === 0) return;
    const bodies = exchange.request.hasBody ? this.splitBody(exchange, copies.length) : [];
    copies.forEach((copy, i) => this.sendCopy(exchange, copy, bodies[i] ?? null));
  }

  async close(): Promise<void> {
    await this.agent.destroy();
  }

  private sendCopy(exchange: Exchange, copy: Copy, body: PassThrough | null): void {
    const host = copy.extraHeaders ? exchange.request.host : new URL(copy.origin).host;
    const headers = { ...outgoingRequestHeaders(exchange.request, host, { forwardedHeaders: false }), ...copy.extraHeaders };
    const dispatcher = copy.followRedirects ? this.redirecting : this.agent;
    this.options.onSent(exchange, copy.origin);
    dispatcher
      .request({
        origin: copy.origin,
        path: copy.target,
        method: exchange.request.method as Dispatcher.HttpMethod,
        headers: headers as Record<string, string | string[]>,
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      })
      .then((response) => response.body.dump())
      .catch((error: Error) => {
        body?.destroy();
        this.options.onError(exchange, copy.origin, error);
      });
  }

  /**
   * Copies of the client's body for the mirrors, and one for the backend that replaces the
   * client's message as the exchange's request body. Only the backend's copy pushes back on the
   * client; a mirror's copy that lags by more than maxLagBytes is dropped.
   */
  private splitBody(exchange: Exchange, count: number): PassThrough[] {
    const main = new PassThrough();
    const copies = Array.from({ length: count }, () => new PassThrough());
    const incoming = exchange.incoming;
    incoming.on("data", (chunk: Buffer) => {
      for (const copy of copies) {
        if (copy.destroyed) continue;
        if (copy.writableLength > this.options.maxLagBytes) copy.destroy(new Error("mirror fell behind the client"));
        else copy.write(chunk);
      }
      if (!main.write(chunk)) incoming.pause();
    });
    main.on("drain", () => incoming.resume());
    incoming.on("end", () => {
      main.end();
      for (const copy of copies) if (!copy.destroyed) copy.end();
    });
    incoming.on("error", (error) => main.destroy(error));
    exchange.requestBody = main;
    return copies;
  }
}
