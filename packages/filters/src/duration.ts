import { ArgsError } from "@bosun/eskip";

/**
 * Go's time.ParseDuration, which Skipper uses for every duration argument (`backendTimeout("1.5s")`,
 * `ratelimit(10, "1m")`): a signed sequence of decimal numbers, each with an optional fraction and
 * a unit (ns, us, µs, μs, ms, s, m, h), such as "300ms", "-1.5h" or "2h45m". "0" needs no unit.
 */

const nanosecondsPerUnit: ReadonlyMap<string, number> = new Map([
  ["ns", 1],
  ["us", 1e3],
  ["µs", 1e3], // U+00B5 micro sign
  ["μs", 1e3], // U+03BC Greek mu
  ["ms", 1e6],
  ["s", 1e9],
  ["m", 60e9],
  ["h", 3600e9],
]);

/** One component: digits, an optional fraction, then the unit up to the next number. */
const component = /^(\d*)(?:\.(\d*))?([^\d.]*)/;

/** Go durations are int64 nanoseconds. */
const maxNanoseconds = 2 ** 63;

function invalid(text: string, why = "invalid duration"): ArgsError {
  return new ArgsError(`time: ${why} "${text}"`);
}

/** Parses a Go duration, in milliseconds (fractional below 1 ms); throws ArgsError on bad input. */
export function parseDuration(text: string): number {
  let rest = text;
  let sign = 1;
  if (rest.startsWith("-") || rest.startsWith("+")) {
    sign = rest.startsWith("-") ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === "0") return 0;
  if (rest === "") throw invalid(text);
  let nanoseconds = 0;
  while (rest !== "") {
    const [whole, integer = "", fraction, unit = ""] = component.exec(rest)!;
    // Go wants digits on at least one side of the dot: "1.s" and ".5s" are fine, ".s" is not.
    if (integer === "" && (fraction ?? "") === "") throw invalid(text);
    if (unit === "") throw invalid(text, "missing unit in duration");
    const scale = nanosecondsPerUnit.get(unit);
    if (scale === undefined) throw invalid(text, `unknown unit "${unit}" in duration`);
    nanoseconds += Number(`${integer || "0"}.${fraction || "0"}`) * scale;
    if (nanoseconds > maxNanoseconds) throw invalid(text);
    rest = rest.slice(whole.length);
  }
  return (sign * nanoseconds) / 1e6;
}
