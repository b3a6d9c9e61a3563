import { EskipParseError, parseDocument, parseProblem, type Problem, type Route } from "@bosun/eskip";
import { eskipFileName } from "../files/expand-paths.js";
import { eachText } from "../files/file-problems.js";
import { FileSource, type FileSourceOptions } from "../files/file-source.js";
import type { RoutesRead } from "../files/interpretation.js";
import type { FileRead } from "../files/read-files.js";

/**
 * `--routes-file`: eskip files, and the `*.eskip` files below named directories. A file that
 * cannot be read or is not eskip fails the whole source, so the last good routes keep serving;
 * a route that breaks a post-parse rule (§1.3) is left out alone, with its file:line:col.
 */
export function eskipFilesSource(paths: readonly string[], options: FileSourceOptions = {}): FileSource {
  return new FileSource(`routes-file ${paths.join(",")}`, paths, eskipFileName, { kind: "eskip" }, options);
}

export function readEskipFiles(reads: readonly FileRead[]): RoutesRead {
  const routes: Route[] = [];
  const syntaxErrors: Problem[] = [];
  const { failed, problems } = eachText(reads, "routes", (read, problems) => {
    try {
      const document = parseDocument(read.text, { source: read.file });
      // Loops, not push(...): a file of 130k routes is past the engine's argument limit.
      for (const route of document.routes) routes.push(route);
      for (const error of document.errors) problems.push(parseProblem(error));
    } catch (error) {
      if (!(error instanceof EskipParseError)) throw error;
      syntaxErrors.push(parseProblem(error));
    }
  });
  if (failed.length + syntaxErrors.length > 0) return { failed: [...failed, ...syntaxErrors] };
  const invalid = problems.filter((problem) => problem.code === "invalid_route").length;
  return { routes, problems, inputs: { total: routes.length + invalid, invalid } };
}
