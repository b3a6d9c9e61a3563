import { readFile } from "node:fs/promises";

/** One file as read: its text, or why it could not be read. */
export type FileRead = { readonly file: string; readonly text: string } | { readonly file: string; readonly error: string };

export async function readFiles(files: readonly string[]): Promise<FileRead[]> {
  return Promise.all(
    files.map(async (file) => {
      try {
        return { file, text: await readFile(file, "utf8") };
      } catch (error) {
        return { file, error: (error as NodeJS.ErrnoException).code ?? String(error) };
      }
    }),
  );
}

/** The reads as one string, to tell whether anything changed since the last snapshot. */
export function readsKey(reads: readonly FileRead[]): string {
  return reads.map((read) => ("text" in read ? `${read.file}\0${read.text}` : `${read.file}\0\0${read.error}`)).join("\0");
}

export const isEmptyRead = (read: FileRead): boolean => "text" in read && read.text.trim() === "";
