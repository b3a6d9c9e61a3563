import { describe, expect, it } from "vitest";
import { parse, routesGeneration } from "../src/index.js";

describe("routesGeneration", () => {
  it("is the same for the same routes however they were written, and differs when a route does", () => {
    const a = routesGeneration(parse('r1: Path("/a") -> "http://x";\nr2: * -> <shunt>;'));
    expect(routesGeneration(parse('r1:Path( "/a" )->"http://x"; // a comment\n r2 : * -> <shunt>'))).toBe(a);
    expect(routesGeneration(parse('r1: Path("/b") -> "http://x";\nr2: * -> <shunt>;'))).not.toBe(a);
    expect(routesGeneration(parse('r2: * -> <shunt>;\nr1: Path("/a") -> "http://x";'))).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{12}$/);
  });
});
