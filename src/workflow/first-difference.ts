/**
 * Finds where two JSON values first differ, as a path a person can read ("value.petitioners[0].name"),
 * for golden-fixture failures. Object key order does not matter; array order does.
 */

/** One difference: the path and both sides (undefined = absent). */
export interface Difference {
  readonly path: string;
  readonly expected: unknown;
  readonly actual: unknown;
}

/** The first difference between `expected` and `actual`, or null when they are equal. */
export function firstDifference(expected: unknown, actual: unknown, path = ''): Difference | null {
  if (Object.is(expected, actual)) return null;
  const here = { path: path || '(root)', expected, actual };
  if (typeof expected !== 'object' || typeof actual !== 'object') return here;
  if (expected === null || actual === null) return here;
  if (Array.isArray(expected) !== Array.isArray(actual)) return here;
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const n = Math.max(expected.length, actual.length);
    for (let i = 0; i < n; i += 1) {
      const d = firstDifference(expected[i], actual[i], `${path}[${i}]`);
      if (d !== null) return d;
    }
    return null;
  }
  const e = expected as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(e), ...Object.keys(a)])].sort();
  for (const k of keys) {
    const d = firstDifference(e[k], a[k], path ? `${path}.${k}` : k);
    if (d !== null) return d;
  }
  return null;
}
