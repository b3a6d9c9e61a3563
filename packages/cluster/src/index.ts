export { eskipFilesSource, readEskipFiles } from "./eskip-files/eskip-files-source.js";
export { manifestsSource, readManifestFiles } from "./manifests/manifests-source.js";
export { FileSource, type FileSourceOptions, type FilesReading } from "./files/file-source.js";
export { eskipFileName, expandPaths, yamlFileName, type WantedName } from "./files/expand-paths.js";
export { defaultSettleOptions, type SettleOptions } from "./files/settled-read.js";
export type { FileRead } from "./files/read-files.js";
export { KubernetesSource, type KubernetesSourceOptions } from "./kubernetes/kubernetes-source.js";
export type { KindWatchTiming } from "./kubernetes/kind-watch.js";
export { kubeConfigFor, type KubeConfigChoice } from "./kubernetes/kube-config.js";
