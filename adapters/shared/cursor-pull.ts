/**
 * Incremental pull by a (modified, id) cursor, one batch per answer: the paging algorithm of the
 * adapters that ask a source for "records modified since" (rest-json, soap-xml). The adapter
 * supplies how to fetch one page; this file decides which page to ask for next.
 *
 * Why not plain page numbers: the result set changes while we read it. A record updated during
 * the run moves to the end, every later record shifts one place forward, and the record that
 * was first on the next page slides onto a page already read: lost for good, because the cursor
 * moves past it. So each request restarts from the cursor instead of counting pages:
 * - keyset (the source filters strictly after (modifiedSince, afterId)): page 1 at the cursor;
 * - otherwise: page 1, modifiedSince = cursor time (inclusive), and records at or before the
 *   cursor are dropped here. When a whole page sits at the cursor's instant the cursor cannot
 *   move, so that instant alone is walked by page numbers 2, 3, …; a record seen in such a walk
 *   that turns up again later with a newer time may have shifted the walk, so the instant is
 *   walked once more at the end and whatever was missed is yielded.
 * The yielded cursor never goes back: lookback re-reads older records under the saved cursor. An
 * empty answer yields nothing, so it never overwrites a good cursor; a failed request throws
 * before anything is yielded for it.
 */
import type { Logger } from 'pino';
import type { Cursor, RawBatch } from '../contract.ts';
import type { Page, PageRecord } from './page.ts';
import {
  compareInstants,
  comparePositions,
  fromCursor,
  laterOf,
  lookBack,
  toCursor,
  type Instant,
  type Position,
} from './position.ts';

/** How an adapter's source pages, from its settings. */
export interface CursorPullOptions {
  /** The source filters strictly after (modifiedSince, afterId); `param` names it in warnings. */
  readonly keyset: { readonly param: string } | null;
  readonly pageSize: number;
  /** Requests per run at most; the next run continues from the saved cursor. */
  readonly maxPages: number;
  readonly lookbackSeconds: number;
  /** A page shorter than pageSize is the end: no request is spent to confirm it. */
  readonly shortPageEnds: boolean;
  /** The config's modified field, named in the warning about records without a position. */
  readonly modifiedField: string;
}

/** Fetches page `page` of the records at or after `query` (null: from the start); throws HubError. */
export type FetchPage = (query: Position | null, page: number) => Promise<Page>;

/** What the pull needs from the adapter context. */
export interface CursorPullContext {
  readonly sourceId: string;
  readonly log: Logger;
}

/** Pulls every record after `from`, yielding one batch per answer that brought something new. */
export async function* pullByCursor(
  ctx: CursorPullContext,
  options: CursorPullOptions,
  fetchPage: FetchPage,
  from: Cursor | null,
): AsyncGenerator<RawBatch> {
  const run = new CursorPull(ctx, options, fetchPage, fromCursor(ctx.sourceId, from));
  yield* run.forward();
  yield* run.rewalkShifted();
}

/** Where the next request goes: page 1 at the cursor, or page `page` of a walk at one instant. */
interface Step {
  readonly walk: Instant | null;
  readonly page: number;
}

class CursorPull {
  /** Position of the last record read (may lag the saved cursor while looking back). */
  private position: Position | null;
  /** Position of the last yielded cursor: never moves back. */
  private emitted: Position | null;
  private requests = 0;
  private budgetWarned = false;
  /** Ids read during page-number walks, with the instant walked. */
  private readonly walked = new Map<string, Instant>();
  /** Walked instants that a record left during the run (the walk may have skipped one). */
  private readonly shifted = new Map<string, Instant>();

  constructor(
    private readonly ctx: CursorPullContext,
    private readonly options: CursorPullOptions,
    private readonly fetchPage: FetchPage,
    start: Position | null,
  ) {
    this.emitted = start;
    this.position = start === null ? null : lookBack(start, options.lookbackSeconds);
  }

  /** Reads from the cursor to the end of the source. */
  async *forward(): AsyncGenerator<RawBatch> {
    let step: Step | null = { walk: null, page: 1 };
    while (step !== null && this.withinBudget()) {
      const query: Position | null =
        step.walk === null ? this.position : { ...step.walk, id: null };
      const { records, totalPages } = await this.fetch(query, step.page);
      if (records.length === 0) return;
      const before = this.position;
      const fresh = records.filter((r) => this.isFresh(r));
      this.noteShifts(fresh);
      if (fresh.length > 0) yield this.batch(fresh);
      if (this.isShort(records)) return;
      step = this.nextStep(step, records, fresh, before, totalPages);
    }
  }

