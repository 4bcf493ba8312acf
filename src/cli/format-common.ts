/**
 * Small text-layout helpers for the operator's terminal: flatten a JSON record into aligned
 * "path  value" lines (paths written like the mapping's error reports: a.b[0].c), and status marks.
 */

/** One leaf of a flattened record. */
export interface FlatLine {
  readonly path: string;
  /** The value as JSON text, so blanks and empty strings stay visible. */
  readonly value: string;
}

/** Flattens a JSON value into leaf lines; empty objects and lists stay as {} and []. */
export function flatten(value: unknown, prefix = ''): FlatLine[] {
  if (Array.isArray(value)) {
    if (value.length === 0) return [{ path: prefix || '(root)', value: '[]' }];
    return value.flatMap((v, i) => flatten(v, `${prefix}[${i}]`));
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return [{ path: prefix || '(root)', value: '{}' }];
    return entries.flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
  }
  return [{ path: prefix || '(root)', value: JSON.stringify(value) ?? 'undefined' }];
}

/** Pads the first column of rows so the second starts at the same place. */
export function alignRows(rows: readonly (readonly [string, string])[], indent = '  '): string[] {
  const width = Math.min(48, Math.max(0, ...rows.map(([a]) => a.length)));
  return rows.map(([a, b]) => `${indent}${a.padEnd(width)}  ${b}`.trimEnd());
}

/** Cuts a text to `max` characters with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Marks for step and record outcomes. */
export const MARK = { ok: '✓', warning: '!', failed: '✗', skipped: '-' } as const;

/** A source path as the mapping reports it ("coQuanNhan/ma" → "coQuanNhan.ma"). */
export function normalisePath(path: string): string {
  return path.replace(/\//g, '.');
}
