/**
 * Positions in (watermark, key) order, the cursor that stores one, and the comparisons the
 * adapter needs to keep its cursor from moving back. The cursor keeps the watermark as text in
 * a form PostgreSQL casts back exactly (microseconds included), never as a JS Date, which
 * would drop the microseconds and make the next page re-read the rows of the last instant.
 *
 * Orders match the SQL the adapter sends: timestamps as instants (timestamptz) or wall-clock
 * values (timestamp), bigints as integers, text keys by UTF-8 bytes (the query compares them
 * COLLATE "C"), uuids by their lower-case hex.
 */
import type { Cursor } from '../contract.ts';
import { HubError } from '../../src/lib/errors.ts';
import type { KeyType, WatermarkType } from './config-schema.ts';

/** A point in (watermark, key) order; key null means "before every key at that watermark". */
export interface Position {
  readonly watermark: string;
  readonly key: string | null;
}

/** The column types that order positions. */
export interface Ordering {
  readonly watermarkType: WatermarkType;
  readonly keyType: KeyType;
}

const TIMESTAMP =
  /^(\d{4,})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?(Z|[+-]\d\d(?::?\d\d)?)?$/i;
const INFINITY = 10n ** 30n;

/** Microseconds since the epoch of a timestamp text, or null when it is not of that type. */
export function timestampMicros(type: 'timestamptz' | 'timestamp', text: string): bigint | null {
  if (text === 'infinity') return INFINITY;
  if (text === '-infinity') return -INFINITY;
  const m = TIMESTAMP.exec(text);
  if (m === null) return null;
  const [, y, mo, d, h, mi, s, fraction, offset] = m;
  if ((offset === undefined) !== (type === 'timestamp')) return null;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(ms)) return null;
  const micros = BigInt(ms) * 1000n + BigInt((fraction ?? '').padEnd(6, '0'));
  return micros - BigInt(offsetMinutes(offset)) * 60_000_000n;
}

function offsetMinutes(offset: string | undefined): number {
  if (offset === undefined || offset.toUpperCase() === 'Z') return 0;
  const digits = offset.slice(1).replace(':', '').padEnd(4, '0');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4));
  return offset.startsWith('-') ? -minutes : minutes;
}

/** The watermark as the cursor text, or null when the value is not of the configured type. */
export function watermarkText(type: WatermarkType, value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (type === 'bigint') {
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
    return typeof value === 'string' && /^-?\d{1,19}$/.test(value) ? value : null;
  }
  // ±infinity orders, but a cursor at 'infinity' would never read a later row (README "Values").
  const finite = typeof value === 'string' && !/^-?infinity$/.test(value);
  return finite && timestampMicros(type, value) !== null ? value : null;
}

/** The key as text (the sourceRecordId and the cursor key), or null when it cannot be one. */
export function keyText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  return null;
}

/** Orders two watermark texts of one type (negative: a first). */
export function compareWatermarks(type: WatermarkType, a: string, b: string): number {
  const [x, y] =
    type === 'bigint'
      ? [BigInt(a), BigInt(b)]
      : [timestampMicros(type, a) ?? 0n, timestampMicros(type, b) ?? 0n];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Orders two keys as the query does. */
export function compareKeys(type: KeyType, a: string, b: string): number {
  switch (type) {
    case 'text':
      return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
    case 'bigint': {
      const [x, y] = [BigInt(a), BigInt(b)];
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 'uuid': {
      const [x, y] = [a.toLowerCase(), b.toLowerCase()];
      return x < y ? -1 : x > y ? 1 : 0;
    }
    default: {
      const unknown: never = type;
      throw new Error(`unknown key type ${String(unknown)}`);
    }
  }
}

/** Orders two positions by (watermark, key); a null key comes before every key. */
export function comparePositions(order: Ordering, a: Position, b: Position): number {
  const byWatermark = compareWatermarks(order.watermarkType, a.watermark, b.watermark);
  if (byWatermark !== 0) return byWatermark;
  if (a.key === b.key) return 0;
  if (a.key === null) return -1;
  if (b.key === null) return 1;
  return compareKeys(order.keyType, a.key, b.key);
}

/** The later of two positions (null counts as the very beginning). */
export function laterOf(order: Ordering, a: Position | null, b: Position | null): Position | null {
  if (a === null) return b;
  if (b === null) return a;
  return comparePositions(order, a, b) >= 0 ? a : b;
}

/** The position `amount` seconds (timestamps) or units (bigint) earlier, before every key. */
export function lookBack(type: WatermarkType, position: Position, amount: number): Position {
  if (amount === 0) return position;
  if (type === 'bigint') {
    return { watermark: (BigInt(position.watermark) - BigInt(amount)).toString(), key: null };
  }
  const micros = timestampMicros(type, position.watermark);
  if (micros === null || micros >= INFINITY || micros <= -INFINITY) return position;
  return { watermark: formatMicros(type, micros - BigInt(amount) * 1_000_000n), key: null };
}

/** Writes epoch microseconds as ISO-8601: UTC with Z (timestamptz) or without offset. */
function formatMicros(type: 'timestamptz' | 'timestamp', micros: bigint): string {
  const seconds = micros / 1_000_000n - (micros % 1_000_000n < 0n ? 1n : 0n);
  const fraction = micros - seconds * 1_000_000n;
  const base = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  const text = `${base}.${fraction.toString().padStart(6, '0')}`;
  return type === 'timestamptz' ? `${text}Z` : text;
}

/** What a cursor of this adapter records besides the position, to notice a config change. */
export interface CursorShape {
  readonly watermarkColumn: string;
  readonly watermarkType: WatermarkType;
}

/** The cursor storing a position; watermark null means "from the start". */
export function toCursor(shape: CursorShape, position: Position | null): Cursor {
  return {
    watermarkColumn: shape.watermarkColumn,
    watermarkType: shape.watermarkType,
    watermark: position?.watermark ?? null,
    key: position?.key ?? null,
  };
}

/** Reads a cursor this adapter wrote; throws KNTC_CURSOR_INVALID when it does not fit the config. */
export function fromCursor(
  sourceId: string,
  shape: CursorShape,
  cursor: Cursor | null,
): Position | null {
  if (cursor === null || cursor.watermark === null || cursor.watermark === undefined) return null;
  const { watermark, key } = cursor;
  const fits =
    cursor.watermarkColumn === shape.watermarkColumn &&
    cursor.watermarkType === shape.watermarkType &&
    typeof watermark === 'string' &&
    watermarkText(shape.watermarkType, watermark) !== null &&
    (key === null || key === undefined || typeof key === 'string');
  if (!fits) {
    throw new HubError(
      'KNTC_CURSOR_INVALID',
      `source "${sourceId}": the stored cursor is not a sql cursor on ${shape.watermarkColumn} (${shape.watermarkType})`,
      { details: { sourceId, watermarkColumn: shape.watermarkColumn } },
    );
  }
  return { watermark, key: typeof key === 'string' ? key : null };
}
