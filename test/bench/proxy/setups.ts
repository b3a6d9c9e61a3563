import { serveNodeFlags } from "../../../packages/cli/bin/serve-node-flags.js";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateRoutesDocument } from "../generate-routes.ts";
import { bosunGateway } from "../../support/gateway-manifests.ts";
import { writeNginxConfig } from "./nginx.ts";
import { freePort, start, waitUntilServing, type Child } from "./processes.ts";

/** The setups `bench:proxy` compares: each its own process(es) on `cpu`, in front of one backend. */

export interface SetupContext {
  readonly backendPort: number;
  /** Where routes files and configs are written (.bench-out/proxy). */
  readonly dir: string;
  readonly cpu: number;
  /** Extra node flags for a node process under test (the profile run adds --cpu-prof); nginx ignores them. */
  readonly nodeFlags?: readonly string[];
}

export interface Running {
  readonly children: readonly Child[];
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface Setup {
  readonly key: string;
  readonly name: string;
  start(context: SetupContext): Promise<Running>;
}

const here = import.meta.dirname;
const bosunBin = join(here, "../../../packages/cli/bin/bosun.js");
/** A generated route's host with many routes, and a path of its own: the lookup walks a full host. */
const knownHost = "api.example.org";
const knownPath = "/api/bench";

async function serving(child: Child, port: number, path = "/", headers: Record<string, string> = {}): Promise<Running> {
  const url = `http://127.0.0.1:${port}${path}`;
  await waitUntilServing(child, url, headers);
  return { children: [child], url, headers };
}

function nodeScript(key: string, name: string, script: string): Setup {
  return {
    key,
    name,
    async start({ backendPort, cpu, nodeFlags = [] }) {
      const port = await freePort();
      const child = start(key, process.execPath, [...nodeFlags, join(here, script), String(port), `http://127.0.0.1:${backendPort}`], { cpu });
      return serving(child, port);
    },
  };
}

function oneRoute(dir: string, backendPort: number): string {
  const file = join(dir, "one-route.eskip");
  writeFileSync(file, `r: * -> "http://127.0.0.1:${backendPort}";\n`);
  return file;
}

function manyRoutes(dir: string, backendPort: number, count: number): string {
  const file = join(dir, `${count}-routes.eskip`);
  const known = `bench_known: Host(/^${knownHost.replaceAll(".", "[.]")}$/) && Path("${knownPath}")\n  -> "http://127.0.0.1:${backendPort}";\n`;
  writeFileSync(file, `${generateRoutesDocument(count, 42)}\n${known}`);
  return file;
}

/** `bosun serve` as users run it: the built command, access log (stdout) to /dev/null. */
function bosun(key: string, name: string, engine: string, routes: "one" | number, extraArgs: readonly string[] = []): Setup {
  return {
    key,
    name,
    async start({ backendPort, dir, cpu, nodeFlags = [] }) {
      const port = await freePort();
      const file = routes === "one" ? oneRoute(dir, backendPort) : manyRoutes(dir, backendPort, routes);
      const args = ["serve", "--routes-file", file, "--address", `127.0.0.1:${port}`, "--admin-address", "off", "--proxy-engine", engine, ...extraArgs];
      // With node flags (a profiler), serve's own flags are given too, so that the bin runs serve
      // in this process instead of a child with them (what it does otherwise, bin/bosun.js).
      const flags = nodeFlags.length > 0 ? [...serveNodeFlags, ...nodeFlags] : [];
      const child = start(key, process.execPath, [...flags, bosunBin, ...args], { cpu });
      // "Host" capitalized: wrk sends its own Host header beside any other spelling (a 400).
      return routes === "one" ? serving(child, port) : serving(child, port, knownPath, { Host: knownHost });
    },
  };
}

/** One HTTPRoute on a Gateway: an 80/20 split over two Services (both the backend) with a header filter. */
function gatewayManifests(dir: string, backendPort: number): string {
  const file = join(dir, "httproute.yaml");
  const service = (name: string) => `---
apiVersion: v1
kind: Service
metadata: {namespace: bench, name: ${name}}
spec: {ports: [{port: 80, targetPort: ${backendPort}}]}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {namespace: bench, name: ${name}, labels: {kubernetes.io/service-name: ${name}}}
addressType: IPv4
endpoints: [{addresses: [127.0.0.1], conditions: {ready: true}}]
ports: [{port: ${backendPort}}]
`;
  writeFileSync(
    file,
    `${bosunGateway("bench", "gw", "[{name: http, port: 80, protocol: HTTP}]")}---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {namespace: bench, name: split}
spec:
  parentRefs: [{name: gw}]
  rules:
  - matches: [{path: {type: PathPrefix, value: /}}]
    filters: [{type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: X-Bench, value: "on"}]}}]
    backendRefs: [{name: main, port: 80, weight: 80}, {name: canary, port: 80, weight: 20}]
${service("main")}${service("canary")}`,
  );
  return file;
}

/** `bosun serve` with one HTTPRoute, asked through its Gateway listener. */
const bosunHttpRoute: Setup = {
  key: "bosun-httproute",
  name: "bosun serve (undici), 1 HTTPRoute: 80/20 split + header filter",
  async start({ backendPort, dir, cpu, nodeFlags = [] }) {
    const [port, gatewayPort] = [await freePort(), await freePort()];
    const file = gatewayManifests(dir, backendPort);
    const args = ["serve", "--manifests", file, "--endpoint-slices", "--listener", `80=127.0.0.1:${gatewayPort}`, "--address", `127.0.0.1:${port}`, "--admin-address", "off"];
    const flags = nodeFlags.length > 0 ? [...serveNodeFlags, ...nodeFlags] : [];
    const child = start("bosun-httproute", process.execPath, [...flags, bosunBin, ...args], { cpu });
    return serving(child, gatewayPort);
  },
};

export const setups: readonly Setup[] = [
  nodeScript("undici-passthrough", "undici Pool.stream() pass-through", "undici-passthrough.mjs"),
  nodeScript("node-passthrough", "node:http + keep-alive Agent pass-through", "node-passthrough.mjs"),
  nodeScript("http-proxy-passthrough", "http-proxy-3 pass-through (keep-alive Agent)", "http-proxy-passthrough.mjs"),
  bosun("bosun", "bosun serve (undici), 1 route", "undici", "one"),
  bosun("bosun-no-access-log", "bosun serve --access-log off (undici), 1 route", "undici", "one", ["--access-log", "off"]),
  bosun("bosun-http-proxy-3", "bosun serve --proxy-engine http-proxy-3, 1 route", "http-proxy-3", "one"),
  bosun("bosun-10k", "bosun serve (undici), 10k generated routes + 1", "undici", 10_000),
  bosunHttpRoute,
  {
    key: "nginx",
    name: "nginx, 1 worker, keep-alive upstream",
    async start({ backendPort, dir, cpu }) {
      const port = await freePort();
      const child = start("nginx", "nginx", writeNginxConfig(join(dir, "nginx"), port, backendPort), { cpu });
      return serving(child, port);
    },
  },
];
