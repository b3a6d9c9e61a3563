import { randomUUID } from "node:crypto";
import type { CaseResult } from "../conformance/run-case.ts";
import { send, type OutgoingRequest } from "./client.ts";
import { infraNamespace, sameNamespace80, type CaseRun, type ConformanceCase, type RequestExpectation } from "./conformance-case.ts";
import { responseReasons } from "./expectations.ts";
import { FakeCluster } from "./fake-cluster.ts";
import { caseDocuments, gatewayPorts, type KubeDocument } from "./manifests.ts";
import { statusReasons } from "./route-status.ts";
import { SharedServe } from "./shared-serve.ts";

/**
 * One conformance case end to end: its objects in a fake cluster, served by a `bosun serve` with
 * an address per Gateway listener port, the statuses bosun computes, then the case's requests and
 * steps. Every wait is bounded; the backends are stopped whatever happens.
 */

export const caseSet = "gateway-api/httproute";

/** How long a mirror may take to deliver its copy: it is sent beside the request, not before the answer. */
const mirrorWaitMs = 3_000;

/**
 * Every case, on `width` serves that take one case at a time: each binds every Gateway listener
 * port any case has. Results in the cases' order.
 */
export async function runCases(cases: readonly ConformanceCase[], width: number): Promise<CaseResult[]> {
  const bindings = [...new Set(cases.flatMap((testCase) => gatewayPorts(caseDocuments(testCase.manifest))))];
  const serves = await Promise.all(Array.from({ length: width }, () => SharedServe.start(bindings)));
  try {
    const idle = [...serves];
    return await inOrder(cases, width, async (testCase) => {
      const serve = idle.pop()!;
      try {
        return await runCase(testCase, serve);
      } finally {
        idle.push(serve);
      }
    });
  } finally {
    await Promise.all(serves.map((serve) => serve.stop()));
  }
}

export async function runCase(testCase: ConformanceCase, serve: SharedServe): Promise<CaseResult> {
  const reasons: string[] = [];
  let cluster: FakeCluster | undefined;
  try {
    const documents = caseDocuments(testCase.manifest);
    cluster = await FakeCluster.start(documents, testCase.cluster);
    const routesOfTest = documents.filter((document) => document.kind === "HTTPRoute");
    reasons.push(...statusReasons(cluster.documents, testCase.status ?? [], routesOfTest));
    reasons.push(...(await serve.serve(cluster.documents)));
    const run = caseRun(cluster, serve, routesOfTest);
    reasons.push(...(await inOrder(testCase.requests ?? [], 4, (expectation) => run.check(expectation))).flat());
    for (const step of testCase.steps ?? []) reasons.push(...(await step(run)));
  } catch (error) {
    reasons.push(`runner: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await cluster?.close();
  }
  return { name: testCase.name, set: caseSet, passed: reasons.length === 0, reasons };
}

function caseRun(cluster: FakeCluster, serve: SharedServe, routesOfTest: readonly KubeDocument[]): CaseRun {
  const gateways = serve.gateways;
  const originOf = (expectation: RequestExpectation) => {
    const gateway = expectation.gateway ?? sameNamespace80;
    const origin = gateways.get(gateway);
    if (origin === undefined) throw new Error(`bosun serve bound no address for ${gateway}`);
    return origin;
  };
  return {
    cluster,
    gateways,
    serve: (documents) => serve.serve(documents),
    async send(expectation) {
      const outgoing = outgoingRequest(expectation);
      return { received: await send(originOf(expectation), outgoing), path: outgoing.path };
    },
    async check(expectation) {
      const outgoing = outgoingRequest(expectation);
      const label = `${outgoing.method} ${outgoing.path}${outgoing.host === undefined ? "" : ` (Host ${outgoing.host})`}${expectation.gateway ? ` on ${expectation.gateway}` : ""}`;
      try {
        const received = await send(originOf(expectation), outgoing);
        const reasons = responseReasons(outgoing, expectation, received);
        for (const service of expectation.mirroredTo ?? []) {
          const key = service.includes("/") ? service : `${infraNamespace}/${service}`;
          if (!(await eventually(() => cluster.seenBy(key).includes(outgoing.path), mirrorWaitMs))) reasons.push(`no copy reached ${key} within ${mirrorWaitMs} ms`);
        }
        return reasons.map((reason) => `${label}: ${reason}`);
      } catch (error) {
        return [`${label}: ${error instanceof Error ? error.message : String(error)}`];
      }
    },
    statusReasons(expectations, documents = cluster.documents) {
      return statusReasons(documents, expectations, routesOfTest);
    },
  };
}

/** The harness's request for a table row: GET, `X-Echo-Set-Header` always sent, a request id on what a mirror must copy. */
function outgoingRequest(expectation: RequestExpectation): OutgoingRequest {
  const { request } = expectation;
  let path = request.path.replaceAll("{uuid}", () => randomUUID());
  if (expectation.mirroredTo !== undefined) path += `${path.includes("?") ? "&" : "?"}gateway-api-conformance-request-id=${randomUUID()}`;
  const echoSet = Object.entries(expectation.backendSetsResponseHeaders ?? {}).map(([name, value]) => `${name}:${value}`);
  return {
    method: request.method ?? "GET",
    path,
    host: request.host,
    headers: { ...request.headers, "X-Echo-Set-Header": echoSet.join(",") },
    protocol: request.protocol ?? "http",
    serverName: request.serverName,
  };
}

/** Whether `condition` holds within `limitMs`, looked at every 20 ms. */
export async function eventually(condition: () => boolean, limitMs: number): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

/** `work` over `items`, at most `width` at a time, the results in the items' order. */
export async function inOrder<T, R>(items: readonly T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}
