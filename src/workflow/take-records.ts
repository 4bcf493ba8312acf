/**
 * Reads the first records of a source without storing anything: pulls pages until `limit`
 * records are in hand, then abandons the adapter's iterator and aborts whatever it prefetched.
 * Used by the test and preview tools, which must never move a cursor.
 */
import type { Cursor, RawRecord, SourceAdapter } from '../../adapters/contract.ts';
import type { Logger } from 'pino';
import { adapterContext, type WorkflowSource } from './deps.ts';

/** What a bounded read brought back. */
export interface TakenRecords {
  readonly records: readonly RawRecord[];
  readonly pages: number;
  /** True when the source had no more records (the pull ended by itself). */
  readonly exhausted: boolean;
}

/** How much to read. */
export interface TakeLimits {
  /** Stop once this many records are in hand (the last page is cut). */
  readonly records: number;
  /** Stop after this many pages whatever their size. */
  readonly pages?: number;
}

/** Pulls up to the limits from `from`; stores nothing, moves no cursor. */
export async function takeRecords(
  adapter: SourceAdapter<unknown>,
  source: WorkflowSource,
  log: Logger,
  from: Cursor | null,
  limits: TakeLimits,
): Promise<TakenRecords> {
  const maxPages = limits.pages ?? Number.POSITIVE_INFINITY;
  const abort = new AbortController();
  const it = adapter.pull(adapterContext(source, log, abort.signal), from)[Symbol.asyncIterator]();
  const records: RawRecord[] = [];
  let pages = 0;
  let exhausted = false;
  try {
    while (records.length < limits.records && pages < maxPages) {
      const next = await it.next();
      if (next.done === true) {
        exhausted = true;
        break;
      }
      pages += 1;
      records.push(...next.value.records.slice(0, limits.records - records.length));
    }
  } finally {
    abort.abort(new Error('preview finished'));
    await it.return?.().catch(() => undefined);
  }
  return { records, pages, exhausted };
}
