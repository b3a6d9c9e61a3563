import type { Json, JsonObject, KubeObject } from "../cluster-state.js";
import { arrayField, isObject, objectField, stringField } from "../json.js";
import { gatewayGroup } from "./gateways.js";

/**
 * ReferenceGrants (gateway-api.md §2.13): a reference from an HTTPRoute to an object in another
 * namespace is allowed only by a grant in the referenced object's namespace whose `from` names
 * the route's namespace and whose `to` names the object's kind (and its name, if any), every
 * field exactly.
 */
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

  /** Whether an HTTPRoute in `fromNamespace` may refer to the object `to` (kind in group `toGroup`). */
  allows(fromNamespace: string, to: { readonly group: string; readonly kind: string; readonly namespace: string; readonly name: string }): boolean {
    if (fromNamespace === to.namespace) return true;
    const objects = (values: Json[] | undefined) => (values ?? []).filter(isObject);
    return (this.byNamespace.get(to.namespace) ?? []).some(
      (spec) =>
        objects(arrayField(spec, "from")).some(
          (from) => stringField(from, "group") === gatewayGroup && stringField(from, "kind") === "HTTPRoute" && stringField(from, "namespace") === fromNamespace,
        ) &&
        objects(arrayField(spec, "to")).some((entry) => {
          const name = stringField(entry, "name");
          return (stringField(entry, "group") ?? "") === to.group && stringField(entry, "kind") === to.kind && (name === undefined || name === "" || name === to.name);
        }),
    );
  }
}
