import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, extname, join, relative } from "node:path";
import { defaultFiltersFromDirectory } from "../../packages/cli/src/default-filters-dir.ts";
import { filesBelow } from "../support/shared.ts";

/**
 * The Kubernetes fixture cases of Skipper's conformance corpus
 * (`../shared/conformance/skipper/README.md`, "Fixture cases"): the files of one directory that
 * share a base name, the name without its last extension.
 */

export interface ConformanceCase {
  /** `routegroups/convert/filter`: the set and the base name. */
  readonly name: string;
  /** `routegroups/convert`. */
  readonly set: string;
  /** The `.yaml` file, for messages. */
  readonly yamlFile: string;
  readonly yaml: string;
  /** Expected routes; undefined when routes are not compared. */
  readonly eskip: string | undefined;
  readonly kube: string | undefined;
  readonly log: string | undefined;
  /** From the `.default-filters` directory, by `<service>.<namespace>`. */
  readonly defaultFilters: ReadonlyMap<string, string>;
  /** Files the runner does not support (`.api`, `.error`, anything else), so that they fail loudly. */
  readonly unsupported: readonly string[];
}

export const caseRoots = ["routegroups", "ingressV1"] as const;

/** Files of a case by suffix; the `.default-filters` directory holds files of its own and is read apart. */
const caseSuffixes = new Set([".yaml", ".eskip", ".kube", ".log"]);

function readOptional(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}

/** Case base paths (directory and base name) below one root, with their files; files inside `.default-filters` directories are not cases. */
function caseBases(root: string): Map<string, string[]> {
  const bases = new Map<string, string[]>();
  for (const file of filesBelow(root, "")) {
    if (dirname(file).endsWith(".default-filters")) continue;
    const base = join(dirname(file), basename(file, extname(file)));
    bases.set(base, [...(bases.get(base) ?? []), file]);
  }
  return bases;
}

async function defaultFiltersOf(base: string): Promise<ReadonlyMap<string, string>> {
  const dir = `${base}.default-filters`;
  return existsSync(dir) && statSync(dir).isDirectory() ? defaultFiltersFromDirectory(dir) : new Map();
}

async function loadCase(corpusDir: string, base: string, files: readonly string[]): Promise<ConformanceCase> {
  const name = relative(corpusDir, base);
  return {
    name,
    set: dirname(name),
    yamlFile: `${base}.yaml`,
    // A case without cluster state has an empty one.
    yaml: readOptional(`${base}.yaml`) ?? "",
    eskip: readOptional(`${base}.eskip`),
    kube: readOptional(`${base}.kube`),
    log: readOptional(`${base}.log`),
    defaultFilters: await defaultFiltersOf(base),
    unsupported: files.filter((file) => !caseSuffixes.has(extname(file))).map((file) => basename(file)),
  };
}

/**
 * Every case under `routegroups/` and `ingressV1/` of the corpus (`skipperConformance` of
 * support/shared.ts), in that order, each root sorted by path.
 */
export async function discoverCases(corpusDir: string): Promise<ConformanceCase[]> {
  const cases: ConformanceCase[] = [];
  for (const root of caseRoots) {
    const bases = [...caseBases(join(corpusDir, root))].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [base, files] of bases) cases.push(await loadCase(corpusDir, base, files));
  }
  return cases;
}
