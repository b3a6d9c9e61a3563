import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { parse as parseYaml } from "yaml";
import { labelsMatch } from "./label-selector.ts";
import { apiVersionOf, coreVersions, groupList, resourceList, resourceTypes, type ResourceType } from "./resources.ts";
import { ObjectStore, StatusError, type StoreEvent, type StoredObject } from "./store.ts";

export interface TestApiServerOptions {
  /** Milliseconds between BOOKMARK events on watches that allow them. */
  readonly bookmarkMs?: number;
}

/** Where a request points: the type, and the namespace, name and subresource when it names them. */
interface Target {
  readonly type: ResourceType;
  readonly namespace: string | undefined;
  readonly name: string | undefined;
  readonly status: boolean;
}

/** One request the server answered, for tests that look at what the client asked. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
}

function sendJson(response: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(code, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  response.end(text);
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    // JSON is YAML: apply patches may come as either.
    return request.headers["content-type"]?.includes("yaml") ? parseYaml(text) : JSON.parse(text);
  } catch {
    throw new StatusError(400, "BadRequest", "the body does not decode");
  }
}

/**
 * A server that speaks the Kubernetes API over real HTTP on 127.0.0.1, for the real
 * @kubernetes/client-node and kubectl to talk to: discovery, list with resourceVersion, `limit`
 * and `continue`, watch streams (ADDED, MODIFIED, DELETED, BOOKMARK, and 410 Gone for a
 * compacted resourceVersion), create, replace, merge patch, delete, and the status subresource
 * with optimistic concurrency; of namespaced kinds and of cluster-scoped ones (Namespace,
 * GatewayClass), which, as on a real server, have no path in a namespace. Faults are the test's to cause: latency, the server going away,
 * watches cut, history compacted, a CRD not installed.
 *
 * Simplifications, as a test needs no more: strategic-merge and apply patches are taken as JSON
 * merge patches, a watch with a label selector filters on the object's new labels, and nothing
 * is validated beyond names and resourceVersions, so a malformed object is stored as sent.
 */
export class TestApiServer {
  readonly store = new ObjectStore();
  readonly requests: SeenRequest[] = [];
  /** Custom resource kinds whose CRD is installed. */
  private readonly installed = new Set<string>();
  private readonly watches = new Set<ServerResponse>();
  private readonly sockets = new Set<Socket>();
  private server: Server;
  private port = 0;
  /** Added before every answer. */
  latencyMs = 0;
  /** Connections accepted so far: whether clients keep theirs alive. */
  connections = 0;
  /**
   * Called before a status write is applied, to let a test change the object in between (another
   * controller writing), so that the write meets a real conflict.
   */
  beforeStatusWrite: ((kind: string, namespace: string | undefined, name: string) => void) | undefined;

  private constructor(private readonly options: TestApiServerOptions) {
    this.server = this.makeServer();
  }

