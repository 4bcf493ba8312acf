/**
 * Incremental pull of a soap-xml source by a (modified, id) cursor, one batch per answer.
 * Each request restarts from the cursor instead of counting pages (page numbers skip a record
 * when an edit mid-run shifts the result set; see adapters/rest-json/README.md):
 * - keyset (`keyset: true`): page 1, {{modifiedSince}} = cursor time, {{afterId}} = cursor id;
 * - otherwise: page 1, {{modifiedSince}} = cursor time (inclusive), and records at or before
 *   the cursor are dropped here. When a whole page sits at the cursor's instant, that instant
 *   alone is walked by page numbers 2, 3, … until a record lies past it.
 * A short page (fewer than pageSize records) is the end. The yielded cursor never goes back;
 * an empty answer yields nothing, so it never overwrites a good cursor; a failed request throws
 * before anything is yielded for it.
 */
import type { AdapterContext, Cursor, RawBatch } from '../contract.ts';
import type { SoapXmlConfig } from './config-schema.ts';
import {
  compareInstants,
  comparePositions,
  fromCursor,
  laterOf,
  lookBack,
  toCursor,
} from './cursor.ts';
import type { Instant, Position } from '../rest-json/position.ts';
import { buildRequest } from './envelope.ts';
import { readPage, type Page, type PageRecord } from './page.ts';
import type { SoapXmlSettings } from './settings.ts';
import { callSource, endpointPath } from './transport.ts';

interface Step {
  readonly walk: Instant | null;
  readonly page: number;
}

/** Pulls every record after `from`, one batch per answer that brought something new. */
export async function* pullRecords(
  ctx: AdapterContext<SoapXmlConfig>,
  settings: SoapXmlSettings,
  from: Cursor | null,
): AsyncGenerator<RawBatch> {
  const start = fromCursor(ctx.sourceId, from);
  yield* new SoapPull(ctx, settings, start).run();
}

/** Fetches and reads one page at `query` (a cursor position, or null: from the start). */
export async function fetchPage(
  ctx: AdapterContext<SoapXmlConfig>,
  settings: SoapXmlSettings,
  query: Position | null,
  page: number,
  pageSize = settings.pageSize,
): Promise<Page> {
  const values = {
    modifiedSince: query?.iso ?? null,
    afterId: settings.keyset ? (query?.id ?? null) : null,
    page,
    pageSize,
  };
  const request = buildRequest(ctx.sourceId, settings, ctx.secrets, values);
  const answer = await callSource(ctx, settings, request);
  const target = { sourceId: ctx.sourceId, path: endpointPath(settings.endpoint) };
  return readPage(target, answer, settings);
}

class SoapPull {
  private position: Position | null;
  private emitted: Position | null;
  private requests = 0;

  constructor(
    private readonly ctx: AdapterContext<SoapXmlConfig>,
    private readonly settings: SoapXmlSettings,
    start: Position | null,
  ) {
    this.emitted = start;
    this.position = start === null ? null : lookBack(start, settings.lookbackSeconds);
  }

  async *run(): AsyncGenerator<RawBatch> {
    let step: Step | null = { walk: null, page: 1 };
    while (step !== null && this.withinBudget()) {
      const query: Position | null =
        step.walk === null ? this.position : { ...step.walk, id: null };
      this.requests += 1;
      const { records, totalPages } = await fetchPage(this.ctx, this.settings, query, step.page);
      if (records.length === 0) return;
      const before = this.position;
      const fresh = records.filter((r) => this.isFresh(r));
      if (fresh.length > 0) yield this.batch(fresh);
      if (records.length < this.settings.pageSize) return;
      step = this.nextStep(step, records, fresh, before, totalPages);
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
    if (this.settings.keyset) return advanced ? { walk: null, page: 1 } : null;
    if (step.walk === null) {
      if (advanced) return { walk: null, page: 1 };
      if (before === null || !allAt(records, before)) return null;
      if (totalPages !== null && totalPages <= 1) return null;
      return { walk: before, page: 2 };
    }
    const walk = step.walk;
    if (records.some((r) => r.position !== null && compareInstants(r.position, walk) > 0)) {
      return { walk: null, page: 1 };
    }
    if (totalPages !== null && step.page >= totalPages) return null;
    return { walk, page: step.page + 1 };
  }

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

  private withinBudget(): boolean {
    if (this.requests < this.settings.maxPages) return true;
    this.ctx.log.warn(
      { maxPages: this.settings.maxPages },
      'stopped at maxPages for this run; the next run continues from the saved cursor',
    );
    return false;
  }
}

function allAt(records: readonly PageRecord[], at: Instant): boolean {
  return records.every((r) => r.position !== null && compareInstants(r.position, at) === 0);
}
