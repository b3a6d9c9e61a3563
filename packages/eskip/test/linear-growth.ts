/**
 * Whether the time some work takes grows linearly with its input, judged so that a busy test
 * machine cannot fail it: the input grows 16 times, so linear work takes about 16 times as long
 * and quadratic work 256; the bound of 64 leaves a factor of 4 of noise either way.
 */

export const sizeStep = 16;
export const linearBound = 64;

export interface Growth {
  /** How many times as long the large input took as the small one, fastest run of each. */
  readonly ratio: number;
  readonly linear: boolean;
}

/** Below this a timing says more about the clock than about the work. */
const shortestTiming = 0.05;

function timed(work: (text: string) => void, text: string): number {
  const start = performance.now();
  work(text);
  return performance.now() - start;
}

/**
 * Times `work` on `fragment` repeated to about `smallLength` characters and on that text `sizeStep`
 * times over, `rounds` times each. The runs alternate, so that a busy spell of the machine slows
 * both sizes alike, and the fastest of each size counts: noise only ever adds time.
 */
export function growthOf(work: (text: string) => void, fragment: string, smallLength = 2_000, rounds = 5): Growth {
  const small = fragment.repeat(Math.ceil(smallLength / fragment.length));
  const large = small.repeat(sizeStep);
  let fastestSmall = Infinity;
  let fastestLarge = Infinity;
  for (let round = 0; round < rounds; round++) {
    fastestSmall = Math.min(fastestSmall, timed(work, small));
    fastestLarge = Math.min(fastestLarge, timed(work, large));
  }
  const ratio = fastestLarge / Math.max(fastestSmall, shortestTiming);
  return { ratio, linear: ratio < linearBound };
}
