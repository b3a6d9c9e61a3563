import { ArgsError, type Arg } from "@bosun/eskip";
import { numberArg, stringArgs } from "../args.js";
import { invalidFilterParameters, type Filter, type FilterSpec } from "../filter.js";
import { GoReplacer } from "./replace.js";

/**
 * tee(url[, rx, repl]), teenf(...) and teeLoopback(label) (skipper-semantics §3.3): copies of the
 * request, left to the proxy as directives. The copy takes the path as it is when the tee runs,
 * rewritten like modPath when rx and repl are given. teeSampled(url, fraction) is bosun's own, for
 * the Gateway API compiler: a teenf for a share of the requests (RequestMirror's percent or
 * fraction, gateway-api §2.7).
 */

interface TeeArgs {
  readonly origin: string;
  readonly rewrite?: GoReplacer;
}

/** The mirror's scheme and authority; a URL without both could not be sent to. */
function mirrorOrigin(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ArgsError(invalidFilterParameters);
  }
  if (url.host === "") throw new ArgsError(invalidFilterParameters);
  return `${url.protocol}//${url.host}`;
}

function teeArgs(raw: readonly Arg[]): TeeArgs {
  const [url, expression, replacement] = stringArgs(raw, { min: 1, max: 3 });
  if (raw.length === 2) throw new ArgsError(invalidFilterParameters);
  const origin = mirrorOrigin(url!);
  return expression === undefined ? { origin } : { origin, rewrite: new GoReplacer(expression, replacement!) };
}

/** Whether this request is copied; drawn once per request. */
type Sampler = () => boolean;

const always: Sampler = () => true;

function mirrorFilter({ origin, rewrite }: TeeArgs, followRedirects: boolean, sampled: Sampler): Filter {
  return {
    request: (context) => {
      if (!sampled()) return;
      const { path, rawQuery } = context.request;
      context.directives.mirror({ origin, path: rewrite ? rewrite.replaceAll(path) : path, rawQuery, followRedirects });
    },
  };
}

function teeSpec(name: string, followRedirects: boolean): FilterSpec<TeeArgs> {
  return { name, args: teeArgs, create: (args) => mirrorFilter(args, followRedirects, always) };
}

export const teeFilter = teeSpec("tee", true);
export const teenfFilter = teeSpec("teenf", false);

interface SampledTeeArgs {
  readonly tee: TeeArgs;
  /** The share of requests copied, in [0, 1]. */
  readonly fraction: number;
}

export const teeSampledFilter: FilterSpec<SampledTeeArgs> = {
  name: "teeSampled",
  args: (raw) => {
    if (raw.length !== 2 || typeof raw[0] !== "string") throw new ArgsError(invalidFilterParameters);
    const fraction = numberArg(raw, 1);
    if (!(fraction >= 0 && fraction <= 1)) throw new ArgsError(invalidFilterParameters);
    return { tee: { origin: mirrorOrigin(raw[0]) }, fraction };
  },
  create: ({ tee, fraction }, environment) => {
    // A certain answer draws nothing, so the random source others share (Traffic, load
    // balancers) sees the same draws as without this mirror.
    const sampled: Sampler = fraction >= 1 ? always : fraction <= 0 ? () => false : () => environment.random() < fraction;
    return mirrorFilter(tee, false, sampled);
  },
};

export const teeLoopbackFilter: FilterSpec<string> = {
  name: "teeLoopback",
  args: (raw) => {
    const [label] = stringArgs(raw, { min: 1 });
    if (label === "") throw new ArgsError(invalidFilterParameters);
    return label!;
  },
  create: (label) => ({
    request: (context) => context.directives.teeLoopback(label),
  }),
};
