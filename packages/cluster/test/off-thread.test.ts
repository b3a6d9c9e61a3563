import { afterEach, describe, expect, it } from "vitest";
import { defaultCompileOptions, type CompileOptions } from "@bosun/kube";
import { interpretHere } from "../src/files/interpretation.js";
import { OffThreadInterpreter } from "../src/files/off-thread.js";

let interpreter: OffThreadInterpreter | undefined;
afterEach(async () => {
  await interpreter?.close();
  interpreter = undefined;
});

const eskip = (count: number) => Array.from({ length: count }, (_, i) => `r${i}: Path("/r/${i}") -> setResponseHeader("X-R", "${i}") -> <shunt>;`).join("\n");

const manifest = `apiVersion: zalando.org/v1
kind: RouteGroup
metadata: {namespace: shop, name: shop}
spec:
  backends: [{name: b, type: shunt}]
  defaultBackends: [{backendName: b}]
  routes: [{pathSubtree: /shop}]
`;

describe("files read into routes in a worker thread", () => {
  it("makes of eskip files and manifests what this thread makes, routes in chunks and all", async () => {
    interpreter = new OffThreadInterpreter();
    // More routes than one chunk holds, and a route that breaks a rule.
    const reads = [{ file: "a.eskip", text: `${eskip(4_500)}\nbad: Path("/b") && Path("/c") -> <shunt>;` }];
    const offThread = await interpreter.interpret({ kind: "eskip" }, reads);
    expect(offThread).toEqual(interpretHere({ kind: "eskip" }, reads));
    expect("routes" in offThread && offThread.routes).toHaveLength(4_500);
    expect("problems" in offThread && offThread.problems).toMatchObject([{ code: "invalid_route", place: { file: "a.eskip", line: 4_501 } }]);
    const manifests = [{ file: "shop.yaml", text: manifest }];
    const compiled = await interpreter.interpret({ kind: "manifests", compileOptions: defaultCompileOptions }, manifests);
    expect(compiled).toEqual(interpretHere({ kind: "manifests", compileOptions: defaultCompileOptions }, manifests));
  });

  it("gives back the very route objects of the reading before for routes that did not change", async () => {
    interpreter = new OffThreadInterpreter();
    const first = await interpreter.interpret({ kind: "eskip" }, [{ file: "a.eskip", text: eskip(600) }]);
    const changed = `${eskip(599)}\nr599: Path("/changed") -> <shunt>;`;
    const second = await interpreter.interpret({ kind: "eskip" }, [{ file: "a.eskip", text: changed }]);
    if (!("routes" in first && "routes" in second)) throw new Error("a reading failed");
    expect(second).toEqual(interpretHere({ kind: "eskip" }, [{ file: "a.eskip", text: changed }]));
    expect(second.routes.slice(0, 599).every((route, i) => route === first.routes[i])).toBe(true);
    expect(second.routes[599]).not.toBe(first.routes[599]);
  });

  it("fails a reading that throws with the worker's error, and reads the next one", async () => {
    interpreter = new OffThreadInterpreter();
    const broken = { kind: "manifests", compileOptions: undefined as unknown as CompileOptions } as const;
    await expect(interpreter.interpret(broken, [{ file: "shop.yaml", text: manifest }])).rejects.toThrow(/TypeError/);
    const next = await interpreter.interpret({ kind: "eskip" }, [{ file: "a.eskip", text: eskip(2) }]);
    expect("routes" in next && next.routes.map((route) => route.id)).toEqual(["r0", "r1"]);
  });
});
