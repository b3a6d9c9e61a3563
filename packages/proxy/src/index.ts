export { BosunProxy, engineNames, RoutesLoadError, type BosunProxyOptions, type EngineName, type GatewayListenerBinding, type ListenAddress } from "./bosun-proxy.js";
export { ProxyTable, tableOptions, type ProxyTableOptions } from "./proxy-table.js";
export { RouteChecker, type RouteProgram } from "./route-check.js";
export { backendOrigin } from "./backends/address.js";
export { AlgorithmRegistry, defaultAlgorithms, Endpoint, xxhash64, type AlgorithmSpec, type Balancer, type BalanceInput } from "./backends/lb/index.js";
export { SourceSet, type MergedRoutes, type SourceHandlers, type SourceState } from "./sources/source-set.js";
export { ProblemLog, problemEntry, type ProblemLogEntry } from "./sources/problem-log.js";
export { gatewayBindingOf, GatewayListeners, noListener, type GatewayBinding } from "./gateway/gateway-listeners.js";
