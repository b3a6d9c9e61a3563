import { websocketExchange } from "../client.ts";
import { infraNamespace, sameNamespace80, type CaseRun, type ConformanceCase } from "../conformance-case.ts";
import { objectName } from "../manifests.ts";
import { routeConditions } from "../route-status.ts";
import { inOrder } from "../run-case.ts";
import { opcodes } from "../websocket-frames.ts";

/** backendRefs: references and grants, weights, Service kinds and protocols (gateway-api.md §2.8, §2.13). */

const [v1, v2, v3] = ["infra-backend-v1", "infra-backend-v2", "infra-backend-v3"];
const infra = infraNamespace;
const webBackend = { backend: "web-backend", namespace: "gateway-conformance-web-backend" };

/** §2.13: deleting the grant revokes the access, and the route's backend answers 500. */
async function grantRevoked(run: CaseRun): Promise<string[]> {
  const withoutGrant = run.cluster.documents.filter((document) => document.kind !== "ReferenceGrant");
  const refused = await run.serve(withoutGrant);
  const status = run.statusReasons([{ route: `${infra}/reference-grant`, conditions: { Accepted: "True", ResolvedRefs: "False:RefNotPermitted" } }], withoutGrant);
  const traffic = await run.check({ request: { path: "/" }, status: 500 });
  return [...refused, ...status, ...traffic].map((reason) => `after the ReferenceGrant is deleted: ${reason}`);
}

/** The harness's weight check (§4): 500 requests, 10 at a time, each share within ±5 %, none for weight 0, up to 10 tries. */
export async function sharesWithin(run: CaseRun, path: string, shares: Readonly<Record<string, number>>): Promise<string[]> {
  const total = 500;
  let reasons: string[] = [];
  for (let attempt = 1; attempt <= 10; attempt++) {
    const pods = await inOrder(Array.from({ length: total }), 10, async () => (await run.send({ request: { path } })).received.echoed?.pod ?? "(no echo)");
    const counts = new Map(Object.keys(shares).map((backend) => [backend, pods.filter((pod) => pod.startsWith(`${backend}-`)).length]));
    const others = total - [...counts.values()].reduce((sum, count) => sum + count, 0);
    reasons = Object.entries(shares).flatMap(([backend, share]) => {
      const seen = counts.get(backend)! / total;
      if (share === 0 ? seen > 0 : Math.abs(seen - share) > 0.05) return [`${backend} got ${(seen * 100).toFixed(1)} % of ${total} requests, expected ${share * 100} % ± 5`];
      return [];
    });
    if (others > 0) reasons.push(`${others} of ${total} requests answered by no backend of the rule`);
    if (reasons.length === 0) return [];
  }
  return reasons.map((reason) => `GET ${path}, 10 tries: ${reason}`);
}

/** `HTTPRouteObservedGenerationBump`: a changed spec is a new generation, and every condition says it observed it. */
async function generationBumped(run: CaseRun): Promise<string[]> {
  const route = `${infra}/observed-generation-bump`;
  const reasons: string[] = [];
  const generations = (documents: typeof run.cluster.documents) => routeConditions(documents, route).map((condition) => `${condition.type}:${condition.observedGeneration}`);
  const before = generations(run.cluster.documents);
  if (before.length === 0 || before.some((entry) => !entry.endsWith(":1"))) reasons.push(`generation 1: conditions ${before.join(", ")}, expected observedGeneration 1 on each`);
  const bumped = structuredClone(run.cluster.documents) as typeof run.cluster.documents;
  const object = bumped.find((document) => document.kind === "HTTPRoute" && objectName(document) === route)!;
  (object["spec"] as { rules: { backendRefs: { name: string }[] }[] }).rules[0]!.backendRefs[0]!.name = v2;
  object.metadata.generation = 2;
  const after = generations(bumped);
  if (after.length === 0 || after.some((entry) => !entry.endsWith(":2"))) reasons.push(`generation 2: conditions ${after.join(", ")}, expected observedGeneration 2 on each`);
  reasons.push(...run.statusReasons([{ route, conditions: { Accepted: "True", ResolvedRefs: "True" } }], bumped));
  reasons.push(...(await run.serve(bumped)), ...(await run.check({ request: { path: "/" }, backend: v2 })));
  return reasons;
}

/** `HTTPRouteBackendProtocolWebSocket`: a text and a binary frame echoed through the gateway. */
async function websocketEchoed(run: CaseRun): Promise<string[]> {
  const sent = [
    { opcode: opcodes.text, payload: Buffer.from("Websocket Support!") },
    { opcode: opcodes.binary, payload: Buffer.from([1, 2, 3, 4, 5, 6, 7]) },
  ];
  try {
    const received = await websocketExchange(run.gateways.get(sameNamespace80)!, "/ws", sent);
    return sent.flatMap((frame, i) =>
      received[i]?.opcode === frame.opcode && received[i].payload.equals(frame.payload) ? [] : [`websocket /ws: frame ${i + 1} came back as ${JSON.stringify(received[i]?.payload.toString())}`],
    );
  } catch (error) {
    return [`websocket /ws: ${error instanceof Error ? error.message : String(error)}`];
  }
}

