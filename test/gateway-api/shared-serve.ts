import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "@bosun/eskip";
import { clusterStateFrom, compileGateways, defaultCompileOptions, objectsFromYaml } from "@bosun/kube";
import { routeDifferences } from "../conformance/compare-routes.ts";
import { startServe, type ServeProcess } from "../support/serve-process.ts";
import { controllerName, documentsYaml, type KubeDocument } from "./manifests.ts";

/**
 * One `bosun serve --manifests DIR` that cases take turns on: a new process per case costs about
 * two seconds of this machine's two cores, a reload of the directory a few hundred milliseconds.
 * It binds an address for every Gateway listener port of every case (§4: each Gateway its own),
 * and a case's objects are in service once the table the admin listener shows is what they
 * compile to, so no request of a case ever meets the routes of the one before.
 */

/** How long a reload may take before the case fails. */
const reloadLimitMs = 10_000;

export class SharedServe {
  private constructor(
    private readonly process: ServeProcess,
    private readonly dir: string,
  ) {}

  /** `bindings`: every `namespace/gateway:port` a case may send requests to. */
  static async start(bindings: readonly string[]): Promise<SharedServe> {
    const dir = mkdtempSync(join(tmpdir(), "bosun-gateway-conformance-"));
    writeFileSync(join(dir, "manifests.yaml"), "");
    const listeners = bindings.flatMap((binding) => ["--listener", `${binding}=127.0.0.1:0`]);
    try {
      const process = await startServe("--manifests", dir, "--endpoint-slices", ...listeners, "--address", "127.0.0.1:0", "--admin-address", "127.0.0.1:0", "--access-log", "off");
      return new SharedServe(process, dir);
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  /** The origin of each `namespace/gateway:port`. */
  get gateways(): ReadonlyMap<string, string> {
    return this.process.gateways;
  }

  /**
   * Serve these objects in place of the last ones, once `bosun serve` has them in service. The
   * file is written in place: a file replaced by a rename is not watched any more (Node 20's
   * recursive fs.watch on Linux follows the old inode), and serve's settled read keeps a half
   * written one out of the table. Returns the compiled routes the table refused (each a reason
   * to fail); throws when the table does not come to the objects' routes in time.
   */
  async serve(documents: readonly KubeDocument[]): Promise<string[]> {
    const expected = compileGateways(clusterStateFrom(objectsFromYaml(documentsYaml(documents)).objects), {
      ...defaultCompileOptions,
      endpointSlices: true,
      gatewayControllerName: controllerName,
    }).routes;
    writeFileSync(join(this.dir, "manifests.yaml"), documentsYaml(documents));
    const deadline = Date.now() + reloadLimitMs;
    let differences: string[] = [];
    while (Date.now() < deadline) {
      const text = await (await fetch(`${this.process.admin}/routes`, { signal: AbortSignal.timeout(2_000) })).text();
      const rejected = [...text.matchAll(/^\/\/ rejected (\S+): (.*)$/gm)].map((found) => ({ id: found[1]!, line: `bosun serve refused route ${found[1]}: ${found[2]}` }));
      const refused = new Set(rejected.map(({ id }) => id));
      differences = routeDifferences(
        expected.filter((route) => !refused.has(route.id)),
        parse(text.replace(/^\/\/.*$/gm, "")),
      );
      if (differences.length === 0) return rejected.map(({ line }) => line);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`bosun serve did not serve the case's objects within ${reloadLimitMs} ms:\n${differences.join("\n")}\n${this.process.output.stderr.slice(-2_000)}`);
  }

  async stop(): Promise<void> {
    try {
      await this.process.stop();
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}
