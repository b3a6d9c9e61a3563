import { describeProblem } from "@bosun/eskip";
import { objectsFromYaml, type KubeObject } from "@bosun/kube";
import { expandPaths, yamlFileName } from "@bosun/cluster";
import type { UnreadableFiles } from "./files.js";

/**
 * Kubernetes manifests named on a command line: a file is taken as it is, a directory gives every
 * `*.yaml` and `*.yml` file below it. What is not YAML is a problem of its file; a file that does
 * not read goes to `unreadable`.
 */
export async function readManifests(paths: readonly string[], unreadable: UnreadableFiles): Promise<{ objects: KubeObject[]; problems: string[] }> {
  const objects: KubeObject[] = [];
  const problems: string[] = [];
  for (const file of await expandPaths(paths, yamlFileName)) {
    const text = await unreadable.read(file);
    if (text === undefined) continue;
    const loaded = objectsFromYaml(text, file);
    // Loops, not push(...): a file of 150k documents is past the engine's argument limit.
    for (const object of loaded.objects) objects.push(object);
    for (const problem of loaded.problems) problems.push(describeProblem(problem));
  }
  return { objects, problems };
}
