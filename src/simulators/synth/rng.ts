/**
 * A small seeded pseudo-random generator (mulberry32) for synthetic data. Simulators and test
 * generators need the same records for the same seed on every machine, which Math.random
 * cannot give. Not for anything secret.
 */

/** A weighted choice: the value and its relative weight (any positive scale). */
export interface Weighted<T> {
  readonly value: T;
  readonly weight: number;
}

/** A deterministic random source with the helpers synthetic generators need. */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** One value drawn with probability proportional to its weight. */
  weighted<T>(items: readonly Weighted<T>[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
  /** A new independent generator derived from this one (for sub-streams that must not shift). */
  fork(): Rng;
}

/** Creates a deterministic generator: the same seed gives the same sequence. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick() needs a non-empty array');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    weighted: (items) => pickWeighted(items, next()),
    chance: (p) => next() < p,
    fork: () => createRng(Math.floor(next() * 4294967296)),
  };
  return rng;
}

function pickWeighted<T>(items: readonly Weighted<T>[], u: number): T {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  if (items.length === 0 || total <= 0) {
    throw new RangeError('weighted() needs at least one positive weight');
  }
  let target = u * total;
  for (const item of items) {
    target -= item.weight;
    if (target < 0) return item.value;
  }
  return (items[items.length - 1] as Weighted<T>).value;
}
