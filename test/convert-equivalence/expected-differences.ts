import type { DifferenceKind } from "./behaviour.ts";

/**
 * Where the routes of the converted RouteGroups do not do what the Ingresses' routes did, case
 * by case, and why. Each entry is one cause: a kind of difference (behaviour.ts) and the cases it
 * is expected in. The test asserts that every case shows exactly the kinds listed for it, so a
 * new difference fails, and so does a listed one that went away. `converter` stands for the
 * converter's own report (a problem, or a caveat beside the RouteGroup).
 */
export interface ExpectedDifference {
  readonly kind: DifferenceKind | "converter";
  readonly reason: string;
  readonly cases: readonly string[];
}

const ingressData = (names: readonly string[]) => names.map((name) => `ingressV1/ingress-data/${name}`);
const namedPorts = (names: readonly string[]) => names.map((name) => `ingressV1/named-ports/${name}`);
const traffic = (names: readonly string[]) => names.map((name) => `ingressV1/traffic/${name}`);

/** The named targetPort cases: the converter warns, and the RouteGroup finds other or no endpoints. */
const targetPortByName = [
  "ingressV1/annotation-predicates/annotation-predicates",
  "ingressV1/annotation-predicates/annotation-predicates-with-ew-enabled",
  "ingressV1/annotation-predicates/annotation-predicates-with-internal-hostname",
  "ingressV1/annotation-predicates/annotation-predicates-with-internal-hostname-predicates",
  ...namedPorts(["named-ports", "named-ports-multiport", "named-ports-multiport2", "named-ports-multiport3", "named-ports-multiport4"]),
  "ingressV1/service-ports/single",
];

const externalNames = [
  "ingressV1/external-name/all-allowed",
  "ingressV1/external-name/external-name-validation-not-enabled",
  "ingressV1/external-name/not-allowed",
  "ingressV1/external-name/some-allowed",
  ...ingressData(["ing-with-externalname-svc", "ing-with-externalname-svc-preserve-host", "ing-with-externalname-svc-disabled", "ing-with-externalname-svc-disabled-preserve-host"]),
];

