import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempFiles } from "./run-cli.js";

describe("bosun check", () => {
  it("exits 0 and prints nothing for good files", async () => {
    const dir = tempFiles({ "a.eskip": 'r: Path("/") -> <shunt>;' });
    expect(await runCli("check", join(dir, "a.eskip"))).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("prints one file:line:col line per problem and exits 1", async () => {
    const dir = tempFiles({
      "good.eskip": "r: * -> <shunt>;",
      "syntax.eskip": "r1: * -> <shunt>;\nr2: Path(\"/x\") <shunt>;",
      "rules.eskip": 'a: Path("/a") && Path("/b") -> <shunt>;\nb: Method(1) -> <shunt>;\nc: * -> <shunt>;',
    });
    const result = await runCli("check", dir);
    expect(result.code).toBe(1);
    expect(result.stdout.split("\n")).toEqual([
      `${join(dir, "rules.eskip")}:1:18: route "a": duplicate path tree predicate`,
      `${join(dir, "rules.eskip")}:2:4: route "b": Method predicate expects 1 string argument`,
      `${join(dir, "syntax.eskip")}:2:16: unexpected "<shunt>"; expected "&&" or "->"`,
      "",
    ]);
  });

  it("reports what the route table rejects: unknown predicates, bad arguments, repeated ids", async () => {
    const dir = tempFiles({
      "table.eskip": [
        'a: Path("/a") && Foo() -> <shunt>;',
        'b: Traffic(2) -> <shunt>;',
        'c: Path("/c") -> <shunt>;',
        'c: Path("/d") -> <shunt>;',
      ].join("\n"),
    });
    const file = join(dir, "table.eskip");
    const result = await runCli("check", file);
    expect(result.code).toBe(1);
    expect(result.stdout.split("\n")).toEqual([
      `${file}:1:18: route "a": unknown_predicate: predicate "Foo" not found`,
      `${file}:2:4: route "b": invalid_predicate_params: failed to create predicate Traffic(2): invalid predicate parameters`,
      `${file}:3:1: route "c": replaced by a later route with the id c`,
      "",
    ]);
  });

  it("reports what serve would leave out: unknown filters, bad filter arguments, unusable backends", async () => {
    const dir = tempFiles({
      "routes.eskip": [
        'a: Path("/a") -> setHeader("X", "y") -> <shunt>;',
        'b: Path("/b") -> Path("/c") -> <shunt>;',
        'c: Path("/c") -> status("teapot") -> <shunt>;',
        'd: Path("/d") -> "no-scheme.example.org";',
        'e: Path("/e") -> <fancyAlgorithm, "http://10.0.0.1:80">;',
        'f: Path("/f") -> <forward>;',
      ].join("\n"),
    });
    const file = join(dir, "routes.eskip");
    const result = await runCli("check", file);
    expect(result.code).toBe(1);
    expect(result.stdout.split("\n")).toEqual([
      `${file}:1:18: route "a": unknown_filter: filter "setHeader" not found`,
      `${file}:2:18: route "b": unknown_filter: trying to use "Path" as filter, but it is only available as predicate`,
      `${file}:3:18: route "c": invalid_filter_params: failed to create filter status("teapot"): invalid filter parameters`,
      `${file}:4:18: route "d": failed_backend_split: failed to parse backend address "no-scheme.example.org": missing scheme`,
      `${file}:5:18: route "e": failed to set LB algorithm implementation for route e: unsupported algorithm fancyAlgorithm`,
      `${file}:6:18: route "f": <forward> needs a forward URL (bosun serve --forward-url)`,
      "",
    ]);
  });

  it("reports a file it cannot read in one line, checks the others, and exits 2", async () => {
    const dir = tempFiles({ "bad.eskip": "r: * -> nope;\n", "good.eskip": "r: * -> <shunt>;\n" });
    const result = await runCli("check", join(dir, "bad.eskip"), "/nonexistent/routes.eskip", join(dir, "good.eskip"));
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("bosun check: cannot read /nonexistent/routes.eskip: no such file or directory\n");
    expect(result.stdout).toMatch(/^[^\n]*bad\.eskip:1:13: [^\n]*\n$/);
  });

  it("is a usage error without files or with an unknown option", async () => {
    expect((await runCli("check")).code).toBe(2);
    const unknown = await runCli("check", "--frobnicate", "x.eskip");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('bosun check: unknown option --frobnicate\nRun "bosun check --help" for its options.\n');
  });
});
