import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";

/** Which file names below a directory a source reads. */
export type WantedName = (name: string) => boolean;

export const eskipFileName: WantedName = (name) => name.endsWith(".eskip");
export const yamlFileName: WantedName = (name) => /\.ya?ml$/.test(name);

/**
 * The files a list of paths names: a file is taken as it is, a directory gives every file below
 * it whose name is wanted, in a stable order. A path that is not there is taken as a file, so
 * that reading it says why it is missing.
 */
export async function expandPaths(paths: readonly string[], wanted: WantedName): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory()) files.push(...(await filesBelow(path, wanted)));
    else files.push(path);
  }
  return files;
}

async function filesBelow(directory: string, wanted: WantedName): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && wanted(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
