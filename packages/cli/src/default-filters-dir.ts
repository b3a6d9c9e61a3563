import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";

/**
 * Skipper's `-default-filters-dir`: each file named `<service>.<namespace>` holds an eskip
 * filter chain for the routes whose backend is that service. As Skipper does, names that are
 * not exactly two dot-separated parts and entries that are not files (after following symlinks)
 * are ignored. The texts are returned as written; the compiler parses them. It reads files, so it
 * lives with the command, not in the pure kube package (ARCHITECTURE.md).
 */
export async function defaultFiltersFromDirectory(dir: string): Promise<Map<string, string>> {
  const names = (await readdir(dir)).filter((name) => name.split(".").length === 2).sort();
  const filters = new Map<string, string>();
  for (const name of names) {
    const path = join(dir, name);
    if (!(await stat(path)).isFile()) continue;
    filters.set(name, await readFile(path, "utf8"));
  }
  return filters;
}
