import { createHash, randomBytes } from "node:crypto";
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineNames } from "@bosun/proxy";
import { TestBackend, type SeenRequest } from "./support/backend.ts";
import { json, send } from "./support/client.ts";
import { startProxy, type RunningProxy } from "./support/proxy.ts";

const megabytes = (n: number) => n * 1024 * 1024;
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

/** Bodies of several MB in both directions, and proof that neither direction is buffered whole. */
describe.each(engineNames)("streaming through the %s engine", (engine) => {
  const download = randomBytes(megabytes(8));
  let backend: TestBackend;
  let streamingBackend: TestBackend;
  let proxy: RunningProxy;
  /** Resolves when the streaming backend has seen the first chunk of an upload. */
  let firstChunkSeen: () => void = () => undefined;
  /** Lets the streaming backend send the rest of its response. */
  let releaseRest: () => void = () => undefined;

  beforeAll(async () => {
    backend = await TestBackend.start("bulk", (request, response, body) => {
      if (request.url === "/download") {
        response.writeHead(200, { "content-length": download.length });
        return response.end(download);
      }
      const text = JSON.stringify({ bodyBytes: body.length, bodySha256: sha256(body) });
      response.end(text);
    });
    streamingBackend = await TestBackend.start("streaming", undefined, {
      streaming: (request, response) => {
        if (request.url === "/upload") {
          request.once("data", () => firstChunkSeen());
          request.resume();
          request.on("end", () => response.end("done"));
          return;
        }
        response.writeHead(200, { "content-type": "application/octet-stream" });
        response.write(Buffer.alloc(64 * 1024, 1));
        releaseRest = () => response.end(Buffer.alloc(64 * 1024, 2));
      },
    });
    proxy = await startProxy(
      `bulk: PathSubtree("/bulk") -> modPath("^/bulk", "") -> "${backend.url}";
       stream: PathSubtree("/stream") -> modPath("^/stream", "") -> "${streamingBackend.url}";`,
      engine,
    );
  });

  afterAll(async () => {
    await proxy.close();
    await Promise.all([backend.close(), streamingBackend.close()]);
  });

  it("carries an 8 MB upload whole", async () => {
    const upload = randomBytes(megabytes(8));
    const seen = json<SeenRequest>(await send(`${proxy.url}/bulk/upload`, { method: "POST", body: upload, timeoutMs: 20_000 }));
    expect(seen.bodyBytes).toBe(upload.length);
    expect(seen.bodySha256).toBe(sha256(upload));
  });

  it("carries an 8 MB download whole", async () => {
    const response = await send(`${proxy.url}/bulk/download`, { timeoutMs: 20_000 });
    expect(response.body.length).toBe(download.length);
    expect(sha256(response.body)).toBe(sha256(download));
  });

  it("streams a chunked upload: the backend sees the first chunk before the client has sent the rest", async () => {
    const seen = new Promise<void>((resolve) => (firstChunkSeen = resolve));
    const answer = new Promise<string>((resolve, reject) => {
      const request = httpRequest(`${proxy.url}/stream/upload`, { method: "POST", agent: false }, (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => (text += chunk.toString()));
        response.on("end", () => resolve(text));
      });
      request.on("error", reject);
      request.write(Buffer.alloc(64 * 1024, 7));
      // Only once the backend has the first chunk does the client finish: a proxy that buffers
      // the whole body would wait for the end forever, and the test would time out.
      void seen.then(() => request.end(Buffer.alloc(64 * 1024, 8)));
    });
    await expect(withTimeout(seen, 5_000, "the backend never saw the first chunk")).resolves.toBeUndefined();
    expect(await answer).toBe("done");
  });

  it("streams a response: the client reads the first chunk before the backend has written the rest", async () => {
    const received = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(`${proxy.url}/stream/download`, { agent: false }, (response) => {
        let bytes = 0;
        let released = false;
        response.on("data", (chunk: Buffer) => {
          bytes += chunk.length;
          if (!released) {
            released = true;
            releaseRest();
          }
        });
        response.on("end", () => resolve(bytes));
      });
      request.setTimeout(5_000, () => request.destroy(new Error("the first chunk never arrived")));
      request.on("error", reject);
      request.end();
    });
    expect(received).toBe(128 * 1024);
  });
});

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_resolve, reject) => setTimeout(() => reject(new Error(message)), ms).unref())]);
}
