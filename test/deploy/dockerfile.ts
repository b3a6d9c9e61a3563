import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../support/shared.ts";

export interface Dockerfile {
  /** The name its header says to build it as (`docker build -t NAME .`): the image deploy/ runs. */
  readonly image: string;
  /** Each instruction with its arguments, continuation lines joined, comments left out. */
  readonly instructions: ReadonlyArray<{ readonly keyword: string; readonly args: string }>;
}

export function readDockerfile(): Dockerfile {
  const text = readFileSync(join(repoRoot, "Dockerfile"), "utf8");
  const image = /^#\s+docker build -t (\S+) \.$/m.exec(text)?.[1];
  if (image === undefined) throw new Error("the Dockerfile's header names no image: `#   docker build -t NAME .`");
  const joined = text
    .split("\n")
    .filter((line) => !line.trimStart().startsWith("#"))
    .join("\n")
    .replaceAll(/\\\n\s*/g, " ");
  const instructions = joined
    .split("\n")
    .map((line) => /^(\w+)\s+(.*)$/.exec(line.trim()))
    .filter((match) => match !== null)
    .map(([, keyword, args]) => ({ keyword: keyword!.toUpperCase(), args: args!.trim() }));
  return { image, instructions };
}

export function argsOf(dockerfile: Dockerfile, keyword: string): string[] {
  return dockerfile.instructions.filter((instruction) => instruction.keyword === keyword).map((instruction) => instruction.args);
}
