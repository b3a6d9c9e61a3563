/**
 * Input the operator gave that cannot be used: a file that does not read, an address that cannot
 * be listened on. Reported as one line with exit status 2, never with a stack: the operator can
 * act on the line, a stack tells them nothing.
 */
export class InputError extends Error {
  override readonly name = "InputError";
}

/** Node's system error codes for files and sockets, as words. */
const systemErrorWords: Readonly<Record<string, string>> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EISDIR: "is a directory",
  ENOTDIR: "not a directory",
  ELOOP: "too many symbolic links",
  EMFILE: "too many open files",
  ENAMETOOLONG: "name too long",
  EADDRINUSE: "address already in use",
  EADDRNOTAVAIL: "address not available on this machine",
  ENOTFOUND: "host name not found",
  EAI_AGAIN: "host name lookup failed",
};

/** The words for a system error's code (`ENOENT` → "no such file or directory"), or undefined for another error. */
export function systemErrorText(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === undefined ? undefined : systemErrorWords[code];
}

/** Why a file could not be read, for a message: the words of its system error, else its code or text. */
export function readError(error: unknown): string {
  return systemErrorText(error) ?? (error as NodeJS.ErrnoException).code ?? String(error);
}

/** The InputError for `file`, which failed to read with `error`. */
export function unreadableFile(file: string, error: unknown): InputError {
  return new InputError(`cannot read ${file}: ${readError(error)}`);
}