export const backendCases: readonly ConformanceCase[] = [
  {
    name: "httproute-reference-grant",
    manifest: "httproute-reference-grant.yaml",
    requests: [{ request: { path: "/" }, ...webBackend }],
    steps: [grantRevoked],
  },
  {
    // Each grant breaks one field (or sits in the route's own namespace): none permits the reference.
    name: "httproute-invalid-reference-grant",
    manifest: "httproute-invalid-reference-grant.yaml",
    status: [{ route: `${infra}/reference-grant`, conditions: { Accepted: "True", ResolvedRefs: "False:RefNotPermitted" } }],
    requests: [{ request: { path: "/" }, status: 500 }],
  },
  {
    name: "httproute-partially-invalid-via-invalid-reference-grant",
    manifest: "httproute-partially-invalid-via-invalid-reference-grant.yaml",
    status: [{ route: `${infra}/invalid-reference-grant`, conditions: { Accepted: "True", ResolvedRefs: "False:RefNotPermitted" } }],
    requests: [
      { request: { path: "/v2" }, status: 500 },
      { request: { path: "/" }, backend: "app-backend-v1", namespace: "gateway-conformance-app-backend" },
    ],
  },
  {
    name: "httproute-invalid-nonexistent-backendref",
    manifest: "httproute-invalid-nonexistent-backendref.yaml",
    status: [{ route: `${infra}/invalid-nonexistent-backend-ref`, conditions: { Accepted: "True", ResolvedRefs: "False:BackendNotFound" } }],
    requests: [{ request: { path: "/" }, status: 500 }],
  },
  {
    name: "httproute-invalid-backendref-unknown-kind",
    manifest: "httproute-invalid-backendref-unknown-kind.yaml",
    status: [{ route: `${infra}/invalid-backend-ref-unknown-kind`, conditions: { Accepted: "True", ResolvedRefs: "False:InvalidKind" } }],
    requests: [{ request: { path: "/" }, status: 500 }],
  },
  {
    name: "httproute-invalid-cross-namespace-backend-ref",
    manifest: "httproute-invalid-cross-namespace-backend-ref.yaml",
    status: [{ route: `${infra}/invalid-cross-namespace-backend-ref`, conditions: { Accepted: "True", ResolvedRefs: "False:RefNotPermitted" } }],
    requests: [{ request: { path: "/" }, status: 500 }],
  },
  {
    // §2.8: a rule without backendRefs, or with an empty list, answers 500.
    name: "httproute-omitted-backendrefs",
    manifest: "httproute-omitted-backendrefs.yaml",
    requests: [
      { request: { path: "/omitted-no-forward" }, status: 500 },
      { request: { path: "/empty-no-forward" }, status: 500 },
      { request: { path: "/" }, backend: v1 },
      { request: { path: "/omitted-no-forward/more" }, backend: v1 },
    ],
  },
  {
    name: "httproute-weight",
    manifest: "httproute-weight.yaml",
    steps: [(run) => sharesWithin(run, "/", { [v1]: 0.7, [v2]: 0.3, [v3]: 0 })],
  },
  {
    // Each Service's endpoints as its kind gives them: manual EndpointSlices filled with the
    // infra-backend-v1 pods (as the upstream test does), a headless Service selecting them.
    name: "httproute-service-types",
    manifest: "httproute-service-types.yaml",
    cluster: { manualEndpoints: { [`${infra}/manual-endpointslices`]: v1, [`${infra}/headless-manual-endpointslices`]: v1 } },
    requests: ["/manual-endpointslices", "/headless", "/headless-manual-endpointslices"].map((path) => ({ request: { path }, backend: v1 })),
  },
  {
    // The upstream client speaks h2c with prior knowledge; the backend's port speaks only h2c,
    // so an HTTP/1.1 request that reaches it was sent on as h2c too.
    name: "httproute-backend-protocol-h2c",
    manifest: "httproute-backend-protocol-h2c.yaml",
    requests: [
      { request: { path: "/", protocol: "h2c" }, backend: v1 },
      { request: { path: "/http1" }, backend: v1 },
    ],
  },
  {
    name: "httproute-backend-protocol-websocket",
    manifest: "httproute-backend-protocol-websocket.yaml",
    steps: [websocketEchoed],
  },
  {
    name: "httproute-observed-generation-bump",
    manifest: "httproute-observed-generation-bump.yaml",
    steps: [generationBumped],
  },
];
