import { readFile } from "node:fs/promises";
import { objectsFromYaml, type KubeObject } from "@bosun/kube";
import { expandPaths, readError } from "./files.js";

/**
 * Kubernetes manifests named on a command line: a file is taken as it is, a directory gives every
 * `*.yaml` and `*.yml` file below it. What cannot be read or is not YAML is reported by file.
 */
export async function readManifests(paths: readonly string[]): Promise<{ objects: KubeObject[]; problems: string[] }> {
  const objects: KubeObject[] = [];
  const problems: string[] = [];
  for (const file of await expandPaths(paths, (name) => /\.ya?ml$/.test(name))) {
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
