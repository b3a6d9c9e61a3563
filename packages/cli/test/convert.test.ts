import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { objectsFromYaml } from "@bosun/kube";
import { UsageError } from "../src/command.js";
import { convertCommand } from "../src/commands/convert.js";
import { validateCommand } from "../src/commands/validate.js";
import { tempFiles } from "./run-cli.js";

/** Runs `bosun convert ARGS` through the command itself and captures what it prints. */
async function convert(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await convertCommand.run(args, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) });
  return { code, stdout, stderr };
}

const ingress = (name: string, port: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  namespace: shop
  name: ${name}
  annotations:
    zalando.org/skipper-filter: setPath("/")
spec:
  rules:
  - host: ${name}.example.org
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: shop
            port:
              ${port}
`;

const service = `apiVersion: v1
kind: Service
metadata:
  namespace: shop
  name: shop
spec:
  ports:
  - name: http
    port: 80
    targetPort: http
`;

describe("bosun convert ingress", () => {
  it("prints the RouteGroup of each Ingress as one YAML stream, Services from any file resolving named ports", async () => {
    const dir = tempFiles({ "a.yaml": ingress("a", "number: 80"), "b.yml": ingress("b", "name: http"), "service.yaml": service, "notes.txt": "not a manifest" });
    const result = await convert("ingress", dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`apiVersion: zalando.org/v1
kind: RouteGroup
metadata:
  name: a
  namespace: shop
spec:
  hosts:
    - a.example.org
  backends:
    - name: shop-80
      type: service
      serviceName: shop
      servicePort: 80
  routes:
    - pathSubtree: /
      filters:
        - setPath("/")
      backends:
        - backendName: shop-80
---
apiVersion: zalando.org/v1
kind: RouteGroup
metadata:
  name: b
  namespace: shop
spec:
  hosts:
    - b.example.org
  backends:
    - name: shop-http
      type: service
      serviceName: shop
      servicePort: 80
  routes:
    - pathSubtree: /
      filters:
        - setPath("/")
      backends:
        - backendName: shop-http
`);
    expect(objectsFromYaml(result.stdout).objects.map((object) => object.kind)).toEqual(["RouteGroup", "RouteGroup"]);
  });

  it("reports an Ingress it cannot convert on stderr, prints the others, and exits 1", async () => {
    const dir = tempFiles({ "a.yaml": ingress("a", "number: 80"), "b.yaml": ingress("b", "name: http") });
    const result = await convert("ingress", join(dir, "a.yaml"), join(dir, "b.yaml"));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'ingress/shop/b: spec.rules[0].http.paths[0].backend.service.port.name: named port "http": RouteGroups need the port number, and service shop/shop is not in the manifests\n',
    );
    expect(objectsFromYaml(result.stdout).objects.map((object) => object.metadata.name)).toEqual(["a"]);
  });

  it("reports files it cannot read or decode, and still converts the rest", async () => {
    const dir = tempFiles({ "a.yaml": ingress("a", "number: 80"), "bad.yaml": "kind: [" });
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "sub", "c.yaml"), ingress("c", "number: 80"));
    const result = await convert("ingress", dir, join(dir, "missing.yaml"));
    expect(result.code).toBe(2);
    // The line for the missing file comes as it is read, before the problems of what was read.
    expect(result.stderr).toMatch(new RegExp(`^bosun convert: cannot read ${join(dir, "missing.yaml")}: no such file or directory\\n${join(dir, "bad.yaml")}:1:\\d+: .*\\n$`));
    expect(objectsFromYaml(result.stdout).objects.map((object) => object.metadata.name)).toEqual(["a", "c"]);
  });

  it("makes, from the Ingress examples, RouteGroups that bosun validate finds valid: CRD schema, Skipper's rules, registries", async () => {
    const examples = fileURLToPath(new URL("../../../examples/ingress", import.meta.url));
    const result = await convert("ingress", examples);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    const dir = tempFiles({ "routegroups.yaml": result.stdout });
    let stdout = "";
    const code = await validateCommand.run([dir], { stdout: (text) => void (stdout += text), stderr: () => undefined });
    expect({ code, stdout }).toEqual({ code: 0, stdout: "" });
  });

  it("prints nothing and exits 0 when there is no Ingress", async () => {
    const dir = tempFiles({ "service.yaml": service });
    expect(await convert("ingress", dir)).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("is a usage error without ingress, with another kind, or without manifests", async () => {
    await expect(convert()).rejects.toThrow(new UsageError("convert needs what to convert: ingress"));
    await expect(convert("service", "x.yaml")).rejects.toThrow(new UsageError('cannot convert "service", only ingress'));
    await expect(convert("ingress")).rejects.toThrow(UsageError);
    await expect(convert("ingress", "--frobnicate", "x.yaml")).rejects.toThrow(/Unknown option '--frobnicate'/);
  });

  it("has help in the shape of the other commands", () => {
    expect(convertCommand.name).toBe("convert");
    expect(convertCommand.help).toMatch(/^Usage: bosun convert ingress MANIFEST\|DIR\.\.\.\n/);
    expect(convertCommand.help).toContain("ingress/<namespace>/<name>: <field path>: <reason>");
    expect(convertCommand.help).toMatch(/Exit status: 0 .*, 1 .*, 2 on a usage error or when a file does not read.*\n$/s);
  });
});
