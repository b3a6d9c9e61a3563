import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../../packages/cli/bin/bosun.js", import.meta.url));

export interface ServeProcess {
  readonly child: ChildProcess;
  /** The proxy's origin, `http://127.0.0.1:PORT`. */
  readonly address: string;
  /** The admin listener's origin, when it is on. */
  readonly admin: string | undefined;
  /** The origin of each `--listener` binding, by what it binds (`80`, `infra/gw:80`). */
  readonly gateways: ReadonlyMap<string, string>;
  /** What it printed so far. */
  readonly output: { stdout: string; stderr: string };
  /** SIGTERM, and the exit status; SIGKILL to its group and an error when it does not stop within 5 s. */
  stop(): Promise<number | null>;
}

/** `bosun serve ARGS` as users run it: the built binary in its own process, once it says where it listens. */
export function startServe(...args: string[]): Promise<ServeProcess> {
  return startServeWithin(10_000, ...args);
}

/**
 * `startServe` with its own bound on the start: a serve that syncs thousands of objects before
 * it listens (bench:kubernetes) takes longer than a test's 10 s.
 */
export async function startServeWithin(startLimitMs: number, ...args: string[]): Promise<ServeProcess> {
  // Its own process group: bin/bosun.js runs serve in a child node, which a SIGKILL to the group reaches too.
  const child = spawn(process.execPath, [bin, "serve", ...args], { detached: true });
  const output = { stdout: "", stderr: "" };
  child.stdout!.on("data", (chunk: Buffer) => (output.stdout += chunk.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      process.kill(-child.pid!, "SIGKILL");
      reject(new Error(`bosun serve did not start: ${output.stderr}`));
    }, startLimitMs);
    child.on("exit", () => reject(new Error(`bosun serve ended: ${output.stderr}`)));
    child.stderr!.on("data", (chunk: Buffer) => {
      output.stderr += chunk.toString();
      const found = /bosun serve: .* routes on .*/.exec(output.stderr)?.[0];
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    });
  });
  const address = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(line)![1]!;
  const admin = /admin on (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1];
  const gateways = new Map([...line.matchAll(/Gateway port (\S+) on (http:\/\/127\.0\.0\.1:\d+)/g)].map((found) => [found[1]!, found[2]!] as const));
  return {
    child,
    address,
    admin,
    gateways,
    output,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      const exited = once(child, "exit") as Promise<[number | null]>;
      // To the process started, as `kill PID` sends it; it forwards it to the serving child.
      child.kill("SIGTERM");
      const ended = await Promise.race([exited, new Promise<"hung">((resolve) => setTimeout(() => resolve("hung"), 5_000))]);
      if (ended !== "hung") return ended[0];
      process.kill(-child.pid!, "SIGKILL");
      throw new Error(`bosun serve did not stop within 5 s of SIGTERM: ${output.stderr}`);
    },
  };
}
