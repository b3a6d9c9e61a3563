import { ArgsError, type Arg } from "@bosun/eskip";
import { stringArgs } from "../args.js";
import { invalidFilterParameters, type FilterSpec } from "../filter.js";
import { GoReplacer } from "./replace.js";

/**
 * tee(url[, rx, repl]), teenf(...) and teeLoopback(label) (skipper-semantics §3.3): copies of the
 * request, left to the proxy as directives. The copy takes the path as it is when the tee runs,
 * rewritten like modPath when rx and repl are given.
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

function teeSpec(name: string, followRedirects: boolean): FilterSpec<TeeArgs> {
  return {
    name,
    args: teeArgs,
    create: ({ origin, rewrite }) => ({
      request: (context) => {
        const { path, rawQuery } = context.request;
        context.directives.mirror({ origin, path: rewrite ? rewrite.replaceAll(path) : path, rawQuery, followRedirects });
      },
    }),
  };
}

export const teeFilter = teeSpec("tee", true);
export const teenfFilter = teeSpec("teenf", false);

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
