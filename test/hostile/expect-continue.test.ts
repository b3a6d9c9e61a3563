import { request } from "node:http";
import { engineNames } from "@bosun/proxy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestBackend } from "../e2e/support/backend.ts";
import { startProxy, type RunningProxy } from "../e2e/support/proxy.ts";

/** An upload with `Expect: 100-continue`, as curl sends every upload over 1 MB: 100 Continue, then the body reaches the backend whole. */

function upload(url: string, body: Buffer): Promise<{ continued: boolean; status: number; text: string }> {
  return new Promise((resolve, reject) => {
    let continued = false;
    const sent = request(url, { method: "PUT", headers: { expect: "100-continue", "content-length": String(body.length) }, timeout: 10_000 }, (response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => (text += chunk.toString()));
      response.on("end", () => resolve({ continued, status: response.statusCode ?? 0, text }));
    });
    sent.on("continue", () => {
      continued = true;
      sent.end(body);
    });
    sent.on("error", reject);
  });
}

describe.each(engineNames)("Expect: 100-continue through the %s engine", (engine) => {
  let backend: TestBackend;
  let proxy: RunningProxy;

  beforeAll(async () => {
    backend = await TestBackend.start("store");
    proxy = await startProxy(`all: * -> "http://127.0.0.1:${backend.port}";`, engine);
  });

  afterAll(async () => {
    await proxy?.close();
    await backend?.close();
  });

  it("continues, and the backend gets the whole body", async () => {
    const body = Buffer.alloc(2 * 1024 * 1024, 7);
    const answer = await upload(`${proxy.url}/upload`, body);
    expect([answer.continued, answer.status]).toEqual([true, 200]);
    expect((JSON.parse(answer.text) as { bodyBytes: number }).bodyBytes).toBe(body.length);
  });
});
