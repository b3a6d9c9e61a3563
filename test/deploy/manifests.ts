import { spawnSync } from "node:child_process";
import { parseAllDocuments } from "yaml";

/** The fields of Kubernetes objects the deploy/ tests read; the rest is left untyped. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: Readonly<Record<string, string>> };
}

export interface Probe {
  readonly httpGet?: { readonly path: string; readonly port: number | string };
  readonly tcpSocket?: { readonly port: number | string };
  readonly exec?: unknown;
  readonly grpc?: unknown;
}

export interface Container {
  readonly name: string;
  readonly image: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly env?: ReadonlyArray<{ readonly name: string; readonly valueFrom?: { readonly fieldRef?: { readonly fieldPath: string } } }>;
  readonly ports?: ReadonlyArray<{ readonly name?: string; readonly containerPort: number }>;
  readonly readinessProbe?: Probe;
  readonly livenessProbe?: Probe;
  readonly lifecycle?: { readonly preStop?: { readonly exec?: { readonly command: readonly string[] } } };
  readonly resources?: { readonly requests?: Readonly<Record<string, string>>; readonly limits?: Readonly<Record<string, string>> };
  readonly securityContext?: {
    readonly allowPrivilegeEscalation?: boolean;
    readonly readOnlyRootFilesystem?: boolean;
    readonly capabilities?: { readonly drop?: readonly string[]; readonly add?: readonly string[] };
  };
}

export interface PodSpec {
  readonly serviceAccountName?: string;
  readonly automountServiceAccountToken?: boolean;
  readonly terminationGracePeriodSeconds?: number;
  readonly securityContext?: { readonly runAsNonRoot?: boolean; readonly runAsUser?: number };
  readonly containers: readonly Container[];
}

export interface Deployment extends KubeObject {
  readonly spec: { readonly replicas?: number; readonly template: { readonly metadata: { readonly labels: Readonly<Record<string, string>> }; readonly spec: PodSpec } };
}

export interface Service extends KubeObject {
  readonly spec: { readonly selector: Readonly<Record<string, string>>; readonly ports: ReadonlyArray<{ readonly name?: string; readonly port: number; readonly targetPort?: number | string }> };
}

export interface ServiceAccount extends KubeObject {
  readonly automountServiceAccountToken?: boolean;
}

/** The values of a YAML stream's documents, empty ones left out; any parse error throws, naming the source. */
export function yamlDocuments(text: string, source: string): unknown[] {
  return parseAllDocuments(text)
    .map((document, index) => {
      const problems = [...document.errors, ...document.warnings];
      if (problems.length > 0) throw new Error(`${source}, document ${index + 1}: ${problems.map((problem) => problem.message).join("; ")}`);
      return document.toJS() as unknown;
    })
    .filter((value) => value !== null && value !== undefined);
}

/** What `kubectl kustomize DIR` makes of a kustomization: the objects `kubectl apply -k DIR` applies. */
export function kustomize(dir: string): KubeObject[] {
  const built = spawnSync("kubectl", ["kustomize", dir], { encoding: "utf8", timeout: 60_000 });
  if (built.status !== 0) throw new Error(`kubectl kustomize ${dir} failed: ${built.stderr || built.error?.message}`);
  return yamlDocuments(built.stdout, `kubectl kustomize ${dir}`) as KubeObject[];
}

export function ofKind<T extends KubeObject>(objects: readonly KubeObject[], kind: string): T[] {
  return objects.filter((object) => object.kind === kind) as T[];
}

/** `kind/name`, or `kind/namespace/name` for a namespaced object. */
export function objectKey(object: KubeObject): string {
  const { namespace, name } = object.metadata;
  return namespace === undefined ? `${object.kind}/${name}` : `${object.kind}/${namespace}/${name}`;
}
