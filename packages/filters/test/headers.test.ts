import { describe, expect, it } from "vitest";
import { context, filter, run, type RequestOptions } from "./support/test-context.js";

describe("request header filters", () => {
  it.each([
    ["setRequestHeader", { "x-foo": ["a", "b"] }, ["bar"]],
    ["appendRequestHeader", { "x-foo": ["a", "b"] }, ["a", "b", "bar"]],
    ["setRequestHeader", {}, ["bar"]],
    ["appendRequestHeader", {}, ["bar"]],
  ])("%s over %j", (name, headers, expected) => {
    const ctx = run([filter(name, ["X-Foo", "bar"])], context("/", { headers }));
    expect(ctx.request.header("X-FOO")).toEqual(expected);
  });

  const withOld = (target: string, options: RequestOptions = {}) => context(target, { ...options, headers: { ...options.headers, "x-out": "old" } });

  it.each([
    ["id-${id}", withOld("/", { params: { id: "7" } }), ["id-7"]],
    ["id-${id}", withOld("/"), ["old"]],
    ["id-${id}", withOld("/", { params: { id: "" } }), ["old"]],
    ["${request.query.user}", withOld("/?user=jo"), ["jo"]],
    ["${request.query.user}", withOld("/?other=1"), ["old"]],
    ["${request.header.X-In}/${request.method}", withOld("/", { headers: { "x-in": "v" } }), ["v/GET"]],
    ["${request.cookie.sid}", withOld("/", { headers: { cookie: "a=1; sid=s3" } }), ["s3"]],
    ["${request.cookie.sid}", withOld("/", { headers: { cookie: "a=1" } }), ["old"]],
  ])("setRequestHeader(X-Out, %j) sets only a complete value", (template, ctx, expected) => {
    run([filter("setRequestHeader", ["X-Out", template])], ctx);
    expect(ctx.request.header("x-out")).toEqual(expected);
  });

  it("appends nothing when the template is incomplete", () => {
    const ctx = run([filter("appendRequestHeader", ["X-Out", "${missing}"])], context("/", { headers: { "x-out": "old" } }));
    expect(ctx.request.header("x-out")).toEqual(["old"]);
  });

  it.each(["setRequestHeader", "appendRequestHeader"])("%s(Host, …) sets the outgoing Host, not a header", (name) => {
    const ctx = run([filter(name, ["hOsT", "${request.header.X-Backend}.internal"])], context("/", { headers: { "x-backend": "b1" } }));
    expect(ctx.directives.outgoingHost).toBe("b1.internal");
    expect(ctx.request.header("host")).toBeUndefined();
  });

  it("leaves the outgoing Host alone when the Host template is incomplete", () => {
    const ctx = run([filter("setRequestHeader", ["Host", "${request.header.X-Backend}"])], context("/"));
    expect(ctx.directives.outgoingHost).toBeUndefined();
  });

  it("the last Host filter wins", () => {
    const ctx = run([filter("setRequestHeader", ["Host", "a"]), filter("appendRequestHeader", ["Host", "b"])], context("/"));
    expect(ctx.directives.outgoingHost).toBe("b");
  });

  it("dropRequestHeader deletes every value, or only the given one", () => {
    const headers = { "x-foo": ["a", "b", "a", "c"], "x-keep": "k" };
    expect(run([filter("dropRequestHeader", ["X-Foo"])], context("/", { headers })).request.header("x-foo")).toBeUndefined();
    const ctx = run([filter("dropRequestHeader", ["x-foo", "a"])], context("/", { headers }));
    expect(ctx.request.header("x-foo")).toEqual(["b", "c"]);
    expect(ctx.request.header("x-keep")).toEqual(["k"]);
  });

  it("request filters have no response phase", () => {
    for (const name of ["setRequestHeader", "appendRequestHeader"]) expect(filter(name, ["X", "v"]).response).toBeUndefined();
    expect(filter("dropRequestHeader", ["X"]).response).toBeUndefined();
  });
});

