import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeProblem, routesGeneration } from "@bosun/eskip";
import { afterEach, describe, expect, it } from "vitest";
import { eskipFilesSource, type FileSource } from "../src/index.js";
import { RecordingSink } from "./recording-sink.js";

const fastSettle = { settleMs: 20, emptyConfirmMs: 100 };
let source: FileSource | undefined;
afterEach(async () => {
  await source?.close();
  source = undefined;
});

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "bosun-source-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe("the eskip files source", () => {
  it("delivers the routes of every file, each with its origin, and the generation of those routes", async () => {
    const dir = tempDir({ "a.eskip": 'a: Path("/a") -> <shunt>;', "sub/b.eskip": 'b: Path("/b") -> <shunt>;', "notes.txt": "x" });
    source = eskipFilesSource([dir], { watch: false });
    const sink = new RecordingSink();
    await source.start(sink);
    expect(sink.deliveries).toHaveLength(1);
    const { routes, generation, problems, inputs } = sink.last;
    expect(routes.map((route) => route.id)).toEqual(["a", "b"]);
    expect(routes[1]!.origin).toMatchObject({ kind: "eskip", file: join(dir, "sub/b.eskip"), line: 1, column: 1 });
    expect(generation).toBe(routesGeneration(routes));
    expect(problems).toEqual([]);
    expect(inputs).toEqual({ total: 2, invalid: 0 });
  });

  it("fails the whole source on a file that is not eskip, with file:line:col, and delivers again once it is", async () => {
    const dir = tempDir({ "a.eskip": 'a: Path("/a") -> <shunt>;' });
    source = eskipFilesSource([dir], { watch: false });
    const sink = new RecordingSink();
    await source.start(sink);
    writeFileSync(join(dir, "a.eskip"), 'a: Path("/a") -> <shunt>;\nb: Path("/b" -> <shunt>;');
    await source.refresh();
    const failure = sink.deliveries[1];
    expect(failure && "failed" in failure ? failure.failed.map(describeProblem) : []).toEqual([expect.stringMatching(/a\.eskip:2:\d+: /)]);
    writeFileSync(join(dir, "a.eskip"), 'a: Path("/a") -> <shunt>;');
    await source.refresh();
    expect(sink.deliveries).toHaveLength(3);
    expect(sink.last.routes.map((route) => route.id)).toEqual(["a"]);
  });

  it("leaves out a route that breaks a rule alone, as a problem of the snapshot", async () => {
    const dir = tempDir({ "a.eskip": 'a: Path("/a") -> <shunt>;\nb: Path("/b") && Path("/c") -> <shunt>;' });
    source = eskipFilesSource([join(dir, "a.eskip")], { watch: false });
    const sink = new RecordingSink();
    await source.start(sink);
    expect(sink.last.routes.map((route) => route.id)).toEqual(["a"]);
    expect(sink.last.problems).toMatchObject([{ level: "error", code: "invalid_route", place: { kind: "file", file: join(dir, "a.eskip"), line: 2 } }]);
    expect(sink.last.inputs).toEqual({ total: 2, invalid: 1 });
  });

  it("fails on a file that does not read, naming it and why", async () => {
    const dir = tempDir({});
    source = eskipFilesSource([join(dir, "gone.eskip")], { watch: false });
    const sink = new RecordingSink();
    await source.start(sink);
    expect(sink.deliveries).toEqual([{ failed: [{ level: "error", code: "unreadable", place: { kind: "file", file: join(dir, "gone.eskip"), line: 0, column: 0 }, reason: "cannot read: ENOENT" }] }]);
  });

  it("delivers nothing for a read that finds what it found before", async () => {
    const dir = tempDir({ "a.eskip": 'a: Path("/a") -> <shunt>;' });
    source = eskipFilesSource([dir], { watch: false });
    const sink = new RecordingSink();
    await source.start(sink);
    await source.refresh();
    await source.refresh();
    expect(sink.deliveries).toHaveLength(1);
  });

  it("warns of an empty file, whose routes are not served", async () => {
    const dir = tempDir({ "a.eskip": 'a: Path("/a") -> <shunt>;', "empty.eskip": "\n  \n" });
    source = eskipFilesSource([dir], { watch: false });
    const sink = new RecordingSink();
    await source.start(sink);
    expect(sink.last.problems).toMatchObject([{ level: "warning", code: "empty_file", place: { file: join(dir, "empty.eskip") } }]);
  });

  it("watches a directory: a file added below it is served, one removed is dropped, and the snapshot says when the change was seen", async () => {
    const dir = tempDir({ "a.eskip": 'a: Path("/a") -> <shunt>;' });
    source = eskipFilesSource([dir], { settle: fastSettle });
    const sink = new RecordingSink();
    await source.start(sink);
    const before = Date.now();
    mkdirSync(join(dir, "more"));
    writeFileSync(join(dir, "more", "b.eskip"), 'b: Path("/b") -> <shunt>;');
    await sink.until(2);
    expect(sink.last.routes.map((route) => route.id)).toEqual(["a", "b"]);
    expect(sink.last.changedAt).toBeGreaterThanOrEqual(before);
    expect(sink.last.changedAt).toBeLessThanOrEqual(Date.now());
    rmSync(join(dir, "a.eskip"));
    await sink.until(3);
    expect(sink.last.routes.map((route) => route.id)).toEqual(["b"]);
  });
});
