import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./shared.ts";

/**
 * Whether a tool from Debian's packages is there, installed by the project's own script
 * (scripts/install-test-tools.sh) when it is not. When it cannot be, this prints the one line
 * that says which tests do not run and why, so that a green run without it never passes for a
 * full one.
 */
export function testTool(command: string, what: string): boolean {
  const installed = spawnSync("sh", [join(repoRoot, "scripts/install-test-tools.sh")], { encoding: "utf8", timeout: 300_000 });
  if (installed.status === 0 && spawnSync(command, ["version", "--client"], { timeout: 10_000 }).status === 0) return true;
  const reason = (installed.stderr || installed.error?.message || "it could not be installed").trim().split("\n").at(-1);
  console.warn(`skipped: ${what} — ${command} is not installed and scripts/install-test-tools.sh could not install it (${reason})`);
  return false;
}
