import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli, tempFiles } from "./run-cli.js";

const bin = fileURLToPath(new URL("../bin/bosun.js", import.meta.url));

/** `bosun serve` as users run it: the built binary in its own process, stopped by SIGTERM. */
describe("bosun serve", () => {
  it("serves the routes file, logs each request as JSON on stdout, and exits 0 on SIGTERM", async () => {
    const backend = createServer((_request, response) => response.end("from the backend"));
    backend.listen(0, "127.0.0.1");
    await once(backend, "listening");
    const port = (backend.address() as AddressInfo).port;
    const dir = tempFiles({ "routes.eskip": `hello: Path("/hello") -> setResponseHeader("X-Served-By", "bosun") -> "http://127.0.0.1:${port}";` });
    const child = spawn(process.execPath, [bin, "serve", "--routes-file", join(dir, "routes.eskip"), "--address", "127.0.0.1:0", "--admin-address", "off"]);
    try {
      let stderr = "";
      let stdout = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      const address = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`bosun serve did not start: ${stderr}`)), 10_000);
        child.stderr.on("data", (chunk: Buffer) => {
          stderr += chunk.toString();
          const found = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)?.[1];
          if (found) {
            clearTimeout(timer);
            resolve(found);
          }
        });
      });
      const response = await fetch(`${address}/hello`);
      expect(response.status).toBe(200);
      expect(response.headers.get("x-served-by")).toBe("bosun");
      expect(await response.text()).toBe("from the backend");
      child.kill("SIGTERM");
      const [code] = (await once(child, "exit")) as [number];
      expect(code).toBe(0);
      const line = JSON.parse(stdout.trim().split("\n")[0]!) as Record<string, unknown>;
      expect(line).toMatchObject({ route: "hello", status: 200, path: "/hello" });
    } finally {
      child.kill("SIGKILL");
      backend.close();
    }
  });

  it("refuses to start on a routes file that does not parse, with file:line:col", async () => {
    const dir = tempFiles({ "routes.eskip": 'ok: Path("/a") -> <shunt>;\nbroken: Path("/b" -> <shunt>;' });
    const result = await runCli("serve", "--routes-file", join(dir, "routes.eskip"), "--address", "127.0.0.1:0", "--admin-address", "off");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/routes\.eskip:2:\d+/);
  });

  it("rejects an unknown engine as a usage error", async () => {
    const dir = tempFiles({ "routes.eskip": 'ok: Path("/a") -> <shunt>;' });
    const result = await runCli("serve", "--routes-file", join(dir, "routes.eskip"), "--proxy-engine", "nginx");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--proxy-engine must be one of undici, http-proxy-3");
  });
});
