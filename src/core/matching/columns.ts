/**
 * Compact storage for the in-memory matching index: growable typed-array columns (one number per
 * record, no object per record) and an interner that maps repeated strings (name tokens, wards)
 * to small integers. A store of a million petitioners must stay within a few hundred megabytes
 * and compare two records without allocating.
 */

type NumberArray = Int32Array | Uint8Array | Uint16Array | Uint32Array | Float64Array;

/** Returns `a`, or a copy at least `need` long (doubling) holding the same values. */
export function ensure<T extends NumberArray>(a: T, need: number, fill = 0): T {
  if (need <= a.length) return a;
  let size = Math.max(a.length, 1024);
  while (size < need) size *= 2;
  const ctor = a.constructor as new (n: number) => T;
  const out = new ctor(size);
  if (fill !== 0) out.fill(fill);
  out.set(a);
  return out;
}

/** Strings to dense integer ids and back. */
export class Interner {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];

  /** The id of `s`, assigned on first sight. */
  id(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(s, id);
      this.values.push(s);
    }
    return id;
  }

  /** The id of `s` when it was seen, else -1. */
  find(s: string): number {
    return this.ids.get(s) ?? -1;
  }

  /** The string of an id. */
  value(id: number): string {
    return this.values[id] ?? '';
  }
}

/** Members of clusters as linked lists over record indices: O(1) add and concatenation. */
export class ClusterLists {
  private head = new Int32Array(1024).fill(-1);
  private tail = new Int32Array(1024).fill(-1);
  private count = new Int32Array(1024);
  private next = new Int32Array(1024).fill(-1);
  /** Cluster of each member. */
  clusterOf = new Int32Array(1024).fill(-1);
  readonly ids: string[] = [];

  /** Number of clusters ever opened (some may be empty after merges). */
  get length(): number {
    return this.ids.length;
  }

  /** Opens an empty cluster; returns its index. */
  open(id: string): number {
    const c = this.ids.length;
    this.ids.push(id);
    this.head = ensure(this.head, c + 1, -1);
    this.tail = ensure(this.tail, c + 1, -1);
    this.count = ensure(this.count, c + 1);
    return c;
  }

  /** Appends member `m` to cluster `c`. */
  add(c: number, m: number): void {
    this.next = ensure(this.next, m + 1, -1);
    this.clusterOf = ensure(this.clusterOf, m + 1, -1);
    this.next[m] = -1;
    this.clusterOf[m] = c;
    const t = this.tail[c] as number;
    if (t < 0) this.head[c] = m;
    else this.next[t] = m;
    this.tail[c] = m;
    this.count[c] = (this.count[c] as number) + 1;
  }

  /** Moves every member of `from` to the end of `into`. */
  concat(into: number, from: number): void {
    if (into === from || (this.count[from] as number) === 0) return;
    for (let m = this.head[from] as number; m >= 0; m = this.next[m] as number)
      this.clusterOf[m] = into;
    const t = this.tail[into] as number;
    if (t < 0) this.head[into] = this.head[from] as number;
    else this.next[t] = this.head[from] as number;
    this.tail[into] = this.tail[from] as number;
    this.count[into] = (this.count[into] as number) + (this.count[from] as number);
    this.head[from] = -1;
    this.tail[from] = -1;
    this.count[from] = 0;
  }

  /** Takes member `m` out of its cluster (it belongs to none until added again). */
  remove(m: number): void {
    const c = this.clusterOf[m] as number;
    let prev = -1;
    for (let x = this.head[c] as number; x >= 0; prev = x, x = this.next[x] as number) {
      if (x !== m) continue;
      const after = this.next[m] as number;
      if (prev < 0) this.head[c] = after;
      else this.next[prev] = after;
      if (this.tail[c] === m) this.tail[c] = prev;
      this.count[c] = (this.count[c] as number) - 1;
      this.clusterOf[m] = -1;
      return;
    }
  }

  /** Number of members of cluster `c`. */
  size(c: number): number {
    return this.count[c] ?? 0;
  }

  /** First member of `c` (-1 when empty); walk on with `after`. */
  first(c: number): number {
    return this.head[c] ?? -1;
  }

  /** Member after `m` in its cluster, -1 at the end. */
  after(m: number): number {
    return this.next[m] ?? -1;
  }

  /** Members of cluster `c`, in order of joining. */
  members(c: number): number[] {
    const out: number[] = [];
    for (let m = this.first(c); m >= 0; m = this.after(m)) out.push(m);
    return out;
  }
}
