import { describe, expect, it } from "vitest";
import { context, filter, run } from "./support/test-context.js";

const text = new TextDecoder();

function served(args: Parameters<typeof filter>[1]) {
  const ctx = run([filter("inlineContent", args)], context("/"));
  return ctx.servedResponse!;
}

describe("status", () => {
  it("sets the status in the response phase only", () => {
    const status = filter("status", [418]);
    expect(status.request).toBeUndefined();
    expect(run([status], context("/", { response: { status: 200 } })).response.status).toBe(418);
  });

  it("truncates a fractional code as Skipper's int(code)", () => {
    expect(run([filter("status", [201.9])], context("/")).response.status).toBe(201);
  });

  // skipper-semantics §3.1: a response filter after a serving filter never runs.
  it("acts on a served response only when it comes before the serving filter", () => {
    expect(run([filter("status", [418]), filter("inlineContent", ["x"])], context("/")).response.status).toBe(418);
    expect(run([filter("inlineContent", ["x"]), filter("status", [418])], context("/")).response.status).toBe(200);
  });
});

describe("inlineContent", () => {
  it("serves 200 with the body and its byte length", () => {
    const response = served(["héllo"]);
    expect(response.status).toBe(200);
    expect(text.decode(response.body as Uint8Array)).toBe("héllo");
    expect(response.headers).toEqual({ "Content-Type": "text/plain; charset=utf-8", "Content-Length": "6" });
  });

  it("stops the chain: later request filters do not run", () => {
    const ctx = run([filter("inlineContent", ["x"]), filter("setRequestHeader", ["X-After", "1"])], context("/"));
    expect(ctx.request.header("x-after")).toBeUndefined();
  });

  it("uses the given content type as it is", () => {
    expect(served(['{"a": 1}', "application/json"]).headers!["Content-Type"]).toBe("application/json");
  });

  it.each([
    ['{"a": 1}', "text/plain; charset=utf-8"],
    ["", "text/plain; charset=utf-8"],
    ["<h1>Hi</h1>", "text/html; charset=utf-8"],
    [" \n\t<!doctype html><html>", "text/html; charset=utf-8"],
    ["<p>text", "text/html; charset=utf-8"],
    ["<!-- note -->", "text/html; charset=utf-8"],
    ["<br/>", "text/plain; charset=utf-8"],
    ["<htmlx>", "text/plain; charset=utf-8"],
    ["<html", "text/plain; charset=utf-8"],
    ["  <?xml version='1.0'?>", "text/xml; charset=utf-8"],
    ["%PDF-1.7", "application/pdf"],
    [" %PDF-1.7", "text/plain; charset=utf-8"],
    ["GIF89a....", "image/gif"],
    ["BMW", "image/bmp"],
    ["PK\u0003\u0004rest", "application/zip"],
    ["a\u0000b", "application/octet-stream"],
    ["tab\tand\r\nnewline\u001b", "text/plain; charset=utf-8"],
    ["\ufeffbom", "text/plain; charset=utf-8"],
  ])("sniffs %j as %s", (body, type) => {
    expect(served([body]).headers!["Content-Type"]).toBe(type);
  });
});