export const expectedDifferences: readonly ExpectedDifference[] = [
  {
    kind: "catch-all",
    reason:
      "a RouteGroup adds a host's 404 catch-all unless one of its routes for the host is host-only; an Ingress only when every route of the host has an ImplementationSpecific path other than / (skipper-semantics §5.10, §5.13.5)",
    cases: [
      ...["ab-test", "gradual-switch", "https-redirect", "options-shunt"].map((name) => `examples/ingress/${name}.yaml`),
      "ingressV1/annotation-backends/forward-predicate",
      "ingressV1/annotation-predicates/annotation-predicates",
      ...externalNames,
      ...ingressData([
        "application-label", "application-label-disabled", "endpointslice-conditions", "endpointslice-conditions-overlapping-endpoints",
        "ing-with-default-and-prule", "ing-with-duplicate-host", "ing-with-duplicate-host-different-path", "ing-with-duplicate-host-different-service",
        "ing-with-label-selector-filter", "ing-with-label-selector-filter-and-force-k8s-service-flag", "ing-with-label-selector-filter-different-per-resource",
        "ing-with-label-selector-filter-is-optional", "ing-with-label-selector-filter-multiple", "ing-with-lb-annotation-consistenthash",
        "ing-with-lb-annotation-powerofrandomnchoices", "ing-with-lb-annotation-random", "ing-with-lb-annotation-roundrobin", "ing-with-multiprule-v1",
        "ing-with-prule-backend-and-port-name", "ing-with-prule-named-port", "ing-with-prule-num-port", "ing-with-prule-v1-exact", "ing-with-prule-v1-prefix",
        "ing-with-routes-annotation", "ing-with-setpath-filter-annotation", "no-redirect-for-proto-https-routes", "redirect-ing-with-path",
      ]),
      ...traffic(["issue2268"]),
    ],
  },
  {
    kind: "default-backend",
    reason:
      "the Ingress default backend's route matches any host; a RouteGroup with hosts and routes matches its hosts only, so its defaultBackends make no route of their own (§5.4, §5.13.5)",
    cases: [
      ...ingressData([
        "endpointslice-conditions", "endpointslice-conditions-overlapping-endpoints", "ing-with-default-and-prule", "ing-with-duplicate-host",
        "ing-with-duplicate-host-different-path", "ing-with-duplicate-host-different-service", "lb-target-multi", "lb-target-multi-endpointslices",
        "lb-target-multi-multiple-endpointslices", "lb-target-multi-multiple-endpointslices-conditions-all-ready",
        "lb-target-multi-multiple-endpointslices-conditions-all-serving", "lb-target-multi-multiple-endpointslices-conditions-terminating",
        "lb-target-single", "lb-target-single-endpointslices", "lb-target-single-multiple-endpointslices", "lb-traffic-switch",
        "lb-traffic-switch-and-force-k8s-service-flag",
      ]),
      ...traffic(["1-2-3-4", "20-60-20", "25-45-3-27", "60-140", "three-backends-with-one-zero-weight", "two-backends-no-weights", "two-backends-with-one-zero-weight", "with-path-30-70"]),
    ],
  },
  {
    kind: "redirect",
    reason:
      "HTTPS redirect copies: an Ingress's have Weight(1000) and its own redirect code, are left out when skipper-predicate or skipper-routes test X-Forwarded-Proto or the host is an east-west one, and an opt-out makes _disable_https_redirect copies; a RouteGroup's copy every route without an X-Forwarded-Proto predicate, with the global code (§5.11, §5.13.5)",
    cases: [
      "examples/ingress/https-redirect.yaml",
      ...ingressData([
        "disabled-redirect-ing", "no-redirect-for-custom-route-with-proto-https-routes", "no-redirect-for-east-west", "redirect-ing",
        "redirect-ing-change-global-code", "redirect-ing-change-global-code-overwrite-annotation", "redirect-ing-disable-annotation",
        "redirect-ing-no-redirect-enable-annotation", "redirect-ing-no-redirect-enable-annotation-with-code", "redirect-ing-with-path",
      ]),
    ],
  },
  {
    kind: "east-west",
    reason: "legacy east-west copies: an Ingress copies the routes of each host outside the east-west domain; a RouteGroup copies its routes per host context, internal hosts excluded (§5.11)",
    cases: ["ingressV1/annotation-predicates/annotation-predicates-with-ew-enabled"],
  },
  {
    kind: "never-matches",
    reason: "a zero-weight backend: an Ingress makes no route for it, a RouteGroup a Traffic(0) route that never matches (§5.8, §5.13.3)",
    cases: traffic(["no-weights", "three-backends-with-one-zero-weight", "two-backends-with-one-zero-weight"]),
  },
  {
    kind: "host-weight",
    reason: "hosts with different rules: each RouteGroup route carries its own Host predicate beside the group's, one Host regexp more, so a route weight one higher (§2.2)",
    cases: ["ingressV1/ingress-data/ing-with-routes-annotation"],
  },
  {
    kind: "behaviour",
    reason:
      "a Service port whose named targetPort is not its own name: Skipper finds an Ingress's endpoints by the Service port's name and a RouteGroup's by the targetPort name, so the RouteGroup gets other or no endpoints (§5.7, §5.13.3); the converter says so",
    cases: targetPortByName,
  },
  {
    kind: "behaviour",
    reason: "ExternalName services: Skipper's route for an Ingress ignores the rule's path; the RouteGroup route keeps it (§5.13.3); the converter says so",
    cases: ["ingressV1/external-name/all-allowed", "ingressV1/external-name/external-name-validation-not-enabled", "ingressV1/external-name/some-allowed", ...ingressData(["ing-with-externalname-svc", "ing-with-externalname-svc-preserve-host"])],
  },
  {
    kind: "behaviour",
    reason: "enableExternalNames is off: the Ingress's ExternalName routes are dropped, while the option does not apply to the RouteGroup's network backend",
    cases: ["ingressV1/external-name/not-allowed", ...ingressData(["ing-with-externalname-svc-disabled", "ing-with-externalname-svc-disabled-preserve-host"])],
  },
  {
    kind: "behaviour",
    reason: "force-kubernetes-service applies to Ingresses only: RouteGroups use the endpoints, not the service's DNS name",
    cases: ingressData(["ing-with-default-backend-and-force-k8s-service-flag-enabled", "ing-with-label-selector-filter-and-force-k8s-service-flag", "lb-traffic-switch-and-force-k8s-service-flag"]),
  },
  {
    kind: "behaviour",
    reason: "kubernetes-ingress-class is class-test: the RouteGroup carries routegroup.class class-test, which the default RouteGroup class (skipper) does not select",
    cases: ingressData(["ingress-with-class-annotation-matching-class"]),
  },
  {
    kind: "behaviour",
    reason: "the Ingress names a Service port that does not exist: the Ingress route answers 502; the converter leaves the Ingress out (a port name) or the RouteGroup route is skipped (a port number)",
    cases: [...ingressData(["ing-with-prule-wrong-ing-port"]), ...namedPorts(["named-ports-no-match", "numbered-ports-no-match"])],
  },
  {
    kind: "behaviour",
    reason: "the fixture's Endpoints port (80) is not the Service's targetPort (8080), as Kubernetes would make it: the Ingress finds it by name, the RouteGroup by the targetPort number",
    cases: ["ingressV1/service-ports/multiple-by-name"],
  },
  {
    kind: "converter",
    reason:
      "problems: an invalid skipper-routes annotation, a named port without its Service, a port the Service does not have; caveats: named targetPorts, ExternalName services",
    cases: [
      ...targetPortByName,
      ...externalNames,
      "ingressV1/external-name/none-allowed",
      ...ingressData(["ing-with-invalid-routes-annotation-missing-header-argument", "ing-with-prule-wrong-ep-port", "ing-with-prule-wrong-ing-port"]),
      ...namedPorts(["named-ports-no-match", "numbered-ports-no-match"]),
    ],
  },
];
