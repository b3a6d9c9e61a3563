import { BlockList, isIP } from "node:net";
import type { Arg } from "@bosun/eskip";
import { atLeastOneString } from "../args.js";
import { ArgsError, type PredicateSpec } from "../predicate.js";
import type { RoutingRequest } from "../request.js";

/**
 * Source, SourceFromLast and ClientIP: the client address is in one of the given networks. They
 * differ only in where the client address comes from.
 */

function parseNetworks(raw: readonly Arg[]): BlockList {
  const networks = new BlockList();
  for (const arg of atLeastOneString(raw, "invalid arguments")) {
    const [address, prefixText, ...rest] = arg.split("/");
    const family = isIP(address ?? "");
    if (family === 0 || rest.length > 0) throw new ArgsError(`invalid CIDR address: ${arg}`);
    if (/^(0\.0\.0\.0|::|0:0:0:0:0:0:0:0)$/.test(address!)) throw new ArgsError(`unspecified address not allowed: ${arg}`);
    const type = family === 4 ? "ipv4" : "ipv6";
    const maxPrefix = family === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? maxPrefix : Number(prefixText);
    if (!/^\d+$/.test(prefixText ?? "0") || prefix > maxPrefix) throw new ArgsError(`invalid CIDR address: ${arg}`);
    networks.addSubnet(address!, prefix, type);
  }
  return networks;
}

/** An address without port or brackets, IPv4-mapped IPv6 as plain IPv4; undefined if not an IP. */
export function normalizeAddress(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  let address = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  if (/^::ffff:[\d.]+$/i.test(address)) address = address.slice(7);
  return isIP(address) === 0 ? undefined : address;
}

function forwardedFor(request: RoutingRequest): string[] {
  return (request.header("x-forwarded-for") ?? []).flatMap((value) => value.split(","));
}

function contains(networks: BlockList, address: string | undefined): boolean {
  if (address === undefined) return false;
  return networks.check(address, isIP(address) === 4 ? "ipv4" : "ipv6");
}

function sourcePredicate(name: string, clientAddress: (request: RoutingRequest) => string | undefined): PredicateSpec<BlockList> {
  return {
    name,
    args: parseNetworks,
    create: (networks) => ({ request }) => contains(networks, clientAddress(request)),
  };
}

/** The first X-Forwarded-For entry, else the peer. */
export const firstForwardedOrRemote = (request: RoutingRequest) =>
  normalizeAddress(forwardedFor(request)[0]) ?? normalizeAddress(request.remoteAddress);

/** The last X-Forwarded-For entry, else the peer. */
export const lastForwardedOrRemote = (request: RoutingRequest) =>
  normalizeAddress(forwardedFor(request).at(-1)) ?? normalizeAddress(request.remoteAddress);

export const sourcePredicateSpec = sourcePredicate("Source", firstForwardedOrRemote);
export const sourceFromLastPredicate = sourcePredicate("SourceFromLast", lastForwardedOrRemote);
export const clientIpPredicate = sourcePredicate("ClientIP", (request) => normalizeAddress(request.remoteAddress));
