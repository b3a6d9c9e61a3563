import type { OutgoingRequest, Received } from "./client.ts";
import { infraNamespace, type RequestExpectation } from "./conformance-case.ts";

/**
 * The harness's comparison of one round trip (`CompareRequest`, gateway-api.md §4): the status
 * (408 and 504 alike); for a 200 from an echo backend, what that backend received (path with
 * query, method, Host when named, namespace, headers joined with `,`, absent headers) and the pod
 * prefix; response headers; for a 3xx, the parts of its Location. Reasons, empty when it passed.
 */
export function responseReasons(sent: OutgoingRequest, expected: RequestExpectation, received: Received): string[] {
  const statuses = [expected.status ?? 200].flat();
  const timeout = (status: number) => status === 408 || status === 504;
  if (!statuses.includes(received.status) && !(timeout(received.status) && statuses.some(timeout))) {
    return [`status ${received.status}, expected ${statuses.join(" or ")}`];
  }
  if (received.status >= 300 && received.status < 400) return redirectReasons(sent, expected, received);
  if (received.status < 200 || received.status >= 300) return [];
  const reasons = responseHeaderReasons(expected, received);
  if (received.status === 200 && expected.echoed !== false) reasons.push(...echoReasons(sent, expected, received));
  return reasons;
}

function echoReasons(sent: OutgoingRequest, expected: RequestExpectation, { echoed }: Received): string[] {
  if (echoed === undefined) return ["the answer is not an echo backend's JSON"];
  const reasons: string[] = [];
  const want = expected.received;
  const compare = (what: string, actual: string, wanted: string | undefined) => {
    if (wanted !== undefined && actual !== wanted) reasons.push(`backend saw ${what} ${JSON.stringify(actual)}, expected ${JSON.stringify(wanted)}`);
  };
  compare("path", echoed.path, want?.path ?? sent.path);
  compare("host", echoed.host, want?.host ?? expected.request.host);
  compare("method", echoed.method, sent.method);
  compare("namespace", echoed.namespace, expected.namespace ?? infraNamespace);
  if (!echoed.pod.startsWith(expected.backend ?? "")) reasons.push(`answered by pod ${echoed.pod}, expected one of ${expected.backend}`);
  const headers = lowerCased(echoed.headers);
  // Without an expectation of its own the request's headers must arrive as sent (the harness's default).
  for (const [name, value] of Object.entries(want === undefined ? (expected.request.headers ?? {}) : (want.headers ?? {}))) {
    compare(`header ${name}`, headers[name.toLowerCase()]?.join(",") ?? "(none)", value);
  }
  for (const name of want?.absentHeaders ?? []) {
    if (headers[name.toLowerCase()] !== undefined) reasons.push(`backend saw header ${name}: ${headers[name.toLowerCase()]!.join(",")}, expected none`);
  }
  return reasons;
}

function responseHeaderReasons(expected: RequestExpectation, received: Received): string[] {
  const reasons: string[] = [];
  const headers = received.headers;
  for (const [name, value] of Object.entries(expected.response?.headers ?? {})) {
    const actual = headers[name.toLowerCase()]?.join(",");
    if (actual !== value) reasons.push(`response header ${name}: ${actual ?? "(none)"}, expected ${value}`);
  }
  for (const name of expected.response?.absentHeaders ?? []) {
    const actual = headers[name.toLowerCase()];
    if (actual !== undefined) reasons.push(`response header ${name}: ${actual.join(",")}, expected none`);
  }
  const bare = (text: string) => text.replace(/\s+/g, "");
  for (const [name, values] of Object.entries(expected.response?.oneOf ?? {})) {
    const actual = headers[name.toLowerCase()]?.join(",");
    if (actual === undefined || !values.map(bare).includes(bare(actual))) reasons.push(`response header ${name}: ${actual ?? "(none)"}, expected one of ${values.join(" | ")}`);
  }
  return reasons;
}

function redirectReasons(sent: OutgoingRequest, expected: RequestExpectation, received: Received): string[] {
  const wanted = expected.redirect;
  if (wanted === undefined) return [];
  const location = received.headers["location"]?.[0];
  if (location === undefined) return ["a redirect without Location"];
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return [`Location ${location} is not an absolute URL`];
  }
  const reasons: string[] = [];
  const scheme = url.protocol.slice(0, -1);
  // The URL parser drops a scheme's default port; the harness takes 80 or 443 there as no port.
  const port = /^[a-z]+:\/\/[^/]*:(\d+)/i.exec(location)?.[1] ?? "";
  const compare = (what: string, actual: string, want: string) => {
    if (actual !== want) reasons.push(`Location ${location}: ${what} ${JSON.stringify(actual)}, expected ${JSON.stringify(want)}`);
  };
  compare("scheme", scheme, wanted.scheme ?? (sent.protocol === "https" ? "https" : "http"));
  if (wanted.host !== undefined) compare("host", url.hostname, wanted.host);
  if (wanted.port !== undefined) compare("port", port, wanted.port);
  else if (port !== "" && port !== (scheme === "https" ? "443" : "80")) reasons.push(`Location ${location}: port ${port}, expected none (or the scheme's)`);
  compare("path", url.pathname, wanted.path ?? sent.path.split("?")[0]!);
  return reasons;
}

function lowerCased(headers: Readonly<Record<string, readonly string[]>>): Record<string, readonly string[]> {
  return Object.fromEntries(Object.entries(headers).map(([name, values]) => [name.toLowerCase(), values]));
}
