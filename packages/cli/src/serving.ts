import { pino } from "pino";
import { InputError, systemErrorText } from "./input-error.js";

/** What `listen` gives; an address that cannot be listened on is an InputError, after `close`. */
export async function listening<T>(listen: () => Promise<T>, close: () => Promise<void>): Promise<T> {
  try {
    return await listen();
  } catch (error) {
    const reason = systemErrorText(error);
    if (reason === undefined) throw error;
    await close();
    const { address, port } = error as { address?: string; port?: number };
    throw new InputError(`cannot listen on ${address}:${port}: ${reason}`);
  }
}

/**
 * `first` resolves on the first SIGTERM or SIGINT. Later ones are swallowed until `release`, while
 * shutdown runs: Ctrl-C reaches every process of the terminal's group, and the parents that
 * forward it send it again, which must not kill a shutdown under way.
 */
export function stopSignals(): { first: Promise<void>; release(): void } {
  let stop = () => {};
  const first = new Promise<void>((resolve) => (stop = resolve));
  const signals = ["SIGTERM", "SIGINT"] as const;
  for (const signal of signals) process.on(signal, stop);
  return { first, release: () => signals.forEach((signal) => process.off(signal, stop)) };
}

/**
 * stderr for the JSON log of a serving command, written asynchronously: a reload that leaves a
 * thousand routes out logs a thousand lines, and into a pipe whose reader lags, synchronous
 * writes held the event loop for 600 ms (bench:reload). flushSync() it on the way out.
 */
export function errorLogDestination(): ReturnType<typeof pino.destination> {
  return pino.destination({ dest: 2, sync: false });
}
