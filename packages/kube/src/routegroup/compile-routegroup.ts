import { EskipParseError, parseFilters, parsePredicates, type Call, type Predicate, type Route } from "@bosun/eskip";
import type { KubeObject } from "../cluster-state.js";
import { isInternalHost, withAdditions } from "../additions.js";
import { hostRegexp } from "../host-regexp.js";
import { eastWestId, httpsRedirectSuffix, routeGroupCatchAllId, routeGroupRouteId } from "../names.js";
import { trafficPredicatesOf } from "../traffic.js";
import { applyBackend, BackendFailure, type AppliedBackend, type BackendEnvironment } from "./apply-backend.js";
import type { BackendRef, BackendSpec, RouteGroupSpec, RouteSpec } from "./spec.js";

/** What compiling one group needs beside the group: options, services, and where problems go. */
export interface RouteGroupEnvironment extends BackendEnvironment {
  /** The default filters of a service, or none (an unreadable set is reported, not used). */
  defaultFilters(service: string, namespace: string, report: (message: string) => void): readonly Call[];
}

/** One run of the transformation: the external hosts, or the internal ones (§5.4 step 2). */
interface HostContext {
  readonly hosts: readonly string[];
  readonly internal: boolean;
}

const hostCall = (hosts: readonly string[]): Predicate => ({ name: "Host", args: [hostRegexp(hosts)] });

/**
 * The routes of one valid RouteGroup (skipper-semantics §5.4): per host context, implicit or
 * explicit routes, their copies (east-west, HTTPS redirect), catch-alls, then the additions that
 * annotations and options ask for. Problems are reported through `report`.
 */
export class RouteGroupCompiler {
  private readonly backends: ReadonlyMap<string, BackendSpec>;
  private readonly namespace: string;

  constructor(
    private readonly object: KubeObject,
    private readonly spec: RouteGroupSpec,
    private readonly environment: RouteGroupEnvironment,
    private readonly report: (message: string, fieldPath: string) => void,
  ) {
    this.backends = new Map(spec.backends.map((backend) => [backend.name, backend]));
    this.namespace = object.metadata.namespace === "" ? "default" : object.metadata.namespace;
  }

  routes(): Route[] {
    const hosts = [...new Set(this.spec.hosts)];
    const isInternal = (host: string) => isInternalHost(host, this.environment.options);
    const external = hosts.filter((host) => !isInternal(host));
    const internal = hosts.filter(isInternal);
    const routes: Route[] = [];
    if (external.length > 0 || hosts.length === 0) {
      const made = this.transform({ hosts: external, internal: false });
      // §5.4: a failing external context skips the internal one too.
      if (made === undefined) return routes;
      routes.push(...made);
    }
    if (internal.length > 0) routes.push(...(this.transform({ hosts: internal, internal: true }) ?? []));
    return routes;
  }

  private transform(context: HostContext): Route[] | undefined {
    const stored: Route[] = [];
    const output: Route[] = [];
    const explicit = this.spec.routes !== undefined && this.spec.routes.length > 0;
    if (explicit) {
      this.spec.routes!.forEach((route, i) => output.push(...this.explicitRoutes(route!, i, context, stored)));
    } else {
      try {
        output.push(...this.implicitRoutes(context, stored));
      } catch (error) {
        if (!(error instanceof BackendFailure)) throw error;
        this.report(`Error transforming ${context.internal ? "internal" : "external"} hosts: ${error.message}`, "spec.defaultBackends");
        return undefined;
      }
    }
    output.push(...this.catchAlls(context, stored));
    return output.map((route) => withAdditions(route, this.environment.options, this.object.metadata.annotations, context.internal));
  }

  private implicitRoutes(context: HostContext, stored: Route[]): Route[] {
    const refs = this.spec.defaultBackends;
    const traffic = trafficPredicatesOf(refs.map((ref) => ref.weight), this.environment.options.backendTrafficAlgorithm);
    const routes: Route[] = [];
    refs.forEach((ref, j) => {
      const route: Route = {
        id: routeGroupRouteId(this.namespace, this.object.metadata.name, "", 0, j, context.internal),
        predicates: [...(context.hosts.length > 0 ? [hostCall(context.hosts)] : []), ...traffic[j]!],
        filters: [],
        backend: { type: "shunt" },
        origin: this.origin(`spec.defaultBackends[${j}]`),
      };
      routes.push(...this.store(this.withBackend(route, ref), context, stored));
    });
    return routes;
  }