  static async start(options: TestApiServerOptions = {}): Promise<TestApiServer> {
    const api = new TestApiServer(options);
    await api.listen();
    return api;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  installCrd(kind: string): void {
    this.installed.add(kind);
  }

  uninstallCrd(kind: string): void {
    this.installed.delete(kind);
  }

  typeOf(kind: string): ResourceType {
    const type = resourceTypes.find((each) => each.kind === kind);
    if (type === undefined) throw new Error(`the test API server has no kind ${kind}`);
    return type;
  }

  /** Creates or replaces the object, as `kubectl apply` would. */
  apply(object: { kind: string; metadata: { name: string; namespace?: string } } & Record<string, unknown>): StoredObject {
    const type = this.typeOf(object.kind);
    const namespace = type.namespaced ? (object.metadata.namespace ?? "default") : undefined;
    try {
      const current = this.store.get(type, namespace, object.metadata.name);
      return this.store.replace(type, namespace, object.metadata.name, { ...object, metadata: { ...object.metadata, resourceVersion: current.metadata.resourceVersion } }, false);
    } catch (error) {
      if (!(error instanceof StatusError) || error.code !== 404) throw error;
      return this.store.create(type, namespace, object);
    }
  }

  /** Deletes the object; the namespace is not used for a cluster-scoped kind. */
  remove(kind: string, namespace: string | undefined, name: string): void {
    const type = this.typeOf(kind);
    this.store.delete(type, type.namespaced ? namespace : undefined, name);
  }

  /** Ends every watch stream mid-way, as a load balancer or an API server restart does. */
  cutWatches(): void {
    for (const watch of this.watches) watch.destroy();
    this.watches.clear();
  }

  /** Stops answering: connections are refused until `resume`. */
  async stop(): Promise<void> {
    // Stop accepting first: a client that retries at once must not slip in before the close.
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.cutWatches();
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  /** Listens again on the same port. */
  async resume(): Promise<void> {
    this.server = this.makeServer();
    await this.listen();
  }

  private async listen(): Promise<void> {
    this.server.listen(this.port, "127.0.0.1");
    await once(this.server, "listening");
    this.port = (this.server.address() as AddressInfo).port;
  }

  private makeServer(): Server {
    const server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        if (response.headersSent) return response.destroy();
        if (error instanceof StatusError) return sendJson(response, error.code, error.status);
        sendJson(response, 500, new StatusError(500, "InternalError", String(error)).status);
      });
    });
    server.on("connection", (socket) => {
      this.connections++;
      this.sockets.add(socket);
      socket.once("close", () => this.sockets.delete(socket));
    });
    return server;
  }

  private served(): ResourceType[] {
    return resourceTypes.filter((type) => !type.custom || this.installed.has(type.kind));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://api");
    this.requests.push({ method: request.method ?? "GET", path: url.pathname, query: url.searchParams });
    if (this.latencyMs > 0) await sleep(this.latencyMs);
    const discovery = this.discovery(url.pathname);
    if (discovery !== undefined) return sendJson(response, 200, discovery);
    const target = this.target(url.pathname);
    const method = request.method ?? "GET";
    if (method === "GET" && target.name === undefined) {
      const watch = url.searchParams.get("watch");
      return watch === "true" || watch === "1" ? this.watch(target, url.searchParams, response) : this.list(target, url.searchParams, response);
    }
    if (method === "GET") return sendJson(response, 200, this.store.get(target.type, target.namespace, target.name!));
    if (method === "POST" && target.name === undefined) return sendJson(response, 201, this.store.create(target.type, target.namespace, await readBody(request)));
    if (target.name === undefined) throw new StatusError(405, "MethodNotAllowed", `${method} is not allowed on a collection`);
    if (target.status && method !== "GET") this.beforeStatusWrite?.(target.type.kind, target.namespace, target.name);
    if (method === "PUT") return sendJson(response, 200, this.store.replace(target.type, target.namespace, target.name, await readBody(request), target.status));
    if (method === "PATCH") return sendJson(response, 200, this.store.patch(target.type, target.namespace, target.name, await readBody(request), target.status));
    if (method === "DELETE") return sendJson(response, 200, this.store.delete(target.type, target.namespace, target.name));
    throw new StatusError(405, "MethodNotAllowed", `${method} is not allowed`);
  }

  private discovery(path: string): unknown | undefined {
    if (path === "/version") return { major: "1", minor: "32", gitVersion: "v1.32.0-bosun-test", platform: "linux/amd64" };
    if (path === "/api") return coreVersions;
    if (path === "/apis") return groupList(this.served());
    const groupVersion = /^\/api\/(v1)$/.exec(path)?.[1] ?? /^\/apis\/([^/]+\/[^/]+)$/.exec(path)?.[1];
    if (groupVersion === undefined) return undefined;
    const list = resourceList(this.served(), groupVersion);
    if (list === undefined) throw new StatusError(404, "NotFound", "the server could not find the requested resource");
    return list;
  }

  private target(path: string): Target {
    const segments = path.split("/").filter((segment) => segment !== "").map(decodeURIComponent);
    const [groupVersion, rest] = segments[0] === "api" ? [segments[1] ?? "", segments.slice(2)] : [`${segments[1]}/${segments[2]}`, segments.slice(3)];
    const ofGroupVersion = this.served().filter((each) => apiVersionOf(each) === groupVersion);
    // `namespaces/NS/PLURAL…` is a namespaced kind in a namespace; `namespaces/NAME/status` would be a Namespace's own.
    const namespaced = rest[0] === "namespaces" && rest.length >= 3 && ofGroupVersion.some((each) => each.namespaced && each.plural === rest[2]);
    const [plural, name, subresource, ...more] = namespaced ? rest.slice(2) : rest;
    const type = ofGroupVersion.find((each) => each.plural === plural);
    // A cluster-scoped kind has no path in a namespace (found no namespaced kind of its plural above), and one object of a namespaced kind is found in its namespace only.
    const misplaced = type !== undefined && type.namespaced && !namespaced && name !== undefined;
    if (type === undefined || misplaced || more.length > 0 || (subresource !== undefined && !(subresource === "status" && type.statusSubresource))) {
      throw new StatusError(404, "NotFound", "the server could not find the requested resource");
    }
    return { type, namespace: namespaced ? rest[1] : undefined, name, status: subresource === "status" };
  }

  private matching(target: Target, query: URLSearchParams): (object: StoredObject) => boolean {
    const selector = query.get("labelSelector");
    return (object) => (target.namespace === undefined || object.metadata.namespace === target.namespace) && labelsMatch(selector, object.metadata.labels ?? {});
  }

  private list(target: Target, query: URLSearchParams, response: ServerResponse): void {
    const items = this.store.list(target.type, target.namespace).filter(this.matching(target, query));
    const limit = Number(query.get("limit") ?? "0");
    let start = 0;
    let listVersion = this.store.resourceVersion;
    const token = query.get("continue");
    if (token) {
      const decoded = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { rv: number; start: number };
      if (decoded.rv < this.store.compactedBefore) throw new StatusError(410, "Expired", "The provided continue parameter is too old to display a consistent list result.");
      start = decoded.start;
      listVersion = decoded.rv;
    }
    const page = limit > 0 ? items.slice(start, start + limit) : items.slice(start);
    const next = start + page.length;
    const more = limit > 0 && next < items.length;
    const metadata = {
      resourceVersion: String(listVersion),
      ...(more ? { continue: Buffer.from(JSON.stringify({ rv: listVersion, start: next })).toString("base64url"), remainingItemCount: items.length - next } : {}),
    };
    // The API server leaves kind and apiVersion out of a built-in list's items; a CRD's keep them.
    const shown = target.type.custom ? page : page.map(({ kind: _kind, apiVersion: _apiVersion, ...item }) => item);
    sendJson(response, 200, { kind: `${target.type.kind}List`, apiVersion: apiVersionOf(target.type), metadata, items: shown });
  }

  private watch(target: Target, query: URLSearchParams, response: ServerResponse): void {
    const matches = this.matching(target, query);
    const from = query.get("resourceVersion") ?? "";
    response.writeHead(200, { "content-type": "application/json", "transfer-encoding": "chunked" });
    // The API server answers a watch at once, before any event.
    response.flushHeaders();
    const write = (type: string, object: unknown) => response.write(`${JSON.stringify({ type, object })}\n`);
    if (from !== "" && from !== "0" && this.store.eventsSince(target.type, Number(from)) === undefined) {
      write("ERROR", new StatusError(410, "Expired", `too old resource version: ${from} (${this.store.compactedBefore})`).status);
      response.end();
      return;
    }
    const replay: StoreEvent[] =
      from === "" || from === "0"
        ? this.store.list(target.type).map((object) => ({ type: "ADDED", resource: target.type, object, resourceVersion: Number(object.metadata.resourceVersion) }))
        : this.store.eventsSince(target.type, Number(from))!;
    for (const event of replay) if (matches(event.object)) write(event.type, event.object);
    const unsubscribe = this.store.subscribe((event) => {
      if (event.resource === target.type && matches(event.object)) write(event.type, event.object);
    });
    const bookmarks = query.get("allowWatchBookmarks") === "true" ? setInterval(() => write("BOOKMARK", { kind: target.type.kind, apiVersion: apiVersionOf(target.type), metadata: { resourceVersion: String(this.store.resourceVersion) } }), this.options.bookmarkMs ?? 1_000) : undefined;
    const timeoutSeconds = Number(query.get("timeoutSeconds") ?? "0");
    const timeout = timeoutSeconds > 0 ? setTimeout(() => response.end(), timeoutSeconds * 1000) : undefined;
    this.watches.add(response);
    response.once("close", () => {
      unsubscribe();
      clearInterval(bookmarks);
      clearTimeout(timeout);
      this.watches.delete(response);
    });
  }
}
