import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import type { ApiAccess } from "@bosun/cluster";
import { apiAccessOfCommand } from "@bosun/cli";
import { filesBelow, repoRoot } from "../support/shared.ts";
import { testTool } from "../support/test-tools.ts";
import { listenPorts, optionValue, probedServer, shutdownSeconds } from "./command-line.ts";
import { argsOf, readDockerfile } from "./dockerfile.ts";
import { kustomize, objectKey, ofKind, yamlDocuments, type Container, type Deployment, type KubeObject, type Probe, type Service, type ServiceAccount } from "./manifests.ts";
import { boundServiceAccounts, grantedPermissions, neededPermissions } from "./rbac.ts";

/**
 * deploy/ held to what it deploys: the RBAC to the API access bosun's own option parsers say the
 * container args need, the probes to the paths the servers answer, the image to the Dockerfile.
 */
const deployDir = join(repoRoot, "deploy");
const yamlFiles = [...filesBelow(deployDir, ".yaml"), ...filesBelow(deployDir, ".yml")];
const isKustomization = (file: string) => basename(file) === "kustomization.yaml";
const documentsOf = (file: string) => yamlDocuments(readFileSync(file, "utf8"), relative(repoRoot, file));
const dockerfile = readDockerfile();
const cliVersion = (JSON.parse(readFileSync(join(repoRoot, "packages/cli/package.json"), "utf8")) as { version: string }).version;

/** The variants docs/kubernetes.md tells to apply with `kubectl apply -k`, and what each holds. */
const direct = [
  "Namespace/bosun",
  "CustomResourceDefinition/routegroups.zalando.org",
  "ClusterRole/bosun",
  "ClusterRoleBinding/bosun",
  "Role/bosun/bosun-status-lease",
  "RoleBinding/bosun/bosun-status-lease",
  "ServiceAccount/bosun/bosun",
  "Deployment/bosun/bosun",
  "Service/bosun/bosun",
];
const variants: ReadonlyArray<readonly [string, readonly string[]]> = [
  ["deploy", direct],
  ["deploy/routesrv", [...direct, "ServiceAccount/bosun/bosun-routesrv", "Deployment/bosun/bosun-routesrv", "Service/bosun/bosun-routesrv"]],
];

interface Kustomization {
  readonly resources?: readonly string[];
  readonly patches?: ReadonlyArray<{ readonly path?: string }>;
}

describe("the files under deploy/", () => {
  it("parse as YAML, and every object in them has apiVersion, kind and metadata.name", () => {
    expect(yamlFiles.length).toBeGreaterThan(0);
    for (const file of yamlFiles.filter((file) => !isKustomization(file))) {
      for (const document of documentsOf(file)) {
        expect(document, relative(repoRoot, file)).toMatchObject({ apiVersion: expect.any(String), kind: expect.any(String), metadata: { name: expect.any(String) } });
      }
    }
  });

  it("are each named by a kustomization, and every file a kustomization names is there", () => {
    const named = new Set<string>();
    for (const file of yamlFiles.filter(isKustomization)) {
      const [kustomization] = documentsOf(file) as Kustomization[];
      // The fields this test follows; another (components, generators) would escape it.
      expect(Object.keys(kustomization ?? {}).filter((key) => !["apiVersion", "kind", "namespace", "resources", "patches"].includes(key)), relative(repoRoot, file)).toEqual([]);
      const paths = [...(kustomization?.resources ?? []), ...(kustomization?.patches ?? []).map((patch) => patch.path ?? "")];
      for (const path of paths.map((entry) => join(dirname(file), entry))) {
        const target = statSync(path, { throwIfNoEntry: false })?.isDirectory() ? join(path, "kustomization.yaml") : path;
        expect(existsSync(target), `${relative(repoRoot, file)} names ${relative(repoRoot, path)}`).toBe(true);
        named.add(target);
      }
    }
    expect(yamlFiles.filter((file) => !isKustomization(file) && !named.has(file)).map((file) => relative(repoRoot, file))).toEqual([]);
  });

  it("hold the RouteGroup CRD byte for byte as crds/ has it (kustomize loads no file from outside its directory)", () => {
    const copy = readFileSync(join(deployDir, "crd/routegroups.zalando.org.yaml"));
    expect(copy.equals(readFileSync(join(repoRoot, "crds/routegroups.zalando.org.yaml"))), "cp crds/routegroups.zalando.org.yaml deploy/crd/").toBe(true);
  });
});

