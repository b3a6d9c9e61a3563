import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestBackend } from "./support/backend.ts";
import { send } from "./support/client.ts";
import { startProxy, type RunningProxy } from "./support/proxy.ts";
import { repoRoot } from "../support/shared.ts";

/**
 * The README's example (examples/serve/routes.eskip) does what its comments promise. Its fixed
 * backend ports are swapped for test backends on random ports; nothing else of it changes.
 */
describe("the bundled bosun serve example", () => {
  let v1: TestBackend;
  let v2: TestBackend;
  let proxy: RunningProxy;

  beforeAll(async () => {
    v1 = await TestBackend.start("v1");
    v2 = await TestBackend.start("v2");
    const routes = readFileSync(join(repoRoot, "examples/serve/routes.eskip"), "utf8")
      .replaceAll("http://127.0.0.1:9001", v1.url)
      .replaceAll("http://127.0.0.1:9002", v2.url);
    proxy = await startProxy(routes, "undici");
    expect(proxy.proxy.tables.current.rejected).toEqual([]);
  });

  afterAll(async () => {
    await proxy.close();
    await Promise.all([v1.close(), v2.close()]);
  });

  it("splits the A/B test about half and half, and the cookie keeps each visitor on its variant", async () => {
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 200; i++) {
      const first = await send(`${proxy.url}/shop`);
      const variant = String(first.headers["x-variant"]) as "a" | "b";
      counts[variant]++;
      expect(first.headers["x-backend"]).toBe(variant === "a" ? "v1" : "v2");
      const cookie = String(first.headers["set-cookie"]).split(";", 1)[0]!;
      expect(cookie).toBe(`ab-variant=${variant}`);
      if (i % 20 === 0) {
        for (let j = 0; j < 5; j++) {
          const again = await send(`${proxy.url}/shop`, { headers: { cookie } });
          expect(again.headers["x-variant"]).toBe(variant);
          // change-only: a visitor who has the cookie already is not sent it again.
          expect(again.headers["set-cookie"]).toBeUndefined();
        }
      }
    }
    // 200 draws of a fair coin: outside 60..140 has a probability below 1e-8.
    expect(counts.a).toBeGreaterThan(60);
    expect(counts.b).toBeGreaterThan(60);
  });

  it("sends about 20 % of checkouts to v2", async () => {
    let toV2 = 0;
    const total = 500;
    for (let i = 0; i < total; i++) if ((await send(`${proxy.url}/checkout`)).headers["x-backend"] === "v2") toV2++;
    // Binomial(500, 0.2): mean 100, sd ~8.9; 55..145 is five standard deviations.
    expect(toV2).toBeGreaterThan(55);
    expect(toV2).toBeLessThan(145);
  });

  it("answers search from v1 and mirrors it to v2", async () => {
    const before = v2.seen.length;
    const response = await send(`${proxy.url}/search?q=boots`);
    expect(response.headers["x-backend"]).toBe("v1");
    for (let i = 0; i < 100 && v2.seen.length === before; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(v2.seen.at(-1)?.url).toBe("/search?q=boots");
  });

  it("answers the legacy shunt with 410 and its body", async () => {
    const response = await send(`${proxy.url}/legacy`);
    expect(response.status).toBe(410);
    expect(response.text).toBe("This page is gone.\n");
  });

  it("redirects old docs permanently, keeping path and query", async () => {
    const response = await send(`${proxy.url}/old-docs/a?x=1`);
    expect(response.status).toBe(308);
    expect(response.headers["location"]).toBe("https://docs.example.org/old-docs/a?x=1");
  });

  it("sends everything else to v1", async () => {
    expect((await send(`${proxy.url}/anything/else`)).headers["x-backend"]).toBe("v1");
  });
});
