import type { ServedResponse } from "@bosun/filters";
import type { Exchange } from "../exchange.js";
import type { BackendHandler, BackendServices } from "./backend.js";

/** §4.2: no backend call; 404 with an empty body unless a filter served a response. */
const notFound: ServedResponse = { status: 404 };

export class ShuntBackend implements BackendHandler {
  readonly label = "<shunt>";

  serve(exchange: Exchange, services: BackendServices): void {
    services.respond(exchange, notFound);
  }
}
