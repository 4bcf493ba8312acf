/**
 * Wraps the officer's SELECT as a subquery and pages through it by keyset:
 *
 *   SELECT * FROM (<query>) AS src
 *   WHERE src.w IS NOT NULL AND src.k IS NOT NULL
 *     AND src.w >= $1 AND (src.w, src.k) > ($1, $2)
 *   ORDER BY src.w, src.k LIMIT $3
 *
 * Cursor values and the page size travel ONLY as bind parameters, cast to the configured types;
 * the only text put into the SQL is the officer's own query and the two column names, quoted as
 * identifiers. `src.w >= $1` repeats the row comparison so an index on the watermark can serve
 * the range. Text keys compare COLLATE "C" (byte order): a linguistic collation can sort
 * differently from what the adapter expects, or call two different keys equal.
 */
import type { KeyType, WatermarkType } from './config-schema.ts';
import type { Position } from './position.ts';

/** A statement with its bind parameters. */
export interface BoundQuery {
  readonly text: string;
  readonly values: readonly (string | number)[];
}

/** What the wrapping needs from the settings. */
export interface QueryShape {
  readonly query: string;
  readonly watermark: { readonly column: string; readonly type: WatermarkType };
  readonly key: { readonly column: string; readonly type: KeyType };
}

/** Quotes an identifier for PostgreSQL ("ngay_cap_nhat", "Mã ""x"""). */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The officer's query without a trailing semicolon; null when another statement follows. */
export function cleanQuery(query: string): string | null {
  const text = query.trim().replace(/;\s*$/, '').trimEnd();
  return text.includes(';') ? null : text;
}

/** Where the officer's query starts in the wrapped statement (to translate error positions). */
export const QUERY_OFFSET = 'SELECT * FROM (\n'.length;

function from(shape: QueryShape): string {
  // New lines around the query: a trailing "-- comment" in it must not swallow ") AS src".
  return `SELECT * FROM (\n${cleanQuery(shape.query) ?? shape.query}\n) AS src`;
}

function columns(shape: QueryShape): { w: string; k: string; order: string } {
  const w = `src.${quoteIdent(shape.watermark.column)}`;
  const k = `src.${quoteIdent(shape.key.column)}`;
  const kOrdered = shape.key.type === 'text' ? `${k} COLLATE "C"` : k;
  return { w, k, order: `${w}, ${kOrdered}` };
}

/** The statement reading the page after `after` (null: from the start). */
export function pageQuery(shape: QueryShape, after: Position | null, limit: number): BoundQuery {
  const { w, k, order } = columns(shape);
  const wType = shape.watermark.type;
  const conditions = [`${w} IS NOT NULL`, `${k} IS NOT NULL`];
  const values: (string | number)[] = [];
  if (after !== null) {
    values.push(after.watermark);
    conditions.push(`${w} >= $1::${wType}`);
    if (after.key !== null) {
      values.push(after.key);
      const key = shape.key.type === 'text' ? `$2::text COLLATE "C"` : `$2::${shape.key.type}`;
      const left = shape.key.type === 'text' ? `${k} COLLATE "C"` : k;
      conditions.push(`(${w}, ${left}) > ($1::${wType}, ${key})`);
    }
  }
  values.push(limit);
  const text = `${from(shape)}\nWHERE ${conditions.join(' AND ')}\nORDER BY ${order}\nLIMIT $${values.length}`;
  return { text, values };
}

/** The probe: the query with no rows, ordered by the two columns so both must exist. */
export function probeQuery(shape: QueryShape): BoundQuery {
  const { order } = columns(shape);
  return { text: `${from(shape)}\nORDER BY ${order}\nLIMIT 0`, values: [] };
}
