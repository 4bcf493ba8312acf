/**
 * Which indexed petitioners are worth comparing with a new one: those sharing two or more
 * blocking keys with it, and those sharing one key of a small block. A record sharing only one
 * common key (a namesake in the same ward, born the same year) is one of many and says little;
 * the same person nearly always shares several keys (name and year, name and ward, identity
 * thirds, phone), or one rare one. Counting uses one stamped array, so a look-up allocates only
 * its result.
 */
import type { BlockIndex } from './block-index.ts';
import { ensure } from './columns.ts';

/** A block at most this large is small enough that sharing its key alone makes a candidate. */
export const SMALL_BLOCK = 30;

/** Collects candidates across the blocks of a record's keys. */
export class CandidateCollector {
  /** 4 × look-up number + shared keys so far (capped at 3), per record. */
  private seen = new Int32Array(1024);
  private generation = 0;

  constructor(private readonly blocks: BlockIndex) {}

  /** Records under `keys` that share two keys, or one key of a small block; `size` bounds them. */
  collect(keys: Float64Array, size: number): number[] {
    this.generation += 1;
    if (this.generation >= 0x1fffffff) {
      this.seen.fill(0);
      this.generation = 1;
    }
    const base = this.generation * 4;
    this.seen = ensure(this.seen, size);
    const seen = this.seen;
    const out: number[] = [];
    // A record in one large block only is a candidate when it is in a small block too, and is
    // found there: one large block alone need not be walked.
    let large = 0;
    for (const key of keys) if (this.blocks.count(key) > SMALL_BLOCK) large += 1;
    for (const key of keys) {
      const add = this.blocks.count(key) <= SMALL_BLOCK ? 2 : 1;
      if (add === 1 && large < 2) continue;
      this.blocks.forEach(key, (c) => {
        const v = seen[c] as number;
        if (v < base) {
          seen[c] = base + add;
          out.push(c);
        } else seen[c] = Math.min(v + add, base + 3);
      });
    }
    let n = 0;
    for (const c of out) if ((seen[c] as number) - base >= 2) out[n++] = c;
    out.length = n;
    return out;
  }
}
