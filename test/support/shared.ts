import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, and `shared/` beside it (the spec and the upstream conformance data). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const sharedDir = resolve(repoRoot, "../shared");

/**
 * A few small files of Skipper's corpus, copied into the repository (same relative paths; see
 * its README for the licence), for behaviour tests that must run in a clone without `shared/`.
 */
export const skipperFixturesDir = join(repoRoot, "test/support/skipper-fixtures");

const warned = new Set<string>();

/**
 * `shared/<relativePath>`, or undefined when a clone has no such data beside it. Then the tests
 * that need it are skipped, and this prints the one line that says what was not run and how to
 * run it, so that a green run without the data never passes for a full one.
 */
export function sharedData(relativePath: string, what: string): string | undefined {
  const path = join(sharedDir, relativePath);
  if (existsSync(path)) return path;
  const line = `skipped: ${what} — ${relative(repoRoot, path)} is not beside this clone; put the shared data there to run them`;
  if (!warned.has(line)) console.warn(line);
  warned.add(line);
  return undefined;
}

/** Skipper's conformance corpus (`shared/conformance/skipper`), as `sharedData` gives it. */
export function skipperConformance(what: string): string | undefined {
  return sharedData("conformance/skipper", what);
}

/** Every file below `dir` whose name ends with `suffix`, sorted; throws if `dir` is missing. */
export function filesBelow(dir: string, suffix: string): string[] {
  if (!statSync(dir).isDirectory()) throw new Error(`${dir} is not a directory`);
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(suffix)) found.push(join(entry.parentPath, entry.name));
  }
  return found.sort();
}
