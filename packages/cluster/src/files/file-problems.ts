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
