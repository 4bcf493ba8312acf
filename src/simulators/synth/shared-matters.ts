/**
 * Matters citizens send to more than one office: the same person writes the same letter to the
 * ward, the city and the district, so the same matter reaches several local systems and the hub
 * must recognise it across sources. A fixed pool of such matters (person and letter) is
 * generated from its own seed, and the record factories of the Quy Nhơn simulators (the city's
 * web system, the district database, which uses the same factory, and the ward's register
 * exports) draw from it through a planter with its own random stream (the simulator's stream is
 * not shifted, so its other records stay as they were). Planters created with the same seed make the same picks in the same
 * order, so simulators started together share matters. The pool is the ground truth: a stored
 * petition whose folded summary is a pool matter's is a planted cross-source duplicate.
 */
import { createRng } from './rng.ts';
import { generatePerson, type SynthPerson } from './person.ts';
import { generatePetitionContent, type PetitionContent } from './petition-content.ts';

/** One matter of the pool. */
export interface SharedMatter {
  /** "M1", "M2", … */
  readonly id: string;
  readonly person: SynthPerson;
  readonly content: PetitionContent;
}

/** Decides, letter by letter, whether a simulator's next new letter is a shared matter. */
export interface SharedMatterPlanter {
  /** The shared matter the next new letter is about, or null for an ordinary letter. */
  next(): SharedMatter | null;
}

/** Share of new letters that are shared matters (default). */
export const SHARED_MATTER_RATE = 0.06;
const POOL_SIZE = 40;
const POOL_SEED = 0x5eed2026;
// Letters of the pool are written in the autumn of 2025; their dates fall before.
const WRITTEN_MS = Date.UTC(2025, 9, 1);

let pool: SharedMatter[] | null = null;

/** The pool of shared matters (the same on every machine). */
export function sharedMatters(): readonly SharedMatter[] {
  if (pool === null) {
    const rng = createRng(POOL_SEED);
    pool = Array.from({ length: POOL_SIZE }, (_, i) => {
      const person = generatePerson(rng, { referenceYear: 2025 });
      const kind = rng.chance(0.5) ? 'KN' : 'KNPA';
      const content = generatePetitionContent(rng, {
        referenceMs: WRITTEN_MS,
        kind,
        ward: person.address.ward,
      });
      return { id: `M${i + 1}`, person, content };
    });
  }
  return pool;
}

/**
 * A planter drawing shared matters at `rate` from its own stream (same seed, same picks), each
 * matter at most once: one office receives a letter once; re-submissions are the simulator's own.
 */
export function createSharedMatterPlanter(
  rate = SHARED_MATTER_RATE,
  seed = POOL_SEED,
): SharedMatterPlanter {
  const rng = createRng(seed);
  const order = [...sharedMatters()];
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j] as SharedMatter, order[i] as SharedMatter];
  }
  let used = 0;
  return {
    next: () => (rng.chance(rate) && used < order.length ? (order[used++] ?? null) : null),
  };
}
