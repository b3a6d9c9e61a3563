import { writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { send } from "./support/client.ts";
import { metric } from "./support/metrics.ts";
import { startProxy, type RunningProxy } from "./support/proxy.ts";


/** The table sizes the proxy swapped in, from its "routes updated" log lines. */
const swappedSizes = (proxy: RunningProxy) => proxy.errorLog.lines.filter((line) => line["msg"] === "routes updated").map((line) => line["routes"]);

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  for (const started = Date.now(); Date.now() - started < timeoutMs; ) {
    if (await condition()) return;
    await sleep(20);
  }
  throw new Error("timed out");
}

const full = ["one", "two", "three"].map((name) => `${name}: Path("/${name}") -> inlineContent("${name}") -> <shunt>;\n`).join("");
// Cut short at a route's end: valid eskip, the kind of half-written file a reload could catch.
const cutShort = full.split("\n")[0]!;

/**
 * A watched routes file caught in the middle of a write never reaches the table. The gaps below
 * are longer than the watcher's 50 ms of quiet and shorter than the settle time, so a reload is
 * under way while the file is half written; on a slow machine the reload may just start later,
 * which must not change the outcome either.
 */
describe("reloading a watched file only once it has settled", () => {
  let proxy: RunningProxy;

  beforeAll(async () => {
    proxy = await startProxy(full, "undici", {}, { watch: true, settle: { settleMs: 300, emptyConfirmMs: 600 } });
  });

  afterAll(() => proxy.close());

  it("never swaps in a file cut short for a moment", async () => {
    const changed = full.replace('"/three"', '"/three-b"');
    writeFileSync(proxy.routesFile, cutShort);
    await sleep(120);
    writeFileSync(proxy.routesFile, changed);
    await waitFor(async () => (await send(`${proxy.url}/three-b`)).status === 200);
    expect(swappedSizes(proxy)).toEqual([3]);
    expect((await send(`${proxy.url}/two`)).status).toBe(200);
  });

  it("never swaps in a file emptied for a moment, as a truncating write leaves it", async () => {
    const before = swappedSizes(proxy).length;
    writeFileSync(proxy.routesFile, "");
    await sleep(400);
    writeFileSync(proxy.routesFile, full);
    await waitFor(async () => (await send(`${proxy.url}/three`)).status === 200);
    await sleep(1_200);
    expect(swappedSizes(proxy).slice(before)).not.toContain(0);
    expect(proxy.errorLog.lines.some((line) => String(line["msg"]).includes("is empty"))).toBe(false);
  });

  it("swaps in a file that stays empty, with a warning on stderr and in the metrics", async () => {
    const metrics = async () => (await send(`${proxy.adminUrl}/metrics`)).text;
    expect(metric(await metrics(), "bosun_routes_empty_files")).toBe(0);
    writeFileSync(proxy.routesFile, "  \n");
    await waitFor(async () => (await send(`${proxy.url}/one`)).status === 404);
    expect(swappedSizes(proxy).at(-1)).toBe(0);
    const warning = proxy.errorLog.lines.find((line) => String(line["msg"]).includes("is empty"));
    expect(warning).toMatchObject({ level: 40, file: proxy.routesFile });
    expect(metric(await metrics(), "bosun_routes_empty_files")).toBe(1);
    writeFileSync(proxy.routesFile, full);
    await waitFor(async () => (await send(`${proxy.url}/one`)).status === 200);
    expect(metric(await metrics(), "bosun_routes_empty_files")).toBe(0);
  });
});
