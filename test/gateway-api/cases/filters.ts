import type { CaseRun, ConformanceCase, RequestExpectation } from "../conformance-case.ts";
import { inOrder } from "../run-case.ts";

/** Header modifiers, URL rewrites and CORS (gateway-api.md §2.7). */

const [v1, v2] = ["infra-backend-v1", "infra-backend-v2"];

const answeredBy = (backend: string, rows: readonly RequestExpectation[]): RequestExpectation[] => rows.map((row) => ({ ...row, backend }));

/** The upstream table of RequestHeaderModifier: the same for rule filters and backendRef filters. */
const requestHeaderTable = answeredBy(v1, [
  {
    request: { path: "/set", headers: { "Some-Other-Header": "val" } },
    received: { headers: { "Some-Other-Header": "val", "X-Header-Set": "set-overwrites-values" } },
  },
  {
    request: { path: "/set", headers: { "Some-Other-Header": "val", "X-Header-Set": "some-other-value" } },
    received: { headers: { "Some-Other-Header": "val", "X-Header-Set": "set-overwrites-values" } },
  },
  {
    request: { path: "/add", headers: { "Some-Other-Header": "val" } },
    received: { headers: { "Some-Other-Header": "val", "X-Header-Add": "add-appends-values" } },
  },
  {
    // `add` keeps the value there (§2.7: values joined with `,`, no space).
    request: { path: "/add", headers: { "Some-Other-Header": "val", "X-Header-Add": "some-other-value" } },
    received: { headers: { "Some-Other-Header": "val", "X-Header-Add": "some-other-value,add-appends-values" } },
  },
  {
    request: { path: "/remove", headers: { "X-Header-Remove": "val" } },
    received: { absentHeaders: ["X-Header-Remove"] },
  },
  {
    request: { path: "/multiple", headers: { "X-Header-Set-2": "set-val-2", "X-Header-Add-2": "add-val-2", "X-Header-Remove-2": "remove-val-2", "Another-Header": "another-header-val" } },
    received: {
      headers: {
        "X-Header-Set-1": "header-set-1",
        "X-Header-Set-2": "header-set-2",
        "X-Header-Add-1": "header-add-1",
        "X-Header-Add-2": "add-val-2,header-add-2",
        "X-Header-Add-3": "header-add-3",
        "Another-Header": "another-header-val",
      },
      absentHeaders: ["X-Header-Remove-1", "X-Header-Remove-2"],
    },
  },
  {
    // The filter names headers canonically, the request in lower case.
    request: { path: "/case-insensitivity", headers: { "x-header-set": "original-val-set", "x-header-add": "original-val-add", "x-header-remove": "original-val-remove", "Another-Header": "another-header-val" } },
    received: { headers: { "X-Header-Set": "header-set", "X-Header-Add": "original-val-add,header-add", "Another-Header": "another-header-val" }, absentHeaders: ["x-header-remove", "X-Header-Remove"] },
  },
]);

/** The set/add/remove filter most rewrite and mirror rules of the upstream manifests carry, as the backend sees it. */
export const modifiedHeaders = {
  request: { "X-Header-Remove": "remove-val", "X-Header-Add-Append": "append-val-1" },
  received: { headers: { "X-Header-Add": "header-val-1", "X-Header-Add-Append": "append-val-1,header-val-2", "X-Header-Set": "set-overwrites-values" }, absentHeaders: ["X-Header-Remove"] },
};

/** `HTTPRouteRequestHeaderModifierBackendWeights`: each share's own filter, and only that one, names the backend it goes to. */
async function eachShareNamesItsBackend(run: CaseRun): Promise<string[]> {
  const answers = await inOrder(Array.from({ length: 100 }), 10, async () => (await run.send({ request: { path: "/" } })).received.echoed);
  const reasons = new Set<string>();
  for (const echoed of answers) {
    const named = echoed?.headers["Backend"] ?? [];
    if (echoed === undefined) reasons.add("a request got no echo");
    else if (named.length !== 1 || !echoed.pod.startsWith(named[0]!)) reasons.add(`pod ${echoed.pod} got Backend: ${named.join(",") || "(none)"}`);
  }
  for (const backend of [v1, v2]) if (!answers.some((echoed) => echoed?.pod.startsWith(backend))) reasons.add(`${backend} got none of 100 requests of weight 10 of 20`);
  return [...reasons].map((reason) => `GET /: ${reason}`);
}

/** A CORS preflight: the gateway answers it (no echo), 200 or 204. */
const preflight = (path: string, headers: Record<string, string>, response: RequestExpectation["response"], status: readonly number[] = [200, 204]): RequestExpectation => ({
  request: { path, method: "OPTIONS", headers },
  status,
  echoed: false,
  response,
});