describe("the Dockerfile", () => {
  it("builds on node:20-bookworm-slim with the README's install and build", () => {
    expect(argsOf(dockerfile, "FROM").map((from) => from.split(/\s+/)[0])).toEqual(["node:20-bookworm-slim", "node:20-bookworm-slim"]);
    expect(readFileSync(join(repoRoot, "README.md"), "utf8")).toContain("corepack pnpm install --frozen-lockfile &&");
    expect(argsOf(dockerfile, "RUN")).toContain("corepack pnpm install --frozen-lockfile && corepack pnpm build");
  });

  it("runs the bosun command as a numeric user other than root", () => {
    expect(argsOf(dockerfile, "ENTRYPOINT")).toEqual(['["node", "/app/packages/cli/bin/bosun.js"]']);
    expect(existsSync(join(repoRoot, "packages/cli/bin/bosun.js"))).toBe(true);
    expect(argsOf(dockerfile, "USER").at(-1)).toMatch(/^[1-9]\d*:[1-9]\d*$/);
  });

  it("names the image every Deployment under deploy/ runs, tagged with @bosun/cli's version, as docs/kubernetes.md builds it", () => {
    expect(dockerfile.image).toBe(`ghcr.io/bosun-dev/bosun:${cliVersion}`);
    const images = yamlFiles.flatMap((file) => (documentsOf(file) as Partial<Deployment>[]).flatMap((document) => document.spec?.template?.spec?.containers ?? []).map((container) => container.image));
    expect(images.filter((image) => image !== undefined).length).toBeGreaterThan(0);
    for (const image of images.filter((image) => image !== undefined)) expect(image).toBe(dockerfile.image);
    const build = `docker build -t ${dockerfile.image} .`;
    expect(readFileSync(join(repoRoot, "docs/kubernetes.md"), "utf8").includes(build), `docs/kubernetes.md shows ${build}`).toBe(true);
  });
});

const haveKubectl = testTool("kubectl", "deploy/'s variants as kubectl kustomize renders them (their RBAC, probes, shutdown and security)");

const rendered = new Map<string, KubeObject[]>();
/** A variant as `kubectl apply -k` applies it, built once. */
function objectsOf(variant: string): KubeObject[] {
  if (!rendered.has(variant)) rendered.set(variant, kustomize(join(repoRoot, variant)));
  return rendered.get(variant)!;
}

/** Every container of every Deployment, with its command line (the image's ENTRYPOINT is bosun). */
function containersOf(objects: readonly KubeObject[]): Array<{ deployment: Deployment; container: Container; args: readonly string[] }> {
  return ofKind<Deployment>(objects, "Deployment").flatMap((deployment) => deployment.spec.template.spec.containers.map((container) => ({ deployment, container, args: container.args ?? [] })));
}

