import { objectsFromYaml, type CompileOptions, type KubeObject } from "@bosun/kube";
import { compileObjects } from "../objects/compile-objects.js";
import { yamlFileName } from "../files/expand-paths.js";
import { eachText } from "../files/file-problems.js";
import { FileSource, type FileSourceOptions } from "../files/file-source.js";
import type { RoutesRead } from "../files/interpretation.js";
import type { FileRead } from "../files/read-files.js";

/**
 * `--manifests DIR|FILE…`: Kubernetes manifests (YAML, several documents a file) served as a
 * cluster with those objects would be: compiled by the same compilers, each invalid object left
 * out alone with its problems. A file that cannot be read fails the source (the last good
 * routes keep serving); a document that is not YAML is a problem of its own and the rest serves.
 */
export function manifestsSource(paths: readonly string[], compileOptions: CompileOptions, options: FileSourceOptions = {}): FileSource {
  return new FileSource(`manifests ${paths.join(",")}`, paths, yamlFileName, { kind: "manifests", compileOptions }, options);
}

export function readManifestFiles(reads: readonly FileRead[], compileOptions: CompileOptions): RoutesRead {
  const objects: KubeObject[] = [];
  const { failed, problems } = eachText(reads, "objects", (read, problems) => {
    const loaded = objectsFromYaml(read.text, read.file);
    // Loops, not push(...): a file of 150k documents is past the engine's argument limit.
    for (const object of loaded.objects) objects.push(object);
    for (const problem of loaded.problems) problems.push(problem);
  });
  if (failed.length > 0) return { failed };
  const { routes, problems: compileProblems, inputs, gatewayListeners, certificates } = compileObjects(objects, compileOptions);
  return { routes, inputs, gatewayListeners, ...(certificates.length > 0 && { certificates }), problems: [...problems, ...compileProblems] };
}
