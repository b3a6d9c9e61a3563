import type { ServedResponse } from "@bosun/filters";
import type { Endpoint } from "./lb/endpoint.js";
import type { Exchange } from "../exchange.js";

/** What a backend can ask of the proxy. */
export interface BackendServices {
  /** Sends the request to `origin` through the forwarding engine. */
  forward(exchange: Exchange, origin: string, endpoint?: Endpoint): void;
  /** Answers without a backend: response filters run, then the response is written. */
  respond(exchange: Exchange, response: ServedResponse): void;
  /** Routes the (filtered) request again from the start (§4.3). */
  loopback(exchange: Exchange): void;
}

/** A route's backend, made once per table (skipper-semantics §4). */
export interface BackendHandler {
  /** For logs and metrics: the network address, `<shunt>`, `<loopback>`, … */
  readonly label: string;
  serve(exchange: Exchange, services: BackendServices): void;
  /**
   * After a dial error, before any response: tries another endpoint and returns true, or
   * returns false to let the error answer (§4.5: LB routes retry once, without a request body).
   */
  retry?(exchange: Exchange, services: BackendServices): boolean;
  /** Where an Upgrade request (WebSocket) of this route goes; backends without one refuse upgrades. */
  upgradeOrigin?(exchange: Exchange): string;
}

/** A backend the table cannot use: the route is rejected with this reason. */
export class BackendError extends Error {
  override readonly name = "BackendError";
  readonly code = "BOSUN_BACKEND";
}
