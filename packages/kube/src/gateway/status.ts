import type { JsonObject, KubeObject } from "../cluster-state.js";
import { numberField, objectField } from "../json.js";

/**
 * Gateway API status as data (gateway-api.md §2.12): what `bosun status` prints and the cluster
 * source writes through the status subresource. Conditions carry no lastTransitionTime: the
 * writer sets it, keeping the old one where a condition did not change.
 */

export interface Condition {
  readonly type: string;
  readonly status: "True" | "False" | "Unknown";
  readonly reason: string;
  readonly message: string;
}

/** An object and the status bosun computes for it. */
export interface ObjectStatus {
  readonly object: KubeObject;
  readonly status: JsonObject;
}

export const condition = (type: string, status: boolean, reason: string, message: string): Condition => ({ type, status: status ? "True" : "False", reason, message });

function generationOf(object: KubeObject): number | undefined {
  return numberField(objectField(object.body, "metadata"), "generation");
}

/** Conditions as JSON, each with the object's generation when it has one (`HTTPRouteObservedGenerationBump`). */
export function conditionsJson(object: KubeObject, conditions: readonly Condition[]): JsonObject[] {
  const generation = generationOf(object);
  return conditions.map((entry) => ({ ...entry, ...(generation === undefined ? {} : { observedGeneration: generation }) }));
}
