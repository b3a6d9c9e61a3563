import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { serveTranslations, withSkipperFlags } from "../src/skipper-flags.js";
import { runCli, tempFiles } from "./run-cli.js";

const bin = fileURLToPath(new URL("../bin/bosun.js", import.meta.url));
const version = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The built `bosun` in its own process, as an operator runs it. `whenServing` runs once serve says
 * where it listens, with that URL; the process is then sent `stopWith`. Bounded to 15 s.
 */
async function bosun(args: readonly string[], whenServing?: (url: string) => Promise<void>, stopWith: NodeJS.Signals = "SIGINT"): Promise<Run> {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  const served = new Promise<string>((resolve) => {
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      const url = / on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)?.[1];
      if (url !== undefined) resolve(url);
    });
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  const exited = once(child, "exit") as Promise<[number | null]>;
  if (whenServing !== undefined) {
    const url = await Promise.race([served, exited.then(() => undefined)]);
    if (url !== undefined) {
      await whenServing(url);
      child.kill(stopWith);
    }
  }
  const [code] = await exited;
  clearTimeout(timer);
  return { code, stdout, stderr };
}

const noStack = /\n\s+at |internal error/;

describe("bosun behaves like a finished tool", () => {
  it("prints its version", async () => {
    expect(await runCli("--version")).toEqual({ code: 0, stdout: `bosun ${version}\n`, stderr: "" });
    expect((await runCli("-version")).stdout).toBe(`bosun ${version}\n`);
  });

  it("names an unknown command in one line with a pointer to the list, status 2", async () => {
    expect(await runCli("serv")).toEqual({ code: 2, stdout: "", stderr: 'bosun: unknown command "serv"\nRun "bosun --help" for the commands.\n' });
  });

  it("answers a bad flag with one line and a pointer to --help, status 2", async () => {
    const result = await bosun(["serve", "--adress", "127.0.0.1:0"]);
    expect(result).toEqual({ code: 2, stdout: "", stderr: 'bosun serve: unknown option --adress\nRun "bosun serve --help" for its options.\n' });
  });

  it("answers a routes file that is not there with one line, status 2", async () => {
    const result = await bosun(["serve", "--routes-file", "/nonexistent/routes.eskip", "--address", "127.0.0.1:0", "--admin-address", "off"]);
    expect(result).toEqual({ code: 2, stdout: "", stderr: "bosun serve: cannot read /nonexistent/routes.eskip: no such file or directory\n" });
  });

  it("answers a port in use with one line, status 2", async () => {
    const holder = createServer();
    holder.listen(0, "127.0.0.1");
    await once(holder, "listening");
    const { port } = holder.address() as AddressInfo;
    try {
      const dir = tempFiles({ "routes.eskip": "r: * -> <shunt>;\n" });
      const result = await bosun(["serve", "--routes-file", join(dir, "routes.eskip"), "--address", `127.0.0.1:${port}`, "--admin-address", "off"]);
      expect(result).toEqual({ code: 2, stdout: "", stderr: `bosun serve: cannot listen on 127.0.0.1:${port}: address already in use\n` });
    } finally {
      holder.close();
    }
  });

  it("stops on Ctrl-C (SIGINT) with status 0 and no stack", async () => {
    const dir = tempFiles({ "routes.eskip": 'r: * -> status(204) -> <shunt>;\n' });
    const result = await bosun(["serve", "--routes-file", join(dir, "routes.eskip"), "--address", "127.0.0.1:0", "--admin-address", "off"], async (url) => {
      expect((await fetch(url)).status).toBe(204);
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/bosun serve: 1 routes on http:\/\/127\.0\.0\.1:\d+\nbosun serve: shutting down\n$/);
    expect(result.stderr).not.toMatch(noStack);
  });

  it("serves a Skipper command line unchanged: -routes-file, -address, -support-listener", async () => {
    const dir = tempFiles({ "routes.eskip": 'r: * -> inlineContent("from skipper flags") -> <shunt>;\n' });
    const result = await bosun(["serve", "-routes-file", join(dir, "routes.eskip"), "-address=127.0.0.1:0", "-support-listener", ""], async (url) => {
      expect(await (await fetch(url)).text()).toBe("from skipper flags");
    });
    expect(result.code).toBe(0);
    // An empty -support-listener switches the admin listener off, as in Skipper.
    expect(result.stderr).toMatch(/bosun serve: 1 routes on http:\/\/127\.0\.0\.1:\d+\n/);
  });

  it("names a Skipper flag it does not support yet, apart from an unknown option", async () => {
    const result = await runCli("serve", "-enable-ratelimits", "-routes-file", "x.eskip");
    expect(result).toEqual({ code: 2, stdout: "", stderr: 'bosun serve: -enable-ratelimits is a Skipper flag that bosun does not support yet\nRun "bosun serve --help" for its options.\n' });
  });
});

describe("Skipper's flags, as Go's flag package reads them", () => {
  const own = { "routes-file": { type: "string" }, address: { type: "string" }, "preserve-host": { type: "boolean" } } as const;
  const translate = (...args: string[]) => withSkipperFlags(args, own, serveTranslations);

  it("become bosun's options, single or double dash, with the value after a space or an =", () => {
    expect(translate("-routes-file", "a.eskip", "-address=:9090")).toEqual(["--routes-file", "a.eskip", "--address", ":9090"]);
    expect(translate("--max-loopbacks", "3")).toEqual(["--max-loopbacks", "3"]);
    expect(translate("-support-listener=:9911")).toEqual(["--admin-address", ":9911"]);
    expect(translate("-support-listener", "")).toEqual(["--admin-address", "off"]);
    expect(translate("-forward-backend-url=http://x", "-max-loopbacks", "3")).toEqual(["--forward-url", "http://x", "--max-loopbacks", "3"]);
    // Go takes the next argument as the value, even one that starts with a dash.
    expect(translate("-routes-file", "-odd.eskip")).toEqual(["--routes-file", "-odd.eskip"]);
  });

  it("read booleans as Go does: bare is true, =false and =0 are false, a bad word is a usage error", () => {
    expect(translate("-proxy-preserve-host")).toEqual(["--preserve-host"]);
    expect(translate("-proxy-preserve-host=false")).toEqual([]);
    expect(translate("-access-log-disabled=1")).toEqual(["--access-log", "off"]);
    expect(translate("-access-log-disabled=F")).toEqual(["--access-log", "stdout"]);
    expect(() => translate("-proxy-preserve-host=yes")).toThrow('invalid boolean value "yes" for -proxy-preserve-host');
  });

  it("leave bosun's own options, positionals and what follows -- as they are", () => {
    expect(translate("--routes-file", "-x.eskip", "--preserve-host", "file.eskip", "--", "-address")).toEqual(["--routes-file", "-x.eskip", "--preserve-host", "file.eskip", "--", "-address"]);
  });

  it("say when a value is missing, and which Skipper flag bosun does not have", () => {
    expect(() => translate("-routes-file")).toThrow("flag needs an argument: -routes-file");
    expect(() => translate("-enable-ratelimits")).toThrow("-enable-ratelimits is a Skipper flag that bosun does not support yet");
    expect(translate("-not-a-skipper-flag")).toEqual(["-not-a-skipper-flag"]);
  });
});
