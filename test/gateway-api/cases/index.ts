import type { ConformanceCase } from "../conformance-case.ts";
import { backendCases } from "./backends.ts";
import { filterCases } from "./filters.ts";
import { listenerCases } from "./listeners.ts";
import { matchingCases } from "./matching.ts";
import { mirrorCases } from "./mirrors.ts";
import { redirectCases } from "./redirects.ts";
import { timeoutCases } from "./timeouts.ts";

/** Every HTTPRoute conformance case the runner has, grouped as gateway-api.md groups the features. */
export const conformanceCases: readonly ConformanceCase[] = [
  ...matchingCases,
  ...listenerCases,
  ...backendCases,
  ...filterCases,
  ...redirectCases,
  ...mirrorCases,
  ...timeoutCases,
];
