import type { JsonObject } from "@bosun/kube";
import { objectsOf } from "./status-json.js";

/** metav1.Condition, as the API stores it. */
export interface Condition {
  readonly type: string;
  readonly status: "True" | "False" | "Unknown";
  readonly reason: string;
  readonly message: string;
  readonly observedGeneration?: number;
  readonly lastTransitionTime: string;
}

/** A condition as found, before the writer gives it its time. */
export type FoundCondition = Omit<Condition, "lastTransitionTime">;

/** The conditions of a status (or of one entry in it, a listener's, a parent's). */
export function conditionsOf(status: JsonObject | undefined): Condition[] {
  return objectsOf(status?.["conditions"]) as unknown as Condition[];
}

/** Whether a condition still says what it said: its time then stays. */
const saysTheSame = (before: FoundCondition, after: FoundCondition) => before.status === after.status && before.reason === after.reason && before.message === after.message;

/**
 * The conditions found, each with a lastTransitionTime: the one its type had before while
 * `unchanged` holds, else now (metav1.Time, whole seconds). So the same findings make the same
 * status, and nothing is written.
 */
export function withTransitionTimes(found: readonly FoundCondition[], previous: readonly Condition[], now: Date, unchanged = saysTheSame): Condition[] {
  return found.map((condition) => {
    const before = previous.find((each) => each.type === condition.type);
    const kept = before !== undefined && typeof before.lastTransitionTime === "string" && unchanged(before, condition);
    return { ...condition, lastTransitionTime: kept ? before.lastTransitionTime : now.toISOString().replace(/\.\d{3}Z$/, "Z") };
  });
}

/** Conditions as the JSON of a status. */
export const conditionsJson = (conditions: readonly Condition[]): JsonObject[] => conditions as unknown as JsonObject[];
