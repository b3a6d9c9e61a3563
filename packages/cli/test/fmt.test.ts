import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempFiles } from "./run-cli.js";

const messy = '// routes\nr1: Foo(1) && Path("/a") -> setPath("/b") -> "http://x"; r2: * -> <shunt>';
const tidy = '// routes\nr1: Path("/a") && Foo(1)\n  -> setPath("/b")\n  -> "http://x";\n\nr2: *\n  -> <shunt>;\n';

describe("bosun fmt", () => {
  it("prints the canonical form", async () => {
    const dir = tempFiles({ "a.eskip": messy });
    expect(await runCli("fmt", join(dir, "a.eskip"))).toEqual({ code: 0, stdout: tidy, stderr: "" });
  });

  it("--check lists files that are not formatted and exits 1", async () => {
    const dir = tempFiles({ "messy.eskip": messy, "tidy.eskip": tidy });
    expect(await runCli("fmt", "--check", dir)).toEqual({ code: 1, stdout: `${join(dir, "messy.eskip")}\n`, stderr: "" });
    expect((await runCli("fmt", "--check", join(dir, "tidy.eskip"))).code).toBe(0);
  });

  it("--write rewrites files in place", async () => {
    const dir = tempFiles({ "a.eskip": messy });
    expect((await runCli("fmt", "--write", dir)).code).toBe(0);
    expect(readFileSync(join(dir, "a.eskip"), "utf8")).toBe(tidy);
  });

  it("leaves a file with a problem alone and reports it", async () => {
    const broken = 'r: Path("/a") && Path("/b") -> <shunt>;';
    const dir = tempFiles({ "a.eskip": broken });
    const result = await runCli("fmt", "--write", dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`${join(dir, "a.eskip")}:1:18: route "r": duplicate path tree predicate\n`);
    expect(readFileSync(join(dir, "a.eskip"), "utf8")).toBe(broken);
  });

  it("refuses --write with --check", async () => {
    expect((await runCli("fmt", "--write", "--check", "x.eskip")).code).toBe(2);
  });
});
