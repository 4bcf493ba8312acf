/**
 * Blocking index over hashed keys: key → the records carrying it. An open-addressing directory of
 * distinct keys (hash, list head, count) and one pool of postings (record, next) in typed
 * arrays, about 30 bytes per posting where a Map of arrays took several times that. A key
 * carried by more than `maxBlock` records stops growing and is skipped by look-ups: it is too
 * common to tell anyone apart.
 */
import { ensure } from './columns.ts';

const EMPTY = 0;

function slotOf(hash: number, mask: number): number {
  const hi = Math.floor(hash / 0x200000);
  const lo = hash - hi * 0x200000;
  return Math.imul(hi ^ Math.imul(lo, 0x9e3779b1), 0x85ebca6b) & mask;
}

/** A multimap from 53-bit key hashes to record indices. */
export class BlockIndex {
  private keys = new Float64Array(1 << 16);
  private heads = new Int32Array(1 << 16);
  private counts = new Int32Array(1 << 16);
  private used = 0;
  /** Postings as (record, next posting) pairs in one array: one cache line per step. */
  private postings = new Int32Array(1 << 17);
  private used2 = 0;

  constructor(private readonly maxBlock: number) {}

  /** Directory slot of a hash: where it is, or the empty slot where it would go. */
  private find(hash: number): number {
    const mask = this.keys.length - 1;
    const stored = hash + 1;
    let s = slotOf(hash, mask);
    for (;;) {
      const k = this.keys[s] as number;
      if (k === stored || k === EMPTY) return s;
      s = (s + 1) & mask;
    }
  }

  private grow(): void {
    const [keys, heads, counts] = [this.keys, this.heads, this.counts];
    const size = keys.length * 2;
    this.keys = new Float64Array(size);
    this.heads = new Int32Array(size);
    this.counts = new Int32Array(size);
    for (let s = 0; s < keys.length; s++) {
      const k = keys[s] as number;
      if (k === EMPTY) continue;
      const t = this.find(k - 1);
      this.keys[t] = k;
      this.heads[t] = heads[s] as number;
      this.counts[t] = counts[s] as number;
    }
  }

  /** Adds `record` under `hash` (unless the block is already over the limit). */
  add(hash: number, record: number): void {
    if ((this.used + 1) * 10 > this.keys.length * 7) this.grow();
    const s = this.find(hash);
    if (this.keys[s] === EMPTY) {
      this.keys[s] = hash + 1;
      this.heads[s] = -1;
      this.used += 1;
    }
    const n = this.counts[s] as number;
    if (n > this.maxBlock) return;
    this.counts[s] = n + 1;
    const p = this.used2;
    this.used2 += 2;
    this.postings = ensure(this.postings, this.used2);
    this.postings[p] = record;
    this.postings[p + 1] = this.heads[s] as number;
    this.heads[s] = p;
  }

  /**
   * Calls `fn` with each record under `hash`, newest first; does nothing when the key is unknown
   * or its block is over the limit.
   */
  forEach(hash: number, fn: (record: number) => void): void {
    const s = this.find(hash);
    if (this.keys[s] === EMPTY || (this.counts[s] as number) > this.maxBlock) return;
    const postings = this.postings;
    for (let p = this.heads[s] as number; p >= 0; p = postings[p + 1] as number)
      fn(postings[p] as number);
  }

  /** Number of records under `hash` (capped just past the limit). */
  count(hash: number): number {
    const s = this.find(hash);
    return this.keys[s] === EMPTY ? 0 : (this.counts[s] as number);
  }
}
