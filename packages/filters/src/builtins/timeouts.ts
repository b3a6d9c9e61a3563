import { stringArgs } from "../args.js";
import { parseDuration } from "../duration.js";
import type { FilterSpec } from "../filter.js";

/** backendTimeout("dur"): bounds the whole backend round trip of this route; 504 when it runs out. */
export const backendTimeoutFilter: FilterSpec<number> = {
  name: "backendTimeout",
  args: (raw) => parseDuration(stringArgs(raw, { min: 1 })[0]!),
  create: (milliseconds) => ({
    request: (context) => {
      context.directives.backendTimeoutMs = milliseconds;
    },
  }),
};