describe.runIf(haveKubectl).each(variants)("kubectl kustomize %s", (variant, expectedObjects) => {
  it("holds the namespace, the CRD, the RBAC, the Deployments, their service accounts and Services", () => {
    expect(objectsOf(variant).map(objectKey).sort()).toEqual([...expectedObjects].sort());
  });

  it("grants each service account exactly the API access its containers' command lines need", async () => {
    const objects = objectsOf(variant);
    let output = "";
    const io = { stdout: (text: string) => void (output += text), stderr: (text: string) => void (output += text) };
    const accounts = new Map<string, { name: string; namespace: string; leaseNamespace: string; access: ApiAccess[]; pods: Deployment[] }>();
    for (const { deployment, container, args } of containersOf(objects)) {
      expect(container.command, "the image's ENTRYPOINT runs bosun; args begin with its subcommand").toBeUndefined();
      const namespace = deployment.metadata.namespace!;
      const name = deployment.spec.template.spec.serviceAccountName ?? "default";
      const access = await apiAccessOfCommand(args, io);
      if (access.some((entry) => entry.scope === "lease-namespace") && optionValue(args, "status-lease") === undefined) {
        // --status-lease defaults to $POD_NAMESPACE/bosun-status: the Deployment's own namespace.
        expect(container.env).toContainEqual({ name: "POD_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } });
      }
      const leaseNamespace = optionValue(args, "status-lease")?.split("/")[0] ?? namespace;
      const account = accounts.get(`${namespace}/${name}`) ?? { name, namespace, leaseNamespace, access: [], pods: [] };
      accounts.set(`${namespace}/${name}`, { ...account, access: [...account.access, ...access], pods: [...account.pods, deployment] });
    }
    expect(output).toBe("");
    for (const [key, { name, namespace, leaseNamespace, access, pods }] of accounts) {
      expect(objects.map(objectKey), "the service account exists").toContain(`ServiceAccount/${key}`);
      expect(grantedPermissions(objects, { name, namespace }, leaseNamespace), key).toEqual(neededPermissions(access));
      if (access.length > 0) continue;
      // Needing no API access, it gets no token either.
      const serviceAccount = ofKind<ServiceAccount>(objects, "ServiceAccount").find((candidate) => objectKey(candidate) === `ServiceAccount/${key}`);
      for (const pod of pods) expect(pod.spec.template.spec.automountServiceAccountToken ?? serviceAccount?.automountServiceAccountToken, key).toBe(false);
    }
    const needing = [...accounts].filter(([, { access }]) => access.length > 0).map(([key]) => key);
    expect(boundServiceAccounts(objects), "no binding for an account that needs nothing, or that no Deployment uses").toEqual(needing.sort());
  });

  it("probes the ports the containers declare, at paths their servers answer", () => {
    for (const { deployment, container, args } of containersOf(objectsOf(variant))) {
      const where = `${deployment.metadata.name}/${container.name}`;
      const declared = container.ports ?? [];
      expect(declared.map((port) => port.containerPort).sort(), `${where} declares the ports it listens on`).toEqual(listenPorts(args).sort());
      const portOf = (port: number | string | undefined) => (typeof port === "number" ? declared.find((each) => each.containerPort === port) : declared.find((each) => each.name === port))?.containerPort;
      const server = probedServer(args);
      expect(container.readinessProbe?.httpGet, `${where} is ready when its sources have synced`).toEqual({ path: "/healthz", port: expect.anything() });
      expect(portOf(container.readinessProbe?.httpGet?.port), where).toBe(server.port);
      const liveness: Probe | undefined = container.livenessProbe;
      expect(portOf(liveness?.httpGet?.port ?? liveness?.tcpSocket?.port), `${where}'s liveness probe`).toBe(server.port);
      if (liveness?.httpGet !== undefined) {
        expect(server.paths.serves, where).toContain(liveness.httpGet.path);
        expect(server.paths.unavailableUntilSynced, `${where}'s liveness must not wait for the API server`).not.toContain(liveness.httpGet.path);
      }
    }
  });

  it("leaves the Service's endpoints, then lets requests in flight finish, before the kubelet kills the pod", () => {
    for (const { deployment, container, args } of containersOf(objectsOf(variant))) {
      const [sleep, seconds] = container.lifecycle?.preStop?.exec?.command ?? [];
      expect(sleep, deployment.metadata.name).toBe("sleep");
      const needed = Number(seconds) + shutdownSeconds(args);
      expect(deployment.spec.template.spec.terminationGracePeriodSeconds, deployment.metadata.name).toBeGreaterThan(needed);
    }
  });

  it("runs each container as the image's user, non-root, read-only, unprivileged, sized, in two replicas or more", () => {
    const [uid] = argsOf(dockerfile, "USER").at(-1)!.split(":");
    for (const { deployment, container } of containersOf(objectsOf(variant))) {
      const pod = deployment.spec.template.spec;
      expect(deployment.spec.replicas, deployment.metadata.name).toBeGreaterThanOrEqual(2);
      expect(container.image).toBe(dockerfile.image);
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: Number(uid) });
      expect(container.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } });
      const sized = { cpu: expect.any(String), memory: expect.any(String) };
      expect(container.resources, deployment.metadata.name).toEqual({ requests: sized, limits: sized });
    }
  });

  it("sends each Service's ports to pods of one of its Deployments, and each --routes-url to one of its Services", () => {
    const objects = objectsOf(variant);
    const services = ofKind<Service>(objects, "Service");
    for (const service of services) {
      const selected = containersOf(objects).filter(({ deployment }) => Object.entries(service.spec.selector).every(([key, value]) => deployment.spec.template.metadata.labels[key] === value));
      expect(new Set(selected.map(({ deployment }) => deployment.metadata.name)).size, service.metadata.name).toBe(1);
      for (const port of service.spec.ports) {
        expect(selected[0]!.container.ports?.some((declared) => declared.name === port.targetPort || declared.containerPort === port.targetPort), `${service.metadata.name}:${port.port}`).toBe(true);
      }
    }
    for (const url of containersOf(objects).flatMap(({ args }) => (optionValue(args, "routes-url") === undefined ? [] : [new URL(optionValue(args, "routes-url")!)]))) {
      const [name, namespace] = url.hostname.split(".");
      const service = services.find((candidate) => candidate.metadata.name === name && candidate.metadata.namespace === namespace);
      expect(service?.spec.ports.map((port) => String(port.port)), url.href).toContain(url.port);
    }
  });
});
