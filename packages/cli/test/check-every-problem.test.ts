import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempFiles } from "./run-cli.js";

describe("bosun check reports every problem of a file in one run", () => {
  it("goes on after each syntax error, at the offending token, and points at the part a name problem is in", async () => {
    const dir = tempFiles({
      "many.eskip": [
        'r1: Path("/a") -> setRequestHeadr("X", "y") -> <shunt>;',
        'r2: Path("/b") && Foo() -> <shunt>',
        'r3: Path("/c") -> <shunt>;',
        'r4: Path("/d) -> <shunt>;',
        'r5: Path("/e") -> oauthTokeninfoAnyScope("uid") -> <shunt>;',
        'r6: Path("/f") -> -> <shunt>;',
        'r7: Path("/g") -> <roundRobn, "http://a:1", "http://b:1">;',
      ].join("\n"),
    });
    const file = join(dir, "many.eskip");
    const result = await runCli("check", file);
    expect(result.code).toBe(1);
    expect(result.stdout.split("\n")).toEqual([
      `${file}:1:19: route "r1": unknown_filter: filter "setRequestHeadr" not found; did you mean setRequestHeader?`,
      `${file}:2:19: route "r2": unknown_predicate: predicate "Foo" not found`,
      `${file}:3:1: unexpected name r3; expected ";" or end of input`,
      `${file}:4:10: unterminated string`,
      `${file}:5:19: route "r5": unknown_filter: filter "oauthTokeninfoAnyScope" not found: Skipper has this filter, bosun does not yet`,
      `${file}:6:19: unexpected "->"; expected name, string, "<shunt>", "<loopback>", "<dynamic>", "<forward>" or "<"`,
      `${file}:7:19: route "r7": failed to set LB algorithm implementation for route r7: unsupported algorithm roundRobn`,
      "",
    ]);
  });

  it("reports a route's every bad predicate and filter, each at its name", async () => {
    const dir = tempFiles({ "r.eskip": 'r: Pth("/a") && Mehtod("GET") -> statuss(200) -> Path("/x") -> <shunt>;' });
    const file = join(dir, "r.eskip");
    const result = await runCli("check", file);
    expect(result.stdout.split("\n")).toEqual([
      `${file}:1:4: route "r": unknown_predicate: predicate "Pth" not found; did you mean Path?`,
      `${file}:1:17: route "r": unknown_predicate: predicate "Mehtod" not found; did you mean Method or Methods?`,
      `${file}:1:34: route "r": unknown_filter: filter "statuss" not found; did you mean status?`,
      `${file}:1:50: route "r": unknown_filter: trying to use "Path" as filter, but it is only available as predicate`,
      "",
    ]);
  });
});
