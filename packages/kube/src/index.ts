export { compileCluster, type Compilation } from "./compile.js";
export { emptyClusterState, type ClusterState, type Json, type JsonObject, type KubeObject, type Metadata } from "./cluster-state.js";
export { defaultCompileOptions, type AnnotationAddition, type CompileOptions } from "./options.js";
export { logfmt, type ObjectRef, type Problem, type ProblemLevel } from "./problem.js";
export { clusterStateFrom, objectsFromYaml, type ManifestObjects } from "./manifests.js";
export { compileOptionsFromYaml, type OptionsFile } from "./options-file.js";
export { defaultFiltersFromDirectory } from "./default-filters-dir.js";