  /** Walks once more each walked instant a record left mid-run; yields the records it missed. */
  async *rewalkShifted(): AsyncGenerator<RawBatch> {
    for (const at of this.shifted.values()) {
      this.ctx.log.warn(
        { at: at.iso },
        'a record left a page-walked instant mid-run: re-walking it',
      );
      for (let page = 1; this.withinBudget(); page += 1) {
        const { records } = await this.fetch({ ...at, id: null }, page);
        const missed = records.filter(
          (r) =>
            r.position !== null &&
            sameInstant(r.position, at) &&
            !this.walked.has(r.position.id ?? ''),
        );
        this.remember(missed, at);
        if (missed.length > 0) yield this.batch(missed);
        const past = records.some(
          (r) => r.position !== null && compareInstants(r.position, at) > 0,
        );
        if (records.length === 0 || past || this.isShort(records)) break;
      }
    }
  }

  private nextStep(
    step: Step,
    records: readonly PageRecord[],
    fresh: readonly PageRecord[],
    before: Position | null,
    totalPages: number | null,
  ): Step | null {
    const advanced = fresh.some((r) => r.position !== null);
    if (this.options.keyset !== null) {
      if (!advanced) this.warnIfKeysetIgnored(this.options.keyset.param, records, fresh);
      return advanced ? { walk: null, page: 1 } : null;
    }
    if (step.walk === null) {
      if (advanced) return { walk: null, page: 1 };
      // Not advanced with every record at `before`: `before` has an id (a null id precedes all).
      if (before === null || !allAt(records, before)) return null;
      // Without a page count from the source, probing page 2 costs one request and is safe.
      if (totalPages !== null && totalPages <= 1) return null;
      this.remember(records, before);
      return { walk: before, page: 2 };
    }
    this.remember(records, step.walk);
    const walk = step.walk;
    if (records.some((r) => r.position !== null && compareInstants(r.position, walk) > 0)) {
      return { walk: null, page: 1 };
    }
    if (totalPages !== null && step.page >= totalPages) return null;
    return { walk, page: step.page + 1 };
  }

  private fetch(query: Position | null, page: number): Promise<Page> {
    this.requests += 1;
    return this.fetchPage(query, page);
  }

  private isShort(records: readonly PageRecord[]): boolean {
    return this.options.shortPageEnds && records.length < this.options.pageSize;
  }

  /** A record without a position is always kept; a positioned one only after the position. */
  private isFresh(record: PageRecord): boolean {
    if (record.position === null || this.position === null) return true;
    return comparePositions(record.position, this.position) > 0;
  }

  private batch(records: readonly PageRecord[]): RawBatch {
    for (const r of records) this.position = laterOf(this.position, r.position);
    this.emitted = laterOf(this.emitted, this.position);
    const unpositioned = records.filter((r) => r.position === null).length;
    if (unpositioned > 0) {
      this.ctx.log.warn(
        { unpositioned, modifiedField: this.options.modifiedField },
        'records without id or ISO modified time (with offset): kept, but they cannot move the cursor',
      );
    }
    return { records: records.map((r) => r.raw), cursor: toCursor(this.emitted) };
  }

  private noteShifts(fresh: readonly PageRecord[]): void {
    for (const { position } of fresh) {
      const at = position?.id == null ? undefined : this.walked.get(position.id);
      if (position && at !== undefined && compareInstants(position, at) > 0) {
        this.shifted.set(at.iso, at);
      }
    }
  }

  private remember(records: readonly PageRecord[], at: Instant): void {
    for (const { position } of records) {
      if (position?.id != null && sameInstant(position, at)) this.walked.set(position.id, at);
    }
  }

  private withinBudget(): boolean {
    if (this.requests < this.options.maxPages) return true;
    if (this.budgetWarned) return false;
    this.budgetWarned = true;
    this.ctx.log.warn(
      { maxPages: this.options.maxPages },
      'stopped at maxPages for this run; the next run continues from the saved cursor',
    );
    return false;
  }

  private warnIfKeysetIgnored(
    param: string,
    records: readonly PageRecord[],
    fresh: readonly PageRecord[],
  ): void {
    if (records.length > 0 && fresh.length === 0) {
      this.ctx.log.warn(
        { afterIdParam: param },
        'the source returned only records at or before the cursor: does it really support the afterId parameter?',
      );
    }
  }
}

function sameInstant(a: Instant, b: Instant): boolean {
  return compareInstants(a, b) === 0;
}

/** True when every record is positioned at the same instant as `at`. */
function allAt(records: readonly PageRecord[], at: Instant): boolean {
  return records.every((r) => r.position !== null && sameInstant(r.position, at));
}
