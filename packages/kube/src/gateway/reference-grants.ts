import type { Json, JsonObject, KubeObject } from "../cluster-state.js";
import { arrayField, isObject, objectField, stringField } from "../json.js";
import { gatewayGroup } from "./gateways.js";

/**
 * ReferenceGrants (gateway-api.md §2.13): a reference from an object (an HTTPRoute to a Service, a
 * Gateway to a Secret) to an object in another namespace is allowed only by a grant in the
 * referenced object's namespace whose `from` names the referring object's group, kind and
 * namespace and whose `to` names the object's kind (and its name, if any), every field exactly.
 */

/** Who refers: a kind of the Gateway API's group in a namespace. */
export interface Referrer {
  readonly kind: "HTTPRoute" | "Gateway";
  readonly namespace: string;
}
export class ReferenceGrants {
  private readonly byNamespace = new Map<string, JsonObject[]>();

  constructor(grants: readonly KubeObject[]) {
    for (const grant of grants) {
      const specs = this.byNamespace.get(grant.metadata.namespace) ?? [];
      const spec = objectField(grant.body, "spec");
      if (spec !== undefined) specs.push(spec);
      this.byNamespace.set(grant.metadata.namespace, specs);
    }
  }

  /** Whether `from` may refer to the object `to` (of that kind in that group). */
  allows(from: Referrer, to: { readonly group: string; readonly kind: string; readonly namespace: string; readonly name: string }): boolean {
    if (from.namespace === to.namespace) return true;
    const objects = (values: Json[] | undefined) => (values ?? []).filter(isObject);
    return (this.byNamespace.get(to.namespace) ?? []).some(
      (spec) =>
        objects(arrayField(spec, "from")).some(
          (entry) => stringField(entry, "group") === gatewayGroup && stringField(entry, "kind") === from.kind && stringField(entry, "namespace") === from.namespace,
        ) &&
        objects(arrayField(spec, "to")).some((entry) => {
          const name = stringField(entry, "name");
          return (stringField(entry, "group") ?? "") === to.group && stringField(entry, "kind") === to.kind && (name === undefined || name === "" || name === to.name);
        }),
    );
  }
}
