import type { Call } from "@bosun/eskip";

/**
 * What a route to a service without endpoints does instead (skipper-semantics §5.7, §5.13.3):
 * answer 502 itself, for RouteGroups and Ingresses alike.
 */
export const noEndpointsFilters: readonly Call[] = [
  { name: "status", args: [502] },
  { name: "inlineContent", args: ["no endpoints"] },
];
