import type { ApiAccess } from "@bosun/cluster";
import { ofKind, type KubeObject } from "./manifests.ts";

interface Rule {
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly verbs: readonly string[];
  readonly resourceNames?: readonly string[];
  readonly nonResourceURLs?: readonly string[];
}
interface RoleObject extends KubeObject {
  readonly rules?: readonly Rule[];
}
interface Binding extends KubeObject {
  readonly roleRef: { readonly kind: "Role" | "ClusterRole"; readonly name: string };
  readonly subjects?: ReadonlyArray<{ readonly kind: string; readonly name: string; readonly namespace?: string }>;
}

export interface ServiceAccountRef {
  readonly name: string;
  readonly namespace: string;
}

/**
 * Permissions as `group/resource verb` strings (the core group as `core`), sorted, by where they
 * hold: everywhere (ClusterRoleBindings), in the namespace of the status Lease (RoleBindings
 * there), and in any other namespace (RoleBindings elsewhere, which bosun never needs).
 */
export interface Permissions {
  readonly cluster: string[];
  readonly leaseNamespace: string[];
  readonly otherNamespaces: string[];
}

const permission = (apiGroup: string, resource: string, verb: string) => `${apiGroup === "" ? "core" : apiGroup}/${resource} ${verb}`;
const sortedUnique = (items: Iterable<string>) => [...new Set(items)].sort();

/** What the process says it asks for (packages/cluster/src/kubernetes/api-access.ts). */
export function neededPermissions(access: readonly ApiAccess[]): Permissions {
  const of = (scope: ApiAccess["scope"]) =>
    sortedUnique(access.filter((entry) => entry.scope === scope).flatMap(({ apiGroup, resource, verbs }) => verbs.map((verb) => permission(apiGroup, resource, verb))));
  return { cluster: of("cluster"), leaseNamespace: of("lease-namespace"), otherNamespaces: [] };
}

/**
 * What the RBAC objects grant a service account. A wildcard stays a literal `*` and so never
 * equals a need; a rule limited by resourceNames or nonResourceURLs is not something bosun's needs
 * are written in, so it throws rather than be counted as a whole-resource grant.
 */
export function grantedPermissions(objects: readonly KubeObject[], account: ServiceAccountRef, leaseNamespace: string): Permissions {
  const bindsAccount = (binding: Binding) =>
    (binding.subjects ?? []).some((subject) => subject.kind === "ServiceAccount" && subject.name === account.name && (subject.namespace ?? binding.metadata.namespace) === account.namespace);
  const rulesOf = (binding: Binding) => {
    const role = ofKind<RoleObject>(objects, binding.roleRef.kind).find(
      (candidate) => candidate.metadata.name === binding.roleRef.name && (binding.roleRef.kind === "ClusterRole" || candidate.metadata.namespace === binding.metadata.namespace),
    );
    if (role === undefined) throw new Error(`${binding.kind} ${binding.metadata.name} refers to the missing ${binding.roleRef.kind} ${binding.roleRef.name}`);
    return role.rules ?? [];
  };
  const permissionsOf = (bindings: readonly Binding[]) => sortedUnique(bindings.flatMap(rulesOf).flatMap(rulePermissions));
  const roleBindings = ofKind<Binding>(objects, "RoleBinding").filter(bindsAccount);
  return {
    cluster: permissionsOf(ofKind<Binding>(objects, "ClusterRoleBinding").filter(bindsAccount)),
    leaseNamespace: permissionsOf(roleBindings.filter((binding) => binding.metadata.namespace === leaseNamespace)),
    otherNamespaces: permissionsOf(roleBindings.filter((binding) => binding.metadata.namespace !== leaseNamespace)),
  };
}

function rulePermissions(rule: Rule): string[] {
  if (rule.resourceNames !== undefined || rule.nonResourceURLs !== undefined) throw new Error(`a rule with resourceNames or nonResourceURLs: ${JSON.stringify(rule)}`);
  return (rule.apiGroups ?? []).flatMap((apiGroup) => (rule.resources ?? []).flatMap((resource) => rule.verbs.map((verb) => permission(apiGroup, resource, verb))));
}

/** The service accounts the bindings name, as `namespace/name`. */
export function boundServiceAccounts(objects: readonly KubeObject[]): string[] {
  const bindings = [...ofKind<Binding>(objects, "ClusterRoleBinding"), ...ofKind<Binding>(objects, "RoleBinding")];
  return sortedUnique(
    bindings.flatMap((binding) => (binding.subjects ?? []).map((subject) => `${subject.kind === "ServiceAccount" ? "" : `${subject.kind}:`}${subject.namespace ?? binding.metadata.namespace}/${subject.name}`)),
  );
}
