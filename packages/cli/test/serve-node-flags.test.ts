import { describe, expect, it } from "vitest";
import { missingServeNodeFlags, serveNodeFlags } from "../bin/serve-node-flags.js";

describe("the node flags serve runs with", () => {
  it("are all missing from a plain node", () => {
    expect(missingServeNodeFlags([], "")).toEqual(serveNodeFlags);
  });

  it("count as given on the command line or in NODE_OPTIONS, with any value", () => {
    expect(missingServeNodeFlags(["--max-semi-space-size=32"], "")).toEqual(["--no-allocation-site-pretenuring"]);
    expect(missingServeNodeFlags([], "--inspect --no-allocation-site-pretenuring")).toEqual(["--max-semi-space-size=64"]);
    expect(missingServeNodeFlags(["--no-allocation-site-pretenuring"], "--max-semi-space-size=16")).toEqual([]);
  });

  it("are not mistaken for flags that only start alike", () => {
    expect(missingServeNodeFlags(["--max-semi-space-size-extra=1"], "")).toContain("--max-semi-space-size=64");
  });
});
