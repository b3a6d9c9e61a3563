import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, routeListsEqual } from "@bosun/eskip";
import { runCli, tempFiles } from "./run-cli.js";
import { skipperFixturesDir } from "../../../test/support/shared.ts";

const fixture = (name: string) => join(skipperFixturesDir, name);

describe("bosun compile", () => {
  it("prints a fixture's routes as eskip, equal to Skipper's, and exits 0", async () => {
    const result = await runCli("compile", fixture("routegroups/traffic/default-backends-implicit-route-partial-weights.yaml"));
    const expectedFile = fixture("routegroups/traffic/default-backends-implicit-route-partial-weights.eskip");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(routeListsEqual(parse(result.stdout), parse(readFileSync(expectedFile, "utf8")))).toBe(true);
  });

  it("takes the fixtures' options and default filters", async () => {
    const base = fixture("routegroups/convert/target-endpoints-not-found");
    const result = await runCli("compile", "--default-filters-dir", `${base}.default-filters`, `${base}.yaml`);
    expect(result.code).toBe(0);
    expect(routeListsEqual(parse(result.stdout), parse(readFileSync(`${base}.eskip`, "utf8")))).toBe(true);
    const labelled = fixture("routegroups/convert/application-label");
    const withOptions = await runCli("compile", "--options", `${labelled}.kube`, `${labelled}.yaml`);
    expect(routeListsEqual(parse(withOptions.stdout), parse(readFileSync(`${labelled}.eskip`, "utf8")))).toBe(true);
  });

  it("prints each problem as a logfmt line in Skipper's field order and exits 1; the valid groups still compile", async () => {
    const result = await runCli("compile", fixture("routegroups/convert/failing-route-groups-ignored.yaml"));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('level=error msg="Ignoring route: foo/nonexistent: service not found" kind=RouteGroup name=myapp-no-service ns=foo\n');
    expect(parse(result.stdout).map((route) => route.id).sort()).toEqual(["kube_rg____example_org__catchall__0_0", "kube_rg__foo__myapp__all__0_0"]);
  });

  it("reports an options file with a bad key and a manifest that is not YAML", async () => {
    const dir = tempFiles({ "bad.kube": "httpsRedirect: maybe\n", "bad.yaml": "kind: RouteGroup\n  : [\n" });
    const options = await runCli("compile", "--options", join(dir, "bad.kube"), fixture("routegroups/convert/filter.yaml"));
    expect(options.code).toBe(1);
    expect(options.stderr).toContain("httpsRedirect");
    const manifest = await runCli("compile", join(dir, "bad.yaml"));
    expect(manifest.code).toBe(1);
    expect(manifest.stderr).toMatch(/bad\.yaml.*\d+:\d+/);
  });

  it("is a usage error without manifests", async () => {
    expect((await runCli("compile")).code).toBe(2);
  });
});
