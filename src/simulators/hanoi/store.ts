/**
 * The simulator's records, kept in (NgayCapNhat, SoDon) order: the order the service lists
 * them in, which incremental clients rely on. Queries are inclusive of TuNgayCapNhat; with
 * SauSoDon (keyset) they are strictly after (TuNgayCapNhat, SauSoDon).
 */
import type { HanoiRecord } from './record.ts';

/** One list query. */
export interface HanoiQuery {
  readonly sinceMs: number | null;
  readonly afterId: string | null;
  readonly page: number;
  readonly pageSize: number;
}

/** One page of a query. */
export interface HanoiPage {
  readonly records: readonly HanoiRecord[];
  readonly total: number;
  readonly totalPages: number;
}

function compare(a: HanoiRecord, b: HanoiRecord): number {
  if (a.updatedMs !== b.updatedMs) return a.updatedMs - b.updatedMs;
  return a.soDon < b.soDon ? -1 : a.soDon > b.soDon ? 1 : 0;
}

/** In-memory records with upsert and ordered paging. */
export class HanoiStore {
  private records: HanoiRecord[];

  constructor(initial: readonly HanoiRecord[]) {
    this.records = [...initial].sort(compare);
  }

  /** All records in list order. */
  all(): readonly HanoiRecord[] {
    return this.records;
  }

  /** Adds or replaces (by SoDon) a record, keeping the order. */
  upsert(record: HanoiRecord): void {
    this.records = this.records.filter((r) => r.soDon !== record.soDon);
    this.records.push(record);
    this.records.sort(compare);
  }

  /** One page of the records matching the query. */
  query(q: HanoiQuery): HanoiPage {
    const matching = this.records.filter((r) => {
      if (q.sinceMs === null) return true;
      if (r.updatedMs !== q.sinceMs) return r.updatedMs > q.sinceMs;
      return q.afterId === null || r.soDon > q.afterId;
    });
    const start = (q.page - 1) * q.pageSize;
    return {
      records: matching.slice(start, start + q.pageSize),
      total: matching.length,
      totalPages: Math.ceil(matching.length / q.pageSize),
    };
  }
}
