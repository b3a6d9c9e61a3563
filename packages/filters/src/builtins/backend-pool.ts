import { ArgsError } from "@bosun/eskip";
import { stringArgs } from "../args.js";
import { invalidFilterParameters, type FilterSpec } from "../filter.js";

/**
 * backendPool(name): bosun's own, for the Gateway API compiler's consolidated backend pools
 * (gateway-api §3.6). It does nothing per request: the proxy reads it when it makes the route's
 * backend, and routes that name one pool share one load-balancer state per set of endpoints,
 * their metrics labelled with the pool's name.
 */
export const backendPoolFilter: FilterSpec<string> = {
  name: "backendPool",
  args: (raw) => {
    const [name] = stringArgs(raw, { min: 1, max: 1 });
    if (name === "") throw new ArgsError(invalidFilterParameters);
    return name!;
  },
  create: () => ({}),
};

/** The pool a route's filters name, or undefined. */
export function backendPoolOf(filters: readonly { readonly name: string; readonly args: readonly unknown[] }[]): string | undefined {
  const call = filters.find((filter) => filter.name === backendPoolFilter.name);
  return typeof call?.args[0] === "string" ? call.args[0] : undefined;
}
