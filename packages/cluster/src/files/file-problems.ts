import { filePlace, type Problem } from "@bosun/eskip";
import type { FileRead } from "./read-files.js";

/** A file that cannot be read: the whole source fails, so that its last good snapshot keeps serving. */
export function unreadableProblem(read: FileRead & { error: string }): Problem {
  return { level: "error", place: filePlace(read.file), code: "unreadable", reason: `cannot read: ${read.error}` };
}

/** A file with nothing but white space serves nothing: never without a word. */
export function emptyFileProblem(file: string, what: string): Problem {
  return { level: "warning", place: filePlace(file), code: "empty_file", reason: `the file is empty: none of its ${what} are served` };
}

/**
 * The texts of the files that were read, each given to `use`; a file that was not read is a
 * failure of the whole source, an empty one a warning that its `what` are not served.
 */
export function eachText(reads: readonly FileRead[], what: string, use: (read: { file: string; text: string }, problems: Problem[]) => void): { failed: Problem[]; problems: Problem[] } {
  const failed: Problem[] = [];
  const problems: Problem[] = [];
  for (const read of reads) {
    if ("error" in read) {
      failed.push(unreadableProblem(read));
      continue;
    }
    if (read.text.trim() === "") problems.push(emptyFileProblem(read.file, what));
    use(read, problems);
  }
  return { failed, problems };
}
