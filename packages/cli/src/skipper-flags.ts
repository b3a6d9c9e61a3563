import { UsageError } from "./command.js";
import { skipperBooleanFlags, skipperValueFlags } from "./skipper-flag-names.js";

/** A Skipper flag's value as the arguments of the bosun option that means the same. */
type Translation = (value: string) => string[];

const valueOption =
  (option: string): Translation =>
  (value) => [`--${option}`, value];

/** Skipper's flags that `bosun serve` has an option for. */
export const serveTranslations: ReadonlyMap<string, Translation> = new Map([
  ["routes-file", valueOption("routes-file")],
  ["address", valueOption("address")],
  // Skipper's empty support listener switches it off.
  ["support-listener", (value) => ["--admin-address", value === "" ? "off" : value]],
  ["proxy-preserve-host", (value) => (value === "true" ? ["--preserve-host"] : [])],
  ["max-loopbacks", valueOption("max-loopbacks")],
  ["access-log-disabled", (value) => ["--access-log", value === "true" ? "off" : "stdout"]],
  ["forward-backend-url", valueOption("forward-url")],
  ["enable-kubernetes-endpointslices", (value) => (value === "true" ? ["--endpoint-slices"] : [])],
  ["kubernetes-enable-tls", (value) => (value === "true" ? ["--kubernetes-enable-tls"] : [])],
  ["response-header-timeout-backend", valueOption("response-header-timeout-backend")],
  // Skipper's -routes-urls takes a comma-separated list.
  ["routes-urls", (value) => value.split(",").filter((url) => url !== "").flatMap((url) => ["--routes-url", url])],
  ["kubernetes", (value) => (value === "true" ? ["--kubernetes"] : [])],
  ["kubernetes-in-cluster", (value) => (value === "true" ? ["--kubernetes-in-cluster"] : [])],
  ["kubernetes-url", valueOption("kubernetes-url")],
  ["kubernetes-namespace", valueOption("kubernetes-namespace")],
]);

/** Go's strconv.ParseBool, which a boolean flag's `=value` goes through. */
function goBool(name: string, text: string): "true" | "false" {
  if (["1", "t", "T", "true", "TRUE", "True"].includes(text)) return "true";
  if (["0", "f", "F", "false", "FALSE", "False"].includes(text)) return "false";
  throw new UsageError(`invalid boolean value "${text}" for -${name}`);
}

/** What parseArgs needs to know of an option: whether a value follows it. */
export type OptionTypes = Readonly<Record<string, { readonly type: "string" | "boolean" }>>;

/**
 * A command line with Skipper's flags (`-routes-file x`, `--address=:9090`, `-proxy-preserve-host`,
 * as Go's flag package reads them) turned into bosun's options, so that a Skipper command line
 * works unchanged where bosun can do what it asks. bosun's own `--options` pass as they are, and
 * win where a name is both; a Skipper flag bosun has nothing for is a UsageError naming it.
 */
export function withSkipperFlags(args: readonly string[], own: OptionTypes, translations: ReadonlyMap<string, Translation>): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      out.push(...args.slice(i));
      break;
    }
    const flag = /^--?([a-z0-9][a-z0-9-]*)(?:=([\s\S]*))?$/.exec(arg);
    if (flag === null) {
      out.push(arg);
      continue;
    }
    const [, name, inline] = flag as unknown as [string, string, string | undefined];
    if (arg.startsWith("--") && own[name] !== undefined) {
      out.push(arg);
      if (own[name]!.type === "string" && inline === undefined && i + 1 < args.length) out.push(args[++i]!);
      continue;
    }
    const isBoolean = skipperBooleanFlags.has(name);
    if (!isBoolean && !skipperValueFlags.has(name)) {
      out.push(arg);
      continue;
    }
    const translate = translations.get(name);
    if (translate === undefined) throw new UsageError(`-${name} is a Skipper flag that bosun does not support yet`);
    if (isBoolean) out.push(...translate(goBool(name, inline ?? "true")));
    else {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`flag needs an argument: -${name}`);
      out.push(...translate(value));
    }
  }
  return out;
}
