import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../../test/support/shared.js";
import { runCli } from "./run-cli.js";

describe("the bosun command line", () => {
  it("lists the commands with --help and exits 0", async () => {
    const result = await runCli("--help");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Commands:\n\s+serve\s+.*\n\s+routesrv\s+.*\n\s+check\s+.*\n\s+fmt\s+.*\n\s+explain\s+/);
  });

  it.each(["serve", "routesrv", "check", "fmt", "explain"])("has --help for %s", async (command) => {
    const result = await runCli(command, "--help");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Usage: bosun ${command} `));
  });

  it("exits 2 without a command or with an unknown one", async () => {
    expect((await runCli()).code).toBe(2);
    const unknown = await runCli("frobnicate");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^bosun: unknown command "frobnicate"/);
  });

  it("runs as the linked bin from the repository root", async () => {
    const bin = join(repoRoot, "node_modules/.bin/bosun");
    const { stdout } = await promisify(execFile)(bin, ["check", "examples/eskip"], { cwd: repoRoot, timeout: 20_000 });
    expect(stdout).toBe("");
    await expect(promisify(execFile)(bin, ["check", "nope.eskip"], { cwd: repoRoot, timeout: 20_000 })).rejects.toMatchObject({
      code: 2,
      stdout: "",
      stderr: "bosun check: cannot read nope.eskip: no such file or directory\n",
    });
  });
});
