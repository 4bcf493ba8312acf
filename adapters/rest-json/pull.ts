/**
 * Incremental pull of a rest-json source by a (modified, id) cursor, one batch per answer.
 *
 * Why not plain page numbers: the result set changes while we read it. A record updated during
 * the run moves to the end, every later record shifts one place forward, and the record that
 * was first on the next page slides onto a page already read: lost for good, because the cursor
 * moves past it. So each request restarts from the cursor instead of counting pages:
 * - keyset (params.afterId set): page 1, modifiedSince = cursor time, afterId = cursor id;
 * - otherwise: page 1, modifiedSince = cursor time (inclusive), and records at or before the
 *   cursor are dropped here. When a whole page sits at the cursor's instant the cursor cannot
 *   move, so that instant alone is walked by page numbers 2, 3, …; a record seen in such a walk
 *   that turns up again later with a newer time may have shifted the walk, so the instant is
 *   walked once more at the end and whatever was missed is yielded.
 * The yielded cursor never goes back: lookback re-reads older records under the saved cursor.
 */
import type { AdapterContext, Cursor, RawBatch } from '../contract.ts';
import type { RestJsonConfig } from './config-schema.ts';
import { createSourceHttp, type QueryParams, type SourceHttp } from './http-client.ts';
import { readPage, type PageRecord } from './page.ts';
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
import type { RestJsonSettings } from './settings.ts';

/** Where the next request goes: page 1 at the cursor, or page `page` of a walk at one instant. */
interface Step {
  readonly walk: Instant | null;
  readonly page: number;
}

/** Pulls every record after `from`, yielding one batch per answer that brought something new. */
export async function* pullRecords(
  ctx: AdapterContext<RestJsonConfig>,
  settings: RestJsonSettings,
  from: Cursor | null,
): AsyncGenerator<RawBatch> {
  const run = new PullRun(
    ctx,
    settings,
    createSourceHttp(ctx, settings),
    fromCursor(ctx.sourceId, from),
  );
  yield* run.forward();
  yield* run.rewalkShifted();
}

class PullRun {
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
    private readonly ctx: AdapterContext<RestJsonConfig>,
    private readonly settings: RestJsonSettings,
    private readonly http: SourceHttp,
    start: Position | null,
  ) {
    this.emitted = start;
    this.position = start === null ? null : lookBack(start, settings.lookbackSeconds);
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
        if (records.length === 0 || past) break;
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
    if (this.settings.params.afterId !== undefined) {
      if (!advanced) this.warnIfKeysetIgnored(records, fresh);
      return advanced ? { walk: null, page: 1 } : null;
    }
    if (step.walk === null) {
      if (advanced) return { walk: null, page: 1 };
      if (before === null || before.id === null || !allAt(records, before)) return null;
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

  private async fetch(
    query: Position | null,
    page: number,
  ): Promise<{
    records: readonly PageRecord[];
    totalPages: number | null;
  }> {
    const { params, listPath } = this.settings;
    const q: Record<string, string | number> = {
      [params.page]: page,
      [params.pageSize]: this.settings.pageSize,
    };
    if (query !== null) q[params.modifiedSince] = query.iso;
    if (query?.id != null && params.afterId !== undefined) q[params.afterId] = query.id;
    this.requests += 1;
    const answer = await this.http.getJson(listPath, q satisfies QueryParams);
    const target = { sourceId: this.ctx.sourceId, path: listPath };
    return readPage(target, answer.status, answer.body, this.settings);
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
        { unpositioned, modifiedField: this.settings.record.modified },
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
    if (this.requests < this.settings.maxPages) return true;
    if (this.budgetWarned) return false;
    this.budgetWarned = true;
    this.ctx.log.warn(
      { maxPages: this.settings.maxPages },
      'stopped at maxPages for this run; the next run continues from the saved cursor',
    );
    return false;
  }

  private warnIfKeysetIgnored(records: readonly PageRecord[], fresh: readonly PageRecord[]): void {
    if (records.length > 0 && fresh.length === 0) {
      this.ctx.log.warn(
        { afterIdParam: this.settings.params.afterId },
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
