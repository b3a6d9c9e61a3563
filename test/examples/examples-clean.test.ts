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
    const validated = await bosun("validate", join(examples, "routegroups"), join(examples, "ingress"));
    expect(validated).toEqual({ code: 0, output: expect.stringMatching(/^\d+ objects checked, 0 problems\n$/) });
  });

  it("are all checked by the README's main command before it serves", () => {
    const start = (JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { scripts: { start: string } }).scripts.start;
    expect(start).toBe("exec node examples/serve/run.mjs");
    const run = readFileSync(join(examples, "serve/run.mjs"), "utf8");
    expect(run).toContain('["check", examples]');
    expect(run).toContain('["fmt", "--check", examples]');
    expect(run).toContain('["validate", join(examples, "routegroups"), join(examples, "ingress")]');
  });
});
