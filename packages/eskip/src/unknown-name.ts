/**
 * What to tell a user who wrote a predicate or filter name that is not registered: the nearest
 * registered names when it looks like a typo, or that Skipper has it and bosun does not yet.
 */

/** Optimal string alignment distance: edits, with a swap of two neighbours counted as one edit. */
export function editDistance(a: string, b: string): number {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, beforePrevious[j - 2]! + 1);
      current.push(best);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The known names close enough to `name` to be what was meant, nearest first: a different case
 * only, or at most one edit in three characters (at least one, at most three edits).
 */
export function nearestNames(name: string, known: Iterable<string>, limit = 3): string[] {
  const lower = name.toLowerCase();
  const allowed = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  const near: { name: string; distance: number }[] = [];
  for (const candidate of known) {
    const distance = candidate.toLowerCase() === lower ? 0 : editDistance(lower, candidate.toLowerCase());
    if (distance <= allowed) near.push({ name: candidate, distance });
  }
  near.sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name));
  return near.slice(0, limit).map((entry) => entry.name);
}

export interface UnknownNameContext {
  /** "predicate" or "filter". */
  readonly kind: string;
  /** The names bosun has. */
  readonly known: Iterable<string>;
  /** The names Skipper has, so that a name of Skipper's is not taken for a typo. */
  readonly skipperNames: ReadonlySet<string>;
}

/** The sentence after `filter "x" not found`: why, and what to write instead. */
export function unknownNameHint(name: string, context: UnknownNameContext): string {
  if (context.skipperNames.has(name)) return `: Skipper has this ${context.kind}, bosun does not yet`;
  const near = nearestNames(name, context.known);
  if (near.length === 0) return "";
  return `; did you mean ${near.length === 1 ? near[0] : `${near.slice(0, -1).join(", ")} or ${near[near.length - 1]}`}?`;
}
