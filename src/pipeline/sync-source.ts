/**
 * One sync run of one source: pull pages from the adapter, map and validate them, and commit
 * each page (records, rejections and the advanced cursor) in one transaction. The cursor moves
 * only after the page it covers is durable, so a crash mid-run resumes at the last good page.
 * A PostgreSQL advisory lock guarantees two runs of one source never overlap, whichever process
 * or command started them.
 */
import type pg from 'pg';
import type { Logger } from 'pino';
import type { SourceAdapter } from '../../adapters/contract.ts';
import type { ResolvedSource } from '../config/load-config.ts';
import { HubError, toHubError } from '../lib/errors.ts';
import type { CompiledMapping } from '../mapping/index.ts';
import { commitBatch, finishRun, getCursor, startRun } from '../store/index.ts';
import { withSourceLock } from '../store/source-lock.ts';
import type { RunTrigger } from '../store/index.ts';
import { mapBatch } from './map-batch.ts';

/** What a sync run needs. */
export interface SyncDeps {
  readonly pool: pg.Pool;
  readonly adapterFor: (kind: string) => SourceAdapter<unknown>;
  readonly mappingFor: (sourceId: string) => CompiledMapping;
  readonly log: Logger;
  /** Called after each committed page with its new outbox ids (the push queue enqueues them). */
  readonly onCommitted: (outboxIds: readonly string[]) => Promise<void>;
  /** Optional observer for metrics. */
  readonly onPage?: (sourceId: string, counts: PageCounts) => void;
}

/** Counts of one committed page. */
export interface PageCounts {
  readonly pulled: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
}

/** The outcome of a run. */
export type SyncOutcome =
  | { readonly status: 'succeeded'; readonly runId: string; readonly totals: PageCounts }
  | { readonly status: 'skipped'; readonly reason: 'already-running' };

const ZERO: PageCounts = { pulled: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 };

function add(a: PageCounts, b: PageCounts): PageCounts {
  return {
    pulled: a.pulled + b.pulled,
    inserted: a.inserted + b.inserted,
    updated: a.updated + b.updated,
    unchanged: a.unchanged + b.unchanged,
    rejected: a.rejected + b.rejected,
  };
}

/** Runs one sync of `source`; throws a HubError when the run fails (the run row says why). */
export async function syncSource(
  deps: SyncDeps,
  source: ResolvedSource,
  trigger: RunTrigger,
  signal: AbortSignal,
): Promise<SyncOutcome> {
  const outcome = await withSourceLock(deps.pool, source.id, () =>
    runLocked(deps, source, trigger, signal),
  );
  return outcome ?? { status: 'skipped', reason: 'already-running' };
}

async function runLocked(
  deps: SyncDeps,
  source: ResolvedSource,
  trigger: RunTrigger,
  signal: AbortSignal,
): Promise<SyncOutcome> {
  const runId = await startRun(deps.pool, source.id, trigger);
  const log = deps.log.child({ sourceId: source.id, runId, trigger });
  log.info('sync run started');
  let totals = ZERO;
  try {
    const adapter = deps.adapterFor(source.adapter);
    const mapping = deps.mappingFor(source.id);
    const ctx = {
      sourceId: source.id,
      config: source.config,
      secrets: source.secrets,
      log,
      signal,
    };
    const from = await getCursor(deps.pool, source.id);
    for await (const page of prefetched(adapter.pull(ctx, from))) {
      const mapped = mapBatch(page.records, mapping, source.id);
      const result = await commitBatch(deps.pool, {
        runId,
        sourceId: source.id,
        cursor: page.cursor,
        ...mapped,
      });
      const counts: PageCounts = { pulled: page.records.length, ...result };
      totals = add(totals, counts);
      deps.onPage?.(source.id, counts);
      await deps.onCommitted(result.outboxIds);
    }
    await finishRun(deps.pool, runId, { status: 'succeeded' });
    log.info({ ...totals }, 'sync run succeeded');
    return { status: 'succeeded', runId, totals };
  } catch (err) {
    const e = signal.aborted
      ? new HubError('KNTC_INTERNAL', 'Sync run interrupted by shutdown', {
          retryable: true,
          cause: err,
        })
      : toHubError(err);
    await finishRun(deps.pool, runId, {
      status: 'failed',
      errorCode: e.code,
      errorMessage: e.message,
    });
    log.warn({ code: e.code, retryable: e.retryable, ...totals }, `sync run failed: ${e.message}`);
    throw e;
  }
}

/**
 * Yields the pages of `source`, asking for the next page as soon as one is handed out, so the
 * source's network round trip overlaps the commit of the page before. At most one page is read
 * ahead; its cursor is only saved when that page itself is committed.
 */
async function* prefetched<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let next = it.next();
  try {
    for (;;) {
      const r = await next;
      if (r.done === true) return;
      next = it.next();
      next.catch(() => undefined); // surfaced by the await above on the next turn
      yield r.value;
    }
  } finally {
    await it.return?.();
  }
}
