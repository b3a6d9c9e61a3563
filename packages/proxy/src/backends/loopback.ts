import type { Exchange } from "../exchange.js";
import type { BackendHandler, BackendServices } from "./backend.js";

/** §4.3: the filtered request is routed again from the start. */
export class LoopbackBackend implements BackendHandler {
  readonly label = "<loopback>";

  serve(exchange: Exchange, services: BackendServices): void {
    services.loopback(exchange);
  }
}
