/**
 * Positions in a source's (modified, id) order, and the `{ modifiedSince, lastId }` cursor that
 * stores one: the cursor rules of every adapter that pages by a modified-since time (rest-json,
 * soap-xml). Modified values are compared as instants (an ISO-8601 string WITH its offset, to
 * the nanosecond), never as strings: "09:15:00+07:00" and "02:15:00Z" are the same moment. A
 * value without an offset is not an instant (local time of which zone?) and cannot position a
 * record.
 *
 * The cursor keeps the record's modified string exactly as the source wrote it, so the next run
 * sends the source its own format back.
 */
import type { Cursor } from '../contract.ts';
import { HubError } from '../../src/lib/errors.ts';

/** An instant parsed from an ISO-8601 string with offset. */
export interface Instant {
  /** Milliseconds since the epoch. */
  readonly ms: number;
  /** Nanoseconds beyond `ms` (0–999,999), for sources with sub-millisecond precision. */
  readonly ns: number;
  /** The string as the source wrote it. */
  readonly iso: string;
}

/** A point in (modified, id) order; id null means "before every id at that instant". */
export interface Position extends Instant {
  readonly id: string | null;
}

const ISO_WITH_OFFSET =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** Parses an ISO-8601 timestamp with offset; null for anything else. */
export function parseInstant(value: unknown): Instant | null {
  if (typeof value !== 'string') return null;
  const match = ISO_WITH_OFFSET.exec(value);
  if (match === null) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return null;
  const fraction = (match[6] ?? '').padEnd(9, '0');
  return { ms, ns: Number(fraction.slice(3)), iso: value };
}

/** Orders ids as the source does: numerically when both are digit strings, else by code unit. */
export function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const na = a.replace(/^0+(?=\d)/, '');
    const nb = b.replace(/^0+(?=\d)/, '');
    if (na.length !== nb.length) return na.length - nb.length;
    return na < nb ? -1 : na > nb ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders two instants (negative: a earlier). */
export function compareInstants(a: Instant, b: Instant): number {
  return a.ms !== b.ms ? a.ms - b.ms : a.ns - b.ns;
}

/** Orders two positions by (modified, id); a null id comes before every id. */
export function comparePositions(a: Position, b: Position): number {
  const byTime = compareInstants(a, b);
  if (byTime !== 0) return byTime;
  if (a.id === b.id) return 0;
  if (a.id === null) return -1;
  if (b.id === null) return 1;
  return compareIds(a.id, b.id);
}

/** The later of two positions (null counts as the very beginning). */
export function laterOf(a: Position | null, b: Position | null): Position | null {
  if (a === null) return b;
  if (b === null) return a;
  return comparePositions(a, b) >= 0 ? a : b;
}

/** The cursor storing a position; `{ modifiedSince: null, lastId: null }` is "from the start". */
export function toCursor(position: Position | null): Cursor {
  return { modifiedSince: position?.iso ?? null, lastId: position?.id ?? null };
}

/** Reads a cursor written by toCursor; null, or a null modifiedSince, means "from the start". */
export function fromCursor(sourceId: string, cursor: Cursor | null): Position | null {
  if (cursor === null || cursor.modifiedSince === null || cursor.modifiedSince === undefined) {
    return null;
  }
  const instant = parseInstant(cursor.modifiedSince);
  const lastId = cursor.lastId ?? null;
  if (instant === null || (lastId !== null && typeof lastId !== 'string')) {
    throw new HubError(
      'KNTC_CURSOR_INVALID',
      `source "${sourceId}": the stored cursor is not { modifiedSince, lastId } with an ISO-8601 time and offset`,
      {
        hint: 'The saved position of this source is damaged: reset its cursor (a full re-read is safe, records are upserted).',
        details: { sourceId },
      },
    );
  }
  return { ...instant, id: lastId };
}

/** The position `seconds` earlier, covering every id at that instant; keeps the source's offset. */
export function lookBack(position: Position, seconds: number): Position {
  if (seconds === 0) return position;
  const ms = position.ms - seconds * 1000;
  const offset = /(Z|[+-]\d{2}:?\d{2})$/i.exec(position.iso)?.[1] ?? 'Z';
  return { ms, ns: 0, iso: formatInstant(ms, offset), id: null };
}

/** Formats an instant in ISO-8601 with the given offset ("Z", "+07:00" or "+0700"). */
export function formatInstant(ms: number, offset: string): string {
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.toUpperCase() === 'Z' ? '0000' : offset.slice(1).replace(':', '');
  const minutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  const local = new Date(ms + minutes * 60_000).toISOString().replace(/\.000Z$/, 'Z');
  return local.replace(/Z$/, offset.toUpperCase() === 'Z' ? 'Z' : offset);
}
