/**
 * The command-line flags of Skipper's proxy (its config package, every flag it registers), so
 * that `bosun serve` can tell a Skipper flag it does not support yet from a typo. Go flags that
 * take no value are listed apart: they may stand alone (`-insecure`) or as `-insecure=false`.
 */

export const skipperBooleanFlags: ReadonlySet<string> = new Set(
  `enable-tcp-queue enable-copy-stream-pool ignore-trailing-slash insecure proxy-preserve-host dev-mode version
  reverse-source-predicate remove-hop-headers rfc-patch-path enable-breakers enable-ratelimits enable-route-fifo-metrics
  enable-route-lifo-metrics disable-metrics-compression enable-prometheus-metrics enable-prometheus-start-label
  opentracing-disable-filter-spans opentracing-log-filter-lifecycle-events opentracing-log-stream-events
  opentracing-client-trace-by-tag opentracing-backend-name-tag enable-profile debug-gc-metrics runtime-metrics
  serve-route-metrics serve-route-counter serve-host-metrics serve-host-counter serve-method-metric
  serve-status-code-metric backend-host-metrics proxy-request-metrics proxy-response-metrics all-filters-metrics
  combined-response-metrics route-response-metrics route-backend-error-counters route-stream-error-counters
  route-backend-metrics route-creation-metrics metrics-exp-decay-sample disable-metrics-compat
  application-log-json-enabled access-log-disabled access-log-json-enabled access-log-strip-query
  suppress-route-update-logs etcd-insecure wait-first-route-load normalize-host validate-query validate-query-log
  kubernetes kubernetes-in-cluster kubernetes-healthcheck kubernetes-https-redirect kubernetes-disable-catchall-routes
  enable-kubernetes-endpointslices enable-kubernetes-east-west enable-kubernetes-external-names
  kubernetes-only-allowed-external-names kubernetes-force-service enable-oauth2-grant-flow oauth2-grant-insecure
  validation-webhook-enabled enable-advanced-validation enable-mtls mtls-authn-append-ca exclude-insecure-cipher-suites
  kubernetes-enable-tls enable-letsencrypt enable-api-usage-monitoring experimental-upgrade experimental-upgrade-audit
  enable-connection-metrics enable-dualstack-backend disable-http-keepalives enable-swarm enable-lua
  enable-open-policy-agent enable-open-policy-agent-custom-control-loop
  enable-open-policy-agent-data-preprocessing-optimization enable-open-policy-agent-preloading
  enable-open-policy-agent-async-decision-logging enable-open-policy-agent-print-tracing enable-proxy-protocol`.split(/\s+/),
);

