import fc from "fast-check";
import type { Arg, Backend, Call, LbEndpoint, Route } from "../src/index.js";

/** fast-check generators of eskip ASTs, for round-trip properties. */

const symbol = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/);
const legacyNames = new Set(["Path", "Host", "PathRegexp", "Method", "Header", "HeaderRegexp", "Any"]);
const genericName = symbol.filter((name) => !legacyNames.has(name));

/** Any text at all: quotes, backslashes, control bytes, slashes, brackets, non-ASCII. */
const anyText = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 12 }),
  fc.string({ unit: fc.constantFrom('"', "`", "\\", "/", "[", "]", "\n", "\t", "\x07", "\v", "a", " ", "ü", "\x00", ";", "//"), maxLength: 12 }),
);
const finiteNumber = fc.double({ noNaN: true, noDefaultInfinity: true });
const arg: fc.Arbitrary<Arg> = fc.oneof(anyText, finiteNumber, fc.integer({ min: -1000, max: 1000 }));

const call = (name: fc.Arbitrary<string>): fc.Arbitrary<Call> =>
  fc.record({ name, args: fc.array(arg, { maxLength: 4 }) });

const stringCall = (name: string, arity: 1 | 2) =>
  fc.array(anyText, { minLength: arity, maxLength: arity }).map((args): Call => ({ name, args }));

/** Predicates that pass skipper-semantics §1.3: at most one Path and Method, unique Header names. */
const predicates: fc.Arbitrary<Call[]> = fc
  .record({
    path: fc.option(stringCall("Path", 1), { nil: undefined }),
    method: fc.option(stringCall("Method", 1), { nil: undefined }),
    hosts: fc.array(stringCall("Host", 1), { maxLength: 2 }),
    pathRegexps: fc.array(stringCall("PathRegexp", 1), { maxLength: 2 }),
    headers: fc.uniqueArray(stringCall("Header", 2), { maxLength: 3, selector: (header) => header.args[0] }),
    headerRegexps: fc.array(stringCall("HeaderRegexp", 2), { maxLength: 2 }),
    generic: fc.array(call(genericName), { maxLength: 4 }),
  })
  .chain((parts) => {
    const all = [
      ...(parts.path ? [parts.path] : []),
      ...(parts.method ? [parts.method] : []),
      ...parts.hosts,
      ...parts.pathRegexps,
      ...parts.headers,
      ...parts.headerRegexps,
      ...parts.generic,
    ];
    return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length });
  });

const endpoint = (scheme: string): fc.Arbitrary<LbEndpoint> =>
  fc
    .record({
      host: fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/),
      port: fc.integer({ min: 1, max: 65535 }),
      path: fc.stringMatching(/^(\/[a-z0-9]{1,5}){0,2}$/),
      zone: fc.option(anyText, { nil: undefined }),
    })
    .map(({ host, port, path, zone }) => {
      const address = `${scheme}://${host}:${port}${path}`;
      return zone === undefined ? { address } : { address, zone };
    });

const backend: fc.Arbitrary<Backend> = fc.oneof(
  anyText.map((address): Backend => ({ type: "network", address })),
  fc.constantFrom<Backend>({ type: "shunt" }, { type: "loopback" }, { type: "dynamic" }, { type: "forward" }),
  fc.record({
    algorithm: fc.oneof(fc.constant(""), symbol),
    scheme: fc.constantFrom("http", "https"),
  }).chain(({ algorithm, scheme }) =>
    fc.array(endpoint(scheme), { minLength: 1, maxLength: 4 }).map((endpoints): Backend => ({ type: "lb", algorithm, endpoints })),
  ),
);

const routeBody = fc.record({ predicates, filters: fc.array(call(symbol), { maxLength: 4 }), backend });

/** A document's routes: several with unique ids, or a single one without id. */
export const routeList: fc.Arbitrary<Route[]> = fc.oneof(
  fc.uniqueArray(fc.record({ id: symbol }).chain(({ id }) => routeBody.map((body): Route => ({ id, ...body }))), {
    maxLength: 5,
    selector: (route) => route.id,
  }),
  routeBody.map((body): Route[] => [{ id: "", ...body }]),
);
