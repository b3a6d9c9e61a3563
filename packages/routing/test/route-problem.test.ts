import { parse } from "@bosun/eskip";
import { describe, expect, it } from "vitest";
import { RouteTable } from "../src/index.js";

describe("a rejected route as a Problem", () => {
  it("is placed where the route was written, with Skipper's log line beside the reason", () => {
    const table = RouteTable.build(parse(`ok: Path("/a") -> <shunt>;\n  bad: Path("/b") && NoSuchPredicate() -> <shunt>;`, { source: "routes.eskip" }));
    const [rejection] = table.rejected;
    expect(rejection!.problem).toEqual({
      level: "error",
      place: { kind: "file", file: "routes.eskip", line: 2, column: 3 },
      code: "invalid_route",
      reason: `route "bad": ${rejection!.reason}`,
      message: `failed to process route bad: ${rejection!.reason}`,
    });
    expect(rejection!.reason).toContain("NoSuchPredicate");
  });

  it("names a route that lost to a later one of its id replaced, not invalid", () => {
    const table = RouteTable.build(parse(`same: Path("/a") -> <shunt>;\nsame: Path("/b") -> <shunt>;`, { source: "routes.eskip" }));
    expect(table.rejected.map(({ problem }) => [problem.code, problem.place])).toEqual([["replaced_route", { kind: "file", file: "routes.eskip", line: 1, column: 1 }]]);
  });
});