  private explicitRoutes(spec: RouteSpec, i: number, context: HostContext, stored: Route[]): Route[] {
    const methods = spec.methods.length > 0 ? [...new Set(spec.methods)] : [""];
    const refs = spec.backends.length > 0 ? spec.backends : this.spec.defaultBackends;
    const traffic = trafficPredicatesOf(refs.map((ref) => ref.weight), this.environment.options.backendTrafficAlgorithm);
    const routes: Route[] = [];
    try {
      const predicates = this.specPredicates(spec, context);
      const filters = spec.filters.flatMap((item) => parseFilters(item));
      for (const method of methods) {
        refs.forEach((ref, j) => {
          const route: Route = {
            id: routeGroupRouteId(this.namespace, this.object.metadata.name, method, i, j, context.internal),
            predicates: [...predicates, ...(method === "" ? [] : [{ name: "Method", args: [method.toUpperCase()] }]), ...this.parsedPredicates(spec)],
            filters,
            backend: { type: "shunt" },
            origin: this.origin(spec.backends.length > 0 ? `spec.routes[${i}].backends[${j}]` : `spec.routes[${i}]`),
          };
          const withBackend = this.withBackend(route, ref);
          routes.push(...this.store({ ...withBackend, predicates: [...withBackend.predicates, ...traffic[j]!] }, context, stored));
        });
      }
      return routes;
    } catch (error) {
      // §5.4 step 6: the rest of this route spec is skipped; other specs are not affected.
      if (!(error instanceof BackendFailure) && !(error instanceof EskipParseError)) throw error;
      this.report(`Ignoring route: ${error.message}`, `spec.routes[${i}]`);
      return [];
    }
  }

  /** Path or PathSubtree, PathRegexp, Host: the predicates every method and backend of a spec shares. */
  private specPredicates(spec: RouteSpec, context: HostContext): Predicate[] {
    const predicates: Predicate[] = [];
    if (spec.path !== "") predicates.push({ name: "Path", args: [spec.path] });
    else if (spec.pathSubtree !== "") predicates.push({ name: "PathSubtree", args: [spec.pathSubtree] });
    if (spec.pathRegexp !== "") predicates.push({ name: "PathRegexp", args: [spec.pathRegexp] });
    if (context.hosts.length > 0) predicates.push(hostCall(context.hosts));
    return predicates;
  }

  private parsedPredicates(spec: RouteSpec): Predicate[] {
    return spec.predicates.flatMap((item) => parsePredicates(item));
  }

  /** The backend of `ref` applied to the route, with the filters that go with it (§5.7). */
  private withBackend(route: Route, ref: BackendRef): Route {
    const backend = this.backends.get(ref.backendName)!;
    const applied: AppliedBackend = applyBackend(backend, this.namespace, this.object.metadata.annotations, this.environment);
    const options = this.environment.options;
    const label = options.applicationAnnotationLabel;
    const application = label === undefined ? undefined : this.object.metadata.labels[label];
    const defaults = applied.service ? this.environment.defaultFilters(applied.service.name, applied.service.namespace, (message) => this.report(message, "")) : [];
    const own = applied.replaceFilters ?? route.filters;
    const forward = backend.type === "forward";
    const filters: Call[] = forward
      ? []
      : [
          ...(application === undefined ? [] : [{ name: "annotate", args: ["Application", application] }]),
          ...defaults,
          ...own,
          ...(options.backendNameTracingTag ? [{ name: "tracingTag", args: ["skipper.backend_name", backend.name] }] : []),
        ];
    return { ...route, filters, backend: applied.backend };
  }

  /** Keeps the route for the catch-all decision and returns it with its copies (§5.11). */
  private store(route: Route, context: HostContext, stored: Route[]): Route[] {
    stored.push(route);
    const routes = [route];
    const options = this.environment.options;
    const hosts = this.spec.hosts;
    if (!context.internal && options.eastWest && !hosts.some((host) => host.endsWith(options.eastWestDomain))) {
      const eastWestHost = `${this.object.metadata.name}.${this.namespace}.${options.eastWestDomain}`;
      routes.push({ ...route, id: eastWestId(route.id), predicates: [...route.predicates.filter((p) => p.name !== "Host"), hostCall([eastWestHost])] });
    }
    if (!context.internal && this.httpsRedirect() && !route.predicates.some(isForwardedProtoHeader)) {
      routes.push({
        ...route,
        id: `${route.id}${httpsRedirectSuffix}`,
        predicates: [...route.predicates, { name: "Header", args: ["X-Forwarded-Proto", "http"] }],
        filters: [{ name: "redirectTo", args: [options.httpsRedirectCode, "https:"] }],
        backend: { type: "shunt" },
      });
    }
    return routes;
  }

  private httpsRedirect(): boolean {
    const annotation = this.object.metadata.annotations["zalando.org/skipper-ingress-redirect"];
    return annotation === "true" ? true : annotation === "false" ? false : this.environment.options.httpsRedirect;
  }

  /** §5.4 step 7: per host, a 404 shunt unless a route of the host takes every path already. */
  private catchAlls(context: HostContext, stored: readonly Route[]): Route[] {
    if (this.environment.options.disableCatchAllRoutes || context.hosts.length === 0 || stored.length === 0) return [];
    if (stored.some((route) => route.predicates.every((predicate) => predicate.name === "Host"))) return [];
    return context.hosts.map((host) => ({
      id: routeGroupCatchAllId(host, context.internal),
      predicates: [hostCall([host])],
      filters: [],
      backend: { type: "shunt" },
      origin: this.origin(""),
    }));
  }

  private origin(fieldPath: string): Route["origin"] {
    return { kind: "object", objectKind: "RouteGroup", namespace: this.namespace, name: this.object.metadata.name, fieldPath };
  }
}

function isForwardedProtoHeader(predicate: Predicate): boolean {
  return predicate.name === "Header" && typeof predicate.args[0] === "string" && predicate.args[0].toLowerCase() === "x-forwarded-proto";
}
