import { gatewayBindingOf, type GatewayListenerBinding, type ListenAddress } from "@bosun/proxy";
import { UsageError } from "./command.js";

/** `HOST:PORT`, `[IPv6]:PORT` or `:PORT` (every interface), as Skipper's address flags take it. */
export function listenAddress(text: string, option: string): ListenAddress {
  const match = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(text);
  if (!match) throw new UsageError(`${option} must be HOST:PORT, not "${text}"`);
  return { host: match[1] ?? (match[2] || "0.0.0.0"), port: Number(match[3]) };
}

/**
 * `--listener [ns/gateway:]PORT=HOST:LOCALPORT`: where a Gateway listener port is served, since
 * ports such as 80 and 443 are not free on a workstation. Without a Gateway, the port of every
 * Gateway is served there, its listeners told apart by hostname.
 */
export function gatewayListenerBinding(text: string): GatewayListenerBinding {
  const equals = text.indexOf("=");
  const binding = equals === -1 ? undefined : gatewayBindingOf(text.slice(0, equals));
  if (binding === undefined) throw new UsageError(`--listener must be [NAMESPACE/GATEWAY:]PORT=HOST:LOCALPORT, not "${text}"`);
  if (binding.port < 1 || binding.port > 65_535) throw new UsageError(`--listener: ${binding.port} is not a port`);
  return { ...binding, address: listenAddress(text.slice(equals + 1), "--listener") };
}
