import { hostnameSpecificity } from "./hostnames.js";
import { matchPrecedence } from "./matches.js";
import type { RuleMatchOnListener } from "./rule-routes.js";

/**
 * The order in which a listener's rule-matches are tried (gateway-api.md §2.6, §3.3), each key
 * breaking only the ties of those before it: hostname specificity, Exact path, prefix length,
 * method, header count, query count, then the oldest route, namespace/name, rule and match.
 */

function keysOf(candidate: RuleMatchOnListener): readonly number[] {
  const match = candidate.route.rules[candidate.ruleIndex]!.matches[candidate.matchIndex]!;
  return [...hostnameSpecificity(candidate.hostname), ...matchPrecedence(match)];
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Negative when `a` is tried before `b`. */
export function byPrecedence(a: RuleMatchOnListener, b: RuleMatchOnListener): number {
  const keysA = keysOf(a);
  const keysB = keysOf(b);
  for (let i = 0; i < keysA.length; i++) if (keysA[i] !== keysB[i]) return keysB[i]! - keysA[i]!;
  return (
    a.route.createdAt - b.route.createdAt ||
    compareText(`${a.route.namespace}/${a.route.name}`, `${b.route.namespace}/${b.route.name}`) ||
    a.ruleIndex - b.ruleIndex ||
    a.matchIndex - b.matchIndex ||
    a.hostnameIndex - b.hostnameIndex
  );
}
