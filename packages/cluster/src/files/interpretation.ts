import { routesGeneration, type Problem, type Route, type RouteSnapshot } from "@bosun/eskip";
import type { CompileOptions } from "@bosun/kube";
import { readEskipFiles } from "../eskip-files/eskip-files-source.js";
import { readManifestFiles } from "../manifests/manifests-source.js";
import type { FileRead } from "./read-files.js";

/** What a file source makes of its files: eskip routes, or manifests compiled. Plain data, so that it crosses to a worker. */
export type Interpretation = { readonly kind: "eskip" } | { readonly kind: "manifests"; readonly compileOptions: CompileOptions };

/** What a source makes of the files it read: its routes, or the problems that keep it from any. */
export type RoutesRead =
  | { readonly routes: readonly Route[]; readonly problems: readonly Problem[]; readonly inputs: RouteSnapshot["inputs"]; readonly gatewayListeners?: RouteSnapshot["gatewayListeners"]; readonly certificates?: RouteSnapshot["certificates"] }
  | { readonly failed: readonly Problem[] };

/** The same, with the routes' generation. */
export type FilesReading = Extract<RoutesRead, { failed: unknown }> | (Extract<RoutesRead, { routes: unknown }> & { readonly generation: string });

/** The files read as the interpretation says, on this thread. */
export function interpretHere(interpretation: Interpretation, reads: readonly FileRead[]): FilesReading {
  const reading = interpretation.kind === "eskip" ? readEskipFiles(reads) : readManifestFiles(reads, interpretation.compileOptions);
  return "failed" in reading ? reading : { ...reading, generation: routesGeneration(reading.routes) };
}
