import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parse, printRoute, routesGeneration, routesGenerationWork } from "../src/index.js";

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
  const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest();

  it("hashes each route's printed text, then the digests in order, pausing every 16 routes", () => {
    const routes = parse(Array.from({ length: 40 }, (_, i) => `r${i}: Path("/${i}") -> ${i % 2 ? "<shunt>" : 'status(204) -> "http://x"'};`).join("\n"));
    const expected = sha256(Buffer.concat(routes.map((route) => sha256(`${route.id}: ${printRoute(route)};`)))).toString("hex").slice(0, 12);
    const work = routesGenerationWork(routes);
    let pauses = 0;
    let step = work.next();
    for (; !step.done; step = work.next()) pauses++;
    expect(step.value).toBe(expected);
    expect(pauses).toBe(2);
  });

  it("gives a list that reuses route objects the generation of the same list parsed anew", () => {
    const before = parse('r1: Path("/a") -> "http://x";\nr2: * -> <shunt>;');
    routesGeneration(before);
    const [changed] = parse('r2: Path("/b") -> <shunt>;');
    const after = [before[0]!, changed!];
    expect(routesGeneration(after)).toBe(routesGeneration(parse('r1: Path("/a") -> "http://x";\nr2: Path("/b") -> <shunt>;')));
    expect(routesGeneration(after)).not.toBe(routesGeneration(before));
  });
});