describe("response header filters", () => {
  const backend = { status: 200, headers: { "x-foo": ["a"], location: "/next" } };

  it.each([
    ["setResponseHeader", ["X-Foo", "b"], ["b"]],
    ["appendResponseHeader", ["X-Foo", "b"], ["a", "b"]],
    ["setResponseHeader", ["X-Foo", "${response.header.Location}!"], ["/next!"]],
    ["setResponseHeader", ["X-Foo", "${response.header.X-Missing}"], ["a"]],
    ["appendResponseHeader", ["X-Foo", "${request.host}"], ["a", "www.example.org"]],
    ["appendResponseHeader", ["X-Foo", "${nothing}"], ["a"]],
  ])("%s(%j)", (name, args, expected) => {
    const ctx = run([filter(name, args)], context("/", { response: backend }));
    expect(ctx.response.header("x-foo")).toEqual(expected);
  });

  it("acts in the response phase only", () => {
    const set = filter("setResponseHeader", ["X-Foo", "b"]);
    expect(set.request).toBeUndefined();
    const ctx = context("/", { headers: { "x-foo": "request" } });
    run([set], ctx);
    expect(ctx.request.header("x-foo")).toEqual(["request"]);
  });

  it("Host is an ordinary header on the response side", () => {
    const ctx = run([filter("setResponseHeader", ["Host", "h"])], context("/", { response: backend }));
    expect(ctx.response.header("host")).toEqual(["h"]);
    expect(ctx.directives.outgoingHost).toBeUndefined();
  });

  it("dropResponseHeader deletes the header, or one of its values", () => {
    expect(run([filter("dropResponseHeader", ["X-Foo"])], context("/", { response: backend })).response.header("x-foo")).toBeUndefined();
    const ctx = run([filter("dropResponseHeader", ["Vary", "Cookie"])], context("/", { response: { status: 200, headers: { vary: ["Accept", "Cookie"] } } }));
    expect(ctx.response.header("vary")).toEqual(["Accept"]);
  });
});

describe("literal header filters: the value as written (gateway-api §3.4)", () => {
  const literal = "${request.method} costs $5 ${}";

  it.each([
    ["setRequestHeaderLiteral", { "x-foo": ["a"] }, [literal]],
    ["appendRequestHeaderLiteral", { "x-foo": ["a"] }, ["a", literal]],
    ["appendRequestHeaderLiteral", {}, [literal]],
  ])("%s over %j", (name, headers, expected) => {
    const ctx = run([filter(name, ["X-Foo", literal])], context("/", { headers }));
    expect(ctx.request.header("x-foo")).toEqual(expected);
  });

  it.each([
    ["setResponseHeaderLiteral", ["${response.header.X-Foo}"]],
    ["appendResponseHeaderLiteral", ["a", "${response.header.X-Foo}"]],
  ])("%s acts in the response phase only", (name, expected) => {
    const ctx = run([filter(name, ["X-Foo", "${response.header.X-Foo}"])], context("/", { headers: { "x-foo": "request" }, response: { status: 200, headers: { "x-foo": "a" } } }));
    expect(ctx.response.header("x-foo")).toEqual(expected);
    expect(ctx.request.header("x-foo")).toEqual(["request"]);
  });

  it.each(["setRequestHeaderLiteral", "appendRequestHeaderLiteral"])("%s(Host, …) sets the outgoing Host", (name) => {
    const ctx = run([filter(name, ["Host", "a.example"])], context("/"));
    expect(ctx.directives.outgoingHost).toBe("a.example");
    expect(ctx.request.header("host")).toBeUndefined();
  });

  it("sets an empty value, as setRequestHeader does with an empty template", () => {
    const ctx = run([filter("setRequestHeaderLiteral", ["X-Foo", ""]), filter("setRequestHeader", ["X-Bar", ""])], context("/"));
    expect(ctx.request.header("x-foo")).toEqual([""]);
    expect(ctx.request.header("x-bar")).toEqual([""]);
  });
});
