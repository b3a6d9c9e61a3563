import { describeOrigin } from "@bosun/eskip";
import type { Exchange } from "../exchange.js";

/**
 * The access-log line of a request, in pino's format (level 30 is info, time in ms, msg last).
 * It is written by hand for its one fixed shape: pino's generic serializer cost about a sixth of
 * the proxy's throughput in bench:proxy (docs/BENCHMARKS.md). Strings go through JSON.stringify,
 * so every value is escaped as JSON requires; fields without a value are left out.
 */
export function accessLogLine(exchange: Exchange, now: number): string {
  const { request, route, outgoing } = exchange;
  const origin = route?.origin;
  const annotations = exchange.directives.annotations;
  let line = `{"level":30,"time":${now},"method":${JSON.stringify(request.method)},"host":${JSON.stringify(request.host)}`;
  line += `,"path":${JSON.stringify(request.rawPath)},"route":${route === undefined ? "null" : JSON.stringify(route.id)}`;
  if (origin !== undefined) line += `,"routeOrigin":${JSON.stringify(describeOrigin(origin))}`;
  line += `,"backend":${exchange.backendLabel === "" ? "null" : JSON.stringify(exchange.backendLabel)}`;
  line += `,"status":${outgoing.headersSent ? outgoing.statusCode : 499}`;
  line += `,"durationMs":${exchange.durationMs}`;
  line += `,"bytes":${exchange.socket.bytesWritten - exchange.bytesBefore}`;
  if (exchange.failureKind !== undefined) line += `,"failure":${JSON.stringify(exchange.failureKind)}`;
  if (annotations !== undefined) line += `,"annotations":${JSON.stringify(Object.fromEntries(annotations))}`;
  return `${line},"msg":"request"}\n`;
}
