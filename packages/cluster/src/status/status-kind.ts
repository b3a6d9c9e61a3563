import type { JsonObject, KubeObject } from "@bosun/kube";
import type { ApiResource } from "../kubernetes/api-resources.js";

/**
 * A kind whose status bosun writes back (RouteGroup, and the Gateway API's GatewayClass, Gateway
 * and HTTPRoute): how its status is made from what the compilers found, and when two findings
 * make the same status, so that an object that did not change needs no second look.
 */
export interface StatusKind<F> {
  readonly resource: ApiResource;
  /**
   * The status the object should have: bosun's part made of the findings, the rest as the object
   * has it (another controller's entries, the times of conditions that still hold).
   */
  status(object: KubeObject, findings: F, now: Date): JsonObject;
  sameFindings(a: F, b: F): boolean;
}

/** What one report wants of one object's status: the object as last seen, and what was found in it. */
export interface WantedStatus<F = unknown> {
  readonly kind: StatusKind<F>;
  readonly object: KubeObject;
  readonly findings: F;
}
