import type { AnyFilterSpec } from "../filter.js";
import { consistentHashBalanceFactorFilter, consistentHashKeyFilter } from "./consistent-hash.js";
import { inlineContentFilter } from "./content.js";
import { dropRequestCookieFilter, dropResponseCookieFilter, jsCookieFilter, requestCookieFilter, responseCookieFilter } from "./cookies.js";
import {
  setDynamicBackendHostFilter,
  setDynamicBackendHostFromHeaderFilter,
  setDynamicBackendSchemeFilter,
  setDynamicBackendSchemeFromHeaderFilter,
  setDynamicBackendUrlFilter,
  setDynamicBackendUrlFromHeaderFilter,
} from "./dynamic-backend.js";
import { backendPoolFilter } from "./backend-pool.js";
import { flowIdFilter } from "./flow-id.js";
import { gatewayRedirectFilter } from "./gateway-redirect.js";
import {
  appendRequestHeaderFilter,
  appendRequestHeaderLiteralFilter,
  appendResponseHeaderFilter,
  appendResponseHeaderLiteralFilter,
  dropRequestHeaderFilter,
  dropResponseHeaderFilter,
  setRequestHeaderFilter,
  setRequestHeaderLiteralFilter,
  setResponseHeaderFilter,
  setResponseHeaderLiteralFilter,
} from "./headers.js";
import { preserveHostFilter } from "./host.js";
import { annotateFilter, commentFilter, tracingTagFilter } from "./metadata.js";
import { modPathFilter, setPathFilter } from "./path.js";
import { dropQueryFilter, setQueryFilter, stripQueryFilter } from "./query.js";
import { clientRatelimitFilter, ratelimitFilter } from "./ratelimit.js";
import { redirectToFilter, redirectToLowerFilter } from "./redirect.js";
import { statusFilter } from "./status.js";
import { teeFilter, teeLoopbackFilter, teenfFilter, teeSampledFilter } from "./tee.js";
import { backendTimeoutFilter } from "./timeouts.js";

/**
 * Every built-in filter spec, registered by defaultFilterRegistry: those of skipper-semantics §3.3,
 * then bosun's own, which Skipper does not have.
 */
export const builtinFilters: readonly AnyFilterSpec[] = [
  statusFilter,
  inlineContentFilter,
  redirectToFilter,
  redirectToLowerFilter,
  setRequestHeaderFilter,
  appendRequestHeaderFilter,
  dropRequestHeaderFilter,
  setResponseHeaderFilter,
  appendResponseHeaderFilter,
  dropResponseHeaderFilter,
  setPathFilter,
  modPathFilter,
  setQueryFilter,
  dropQueryFilter,
  stripQueryFilter,
  preserveHostFilter,
  requestCookieFilter,
  responseCookieFilter,
  jsCookieFilter,
  dropRequestCookieFilter,
  dropResponseCookieFilter,
  flowIdFilter,
  teeFilter,
  teenfFilter,
  teeLoopbackFilter,
  ratelimitFilter,
  clientRatelimitFilter,
  backendTimeoutFilter,
  setDynamicBackendUrlFilter,
  setDynamicBackendHostFilter,
  setDynamicBackendSchemeFilter,
  setDynamicBackendUrlFromHeaderFilter,
  setDynamicBackendHostFromHeaderFilter,
  setDynamicBackendSchemeFromHeaderFilter,
  annotateFilter,
  commentFilter,
  tracingTagFilter,
  consistentHashKeyFilter,
  consistentHashBalanceFactorFilter,
  // bosun's own, for the Gateway API compiler (gateway-api §3.4).
  gatewayRedirectFilter,
  teeSampledFilter,
  setRequestHeaderLiteralFilter,
  appendRequestHeaderLiteralFilter,
  setResponseHeaderLiteralFilter,
  appendResponseHeaderLiteralFilter,
  backendPoolFilter,
];
