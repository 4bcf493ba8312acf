/**
 * One answer of a paged source, read: its records, each with its (modified, id) position when it
 * has one, and the page count the source reported. A record whose id or modified value is
 * missing or unreadable still goes into the batch (the mapping decides about it) but has no
 * position, so it can never move the cursor.
 */
import type { RawRecord } from '../contract.ts';
import type { Instant, Position } from './position.ts';

/** A record of a page with its position in (modified, id) order, if it has one. */
export interface PageRecord {
  readonly raw: RawRecord;
  readonly position: Position | null;
}

/** One answer, read. */
export interface Page {
  readonly records: readonly PageRecord[];
  /** The source's page count when it reports one, else null. */
  readonly totalPages: number | null;
}

/**
 * A page record of a parsed payload: bytes = JSON.stringify(payload), a stable serialisation of
 * what arrived; positioned only when both the id and the modified instant were readable.
 */
export function pageRecord(
  payload: unknown,
  sourceRecordId: string | null,
  modified: Instant | null,
): PageRecord {
  const raw: RawRecord = {
    sourceRecordId,
    payload,
    bytes: Buffer.from(JSON.stringify(payload), 'utf8'),
  };
  const position =
    sourceRecordId === null || modified === null ? null : { ...modified, id: sourceRecordId };
  return { raw, position };
}
