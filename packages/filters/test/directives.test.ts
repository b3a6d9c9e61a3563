import { describe, expect, it } from "vitest";
import { context, environment, filter, run, type RequestOptions } from "./support/test-context.js";

function directives(chain: ReturnType<typeof filter>[], target = "/", options: RequestOptions = {}) {
  return run(chain, context(target, options)).directives;
}

describe("preserveHost and backendTimeout", () => {
  it.each([
    ["true", true],
    ["false", false],
  ])("preserveHost(%j)", (value, expected) => {
    expect(directives([filter("preserveHost", [value])]).preserveHost).toBe(expected);
  });

  it("backendTimeout takes a Go duration, in milliseconds", () => {
    expect(directives([filter("backendTimeout", ["1.5s"])]).backendTimeoutMs).toBe(1500);
    expect(directives([filter("backendTimeout", ["2m"]), filter("backendTimeout", ["250ms"])]).backendTimeoutMs).toBe(250);
  });
});

describe("setDynamicBackend*", () => {
  it("a URL sets the target and the outgoing Host, port kept", () => {
    const result = directives([filter("setDynamicBackendUrl", ["https://user@be.example.org:443/ignored"])]);
    expect(result.dynamicBackendUrl).toBe("https://user@be.example.org:443/ignored");
    expect(result.outgoingHost).toBe("be.example.org:443");
  });

  it("a value that is not an absolute URL sets no outgoing Host", () => {
    const result = directives([filter("setDynamicBackendUrl", ["/relative"])]);
    expect(result.dynamicBackendUrl).toBe("/relative");
    expect(result.outgoingHost).toBeUndefined();
  });

  it("a host sets the outgoing Host too; a scheme does not", () => {
    const result = directives([filter("setDynamicBackendHost", ["be:8080"]), filter("setDynamicBackendScheme", ["http"])]);
    expect(result).toMatchObject({ dynamicBackendHost: "be:8080", outgoingHost: "be:8080", dynamicBackendScheme: "http" });
  });

  it.each([
    ["setDynamicBackendUrlFromHeader", "http://be:81/x", { dynamicBackendUrl: "http://be:81/x", outgoingHost: "be:81" }],
    ["setDynamicBackendHostFromHeader", "be", { dynamicBackendHost: "be", outgoingHost: "be" }],
    ["setDynamicBackendSchemeFromHeader", "https", { dynamicBackendScheme: "https", outgoingHost: undefined }],
  ])("%s takes the header value", (name, value, expected) => {
    expect(directives([filter(name, ["X-Target"])], "/", { headers: { "x-target": value } })).toMatchObject(expected);
  });

  it.each(["setDynamicBackendUrlFromHeader", "setDynamicBackendHostFromHeader", "setDynamicBackendSchemeFromHeader"])(
    "%s does nothing when the header is missing or empty",
    (name) => {
      for (const headers of [{}, { "x-target": "" }] as Record<string, string>[]) {
        const result = directives([filter(name, ["X-Target"])], "/", { headers });
        expect([result.dynamicBackendUrl, result.dynamicBackendHost, result.dynamicBackendScheme, result.outgoingHost]).toEqual([undefined, undefined, undefined, undefined]);
      }
    },
  );
});

