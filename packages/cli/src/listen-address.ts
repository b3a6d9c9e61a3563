import type { ListenAddress } from "@bosun/proxy";
import { UsageError } from "./command.js";

/** `HOST:PORT`, `[IPv6]:PORT` or `:PORT` (every interface), as Skipper's address flags take it. */
export function listenAddress(text: string, option: string): ListenAddress {
  const match = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(text);
  if (!match) throw new UsageError(`${option} must be HOST:PORT, not "${text}"`);
  return { host: match[1] ?? (match[2] || "0.0.0.0"), port: Number(match[3]) };
}
