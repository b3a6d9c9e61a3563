import type { KubeDocument } from "./manifests.ts";
import type { FakeCluster, FakeClusterOptions } from "./fake-cluster.ts";
import type { Received } from "./client.ts";

/**
 * One upstream conformance test as data: its manifest, the requests it makes and what it expects
 * of each (the harness's `ExpectedResponse`), the statuses it checks, and any steps a table cannot
 * say (distributions, mirrors counted, objects changed while serving).
 */

/** The Gateway listener port most tests use. */
export const sameNamespace80 = "gateway-conformance-infra/same-namespace:80";
export const infraNamespace = "gateway-conformance-infra";

export interface CaseRequest {
  /** Path and query; `{uuid}` is replaced by a fresh UUID for each request. */
  readonly path: string;
  readonly host?: string;
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly protocol?: "https" | "h2c";
  /** The TLS server name of an `https` request (the Host's name when not given). */
  readonly serverName?: string;
}

export interface RequestExpectation {
  /** Where the request goes: `namespace/gateway:port` (default: same-namespace, port 80). */
  readonly gateway?: string;
  readonly request: CaseRequest;
  /** Response headers the echo backend is asked to set (`X-Echo-Set-Header`). */
  readonly backendSetsResponseHeaders?: Readonly<Record<string, string>>;
  /** Default 200; a list when several are right. 408 and 504 stand for each other (§4). */
  readonly status?: number | readonly number[];
  /** The Service (Deployment) whose pod must answer; checked with `namespace` on 200s. */
  readonly backend?: string;
  /** Default gateway-conformance-infra. */
  readonly namespace?: string;
  /** What the backend must receive where it differs from the request (a rewrite, header filters). */
  readonly received?: {
    readonly path?: string;
    readonly host?: string;
    readonly headers?: Readonly<Record<string, string>>;
    readonly absentHeaders?: readonly string[];
  };
  /** Response headers: values of one name are joined with `,` as the harness joins them. */
  readonly response?: {
    readonly headers?: Readonly<Record<string, string>>;
    readonly absentHeaders?: readonly string[];
    /** A header that may take any of these values, compared without whitespace (CORS lists). */
    readonly oneOf?: Readonly<Record<string, readonly string[]>>;
  };
  /** For a 3xx: the Location's parts; a missing scheme is the request's, a missing path the request's, a missing host is not checked, a missing port is the scheme's default or none. */
  readonly redirect?: { readonly scheme?: string; readonly host?: string; readonly port?: string; readonly path?: string };
  /** Services (`name`, or `namespace/name`) whose pods must also receive a copy of the request. */
  readonly mirroredTo?: readonly string[];
  /** The backend answers JSON (false for preflights the gateway answers itself). */
  readonly echoed?: boolean;
}

export type StatusExpectation =
  | {
      /** `namespace/name` of an HTTPRoute. */
      readonly route: string;
      /** `namespace/name` of the parent Gateway; default the route's first parentRef. */
      readonly parent?: string;
      /** Condition type to `True`, or `False:Reason`; `True` accepts any reason. */
      readonly conditions: Readonly<Record<string, string>>;
    }
  | { readonly gateway: string; readonly listener: string; readonly attachedRoutes: number };

/** What a step gets: the running case. */
export interface CaseRun {
  readonly cluster: FakeCluster;
  /** The origin of each `namespace/gateway:port`. */
  readonly gateways: ReadonlyMap<string, string>;
  /** One request as a table row makes it, and its reasons to fail. */
  check(expectation: RequestExpectation): Promise<string[]>;
  /** One request, its response as received. */
  send(expectation: RequestExpectation): Promise<{ received: Received; path: string }>;
  /** Serve other objects in place of the case's (a grant deleted): once in service; the routes bosun refused. */
  serve(documents: readonly KubeDocument[]): Promise<string[]>;
  /** Status conditions of the case's objects, or of these. */
  statusReasons(expectations: readonly StatusExpectation[], documents?: readonly KubeDocument[]): string[];
}

export interface ConformanceCase {
  /** The upstream manifest's name without `.yaml`, and `/part` where one test is split. */
  readonly name: string;
  /** The file in upstream/manifests/tests. */
  readonly manifest: string;
  readonly cluster?: FakeClusterOptions;
  /**
   * Statuses to check. Every HTTPRoute of the test's manifest not named here must be Accepted with
   * its references resolved by each parent, as `GatewayAndHTTPRoutesMustBeAccepted` checks.
   */
  readonly status?: readonly StatusExpectation[];
  readonly requests?: readonly RequestExpectation[];
  /** Checks after the table; each returns its reasons to fail. */
  readonly steps?: readonly ((run: CaseRun) => Promise<string[]>)[];
}
