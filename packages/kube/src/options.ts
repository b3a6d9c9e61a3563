import type { Call } from "@bosun/eskip";

/** Predicates or filters added to the routes of objects that carry an annotation with a value. */
export interface AnnotationAddition {
  readonly key: string;
  readonly value: string;
  readonly calls: readonly Call[];
}

/**
 * The options of Skipper's Kubernetes data client that change the routes
 * (`../shared/conformance/skipper/README.md`, ".kube option keys"). `bosun compile --options`
 * reads the same YAML keys (see options-file.ts).
 */
export interface CompileOptions {
  /** `enable-kubernetes-endpointslices`: read EndpointSlices instead of Endpoints. */
  readonly endpointSlices: boolean;
  readonly httpsRedirect: boolean;
  readonly httpsRedirectCode: number;
  readonly disableCatchAllRoutes: boolean;
  /** `default-lb-algorithm`: for services with several endpoints; "roundRobin" when unknown or empty. */
  readonly defaultLbAlgorithm: string;
  readonly forwardBackendUrl: string | undefined;
  /** (Ingress) the service's DNS name instead of its endpoints. */
  readonly forceKubernetesService: boolean;
  readonly enableExternalNames: boolean;
  readonly externalNamePreserveHost: boolean;
  readonly onlyAllowedExternalNames: boolean;
  /** RE2 sources, matched against host names of external names, network and lb addresses. */
  readonly allowedExternalNames: readonly string[];
  /** `kubernetes-ingress-class`: an unanchored RE2 source. */
  readonly ingressClass: string;
  /** The RouteGroup class regexp (Skipper's default "skipper"). */
  readonly routeGroupClass: string;
  readonly ingressLabelSelector: Readonly<Record<string, string>>;
  /** Skipper's RouteGroupsLabelSelectors: only RouteGroups with these labels are read. */
  readonly routeGroupsLabelSelector: Readonly<Record<string, string>>;
  readonly servicesLabelSelector: Readonly<Record<string, string>>;
  readonly endpointsLabelSelector: Readonly<Record<string, string>>;
  /** `kubernetes-enable-tls`: read the TLS Secrets of Ingresses and RouteGroups, whose certificates the proxy serves by SNI. */
  readonly enableTls: boolean;
  /** `kubernetes-application-annotation-label`. */
  readonly applicationAnnotationLabel: string | undefined;
  readonly annotationPredicates: readonly AnnotationAddition[];
  readonly annotationFiltersAppend: readonly AnnotationAddition[];
  readonly eastWest: boolean;
  readonly eastWestDomain: string;
  readonly eastWestRangeDomains: readonly string[];
  readonly eastWestRangePredicates: readonly Call[];
  readonly eastWestRangeAnnotationPredicates: readonly AnnotationAddition[];
  readonly eastWestRangeAnnotationFiltersAppend: readonly AnnotationAddition[];
  /** `.default-filters`: eskip filter chains by `<service>.<namespace>`, as written. */
  readonly defaultFilters: ReadonlyMap<string, string>;
  /** `backendNameTracingTag`: append `tracingTag("skipper.backend_name", <backend>)`. */
  readonly backendNameTracingTag: boolean;
  /** `backend-traffic-algorithm`. */
  readonly backendTrafficAlgorithm: "traffic-predicate" | "traffic-segment-predicate";
  /** `topology-zone`: keep same-zone endpoints (EndpointSlices only). */
  readonly topologyZone: string | undefined;
  /** `--gateway-controller-name`: the GatewayClasses whose `controllerName` this is are bosun's. */
  readonly gatewayControllerName: string;
}

export const defaultCompileOptions: CompileOptions = {
  endpointSlices: false,
  httpsRedirect: false,
  httpsRedirectCode: 308,
  disableCatchAllRoutes: false,
  defaultLbAlgorithm: "roundRobin",
  forwardBackendUrl: undefined,
  forceKubernetesService: false,
  enableExternalNames: false,
  externalNamePreserveHost: false,
  onlyAllowedExternalNames: false,
  allowedExternalNames: [],
  ingressClass: "skipper",
  routeGroupClass: "skipper",
  ingressLabelSelector: {},
  routeGroupsLabelSelector: {},
  servicesLabelSelector: {},
  endpointsLabelSelector: {},
  enableTls: false,
  applicationAnnotationLabel: undefined,
  annotationPredicates: [],
  annotationFiltersAppend: [],
  eastWest: false,
  eastWestDomain: "skipper.cluster.local",
  eastWestRangeDomains: [],
  eastWestRangePredicates: [],
  eastWestRangeAnnotationPredicates: [],
  eastWestRangeAnnotationFiltersAppend: [],
  defaultFilters: new Map(),
  backendNameTracingTag: false,
  backendTrafficAlgorithm: "traffic-predicate",
  topologyZone: undefined,
  gatewayControllerName: "bosun.dev/gateway-controller",
};
