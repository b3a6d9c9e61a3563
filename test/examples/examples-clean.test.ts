import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "@bosun/cli";
import { repoRoot } from "../support/shared.ts";

async function bosun(...argv: string[]): Promise<{ code: number; output: string }> {
  let output = "";
  const write = (text: string) => void (output += text);
  const code = await main(argv, { stdout: write, stderr: write });
  return { code, output };
}

const examples = join(repoRoot, "examples");

/** What `corepack pnpm start` checks before it serves: every example is clean, so the README's first command never starts on a broken one. */
describe("the bundled examples", () => {
  it("are every one fmt-clean and free of problems", async () => {
    expect(await bosun("fmt", "--check", examples)).toEqual({ code: 0, output: "" });
    expect(await bosun("check", examples)).toEqual({ code: 0, output: "" });
    const validated = await bosun("validate", join(examples, "routegroups"), join(examples, "ingress"), join(examples, "cluster"));
    expect(validated).toEqual({ code: 0, output: expect.stringMatching(/^\d+ objects checked, 0 problems\n$/) });
  });

  it("include a cluster that compiles without a problem, with EndpointSlices as pnpm start reads it", async () => {
    const compiled = await bosun("compile", "--options", join(repoRoot, "test/examples/endpoint-slices.kube"), join(examples, "cluster"));
    expect(compiled.code).toBe(0);
    expect(compiled.output).toContain('-> "http://127.0.0.1:9002"');
  });

  it("are all checked by the README's main command before it serves", () => {
    const start = (JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { scripts: { start: string } }).scripts.start;
    expect(start).toBe("exec node examples/serve/run.mjs");
    const run = readFileSync(join(examples, "serve/run.mjs"), "utf8");
    expect(run).toContain('["check", examples]');
    expect(run).toContain('["fmt", "--check", examples]');
    expect(run).toContain('["validate", join(examples, "routegroups"), join(examples, "ingress"), join(examples, "cluster")]');
  });
});
