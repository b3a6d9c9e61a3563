import { parse } from "@bosun/eskip";
import { HttpRoutingRequest, RouteTable, type HeaderValues, type PredicateEnvironment } from "../src/index.js";

export function table(eskip: string, environment: Partial<PredicateEnvironment> = {}): RouteTable {
  return RouteTable.build(parse(eskip), { environment });
}

export function request(url: string, options: { method?: string; headers?: HeaderValues; remoteAddress?: string; listener?: string } = {}) {
  return new HttpRoutingRequest({
    method: options.method ?? "GET",
    url,
    headers: options.headers ?? {},
    ...(options.remoteAddress === undefined ? {} : { remoteAddress: options.remoteAddress }),
    ...(options.listener === undefined ? {} : { listener: options.listener }),
  });
}

/** A random source that returns the given numbers in turn, then repeats the last. */
export function draws(...values: number[]): () => number {
  let i = 0;
  return () => values[Math.min(i++, values.length - 1)]!;
}
