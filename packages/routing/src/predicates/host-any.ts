import { atLeastOneString } from "../args.js";
import { requestHostKey } from "../host-index.js";
import type { PredicateSpec } from "../predicate.js";

/** HostAny("a.org", "b.org:8080"): the Host header equals one of them exactly, port included. */
export const hostAnyPredicate: PredicateSpec<ReadonlySet<string>> = {
  name: "HostAny",
  args: (raw) => new Set(atLeastOneString(raw)),
  narrows: (hosts) => {
    const keys = [...hosts].map(requestHostKey);
    return { hosts: keys, matchesEveryHostKey: keys.every((key) => hosts.has(key)) };
  },
  create: (hosts) => ({ request }) => hosts.has(request.host),
};
