import { EskipParseError } from "../src/index.js";

/** The EskipParseError a call throws; fails the test if it throws anything else or nothing. */
export function errorOf(run: () => unknown): EskipParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof EskipParseError) return error;
    throw error;
  }
  throw new Error("expected an EskipParseError");
}
