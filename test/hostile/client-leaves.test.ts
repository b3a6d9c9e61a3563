import { request } from "node:http";
import { engineNames } from "@bosun/proxy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestBackend } from "../e2e/support/backend.ts";
import { startProxy, type RunningProxy } from "../e2e/support/proxy.ts";

/** A client that leaves before its answer is an ordinary event: counted, in the access log, and no stack in the error log. */

function leaveAfter(url: string, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const sent = request(url, () => undefined);
    sent.on("error", () => resolve());
    sent.end();
    setTimeout(() => {
      sent.destroy();
      resolve();
    }, ms);
  });
}

describe.each(engineNames)("a client that leaves, through the %s engine", (engine) => {
  let slow: TestBackend;
  let proxy: RunningProxy;

  beforeAll(async () => {
    slow = await TestBackend.start("slow", (_request, response) => {
      response.writeHead(200);
      response.write("first part");
      setTimeout(() => response.end("late"), 500);
    });
    proxy = await startProxy(`slow: * -> "http://127.0.0.1:${slow.port}";`, engine);
  });

  afterAll(async () => {
    await proxy?.close();
    await slow?.close();
  });

  it("is counted in bosun_client_disconnects_total and logged 499, not as a backend error with a stack", async () => {
    for (let i = 0; i < 3; i++) await leaveAfter(`${proxy.url}/x`, 100);
    await new Promise((resolve) => setTimeout(resolve, 700));
    const metrics = await (await fetch(`${proxy.adminUrl}/metrics`)).text();
    expect(metrics).toMatch(/^bosun_client_disconnects_total\{route="slow"\} 3$/m);
    expect(proxy.errorLog.lines.filter((line) => line["msg"] === "backend error")).toEqual([]);
    // The access log has each request, as it had.
    expect(proxy.accessLog.lines.filter((line) => line["path"] === "/x")).toHaveLength(3);
  });
});
