import { randomUUID } from "node:crypto";
import type { CaseRun, ConformanceCase, RequestExpectation } from "../conformance-case.ts";
import { inOrder } from "../run-case.ts";
import { modifiedHeaders } from "./filters.ts";

/**
 * RequestMirror (gateway-api.md §2.7): the client is answered by the rule's backend, and each
 * mirror's pods receive the same path and query (the harness finds them by a request id).
 */

const [v1, v2, v3] = ["infra-backend-v1", "infra-backend-v2", "infra-backend-v3"];

const mirrored = (path: string, to: readonly string[], headers = false): RequestExpectation => ({
  request: { path, ...(headers && { headers: modifiedHeaders.request }) },
  ...(headers && { received: modifiedHeaders.received }),
  backend: v1,
  mirroredTo: to,
});

/**
 * The percentage check (§4): 500 requests, and the mirror's copies within 3σ of n·p. Copies go
 * out beside the answers: counted once they stop coming (at most 3 s). Up to 3 tries, as the
 * harness retries its distribution checks.
 */
async function mirroredShare(run: CaseRun, path: string, share: number): Promise<string[]> {
  const total = 500;
  const bound = 3 * Math.sqrt(total * share * (1 - share));
  let reason = "";
  for (let attempt = 1; attempt <= 3; attempt++) {
    const ids = new Set<string>();
    const answers = await inOrder(Array.from({ length: total }), 10, async () => {
      const id = randomUUID();
      ids.add(`${path}?gateway-api-conformance-request-id=${id}`);
      return (await run.send({ request: { path: `${path}?gateway-api-conformance-request-id=${id}` } })).received.echoed?.pod ?? "(no echo)";
    });
    const copies = () => run.cluster.seenBy(`gateway-conformance-infra/${v2}`).filter((uri) => ids.has(uri)).length;
    let count = -1;
    for (let wait = 0; wait < 15 && count !== copies(); wait++) {
      count = copies();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const unanswered = answers.filter((pod) => !pod.startsWith(`${v1}-`)).length;
    if (unanswered === 0 && Math.abs(count - total * share) <= bound) return [];
    reason = `${count} of ${total} copies reached ${v2}, expected ${total * share} ± ${bound.toFixed(1)}${unanswered > 0 ? `; ${unanswered} requests not answered by ${v1}` : ""}`;
  }
  return [`GET ${path}, 3 tries: ${reason}`];
}

export const mirrorCases: readonly ConformanceCase[] = [
  {
    name: "httproute-request-mirror",
    manifest: "httproute-request-mirror.yaml",
    requests: [mirrored("/mirror", [v2]), mirrored("/mirror-and-modify-headers", [v2], true)],
  },
  {
    name: "httproute-request-multiple-mirrors",
    manifest: "httproute-request-multiple-mirrors.yaml",
    requests: [mirrored("/multi-mirror", [v2, v3]), mirrored("/multi-mirror-and-modify-request-headers", [v2, v3], true)],
  },
  {
    name: "httproute-request-percentage-mirror",
    manifest: "httproute-request-percentage-mirror.yaml",
    requests: [
      { request: { path: "/percent-mirror" }, backend: v1 },
      { request: { path: "/percent-mirror-fraction" }, backend: v1 },
      { request: { path: "/percent-mirror-and-modify-headers", headers: modifiedHeaders.request }, received: modifiedHeaders.received, backend: v1 },
    ],
    steps: [
      (run) => mirroredShare(run, "/percent-mirror", 0.2),
      // fraction 25/50
      (run) => mirroredShare(run, "/percent-mirror-fraction", 0.5),
      (run) => mirroredShare(run, "/percent-mirror-and-modify-headers", 0.35),
    ],
  },
];
