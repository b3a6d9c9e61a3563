import type { Exchange } from "../exchange.js";
import { backendOrigin } from "./address.js";
import type { BackendHandler, BackendServices } from "./backend.js";

/** `"http://host:port"`: every request goes to one origin (§4.1). */
export class NetworkBackend implements BackendHandler {
  readonly origin: string;

  constructor(readonly label: string) {
    this.origin = backendOrigin(label);
  }

  serve(exchange: Exchange, services: BackendServices): void {
    services.forward(exchange, this.origin);
  }

  upgradeOrigin(): string {
    return this.origin;
  }
}
