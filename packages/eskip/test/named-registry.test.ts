import { describe, expect, it } from "vitest";
import { NamedRegistry } from "../src/index.js";

describe("NamedRegistry", () => {
  it("finds specs by name, lists the names sorted, and refuses a second spec of a name", () => {
    const registry = new NamedRegistry<{ name: string; n: number }>("filter").add({ name: "b", n: 1 }).add({ name: "a", n: 2 });
    expect(registry.get("b")?.n).toBe(1);
    expect(registry.get("c")).toBeUndefined();
    expect(registry.names()).toEqual(["a", "b"]);
    expect(() => registry.add({ name: "a", n: 3 })).toThrow("filter a is registered already");
    expect(registry.get("a")?.n).toBe(2);
  });
});