describe("tee, teenf, teeLoopback", () => {
  it("tee mirrors to the URL's scheme and authority with the request path and query", () => {
    expect(directives([filter("tee", ["http://mirror:8080/ignored?x=1"])], "/api/v3?q=1").mirrors).toEqual([
      { origin: "http://mirror:8080", path: "/api/v3", rawQuery: "q=1", followRedirects: true },
    ]);
  });

  it("teenf does not follow redirects", () => {
    expect(directives([filter("teenf", ["https://m.example.org"])], "/p").mirrors).toEqual([
      { origin: "https://m.example.org", path: "/p", rawQuery: "", followRedirects: false },
    ]);
  });

  it.each([
    [".*", "/v1/", "/v1/"],
    ["^/api", "", "/v3"],
    ["^/api/(v[0-9])", "/$1/legacy", "/v3/legacy"],
  ])("rewrites the mirror's path like modPath: (%j, %j) → %s", (expression, replacement, expected) => {
    const result = run([filter("tee", ["https://m", expression, replacement])], context("/api/v3"));
    expect(result.directives.mirrors?.[0]?.path).toBe(expected);
    expect(result.request.path).toBe("/api/v3");
  });

  it("copies the path as it is when the tee runs", () => {
    const tee = filter("tee", ["http://m"]);
    expect(directives([filter("setPath", ["/new"]), tee], "/old").mirrors?.[0]?.path).toBe("/new");
    expect(directives([tee, filter("setPath", ["/new"])], "/old").mirrors?.[0]?.path).toBe("/old");
  });

  describe("teeSampled", () => {
    /** A random source that returns `draws` in turn. */
    function source(...draws: number[]) {
      let i = 0;
      const random = () => draws[i++ % draws.length]!;
      return { random, count: () => i };
    }

    function copied(fraction: number, random: () => number): boolean[] {
      const tee = filter("teeSampled", ["http://m:8080/ignored", fraction], environment({ random }));
      return [0, 1, 2, 3].map(() => directives([tee], "/p?q=1").mirrors !== undefined);
    }

    it("copies a request as teenf does when its draw falls below the fraction", () => {
      const tee = filter("teeSampled", ["http://m:8080/ignored", 0.25], environment({ random: () => 0.1 }));
      expect(directives([tee], "/p?q=1").mirrors).toEqual([{ origin: "http://m:8080", path: "/p", rawQuery: "q=1", followRedirects: false }]);
    });

    it("draws once per request, each independently", () => {
      const draws = source(0.1, 0.3, 0.2999, 0.9);
      expect(copied(0.3, draws.random)).toEqual([true, false, true, false]);
      expect(draws.count()).toBe(4);
    });

    it.each([
      [0, false],
      [1, true],
    ])("fraction %d copies %s, drawing nothing", (fraction, expected) => {
      const draws = source(0, 0.5, 0.9999);
      expect(copied(fraction, draws.random)).toEqual([expected, expected, expected, expected]);
      expect(draws.count()).toBe(0);
    });

    it("copies the path as it is when it runs, as tee does", () => {
      const tee = filter("teeSampled", ["http://m", 1]);
      expect(directives([filter("setPath", ["/new"]), tee], "/old").mirrors?.[0]?.path).toBe("/new");
    });
  });

  it("teeLoopback records its label, once per filter", () => {
    expect(directives([filter("teeLoopback", ["a"]), filter("teeLoopback", ["b"])]).teeLoopbacks).toEqual(["a", "b"]);
  });
});

describe("metadata and load balancing", () => {
  it("annotate and tracingTag annotate; the last value of a key wins; comment does nothing", () => {
    const chain = [filter("annotate", ["k", "1"]), filter("comment", ["note"]), filter("annotate", ["k", "2"]), filter("tracingTag", ["t", "${request.method} ${id}"])];
    const result = directives(chain, "/", { params: { id: "x" } });
    expect(Object.fromEntries(result.annotations!)).toEqual({ k: "2", t: "GET x" });
  });

  it("tracingTag skips a value with an unresolved placeholder", () => {
    expect(directives([filter("tracingTag", ["t", "${id}"])]).annotations).toBeUndefined();
  });

  it("consistentHashKey sets the key only when the template is complete", () => {
    const key = filter("consistentHashKey", ["${request.header.X-User}"]);
    expect(directives([key], "/", { headers: { "x-user": "u1" } }).consistentHashKey).toBe("u1");
    expect(directives([key]).consistentHashKey).toBeUndefined();
  });

  it("consistentHashBalanceFactor sets the factor", () => {
    expect(directives([filter("consistentHashBalanceFactor", [1.25])]).consistentHashBalanceFactor).toBe(1.25);
  });
});

describe("flowId", () => {
  const alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-+";

  /** What random() = 0.5 draws every time: index 32 of the alphabet. */
  const fresh = "w".repeat(16);

  function flowId(args: Parameters<typeof filter>[1], headers = {}, random = () => 0.5): string | undefined {
    return run([filter("flowId", args, environment({ random }))], context("/", { headers })).request.header("x-flow-id")?.[0];
  }

  it("sets 16 characters of the alphabet, drawn from the environment's randomness", () => {
    let i = 0;
    expect(flowId([], {}, () => (i++ % 64) / 64)).toBe(alphabet.slice(0, 16));
    expect(flowId([], {}, () => 0.9999)).toBe("+".repeat(16));
  });

  it.each([
    [[], "abcdefgh12345678", fresh],
    [["reuse"], "abcdefgh12345678", "abcdefgh12345678"],
    [["REUSE"], "abc-+XYZ", "abc-+XYZ"],
    [["reuse"], "short", fresh],
    [["reuse"], "has space in it!", fresh],
    [["reuse"], "x".repeat(65), fresh],
    [["other"], "abcdefgh12345678", fresh],
  ])("flowId(%j) with X-Flow-Id %j → %s", (args, existing, expected) => {
    expect(flowId(args, { "x-flow-id": existing })).toBe(expected);
  });
});
