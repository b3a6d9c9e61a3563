import { numberArg } from "../args.js";
import { ArgsError, invalidParameters, type PredicateSpec } from "../predicate.js";

/** ContentLengthBetween(min, max): the declared Content-Length is in [min, max). */
export const contentLengthBetweenPredicate: PredicateSpec<{ min: number; max: number }> = {
  name: "ContentLengthBetween",
  args: (raw) => {
    if (raw.length !== 2) throw new ArgsError(invalidParameters);
    const min = numberArg(raw, 0);
    const max = numberArg(raw, 1);
    if (min < 0 || max <= min) throw new ArgsError(invalidParameters);
    return { min, max };
  },
  create: ({ min, max }) => ({ request }) => {
    // Go's ContentLength: -1 when the length is unknown (chunked), 0 when there is no body.
    const length = request.contentLength ?? (request.header("transfer-encoding") ? -1 : 0);
    return min <= length && length < max;
  },
};
