/**
 * Gateway API durations (GEP-2257, gateway-api.md §2.9): one to four components of one to five
 * digits, each with a unit `h`, `m`, `s` or `ms`, summed.
 */

const unitMs: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 };
const wholeDuration = /^([0-9]{1,5}(h|ms|m|s)){1,4}$/;
const component = /([0-9]{1,5})(h|ms|m|s)/g;

/** Milliseconds, or undefined when the text is not a GEP-2257 duration. */
export function parseGatewayDuration(text: string): number | undefined {
  if (!wholeDuration.test(text)) return undefined;
  let total = 0;
  for (const [, digits, unit] of text.matchAll(component)) total += Number(digits) * unitMs[unit!]!;
  return total;
}
