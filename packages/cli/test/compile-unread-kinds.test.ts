import { describe, expect, it } from "vitest";
import { runCli, tempFiles } from "./run-cli.js";

describe("bosun compile: objects it does not compile are named, never ignored without a word", () => {
  it("fails on a Gateway API object of a kind it does not compile and only informs on another kind", async () => {
    const dir = tempFiles({
      "route.yaml": "apiVersion: gateway.networking.k8s.io/v1\nkind: GRPCRoute\nmetadata: {name: shop, namespace: team}\nspec: {}\n",
      "app.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app, namespace: team}\n",
    });
    const gateway = await runCli("compile", `${dir}/route.yaml`);
    expect(gateway.code).toBe(1);
    expect(gateway.stderr).toBe('level=error msg="GRPCRoute is a Gateway API kind bosun does not compile (it compiles GatewayClass, Gateway, HTTPRoute and ReferenceGrant): it routes nothing" kind=GRPCRoute name=shop ns=team\n');
    const deployment = await runCli("compile", `${dir}/app.yaml`);
    expect(deployment.code).toBe(0);
    expect(deployment.stderr).toBe('level=info msg="Deployment (apps/v1) is not a kind bosun reads: ignored" kind=Deployment name=app ns=team\n');
  });
});
