import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultFiltersFromDirectory } from "../src/default-filters-dir.js";

describe("defaultFiltersFromDirectory", () => {
  it("reads files named <service>.<namespace> and ignores other names and directories", async () => {
    const dir = await mkdtemp(join(tmpdir(), "bosun-default-filters-"));
    try {
      await writeFile(join(dir, "myapp.default"), 'setPath("/x")');
      await writeFile(join(dir, "bar.foo"), "status(200)");
      await writeFile(join(dir, "too.many.dots"), "ignored()");
      await writeFile(join(dir, "nodot"), "ignored()");
      await mkdir(join(dir, "sub.dir"));
      const filters = await defaultFiltersFromDirectory(dir);
      expect([...filters]).toEqual([
        ["bar.foo", "status(200)"],
        ["myapp.default", 'setPath("/x")'],
      ]);
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});
