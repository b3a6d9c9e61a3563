import { readFile, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { objectsFromYaml, type KubeObject } from "@bosun/kube";
import { readError } from "./files.js";

/**
 * Kubernetes manifests named on a command line: a file is taken as it is, a directory gives every
 * `*.yaml` and `*.yml` file below it. What cannot be read or is not YAML is reported by file.
 */
export async function readManifests(paths: readonly string[]): Promise<{ objects: KubeObject[]; problems: string[] }> {
  const objects: KubeObject[] = [];
  const problems: string[] = [];
  for (const file of await expandManifestPaths(paths)) {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      problems.push(`${file}: cannot read: ${readError(error)}`);
      continue;
    }
    const loaded = objectsFromYaml(text, file);
    objects.push(...loaded.objects);
    problems.push(...loaded.problems);
  }
  return { objects, problems };
}

async function expandManifestPaths(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info?.isDirectory()) {
      files.push(path);
      continue;
    }
    const entries = await readdir(path, { withFileTypes: true, recursive: true });
    files.push(
      ...entries
        .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
        .map((entry) => join(entry.parentPath, entry.name))
        .sort(),
    );
  }
  return files;
}