const cors1Allowed = {
  "access-control-allow-methods": ["GET, OPTIONS", "OPTIONS, GET"],
  "access-control-allow-headers": ["x-header-1, x-header-2", "x-header-2, x-header-1"],
  "access-control-expose-headers": ["x-header-3, x-header-4", "x-header-4, x-header-3"],
  "access-control-max-age": ["3600"],
  "access-control-allow-credentials": ["true"],
};
const cors1Request = (origin: string) => ({ Origin: origin, "access-control-request-method": "GET", "access-control-request-headers": "x-header-1, x-header-2" });

export const filterCases: readonly ConformanceCase[] = [
  {
    name: "httproute-request-header-modifier",
    manifest: "httproute-request-header-modifier.yaml",
    requests: requestHeaderTable,
  },
  {
    name: "httproute-request-header-modifier-backend",
    manifest: "httproute-request-header-modifier-backend.yaml",
    requests: requestHeaderTable,
  },
  {
    name: "httproute-request-header-modifier-backend-weights",
    manifest: "httproute-request-header-modifier-backend-weights.yaml",
    steps: [eachShareNamesItsBackend],
  },
  {
    name: "httproute-response-header-modifier",
    manifest: "httproute-response-header-modifier.yaml",
    requests: answeredBy(v1, [
      { request: { path: "/set" }, response: { headers: { "X-Header-Set": "set-overwrites-values" } } },
      { request: { path: "/set" }, backendSetsResponseHeaders: { "X-Header-Set": "some-other-value" }, response: { headers: { "X-Header-Set": "set-overwrites-values" } } },
      { request: { path: "/add" }, backendSetsResponseHeaders: { "Some-Other-Header": "val" }, response: { headers: { "Some-Other-Header": "val", "X-Header-Add": "add-appends-values" } } },
      { request: { path: "/add" }, backendSetsResponseHeaders: { "X-Header-Add": "some-other-value" }, response: { headers: { "X-Header-Add": "some-other-value,add-appends-values" } } },
      { request: { path: "/remove" }, backendSetsResponseHeaders: { "X-Header-Remove": "val" }, response: { absentHeaders: ["X-Header-Remove"] } },
      {
        request: { path: "/multiple" },
        backendSetsResponseHeaders: { "X-Header-Set-2": "set-val-2", "X-Header-Add-2": "add-val-2", "X-Header-Remove-2": "remove-val-2", "Another-Header": "another-header-val" },
        response: {
          headers: { "X-Header-Set-1": "header-set-1", "X-Header-Set-2": "header-set-2", "X-Header-Add-1": "header-add-1", "X-Header-Add-2": "add-val-2,header-add-2", "X-Header-Add-3": "header-add-3", "Another-Header": "another-header-val" },
          absentHeaders: ["X-Header-Remove-1", "X-Header-Remove-2"],
        },
      },
      {
        request: { path: "/case-insensitivity" },
        backendSetsResponseHeaders: { "x-header-set": "original-val-set", "x-header-add": "original-val-add", "x-header-remove": "original-val-remove", "Another-Header": "another-header-val" },
        response: {
          headers: {
            "X-Header-Set": "header-set",
            "X-Header-Add": "original-val-add,header-add",
            "X-Lowercase-Add": "lowercase-add",
            "X-Mixedcase-Add-1": "mixedcase-add-1",
            "X-Mixedcase-Add-2": "mixedcase-add-2",
            "X-Uppercase-Add": "uppercase-add",
            "Another-Header": "another-header-val",
          },
          absentHeaders: ["x-header-remove", "X-Header-Remove"],
        },
      },
      {
        request: { path: "/response-and-request-header-modifiers", headers: modifiedHeaders.request },
        received: modifiedHeaders.received,
        backendSetsResponseHeaders: { "X-Header-Set-2": "set-val-2", "X-Header-Add-2": "add-val-2", "X-Header-Remove-2": "remove-val-2" },
        response: { headers: { "X-Header-Set-1": "header-set-1", "X-Header-Set-2": "header-set-2", "X-Header-Add-1": "header-add-1", "X-Header-Add-2": "add-val-2,header-add-2" }, absentHeaders: ["X-Header-Remove-1", "X-Header-Remove-2"] },
      },
    ]),
  },
  {
    name: "httproute-rewrite-host",
    manifest: "httproute-rewrite-host.yaml",
    requests: [
      { request: { path: "/one", host: "rewrite.example" }, received: { host: "one.example.org" }, backend: v1 },
      { request: { path: "/two", host: "rewrite.example" }, received: { host: "example.org" }, backend: v2 },
      {
        request: { path: "/rewrite-host-and-modify-headers", host: "rewrite.example", headers: modifiedHeaders.request },
        received: { host: "test.example.org", ...modifiedHeaders.received },
        backend: v2,
      },
    ],
  },
  {
    name: "httproute-rewrite-path",
    manifest: "httproute-rewrite-path.yaml",
    requests: answeredBy(v1, [
      { request: { path: "/prefix/one/two" }, received: { path: "/one/two" } },
      { request: { path: "/prefix/one" }, received: { path: "/one" } },
      { request: { path: "/prefix/one/" }, received: { path: "/one/" } },
      { request: { path: "/strip-prefix/three" }, received: { path: "/three" } },
      // §2.7: a replacement of `/` that leaves nothing is sent as `/`.
      { request: { path: "/strip-prefix" }, received: { path: "/" } },
      { request: { path: "/strip-prefix/" }, received: { path: "/" } },
      { request: { path: "/full/one/two" }, received: { path: "/one" } },
      // ReplaceFullPath keeps the query.
      { request: { path: "/full/one/two?query=kept" }, received: { path: "/one?query=kept" } },
      { request: { path: "/full/rewrite-path-and-modify-headers/test", headers: { ...modifiedHeaders.request, "X-Header-Set": "set-val" } }, received: { path: "/test", ...modifiedHeaders.received } },
      { request: { path: "/prefix/rewrite-path-and-modify-headers/one", headers: { ...modifiedHeaders.request, "X-Header-Set": "set-val" } }, received: { path: "/prefix/one", ...modifiedHeaders.received } },
    ]),
  },
  {
    name: "httproute-cors",
    manifest: "httproute-cors.yaml",
    requests: [
      preflight("/cors-1", cors1Request("https://www.foo.com"), { oneOf: { "access-control-allow-origin": ["https://www.foo.com"], ...cors1Allowed } }),
      preflight("/cors-1", cors1Request("https://www.bar.com"), { oneOf: { "access-control-allow-origin": ["https://www.bar.com"], ...cors1Allowed } }, [200]),
      // `*.bar.com` covers any number of labels left of the `*`.
      preflight("/cors-1", cors1Request("https://xpto.www.bar.com"), { oneOf: { "access-control-allow-origin": ["https://xpto.www.bar.com"], ...cors1Allowed } }, [200]),
      preflight("/cors-1", { Origin: "https://foobar.com", "access-control-request-method": "GET" }, { absentHeaders: ["access-control-allow-origin"] }, [200, 204, 403]),
      { request: { path: "/cors-1", headers: cors1Request("https://www.foo.com") }, backend: v1, response: { headers: { "access-control-allow-origin": "https://www.foo.com" } } },
      { request: { path: "/cors-1", headers: cors1Request("https://www.bar.com") }, backend: v1, response: { headers: { "access-control-allow-origin": "https://www.bar.com" } } },
      { request: { path: "/cors-1", headers: { Origin: "https://foobar.com", "access-control-request-method": "GET" } }, backend: v1, response: { absentHeaders: ["access-control-allow-origin"] } },
      preflight(
        "/cors-2",
        { Origin: "https://www.foo.com", "access-control-request-method": "POST" },
        { headers: { "access-control-allow-origin": "https://www.foo.com" }, oneOf: { "access-control-allow-methods": ["POST", "*"] }, absentHeaders: ["access-control-allow-credentials"] },
      ),
      preflight("/cors-wildcard-origin", { Origin: "https://foobar.com", "access-control-request-method": "PUT" }, {
        oneOf: { "access-control-allow-origin": ["https://foobar.com", "*"], "access-control-allow-methods": ["PUT"] },
        absentHeaders: ["access-control-allow-credentials"],
      }),
      preflight("/cors-wildcard-origin", { Origin: "https://foobar.com:12345", "access-control-request-method": "PUT" }, {
        oneOf: { "access-control-allow-origin": ["https://foobar.com:12345", "*"], "access-control-allow-methods": ["PUT"] },
        absentHeaders: ["access-control-allow-credentials"],
      }),
      { request: { path: "/cors-wildcard-origin", method: "PUT", headers: { Origin: "https://foobar.com" } }, backend: v1, response: { oneOf: { "access-control-allow-origin": ["https://foobar.com", "*"] } } },
      // §2.7: with credentials allowed, `*` is not returned: the request's own values are.
      preflight(
        "/cors-wildcard-methods-headers",
        { Origin: "https://foobar.com", "access-control-request-method": "PATCH", "access-control-request-headers": "x-custom" },
        { oneOf: { "access-control-allow-origin": ["https://foobar.com"], "access-control-allow-methods": ["PATCH"], "access-control-allow-headers": ["x-custom"], "access-control-allow-credentials": ["true"] } },
      ),
    ],
  },
];
