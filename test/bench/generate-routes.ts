import {
  extraPredicates,
  hostPredicate,
  hosts,
  path,
  pathCondition,
  quote,
  serviceBackend,
  serviceFilters,
  type PathCondition,
  type PathSpec,
} from "./route-parts.ts";
import { seededRandom, type SeededRandom } from "./seeded-random.ts";

/**
 * A deterministic generator of realistic eskip documents, shared by the benchmarks. Routes come
 * in groups that share a host and path, as in a real route table: a service route, a canary pair
 * split by Traffic, a set of TrafficSegment routes, a redirect, a static answer, an internal
 * rewrite to the loopback or a dynamic backend.
 */

interface RouteSketch {
  readonly id: string;
  readonly comment?: string;
  readonly predicates: readonly string[];
  readonly filters: readonly string[];
  readonly backend: string;
}

interface Group {
  readonly id: string;
  readonly service: string;
  readonly predicates: readonly string[];
  readonly path: PathSpec;
  readonly condition: PathCondition;
  readonly host: string;
}

type GroupKind = (group: Group, random: SeededRandom) => RouteSketch[];

const serviceRoute: GroupKind = (group, random) => [
  {
    id: group.id,
    predicates: [...group.predicates, ...extraPredicates(random)],
    filters: serviceFilters(group.path, group.condition, random),
    backend: serviceBackend(group.service, random),
  },
];

/** A canary and its fallback: Traffic(p) alone, or with a cookie that keeps each client in its group. */
const canaryPair: GroupKind = (group, random) => {
  const share = random.pick([0.05, 0.1, 0.2, 0.25, 0.5]);
  const sticky = random.chance(0.5);
  const traffic = sticky ? `Traffic(${share}, "canary", "b")` : `Traffic(${share})`;
  return [
    {
      id: `${group.id}_canary`,
      predicates: [...group.predicates, traffic],
      filters: sticky ? [`responseCookie("canary", "b")`] : [],
      backend: serviceBackend(`${group.service}-canary`, random),
    },
    {
      id: group.id,
      predicates: [...group.predicates, ...(sticky ? [`True()`] : [])],
      filters: sticky ? [`responseCookie("canary", "a")`] : [],
      backend: serviceBackend(group.service, random),
    },
  ];
};

/** Routes that split [0, 1) between them, as the Kubernetes client writes weighted backends. */
const trafficSegments: GroupKind = (group, random) => {
  const bounds = random.chance(0.5) ? [0, 0.3, 1] : [0, 0.2, 0.7, 1];
  return bounds.slice(1).map((upper, i) => ({
    id: `${group.id}_${i}`,
    predicates: [...group.predicates, `TrafficSegment(${bounds[i]}, ${upper})`],
    filters: [],
    backend: serviceBackend(`${group.service}-v${i + 1}`, random),
  }));
};

const redirect: GroupKind = (group, random) => [
  {
    id: `${group.id}_redirect`,
    predicates: group.predicates,
    filters: [`redirectTo(${random.pick([301, 302, 308])}, ${quote(`https://www.${group.host}${group.path.prefix}`)})`],
    backend: "<shunt>",
  },
];

const staticAnswer: GroupKind = (group, random) => [
  {
    id: `${group.id}_static`,
    predicates: group.predicates,
    filters: random.chance(0.5)
      ? [`status(200)`, `inlineContent("ok\\n", "text/plain")`]
      : [`status(${random.pick([204, 403, 404, 503])})`],
    backend: "<shunt>",
  },
];

const loopbackRewrite: GroupKind = (group) => [
  {
    id: `${group.id}_internal`,
    predicates: group.predicates,
    filters: [`setPath("/internal${group.path.prefix}")`],
    backend: "<loopback>",
  },
];

const dynamicBackend: GroupKind = (group) => [
  {
    id: `${group.id}_dynamic`,
    predicates: [...group.predicates, `Header("X-Backend-Host", "${group.service}.internal")`],
    filters: [`setDynamicBackendHostFromHeader("X-Backend-Host")`],
    backend: "<dynamic>",
  },
];

/** Kinds with their shares of the groups: most routes just forward to a service. */
const groupKinds: readonly (readonly [GroupKind, number])[] = [
  [serviceRoute, 0.6],
  [canaryPair, 0.1],
  [trafficSegments, 0.08],
  [redirect, 0.08],
  [staticAnswer, 0.06],
  [loopbackRewrite, 0.04],
  [dynamicBackend, 0.04],
];

function pickKind(groupIndex: number, random: SeededRandom): GroupKind {
  // The first groups take every kind once, so that even a small document has each feature.
  if (groupIndex < groupKinds.length) return groupKinds[groupIndex]![0];
  let r = random.next();
  for (const [kind, share] of groupKinds) {
    if (r < share) return kind;
    r -= share;
  }
  return serviceRoute;
}

function newGroup(index: number, random: SeededRandom, pathVariants: number): Group {
  const host = random.pickSkewed(hosts);
  const service = host.slice(0, host.indexOf("."));
  const spec = path(random, pathVariants);
  const condition = pathCondition(spec, random);
  const predicates = [hostPredicate(host), condition.predicate];
  // Predicate order varies in real files; the printer and matcher must not depend on it.
  if (random.chance(0.3)) predicates.reverse();
  return { id: `${service}_${index}`, service, predicates, path: spec, condition, host };
}

const comments = [
  "owner: team-checkout, see RUNBOOK-42",
  "TODO remove after the migration",
  "canary approved in CHG-1234",
  "legacy clients still call this path",
  "keep in sync with the gateway config",
] as const;

function render(route: RouteSketch): string {
  const comment = route.comment === undefined ? "" : `// ${route.comment}\n`;
  const steps = [...route.filters, route.backend].map((step) => `\n  -> ${step}`).join("");
  return `${comment}${route.id}: ${route.predicates.join(" && ")}${steps};\n`;
}

/** An eskip document of exactly `count` routes; the same count and seed give the same text. */
export function generateRoutesDocument(count: number, seed = 1): string {
  const random = seededRandom(seed);
  const parts = [`// ${count} generated routes, seed ${seed}\n`];
  let routes = 0;
  // About one path variant per 200 routes: the number of distinct paths grows with the table.
  const pathVariants = Math.max(1, Math.floor(count / 200));
  for (let groupIndex = 0; routes < count; groupIndex++) {
    const group = newGroup(groupIndex, random, pathVariants);
    const sketches = pickKind(groupIndex, random)(group, random).slice(0, count - routes);
    const comment = random.chance(0.1) ? random.pick(comments) : undefined;
    sketches.forEach((sketch, i) => parts.push(render(i === 0 && comment ? { ...sketch, comment } : sketch)));
    routes += sketches.length;
  }
  return parts.join("\n");
}
