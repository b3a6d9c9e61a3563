/**
 * Route ids of Kubernetes objects (skipper-semantics §5.5). Dashboards and alerts key on them,
 * so they are Skipper's to the byte.
 */

/** Every byte outside `[A-Za-z0-9_]` becomes `_`; a multi-byte UTF-8 character gives several. */
export function sym(text: string): string {
  let result = "";
  for (const byte of Buffer.from(text, "utf8")) {
    const char = String.fromCharCode(byte);
    result += /[A-Za-z0-9_]/.test(char) ? char : "_";
  }
  return result;
}

export function routeGroupRouteId(namespace: string, name: string, method: string, routeIndex: number, backendIndex: number, internal: boolean): string {
  const ns = `${internal ? "internal_" : ""}${sym(namespace === "" ? "default" : namespace)}`;
  const verb = method === "" ? "all" : sym(method.toLowerCase());
  return `kube_rg__${ns}__${sym(name)}__${verb}__${routeIndex}_${backendIndex}`;
}

export function routeGroupCatchAllId(host: string, internal: boolean): string {
  // The namespace part is empty: `kube_rg____host…`, internal `kube_rg__internal___host…`.
  return `kube_rg__${internal ? "internal_" : ""}__${sym(host)}__catchall__0_0`;
}

export const httpsRedirectSuffix = "_https_redirect";

/** `kubeew` + the id without its leading `kube`. */
export function eastWestId(id: string): string {
  return `kubeew${id.slice("kube".length)}`;
}

/** Ingress ids (§5.13.4): every non-word character of each part becomes `_`. */
export function ingressRouteId(namespace: string, name: string, host: string, path: string, service: string): string {
  const word = (text: string) => text.replace(/\W/g, "_");
  return `kube_${word(namespace)}__${word(name)}__${word(host)}__${word(path)}__${word(service)}`;
}
