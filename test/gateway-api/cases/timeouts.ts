import type { ConformanceCase, RequestExpectation } from "../conformance-case.ts";

/**
 * Timeouts and retries (gateway-api.md §2.9, §2.10). The echo backend waits `?delay=`; its
 * `/retry/…` answers `responseCode` to a `uuid` until it has seen it more than `succeedAfter`
 * times. A timeout answers 504 (408 counts the same, §4).
 */

const v1 = "infra-backend-v1";

const retry = (path: string, responseCode: number, succeedAfter: number, status: number): RequestExpectation => ({
  request: { path: `${path}?responseCode=${responseCode}&succeedAfter=${succeedAfter}&uuid={uuid}` },
  status,
  backend: "infra-backend-v3",
});

/** A rule with a 500 ms timeout: in time 200, a second late 504; and one whose `0s` disables it. */
function timeouts(name: string, limited: string, disabled: string): ConformanceCase {
  return {
    name,
    manifest: `${name}.yaml`,
    requests: [
      { request: { path: limited }, backend: v1 },
      { request: { path: `${limited}?delay=1s` }, status: 504 },
      { request: { path: `${disabled}?delay=1s` }, backend: v1 },
    ],
  };
}

export const timeoutCases: readonly ConformanceCase[] = [
  timeouts("httproute-timeout-request", "/request-timeout", "/disable-request-timeout"),
  timeouts("httproute-timeout-backend-request", "/backend-timeout", "/disable-backend-timeout"),
  {
    name: "httproute-retry",
    manifest: "httproute-retry.yaml",
    requests: [
      retry("/retry/code-500-attempts-3", 500, 2, 200),
      retry("/retry/code-500-attempts-3", 500, 4, 500),
      // 503 is not among the codes: no retry.
      retry("/retry/code-500-attempts-3", 503, 2, 503),
      ...[500, 502, 503, 504].flatMap((code) => [retry("/retry/code-all-attempts-2", code, 1, 200), retry("/retry/code-all-attempts-2", code, 3, code)]),
    ],
  },
];
