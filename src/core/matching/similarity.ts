/**
 * String and set similarities used by the comparisons: a bounded edit distance with adjacent
 * transpositions (one mistyped or swapped character is one edit) and Jaccard overlap of sets.
 */

let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/**
 * Optimal-string-alignment distance between a and b, or max + 1 as soon as it must exceed max.
 * Three reused rows: comparisons run millions of times and must not allocate.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  if (max <= 2) return bandedDistance(a, b, max);
  const n = b.length + 1;
  if (rowA.length < n)
    [rowA, rowB, rowC] = [new Int32Array(n), new Int32Array(n), new Int32Array(n)];
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j < n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j < n; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + (ai === bj ? 0 : 1),
      );
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        d = Math.min(d, (prev2[j - 2] as number) + 1);
      }
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  const d = prev[n - 1] as number;
  return d > max ? max + 1 : d;
}

/**
 * editDistance for a small bound: only cells within `max` of the diagonal can stay within the
 * bound, so each row computes 2·max + 1 cells instead of the whole row.
 */
function bandedDistance(a: string, b: string, max: number): number {
  const n = b.length + 1;
  const big = max + 1;
  if (rowA.length < n)
    [rowA, rowB, rowC] = [new Int32Array(n), new Int32Array(n), new Int32Array(n)];
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j < n; j++) prev[j] = j <= max ? j : big;
  for (let i = 1; i <= a.length; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(n - 1, i + max);
    cur[0] = i <= max ? i : big;
    if (lo > 1) cur[lo - 1] = big;
    let rowMin = cur[0];
    const ai = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + (ai === bj ? 0 : 1),
      );
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        d = Math.min(d, (prev2[j - 2] as number) + 1);
      }
      cur[j] = d > big ? big : d;
      if (d < rowMin) rowMin = d;
    }
    if (hi + 1 < n) cur[hi + 1] = big;
    if (rowMin > max) return big;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  const d = prev[n - 1] as number;
  return d > max ? big : d;
}

/** Jaccard overlap of two sorted arrays of distinct numbers; null when both are empty. */
export function jaccardSorted(a: ArrayLike<number>, b: ArrayLike<number>): number | null {
  if (a.length === 0 && b.length === 0) return null;
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      both += 1;
      i += 1;
      j += 1;
    } else if (x < y) i += 1;
    else j += 1;
  }
  return both / (a.length + b.length - both);
}

/** |a ∩ b| / |a ∪ b|; null when both are empty. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number | null {
  if (a.size === 0 && b.size === 0) return null;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let both = 0;
  for (const x of small) if (large.has(x)) both += 1;
  return both / (a.size + b.size - both);
}

/** |a ∩ b| / min(|a|, |b|): how much of the smaller set the larger one contains; null if one is empty. */
export function containment(a: ReadonlySet<string>, b: ReadonlySet<string>): number | null {
  if (a.size === 0 || b.size === 0) return null;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let both = 0;
  for (const x of small) if (large.has(x)) both += 1;
  return both / small.size;
}

/** A 53-bit hash of a string (two FNV-1a variants), compact as a Map key for large indexes. */
export function hashKey(s: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 13);
  }
  return (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
}
