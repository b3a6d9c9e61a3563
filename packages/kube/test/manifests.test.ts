import { describeProblem } from "@bosun/eskip";
import { describe, expect, it } from "vitest";
import { clusterStateFrom, objectsFromYaml } from "../src/index.js";

const service = `apiVersion: v1
kind: Service
metadata:
  name: myapp
  labels:
    application: myapp
    enabled: true
spec:
  ports:
  - port: 80
`;

describe("objectsFromYaml", () => {
  it("reads every document of a stream, with its envelope and whole body", () => {
    const { objects, problems } = objectsFromYaml(`${service}---\napiVersion: zalando.org/v1\nkind: RouteGroup\nmetadata:\n  name: rg\n  namespace: foo\n`);
    expect(problems).toEqual([]);
    expect(objects.map((o) => [o.kind, o.apiVersion, o.metadata.namespace, o.metadata.name])).toEqual([
      ["Service", "v1", "default", "myapp"],
      ["RouteGroup", "zalando.org/v1", "foo", "rg"],
    ]);
    expect(objects[0]!.body["spec"]).toEqual({ ports: [{ port: 80 }] });
  });

  it("defaults the namespace of RouteGroup, Service, Endpoints and Secret only", () => {
    const kinds = ["RouteGroup", "Service", "Endpoints", "Secret", "Ingress", "EndpointSlice"];
    const text = kinds.map((kind) => `kind: ${kind}\nmetadata:\n  name: x\n`).join("---\n");
    const namespaces = objectsFromYaml(text).objects.map((o) => [o.kind, o.metadata.namespace]);
    expect(namespaces).toEqual([
      ["RouteGroup", "default"],
      ["Service", "default"],
      ["Endpoints", "default"],
      ["Secret", "default"],
      ["Ingress", ""],
      ["EndpointSlice", ""],
    ]);
  });

  it("defaults annotations and labels to {} and reads scalar values as text", () => {
    const [withLabels, bare] = objectsFromYaml(`${service}---\nkind: Ingress\n`).objects;
    expect(withLabels!.metadata.labels).toEqual({ application: "myapp", enabled: "true" });
    expect(withLabels!.metadata.annotations).toEqual({});
    expect(bare!.metadata).toEqual({ namespace: "", name: "", annotations: {}, labels: {} });
    expect(bare!.apiVersion).toBe("");
  });

  it("flattens a List", () => {
    const text = "kind: List\nitems:\n- kind: Service\n  metadata: {name: a}\n- kind: Endpoints\n  metadata: {name: a}\n";
    const { objects, problems } = objectsFromYaml(text);
    expect(problems).toEqual([]);
    expect(objects.map((o) => o.kind)).toEqual(["Service", "Endpoints"]);
  });

  it("ignores empty and comment-only documents", () => {
    const { objects, problems } = objectsFromYaml(`---\n---\n# nothing here\n---\n${service}---\n~\n`);
    expect(problems).toEqual([]);
    expect(objects).toHaveLength(1);
  });

  it("reports a document that is not an object or has no kind, with its index and line, and keeps the rest", () => {
    const text = `- a list\n---\nname: no-kind\n---\n${service}---\nkind: List\nitems:\n- just text\n`;
    const { objects, problems } = objectsFromYaml(text, "cluster.yaml");
    expect(objects.map((o) => o.kind)).toEqual(["Service"]);
    expect(problems.map(describeProblem)).toEqual([
      "cluster.yaml:1:1: document 1: not an object but a list",
      "cluster.yaml:3:1: document 2: no kind",
      "cluster.yaml:16:1: document 4, items[0]: not an object but a string",
    ]);
  });

  it("reports a YAML syntax error with its line and column instead of throwing", () => {
    const { objects, problems } = objectsFromYaml(`${service}---\nkind: Service\nmetadata: {name: x}}\n`, "bad.yaml");
    expect(objects.map((o) => o.metadata.name)).toEqual(["myapp"]);
    expect(problems).toHaveLength(1);
    expect(describeProblem(problems[0]!)).toMatch(/^bad\.yaml:13:20: /);
    expect(problems[0]!.place).toEqual({ kind: "file", file: "bad.yaml", line: 13, column: 20 });
  });

  it("resolves anchors and merge keys", () => {
    const text = "kind: Service\nmetadata:\n  name: a\n  labels: &labels {app: a}\nspec:\n  selector:\n    <<: *labels\n    tier: web\n";
    const [object] = objectsFromYaml(text).objects;
    expect(object!.body["spec"]).toEqual({ selector: { app: "a", tier: "web" } });
  });

  it("returns nothing for an empty stream", () => {
    expect(objectsFromYaml("")).toEqual({ objects: [], problems: [] });
  });
});

describe("clusterStateFrom", () => {
  it("sorts objects into their kinds, keeping their order, and ignores other kinds", () => {
    const kinds = ["Service", "RouteGroup", "Deployment", "Service", "Ingress", "Endpoints", "EndpointSlice", "Secret", "HTTPRoute", "Gateway", "GatewayClass", "ReferenceGrant", "Namespace", "GRPCRoute"];
    const text = kinds.map((kind, i) => `kind: ${kind}\nmetadata:\n  name: o${i}\n`).join("---\n");
    const state = clusterStateFrom(objectsFromYaml(text).objects);
    const names = Object.fromEntries(Object.entries(state).map(([kind, objects]) => [kind, objects.map((o: { metadata: { name: string } }) => o.metadata.name)]));
    expect(names).toEqual({
      routeGroups: ["o1"],
      ingresses: ["o4"],
      services: ["o0", "o3"],
      endpoints: ["o5"],
      endpointSlices: ["o6"],
      secrets: ["o7"],
      httpRoutes: ["o8"],
      gateways: ["o9"],
      gatewayClasses: ["o10"],
      referenceGrants: ["o11"],
      namespaces: ["o12"],
    });
  });
});
