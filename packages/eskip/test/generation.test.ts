import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parse, printRoutes, routesGeneration, routesGenerationWork } from "../src/index.js";

describe("routesGeneration", () => {
  it("is the same for the same routes however they were written, and differs when a route does", () => {
    const a = routesGeneration(parse('r1: Path("/a") -> "http://x";\nr2: * -> <shunt>;'));
    expect(routesGeneration(parse('r1:Path( "/a" )->"http://x"; // a comment\n r2 : * -> <shunt>'))).toBe(a);
    expect(routesGeneration(parse('r1: Path("/b") -> "http://x";\nr2: * -> <shunt>;'))).not.toBe(a);
    expect(routesGeneration(parse('r2: * -> <shunt>;\nr1: Path("/a") -> "http://x";'))).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{12}$/);
  });
});

describe("routesGenerationWork", () => {
  it("hashes the very text printRoutes makes, route by route, pausing once per route", () => {
    const routes = parse('r1: Path("/a") -> "http://x";\nr2: * -> <shunt>;\nr3: Host("h") -> status(204) -> <shunt>;');
    const whole = createHash("sha256").update(printRoutes(routes)).digest("hex").slice(0, 12);
    const work = routesGenerationWork(routes);
    let pauses = 0;
    let step = work.next();
    for (; !step.done; step = work.next()) pauses++;
    expect(step.value).toBe(whole);
    expect(pauses).toBe(3);
    // The one id-less route of a document prints without `id:`.
    const single = parse('Path("/a") -> <shunt>');
    expect(routesGeneration(single)).toBe(createHash("sha256").update(printRoutes(single)).digest("hex").slice(0, 12));
  });
});
