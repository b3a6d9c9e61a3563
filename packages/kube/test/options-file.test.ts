import { describe, expect, it } from "vitest";
import { compileOptionsFromYaml, defaultCompileOptions } from "../src/index.js";

function read(text: string) {
  return compileOptionsFromYaml(text);
}

describe("compileOptionsFromYaml", () => {
  it("gives the defaults for an empty or comment-only file", () => {
    expect(read("")).toEqual({ options: defaultCompileOptions, problems: [] });
    expect(read("# nothing\n")).toEqual({ options: defaultCompileOptions, problems: [] });
  });

  it("reads scalar keys", () => {
    const { options, problems } = read(`
enable-kubernetes-endpointslices: true
httpsRedirect: true
httpsRedirectCode: 302
disableCatchAllRoutes: true
forward-backend-url: http://forward.example
force-kubernetes-service: true
enableExternalNames: true
externalNamePreserveHost: true
onlyAllowedExternalNames: true
kubernetes-ingress-class: class-test
kubernetes-enable-tls: true
kubernetes-application-annotation-label: app.kubernetes.io/name
eastWest: true
eastWestDomain: east.west
backendNameTracingTag: true
backend-traffic-algorithm: traffic-segment-predicate
topology-zone: eu-central-1a
ingressv1: true
`);
    expect(problems).toEqual([]);
    expect(options).toEqual({
      ...defaultCompileOptions,
      endpointSlices: true,
      httpsRedirect: true,
      httpsRedirectCode: 302,
      disableCatchAllRoutes: true,
      forwardBackendUrl: "http://forward.example",
      forceKubernetesService: true,
      enableExternalNames: true,
      externalNamePreserveHost: true,
      onlyAllowedExternalNames: true,
      ingressClass: "class-test",
      enableTls: true,
      applicationAnnotationLabel: "app.kubernetes.io/name",
      eastWest: true,
      eastWestDomain: "east.west",
      backendNameTracingTag: true,
      backendTrafficAlgorithm: "traffic-segment-predicate",
      topologyZone: "eu-central-1a",
    });
  });

  it.each([
    ["consistentHash", "consistentHash"],
    ["random", "random"],
    ["powerOfRandomNChoices", "powerOfRandomNChoices"],
    ["does-not-exist", "roundRobin"],
    ['""', "roundRobin"],
  ])("reads default-lb-algorithm %s as %s, without a problem", (written, algorithm) => {
    expect(read(`default-lb-algorithm: ${written}\n`)).toEqual({ options: { ...defaultCompileOptions, defaultLbAlgorithm: algorithm }, problems: [] });
  });

  it("reads lists and label selectors, taking scalar selector values as text", () => {
    const { options, problems } = read(`
allowedExternalNames:
- ^external1[.]example[.]org$
eastWestRangeDomains: ["ingress.cluster.local"]
kubernetes-ingresses-label-selector:
  skipper-enabled: true
  tier: 2
kubernetes-services-label-selector: {a: b}
kubernetes-routegroups-label-selector: {team: shop}
kubernetes-endpoints-label-selector: {c: d}
kubernetes-endpointslice-label-selector: {e: f}
`);
    expect(problems).toEqual([]);
    expect(options.allowedExternalNames).toEqual(["^external1[.]example[.]org$"]);
    expect(options.eastWestRangeDomains).toEqual(["ingress.cluster.local"]);
    expect(options.ingressLabelSelector).toEqual({ "skipper-enabled": "true", tier: "2" });
    expect(options.servicesLabelSelector).toEqual({ a: "b" });
    expect(options.routeGroupsLabelSelector).toEqual({ team: "shop" });
    expect(options.endpointsLabelSelector).toEqual({ c: "d" });
  });

  it("reads annotation additions and east-west range predicates as calls", () => {
    const { options, problems } = read(`
kubernetesAnnotationPredicates:
  - key: zalando.org/zone
    value: zone1
    predicates:
      - name: "Zone"
        args: ["zone1"]
      - name: "True"
        args: []
kubernetesAnnotationFiltersAppend:
  - key: a
    value: b
    filters: [{name: setPath, args: ["/x"]}, {name: status}]
eastWestRangePredicatesAppend:
    - name: "ClientIP"
      args: ["10.2.0.0/16"]
kubernetesEastWestRangeAnnotationPredicates:
  - {key: zalando.org/zone, value: internal, predicates: [{name: Weight, args: [10]}]}
kubernetesEastWestRangeAnnotationFiltersAppend:
  - {key: k, value: v, filters: []}
`);
    expect(problems).toEqual([]);
    expect(options.annotationPredicates).toEqual([
      { key: "zalando.org/zone", value: "zone1", calls: [{ name: "Zone", args: ["zone1"] }, { name: "True", args: [] }] },
    ]);
    expect(options.annotationFiltersAppend).toEqual([
      { key: "a", value: "b", calls: [{ name: "setPath", args: ["/x"] }, { name: "status", args: [] }] },
    ]);
    expect(options.eastWestRangePredicates).toEqual([{ name: "ClientIP", args: ["10.2.0.0/16"] }]);
    expect(options.eastWestRangeAnnotationPredicates).toEqual([
      { key: "zalando.org/zone", value: "internal", calls: [{ name: "Weight", args: [10] }] },
    ]);
    expect(options.eastWestRangeAnnotationFiltersAppend).toEqual([{ key: "k", value: "v", calls: [] }]);
  });

  it("keeps the default for empty strings and null values", () => {
    const { options, problems } = read('eastWestDomain: ""\nkubernetes-ingress-class: ""\nforward-backend-url: ""\nallowedExternalNames:\nhttpsRedirect: ~\n');
    expect(problems).toEqual([]);
    expect(options).toEqual(defaultCompileOptions);
  });

  it("reports unknown keys and wrong types by key, keeping the defaults and the other keys", () => {
    const { options, problems } = read(`
httpsRedirect: "yes"
httpsRedirectCode: 30.5
noSuchOption: 1
eastWest: true
allowedExternalNames: [1]
kubernetes-services-label-selector: [a]
kubernetesAnnotationPredicates: [{key: a, value: b, predicates: [{name: X, args: [true]}]}]
kubernetesAnnotationFiltersAppend: [{key: a, value: b, predicates: []}]
eastWestRangePredicatesAppend: [{args: []}]
backend-traffic-algorithm: fastest
kubernetes-ingress-class: "(["
`);
    expect(options).toEqual({ ...defaultCompileOptions, eastWest: true });
    expect(problems).toEqual([
      "httpsRedirect: expected a boolean, got a string",
      "httpsRedirectCode: expected an integer, got a number",
      "noSuchOption: unknown option",
      "allowedExternalNames[0]: expected a string, got a number",
      "kubernetes-services-label-selector: expected a mapping, got a list",
      "kubernetesAnnotationPredicates[0].predicates[0].args[0]: expected a string or a number, got a boolean",
      'kubernetesAnnotationFiltersAppend[0]: unknown field "predicates"',
      "eastWestRangePredicatesAppend[0].name: expected a non-empty string, got nothing",
      'backend-traffic-algorithm: unknown algorithm "fastest"',
      expect.stringMatching(/^kubernetes-ingress-class: invalid regexp "\(\[": /),
    ]);
  });

  it("reports a file that is not a mapping, or not YAML, instead of throwing", () => {
    expect(read("- a\n").problems).toEqual(["expected a mapping of options, got a list"]);
    const broken = read("a: {b: c}}\n");
    expect(broken.options).toEqual(defaultCompileOptions);
    expect(broken.problems).toEqual([expect.stringMatching(/^1:10: /)]);
  });
});
