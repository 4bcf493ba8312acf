/**
 * Reads one answer of a list endpoint: finds the items array at the configured dot path, turns
 * each item into a RawRecord (bytes = JSON.stringify of the item as parsed, a stable
 * serialisation of what arrived) and reads its (modified, id) position. A record whose id or
 * modified value is missing or unreadable still goes into the batch (the mapping decides about
 * it) but has no position, so it can never move the cursor.
 */
import type { RawRecord } from '../contract.ts';
import { badPayloadError, type HttpTarget } from './http-errors.ts';
import { parseInstant, type Position } from './position.ts';

/** A record of a page with its position in (modified, id) order, if it has one. */
export interface PageRecord {
  readonly raw: RawRecord;
  readonly position: Position | null;
}

/** One answer of the list endpoint. */
export interface Page {
  readonly records: readonly PageRecord[];
  /** The source's page count when it reports one (response.totalPages), else null. */
  readonly totalPages: number | null;
}

/** Which fields to read, from the config. */
export interface PageShape {
  readonly response: { readonly items: string; readonly totalPages?: string };
  readonly record: { readonly id: string; readonly modified: string };
}

/** Reads a dot path ("data.items") in a parsed JSON value; undefined when any step is missing. */
export function atPath(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Reads a list answer; throws KNTC_SOURCE_BAD_PAYLOAD when the items array is not there. */
export function readPage(
  target: HttpTarget,
  status: number,
  body: unknown,
  shape: PageShape,
): Page {
  const items = atPath(body, shape.response.items);
  if (!Array.isArray(items)) {
    throw badPayloadError(target, status, `no array at "${shape.response.items}"`);
  }
  const records = items.map((item: unknown, index) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw badPayloadError(
        target,
        status,
        `item ${index} of "${shape.response.items}" is not an object`,
      );
    }
    return toPageRecord(item, shape);
  });
  return { records, totalPages: readTotalPages(body, shape.response.totalPages) };
}

function toPageRecord(item: object, shape: PageShape): PageRecord {
  const sourceRecordId = readId(atPath(item, shape.record.id));
  const instant = parseInstant(atPath(item, shape.record.modified));
  const raw: RawRecord = {
    sourceRecordId,
    payload: item,
    bytes: Buffer.from(JSON.stringify(item), 'utf8'),
  };
  const position =
    sourceRecordId === null || instant === null ? null : { ...instant, id: sourceRecordId };
  return { raw, position };
}

function readId(value: unknown): string | null {
  if (typeof value === 'string') return value.length > 0 ? value : null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function readTotalPages(body: unknown, path: string | undefined): number | null {
  if (path === undefined) return null;
  const value = atPath(body, path);
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;
}