export const skipperValueFlags: ReadonlySet<string> = new Set(
  `config-file address insecure-address expected-bytes-per-request max-tcp-listener-concurrency max-tcp-listener-queue
  support-listener debug-listener tls-cert tls-key status-checks max-loopbacks default-http-status plugindir
  lb-healthcheck-interval max-audit-body max-matcher-buffer-size breaker ratelimits metrics-flavour filter-plugin
  predicate-plugin dataclient-plugin multi-plugin compress-encodings opentracing opentracing-initial-span
  opentracing-excluded-proxy-tags metrics-listener metrics-prefix block-profile-rate mutex-profile-fraction
  memory-profile-rate histogram-metric-buckets response-size-buckets request-size-buckets application-log
  application-log-level application-log-prefix access-log etcd-urls etcd-prefix etcd-timeout etcd-oauth-token
  etcd-username etcd-password routes-file routes-urls inline-routes forward-backend-url default-filters-append
  default-filters-prepend disabled-filters edit-route clone-route source-poll-timeout ensure-dataclients
  forwarded-headers forwarded-headers-exclude-cidrs max-content-length refuse-payload kubernetes-url
  kubernetes-token-file kubernetes-https-redirect-code kubernetes-ingress-class kubernetes-routegroup-class
  whitelisted-healthcheck-cidr kubernetes-path-mode kubernetes-namespace kubernetes-topology-zone
  kubernetes-east-west-domain kubernetes-east-west-range-domains kubernetes-east-west-range-predicates
  kubernetes-east-west-range-annotation-predicates kubernetes-east-west-range-annotation-filters-append
  kubernetes-annotation-predicates kubernetes-annotation-filters-append kubernetes-allowed-external-names
  kubernetes-redis-service-namespace kubernetes-redis-service-name kubernetes-redis-service-port
  kubernetes-valkey-service-namespace kubernetes-valkey-service-name kubernetes-valkey-service-port
  kubernetes-backend-traffic-algorithm kubernetes-default-lb-algorithm kubernetes-status-from-service
  default-filters-dir oauth2-auth-url oauth2-token-url oauth2-revoke-token-url oauth2-tokeninfo-url
  oauth2-tokeninfo-timeout oauth2-tokeninfo-cache-size oauth2-tokeninfo-cache-ttl oauth2-secret-file oauth2-client-id
  oauth2-client-secret oauth2-client-id-file oauth2-client-secret-file oauth2-auth-url-parameters oauth2-callback-path
  oauth2-tokenintrospect-timeout oauth2-access-token-header-name oauth2-tokeninfo-subject-key
  oauth2-grant-tokeninfo-keys oauth2-token-cookie-name oauth2-token-cookie-remove-subdomains webhook-timeout
  oidc-secrets-file oidc-cookie-validity oidc-distributed-claims-timeout oidc-cookie-remove-subdomains
  credentials-paths credentials-update-interval validation-webhook-address validation-webhook-cert-file
  validation-webhook-key-file client-tls-key client-tls-cert client-tls-cert-refresh-interval mtls-authn-ca
  tls-min-version tls-client-auth letsencrypt-cache letsencrypt-email letsencrypt-domains letsencrypt-directory-url
  letsencrypt-user-agent api-usage-monitoring-realm-keys api-usage-monitoring-client-keys
  api-usage-monitoring-default-client-tracking-pattern api-usage-monitoring-realms-tracking-pattern
  wait-for-healthcheck-interval idle-conns-num close-idle-conns-period backend-flush-interval read-timeout-server
  read-header-timeout-server write-timeout-server idle-timeout-server keepalive-server keepalive-requests-server
  max-header-bytes timeout-backend keepalive-backend tls-timeout-backend response-header-timeout-backend
  expect-continue-timeout-backend max-idle-connection-backend swarm-redis-urls swarm-redis-username
  swarm-redis-password swarm-redis-hash-algorithm swarm-redis-dial-timeout swarm-redis-read-timeout
  swarm-redis-write-timeout swarm-redis-pool-timeout swarm-redis-min-conns swarm-redis-max-conns swarm-redis-remote
  swarm-redis-update-interval swarm-redis-heartbeat-frequency swarm-valkey-urls swarm-valkey-remote
  swarm-valkey-username swarm-valkey-password swarm-valkey-conn-lifetime swarm-valkey-conn-timeout
  swarm-valkey-dial-timeout swarm-valkey-keepalive swarm-valkey-update-interval swarm-namespace
  swarm-label-selector-key swarm-label-selector-value swarm-port swarm-max-msg-buffer swarm-leave-timeout
  swarm-static-self swarm-static-other cluster-ratelimit-max-group-shards lua-modules lua-sources
  open-policy-agent-control-loop-interval open-policy-agent-control-loop-max-jitter open-policy-agent-config-template
  open-policy-agent-envoy-metadata open-policy-agent-cleaner-interval open-policy-agent-startup-timeout
  open-policy-agent-request-body-buffer-size open-policy-agent-max-request-body-size
  open-policy-agent-max-memory-body-parsing passive-health-check proxy-allow-cidrs proxy-deny-cidrs
  proxy-skip-cidrs`.split(/\s+/),
);
