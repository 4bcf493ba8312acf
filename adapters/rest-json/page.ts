/**
 * Reads one answer of a list endpoint: finds the items array at the configured dot path, turns
 * each item into a page record (bytes = JSON.stringify of the item as parsed, a stable
 * serialisation of what arrived) and reads its (modified, id) position. A record whose id or
 * modified value is missing or unreadable still goes into the batch (the mapping decides about
 * it) but has no position, so it can never move the cursor.
 */
import { badPayloadError, type HttpTarget } from '../shared/http-errors.ts';
import { pageRecord, type Page, type PageRecord } from '../shared/page.ts';
import { parseInstant } from '../shared/position.ts';

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
  const id = readId(atPath(item, shape.record.id));
  return pageRecord(item, id, parseInstant(atPath(item, shape.record.modified)));
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
