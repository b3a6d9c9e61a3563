import { stringArgs } from "../args.js";
import type { PredicateSpec } from "../predicate.js";

/** The header a teeLoopback copy carries (skipper-semantics §3.3, teeLoopback). */
export const teeLoopbackHeader = "x-tee-loopback-key";

/** Tee(label): the request is a teeLoopback copy made with this label. */
export const teePredicate: PredicateSpec<{ label: string }> = {
  name: "Tee",
  args: (raw) => {
    const [label] = stringArgs(raw, { min: 1 });
    return { label: label! };
  },
  create:
    ({ label }) =>
    ({ request }) =>
      request.header(teeLoopbackHeader)?.includes(label) ?? false,
};
