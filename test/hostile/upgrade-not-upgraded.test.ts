import { createServer, type Server } from "node:http";
import { mkdtempSync, writeFileSync } from "node:fs";
import { connect, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServe, type ServeProcess } from "../support/serve-process.ts";
import { upgradeHead } from "./raw-http.ts";

/**
 * An Upgrade request whose backend answers without upgrading, and whose client leaves meanwhile:
 * the copy of the answer to a socket that is gone must not end the process (it did, with an
 * EPIPE thrown from the tunnel). Served as users run it, in its own process, so a crash shows.
 */

let backend: Server;
let serve: ServeProcess | undefined;

beforeAll(async () => {
  // No `upgrade` listener: Node answers an Upgrade request as an ordinary one, slowly.
  backend = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/plain" });
    const timer = setInterval(() => response.write("x".repeat(64 * 1024)), 5);
    setTimeout(() => {
      clearInterval(timer);
      response.end();
    }, 600);
  });
  await new Promise<void>((resolve) => backend.listen(0, "127.0.0.1", resolve));
});

afterAll(async () => {
  await serve?.stop();
  backend.closeAllConnections();
  await new Promise((resolve) => backend.close(resolve));
});

function upgradeAndLeave(url: string, afterMs: number): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(upgradeHead("/ws"));
      setTimeout(() => socket.destroy(), afterMs);
    });
    socket.on("error", () => undefined);
    socket.on("close", () => resolve());
  });
}

describe.each(["undici", "http-proxy-3"])("an Upgrade the backend does not upgrade, through the %s engine", (engine) => {
  it("leaves the proxy serving when the client goes away mid-answer", async () => {
    await serve?.stop();
    const dir = mkdtempSync(join(tmpdir(), "bosun-upgrade-"));
    const routes = join(dir, "routes.eskip");
    writeFileSync(routes, `ws: * -> "http://127.0.0.1:${(backend.address() as AddressInfo).port}";`);
    serve = await startServe("--routes-file", routes, "--address", "127.0.0.1:0", "--admin-address", "off", "--proxy-engine", engine, "--access-log", "off", "--shutdown-timeout", "1000");
    for (const afterMs of [5, 30, 100]) await upgradeAndLeave(serve.address, afterMs);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(serve.child.exitCode, serve.output.stderr).toBe(null);
    expect((await fetch(`${serve.address}/plain`)).status).toBe(200);
  });
});
