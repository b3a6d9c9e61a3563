import { kubeObject, type JsonObject } from "@bosun/kube";
import { describe, expect, it } from "vitest";
import { gatewayApiWanted } from "../src/status/gateway-api-status.js";

const bosun = "bosun.dev/gateway-controller";
const other = "example.com/other";
const earlier = "2024-01-01T00:00:00Z";
const now = new Date("2025-06-01T12:00:00.123Z");

const accepted = (status: "True" | "False", reason: string) => ({ type: "Accepted", status, reason, message: "", observedGeneration: 2 });
const parent = (name: string, controllerName: string, conditions: JsonObject[]) => ({ parentRef: { name }, controllerName, conditions });

/** The status bosun would write over `current`, given the compiler found `found`. */
function written(kind: string, current: JsonObject | undefined, found: JsonObject): JsonObject {
  const object = kubeObject(kind, "gateway.networking.k8s.io/v1", { metadata: { namespace: "shop", name: "web", generation: 2 }, ...(current ? { status: current } : {}) });
  const [wanted] = gatewayApiWanted([{ object, status: found }], bosun);
  return wanted!.kind.status(object, wanted!.findings, now);
}

describe("the Gateway API status bosun writes over the status an object has", () => {
  const cases: Array<{ what: string; kind: string; current: JsonObject | undefined; found: JsonObject; expected: JsonObject }> = [
    {
      what: "an HTTPRoute's own parents replaced where they were, another controller's kept, a parent no longer served dropped",
      kind: "HTTPRoute",
      current: {
        parents: [
          parent("a", bosun, [{ ...accepted("False", "NoMatchingParent"), lastTransitionTime: earlier }]),
          parent("x", other, [{ ...accepted("True", "Accepted"), lastTransitionTime: earlier }]),
          parent("gone", bosun, [{ ...accepted("True", "Accepted"), lastTransitionTime: earlier }]),
        ],
      },
      found: { parents: [parent("new", bosun, [accepted("True", "Accepted")]), parent("a", bosun, [accepted("True", "Accepted")])] },
      expected: {
        parents: [
          parent("a", bosun, [{ ...accepted("True", "Accepted"), lastTransitionTime: "2025-06-01T12:00:00Z" }]),
          parent("x", other, [{ ...accepted("True", "Accepted"), lastTransitionTime: earlier }]),
          parent("new", bosun, [{ ...accepted("True", "Accepted"), lastTransitionTime: "2025-06-01T12:00:00Z" }]),
        ],
      },
    },
    {
      what: "a condition that says the same keeps its time; a parentRef written without the CRD's defaults is the same parent",
      kind: "HTTPRoute",
      current: { parents: [{ parentRef: { group: "gateway.networking.k8s.io", kind: "Gateway", name: "a" }, controllerName: bosun, conditions: [{ ...accepted("True", "Accepted"), observedGeneration: 1, lastTransitionTime: earlier }] }] },
      found: { parents: [parent("a", bosun, [accepted("True", "Accepted")])] },
      expected: { parents: [parent("a", bosun, [{ ...accepted("True", "Accepted"), lastTransitionTime: earlier }])] },
    },
    {
      what: "an HTTPRoute no controller judged is left without parents, not given an empty list",
      kind: "HTTPRoute",
      current: undefined,
      found: { parents: [] },
      expected: {},
    },
    {
      what: "a Gateway's whole status is bosun's: what else was there goes, listeners keep their times by name",
      kind: "Gateway",
      current: { addresses: [{ value: "10.0.0.1" }], conditions: [{ ...accepted("True", "Accepted"), lastTransitionTime: earlier }], listeners: [{ name: "http", attachedRoutes: 0, conditions: [{ ...accepted("True", "Accepted"), lastTransitionTime: earlier }] }] },
      found: { conditions: [accepted("True", "Accepted")], listeners: [{ name: "http", attachedRoutes: 1, conditions: [accepted("True", "Accepted")] }] },
      expected: { conditions: [{ ...accepted("True", "Accepted"), lastTransitionTime: earlier }], listeners: [{ name: "http", attachedRoutes: 1, conditions: [{ ...accepted("True", "Accepted"), lastTransitionTime: earlier }] }] },
    },
  ];
  for (const { what, kind, current, found, expected } of cases) {
    it(what, () => expect(written(kind, current, found)).toEqual(expected));
  }
});
