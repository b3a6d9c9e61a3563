import { readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, and `shared/` beside it (the spec and the upstream conformance data). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const sharedDir = resolve(repoRoot, "../shared");
export const skipperConformanceDir = join(sharedDir, "conformance/skipper");

/** Every file below `dir` whose name ends with `suffix`, sorted; throws if `dir` is missing. */
export function filesBelow(dir: string, suffix: string): string[] {
  if (!statSync(dir).isDirectory()) throw new Error(`${dir} is not a directory`);
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(suffix)) found.push(join(entry.parentPath, entry.name));
  }
  return found.sort();
}
