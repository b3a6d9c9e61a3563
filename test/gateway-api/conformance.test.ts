import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compareWithKnownGaps, parseKnownGaps } from "../conformance/known-gaps.ts";
import { conformanceCases } from "./cases/index.ts";
import type { OutgoingRequest, Received } from "./client.ts";
import { responseReasons } from "./expectations.ts";
import { upstreamManifests } from "./manifests.ts";
import { runCases } from "./run-case.ts";

/**
 * The upstream Gateway API HTTPRoute conformance tests (upstream/, v1.6.1), served by
 * `bosun serve` on a fake cluster of echo backends. As for Skipper's fixtures
 * (test/conformance/), the failing cases must be exactly those of KNOWN-GAPS.md: a regression
 * fails, and so does a fix the list does not record yet. Needs the built code
 * (`corepack pnpm build`): `bosun serve` runs as users run it.
 */

const knownGapsFile = join(dirname(fileURLToPath(import.meta.url)), "KNOWN-GAPS.md");

/** Two serves take the cases in turn: on this two-core machine a third only makes each slower. */
const servesAtOnce = 2;

describe("Gateway API conformance (HTTPRoute)", () => {
  it("has a case for every upstream HTTPRoute test manifest, and each name once", () => {
    const names = conformanceCases.map((testCase) => testCase.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...new Set(conformanceCases.map((testCase) => testCase.manifest))].sort()).toEqual(readdirSync(join(upstreamManifests, "tests")).sort());
  });

  it("fails exactly the cases listed in KNOWN-GAPS.md", { timeout: 120_000 }, async () => {
    const results = await runCases(conformanceCases, servesAtOnce);
    const failed = results.filter((result) => !result.passed).length;
    console.log(`${results.length - failed} passed, ${failed} failed`);
    const gaps = parseKnownGaps(readFileSync(knownGapsFile, "utf8"));
    expect(gaps.problems).toEqual([]);
    const differences = compareWithKnownGaps(results, gaps);
    const regressions = differences.unexpectedFailures.map((result) => `${result.name}:\n  ${result.reasons.join("\n  ")}`);
    expect(regressions, "failing cases not in KNOWN-GAPS.md").toEqual([]);
    expect(differences.nowPassing, "passing cases still in KNOWN-GAPS.md: remove them").toEqual([]);
    expect(differences.unknown, "KNOWN-GAPS.md names cases that do not exist").toEqual([]);
  });
});

describe("the runner's comparison, as the harness compares", () => {
  const sent: OutgoingRequest = { method: "GET", path: "/p?q=1", host: undefined, headers: {}, protocol: "http" };
  const echoed = { path: "/p?q=1", host: "127.0.0.1:1", method: "GET", proto: "HTTP/1.1", headers: { "X-Add": ["a", "b"] }, namespace: "gateway-conformance-infra", pod: "infra-backend-v1-abc" };
  const answer = (received: Partial<Received>): Received => ({ status: 200, headers: {}, echoed, ...received });

  it("takes 408 and 504 for each other, and checks nothing but the status of other non-2xx answers", () => {
    expect(responseReasons(sent, { request: { path: "/p" }, status: 504 }, answer({ status: 408, echoed: undefined }))).toEqual([]);
    expect(responseReasons(sent, { request: { path: "/p" }, status: 500, backend: "x" }, answer({ status: 500 }))).toEqual([]);
    expect(responseReasons(sent, { request: { path: "/p" } }, answer({ status: 404 }))).toEqual(["status 404, expected 200"]);
  });

  it("joins a header's values with `,` and holds the pod to the backend's name as a prefix", () => {
    expect(responseReasons(sent, { request: { path: "/p" }, backend: "infra-backend-v1", received: { headers: { "x-add": "a,b" } } }, answer({}))).toEqual([]);
    expect(responseReasons(sent, { request: { path: "/p" }, backend: "infra-backend-v2" }, answer({}))).toEqual(["answered by pod infra-backend-v1-abc, expected one of infra-backend-v2"]);
  });

  it("reads a redirect's Location by parts, a scheme's default port written or not", () => {
    const redirect = (location: string) => answer({ status: 302, headers: { location: [location] }, echoed: undefined });
    const expectation = { request: { path: "/p" }, status: 302, redirect: { scheme: "https", host: "example.org" } };
    expect(responseReasons(sent, expectation, redirect("https://example.org/p"))).toEqual([]);
    expect(responseReasons(sent, expectation, redirect("https://example.org:443/p"))).toEqual([]);
    expect(responseReasons(sent, expectation, redirect("https://example.org:8443/p"))).toEqual(['Location https://example.org:8443/p: port 8443, expected none (or the scheme\'s)']);
  });
});
