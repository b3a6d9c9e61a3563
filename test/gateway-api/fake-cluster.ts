import { EchoBackend } from "./echo-backend.ts";
import { objectName, type KubeDocument } from "./manifests.ts";

/**
 * A conformance test's objects as a cluster would hold them once its pods run, on 127.0.0.1 only:
 * each Deployment is replaced by an echo backend per container port its Services target, the pods
 * listen on local ports (so each Service port's targetPort is rewritten to its backend's port, as
 * if the pods declared that port), and every Service with a selector gets the EndpointSlice the
 * endpoint controller would write.
 */

interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
  appProtocol?: string;
}

interface ServiceSpec {
  selector?: Record<string, string>;
  ports?: ServicePort[];
}

interface SlicePort {
  name?: string;
  port: number;
}

export interface FakeClusterOptions {
  /**
   * Services without a selector, by `namespace/name`, whose EndpointSlices of the manifests list
   * the pods of this Deployment (of the same namespace), as `HTTPRouteServiceTypes` fills them.
   */
  readonly manualEndpoints?: Readonly<Record<string, string>>;
}

const serviceNameLabel = "kubernetes.io/service-name";

export class FakeCluster {
  private constructor(
    /** The objects as served: Deployments gone, target ports local, EndpointSlices added. */
    readonly documents: readonly KubeDocument[],
    /** The echo backends by `namespace/deployment:containerPort`. */
    private readonly backends: ReadonlyMap<string, EchoBackend>,
    /** Each Service's Deployment, by `namespace/name`. */
    private readonly podsOf: ReadonlyMap<string, string>,
  ) {}

  static async start(documents: readonly KubeDocument[], options: FakeClusterOptions = {}): Promise<FakeCluster> {
    const served = structuredClone(documents.filter((document) => document.kind !== "Deployment"));
    const podsOf = new Map<string, string>();
    const wanted = new Map<string, "http" | "h2c">();
    for (const service of served.filter((document) => document.kind === "Service")) {
      const deployment = deploymentOf(service, options);
      if (deployment === undefined) continue;
      podsOf.set(objectName(service), deployment);
      for (const port of tcpPorts(service)) wanted.set(backendKey(service, deployment, port), port.appProtocol === "kubernetes.io/h2c" ? "h2c" : "http");
    }
    const backends = await startBackends(wanted);
    const slices: KubeDocument[] = [];
    for (const service of served.filter((document) => document.kind === "Service" && podsOf.has(objectName(document)))) {
      const deployment = podsOf.get(objectName(service))!;
      const localPort = (port: ServicePort) => backends.get(backendKey(service, deployment, port))!.port;
      const ports = tcpPorts(service);
      const existing = served.filter((document) => isSliceOf(document, service));
      if (existing.length > 0) fillManualSlices(existing, ports, localPort);
      else slices.push(endpointSlice(service, ports, localPort));
      for (const port of ports) port.targetPort = localPort(port);
    }
    // As the API server sets it on create: what status conditions carry as observedGeneration.
    for (const document of served) document.metadata.generation ??= 1;
    return new FakeCluster([...served, ...slices], backends, podsOf);
  }

  /** The request URIs the pods behind a Service received (`namespace/name`), over all their ports. */
  seenBy(service: string): string[] {
    const deployment = this.podsOf.get(service);
    if (deployment === undefined) return [];
    const prefix = `${service.slice(0, service.indexOf("/"))}/${deployment}:`;
    return [...this.backends].filter(([key]) => key.startsWith(prefix)).flatMap(([, backend]) => backend.seen);
  }

  async close(): Promise<void> {
    await Promise.all([...this.backends.values()].map((backend) => backend.close()));
  }
}

/** One echo backend per pod port; none left listening when one does not start. */
async function startBackends(wanted: ReadonlyMap<string, "http" | "h2c">): Promise<Map<string, EchoBackend>> {
  const started = await Promise.allSettled(
    [...wanted].map(async ([key, protocol]) => {
      const [namespace, deployment] = key.slice(0, key.lastIndexOf(":")).split("/") as [string, string];
      return [key, await EchoBackend.start({ namespace, name: `${deployment}-7c9d5f-x2x4q` }, protocol)] as const;
    }),
  );
  const backends = new Map(started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : [])));
  const failure = started.find((result) => result.status === "rejected");
  if (failure === undefined) return backends;
  await Promise.all([...backends.values()].map((backend) => backend.close()));
  throw failure.reason;
}

function deploymentOf(service: KubeDocument, options: FakeClusterOptions): string | undefined {
  const spec = service["spec"] as ServiceSpec;
  return spec.selector?.["app"] ?? options.manualEndpoints?.[objectName(service)];
}

function tcpPorts(service: KubeDocument): ServicePort[] {
  return ((service["spec"] as ServiceSpec).ports ?? []).filter((port) => (port.protocol ?? "TCP") === "TCP");
}

/** A pod's container port: the Service port's numeric targetPort (all the upstream manifests have), else its port. */
function backendKey(service: KubeDocument, deployment: string, port: ServicePort): string {
  const target = typeof port.targetPort === "number" ? port.targetPort : port.port;
  return `${service.metadata.namespace}/${deployment}:${target}`;
}

function isSliceOf(document: KubeDocument, service: KubeDocument): boolean {
  return document.kind === "EndpointSlice" && document.metadata.namespace === service.metadata.namespace && document.metadata.labels?.[serviceNameLabel] === service.metadata.name;
}

/** What the endpoint controller writes for a Service with a selector: one ready pod, on every Service port. */
function endpointSlice(service: KubeDocument, ports: readonly ServicePort[], localPort: (port: ServicePort) => number): KubeDocument {
  return {
    apiVersion: "discovery.k8s.io/v1",
    kind: "EndpointSlice",
    metadata: { name: `${service.metadata.name}-x7k2p`, namespace: service.metadata.namespace!, labels: { [serviceNameLabel]: service.metadata.name } },
    addressType: "IPv4",
    endpoints: [{ addresses: ["127.0.0.1"], conditions: { ready: true, serving: true, terminating: false } }],
    ports: ports.map((port) => ({ name: port.name ?? "", port: localPort(port), protocol: "TCP", ...(port.appProtocol ? { appProtocol: port.appProtocol } : {}) })),
  };
}

/** Slices a test manages itself: their ports are the pods' (local) ports, and an empty IPv4 one lists the pods. */
function fillManualSlices(slices: readonly KubeDocument[], ports: readonly ServicePort[], localPort: (port: ServicePort) => number): void {
  for (const slice of slices) {
    for (const slicePort of (slice["ports"] ?? []) as SlicePort[]) {
      const port = ports.find((candidate) => (candidate.name ?? "") === (slicePort.name ?? "")) ?? (ports.length === 1 ? ports[0] : undefined);
      if (port !== undefined) slicePort.port = localPort(port);
    }
    const endpoints = slice["endpoints"] as unknown[] | undefined;
    if (slice["addressType"] === "IPv4" && (endpoints === undefined || endpoints.length === 0)) {
      slice["endpoints"] = [{ addresses: ["127.0.0.1"], conditions: { ready: true, serving: true, terminating: false } }];
    }
  }
}
