/**
 * The simulator's records, kept sorted by (ngayCapNhat as an instant, maDon) so that a page
 * request is a binary search plus a slice, even with 100,000 records. maDon ties are broken by
 * plain code-unit order, the same order the API documents for its keyset parameter.
 */
import type { QuyNhonRecord } from './record.ts';

interface Entry {
  readonly ts: number;
  readonly maDon: string;
  readonly record: QuyNhonRecord;
}

/** A page request on the sorted records. */
export interface StoreQuery {
  /** Only records updated at or after this instant (ms). */
  readonly fromMs?: number;
  /** With fromMs: only records strictly after (fromMs, afterMaDon). */
  readonly afterMaDon?: string;
  readonly offset: number;
  readonly limit: number;
}

/** A page and the number of records matching the query. */
export interface StorePage {
  readonly total: number;
  readonly items: readonly QuyNhonRecord[];
}

function compareKeys(a: number, aId: string, b: number, bId: string): number {
  if (a !== b) return a < b ? -1 : 1;
  return aId < bId ? -1 : aId > bId ? 1 : 0;
}

function entryOf(record: QuyNhonRecord): Entry {
  return { ts: Date.parse(record.ngayCapNhat), maDon: record.maDon, record };
}

/** Orders records as the API serves them: ngayCapNhat (as instants), then maDon. */
export function compareRecords(a: QuyNhonRecord, b: QuyNhonRecord): number {
  return compareKeys(Date.parse(a.ngayCapNhat), a.maDon, Date.parse(b.ngayCapNhat), b.maDon);
}

/** Records in serving order (sorts on precomputed instants; fast for large arrays). */
export function sortForServing(records: Iterable<QuyNhonRecord>): QuyNhonRecord[] {
  return new RecordStore(records).all();
}

/** Sorted, indexed records with keyset look-ups. */
export class RecordStore {
  private readonly entries: Entry[];
  private readonly byMaDon = new Map<string, Entry>();

  /** Builds the store; records need not be sorted. */
  constructor(records: Iterable<QuyNhonRecord>) {
    this.entries = Array.from(records, entryOf);
    this.entries.sort((a, b) => compareKeys(a.ts, a.maDon, b.ts, b.maDon));
    for (const e of this.entries) this.byMaDon.set(e.maDon, e);
  }

  /** Number of records. */
  get size(): number {
    return this.entries.length;
  }

  /** The record with this maDon, if any. */
  get(maDon: string): QuyNhonRecord | undefined {
    return this.byMaDon.get(maDon)?.record;
  }

  /** The record at a position in serving order. */
  at(index: number): QuyNhonRecord | undefined {
    return this.entries[index]?.record;
  }

  /** All records in serving order (a copy of the list). */
  all(): QuyNhonRecord[] {
    return this.entries.map((e) => e.record);
  }

  /** Adds a record or replaces the one with the same maDon, keeping the order. */
  upsert(record: QuyNhonRecord): void {
    const old = this.byMaDon.get(record.maDon);
    if (old !== undefined) this.entries.splice(this.indexOf(old.ts, old.maDon, false), 1);
    const entry = entryOf(record);
    this.entries.splice(this.indexOf(entry.ts, entry.maDon, false), 0, entry);
    this.byMaDon.set(entry.maDon, entry);
  }

  /** One page of the records matching the query. */
  page(query: StoreQuery): StorePage {
    const start =
      query.fromMs === undefined
        ? 0
        : this.indexOf(query.fromMs, query.afterMaDon ?? '', query.afterMaDon !== undefined);
    const from = start + query.offset;
    return {
      total: this.entries.length - start,
      items: this.entries.slice(from, from + query.limit).map((e) => e.record),
    };
  }

  /** First index whose key is >= (ts, maDon), or > it when strict. */
  private indexOf(ts: number, maDon: string, strict: boolean): number {
    let [lo, hi] = [0, this.entries.length];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const e = this.entries[mid] as Entry;
      const c = compareKeys(e.ts, e.maDon, ts, maDon);
      if (c < 0 || (strict && c === 0)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
