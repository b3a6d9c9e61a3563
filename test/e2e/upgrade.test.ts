import { once } from "node:events";
import { createServer, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineNames } from "@bosun/proxy";
import { startProxy, type RunningProxy } from "./support/proxy.ts";

/** WebSocket and other Upgrade requests are routed, then tunnelled both ways (http-proxy-3). */
describe.each(engineNames)("Upgrade requests with the %s engine", (engine) => {
  let backend: Server;
  let proxy: RunningProxy;

  beforeAll(async () => {
    backend = createServer((_request, response) => response.end("plain"));
    backend.on("upgrade", (request, socket) => {
      socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Path: ${request.url}\r\n\r\n`);
      socket.on("data", (data: Buffer) => socket.write(`echo:${data.toString()}`));
    });
    backend.listen(0, "127.0.0.1");
    await once(backend, "listening");
    const port = (backend.address() as AddressInfo).port;
    proxy = await startProxy(`ws: Path("/socket") -> "http://127.0.0.1:${port}";`, engine);
  });

  afterAll(async () => {
    await proxy.close();
    backend.closeAllConnections();
    backend.close();
  });

  function upgrade(path: string): Promise<string> {
    const port = Number(new URL(proxy.url).port);
    return new Promise((resolve, reject) => {
      const socket = connect(port, "127.0.0.1");
      let received = "";
      socket.setTimeout(5_000, () => socket.destroy(new Error("no answer in time")));
      socket.on("error", reject);
      socket.on("data", (data: Buffer) => {
        received += data.toString();
        if (received.includes("\r\n\r\n") && received.startsWith("HTTP/1.1 101") && !received.includes("echo:")) socket.write("hello");
        if (received.includes("echo:hello")) {
          socket.destroy();
          resolve(received);
        }
      });
      socket.on("close", () => resolve(received));
      socket.write(`GET ${path} HTTP/1.1\r\nHost: example.org\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n`);
    });
  }

  it("tunnels an upgraded connection both ways", async () => {
    const received = await upgrade("/socket");
    expect(received).toMatch(/^HTTP\/1\.1 101/);
    expect(received).toMatch(/x-path: \/socket/i);
    expect(received).toContain("echo:hello");
  });

  it("refuses an upgrade no route takes with 404", async () => {
    expect(await upgrade("/elsewhere")).toMatch(/^HTTP\/1\.1 404/);
  });
});
