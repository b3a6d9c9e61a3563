import { stringify } from "yaml";
import type { JsonObject } from "../cluster-state.js";

/**
 * Objects as a multi-document YAML stream, as `kubectl apply -f` reads one: documents separated
 * by `---`, keys in the objects' order, long strings (filters, predicates) never folded.
 */
export function manifestsYaml(objects: readonly JsonObject[]): string {
  return objects.map((object) => stringify(object, { lineWidth: 0, aliasDuplicateObjects: false })).join("---\n");
}
