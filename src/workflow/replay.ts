/**
 * `replay`: after a mapping fix, re-map the raw records the hub already stored for a source
 * (the latest delivery of each source record), without pulling again. Pages are committed
 * through commitBatch like a sync, under the same per-source lock, with the saved cursor passed
 * back unchanged: unchanged records are neither rewritten nor queued again, fixed records become
 * petitions (their rejections resolve), changed ones get an outbox update and carry the new
 * mapping version. Running it twice changes nothing the second time.
 */
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Cursor, RawRecord } from '../../adapters/contract.ts';
import { HubError, toHubError } from '../lib/errors.ts';
import type { CompiledMapping } from '../mapping/index.ts';
import { mapBatch } from '../pipeline/map-batch.ts';
import { commitBatch, finishRun, getCursor } from '../store/index.ts';
import {
  countReplayRecords,
  readReplayPage,
  startReplayRun,
  type ReplayScope,
  type StoredRaw,
} from '../store/replay-repo.ts';
import { withSourceLock } from '../store/source-lock.ts';

/** What a replay needs. */
export interface ReplayDeps {
  readonly pool: pg.Pool;
  readonly mappingFor: (sourceId: string) => CompiledMapping;
  readonly log: Logger;
  /** Called after each committed page with its new outbox ids (the push queue enqueues them). */
  readonly onCommitted: (outboxIds: readonly string[]) => Promise<void>;
}

/** Records done so far out of the total the replay covers. */
export interface ReplayProgress {
  readonly done: number;
  readonly total: number;
}

/** Options of a replay. */
export interface ReplayOptions {
  /** Only records with unresolved rejections (the usual repair after a mapping fix). */
  readonly rejectedOnly?: boolean;
  /** Records per committed page (default 500). */
  readonly batchSize?: number;
  readonly onProgress?: (progress: ReplayProgress) => void;
  readonly signal?: AbortSignal;
}

/** Counts of a finished replay. */
export interface ReplayCounts {
  readonly total: number;
  readonly done: number;
  /** Records that mapped and validated (new + changed + unchanged). */
  readonly accepted: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  /** Outbox entries queued for the national push. */
  readonly queued: number;
  /** Records the current mapping keys under another id than the stored one. */
  readonly rekeyed: number;
}

/** The outcome of a replay. */
export type ReplayOutcome =
  | {
      readonly status: 'succeeded';
      readonly runId: string;
      readonly mappingVersion: string;
      readonly counts: ReplayCounts;
    }
  | { readonly status: 'skipped'; readonly reason: 'already-running' };

const DEFAULT_BATCH = 500;

/** Replays a source's stored records through its current mapping; throws a HubError on failure. */
export async function replay(
  deps: ReplayDeps,
  sourceId: string,
  options: ReplayOptions = {},
): Promise<ReplayOutcome> {
  const outcome = await withSourceLock(deps.pool, sourceId, () =>
    replayLocked(deps, sourceId, options),
  );
  return outcome ?? { status: 'skipped', reason: 'already-running' };
}

async function replayLocked(
  deps: ReplayDeps,
  sourceId: string,
  options: ReplayOptions,
): Promise<ReplayOutcome> {
  const mapping = deps.mappingFor(sourceId);
  const scope: ReplayScope = { sourceId, rejectedOnly: options.rejectedOnly === true };
  const cursor = await getCursor(deps.pool, sourceId);
  const total = await countReplayRecords(deps.pool, scope);
  if (cursor === null && total > 0) throw noCursorError(sourceId);
  const runId = await startReplayRun(deps.pool, sourceId);
  const log = deps.log.child({ sourceId, runId, trigger: 'replay' });
  log.info({ total, rejectedOnly: scope.rejectedOnly }, 'replay started');
  try {
    const counts = await replayPages(
      deps,
      { scope, runId, cursor: cursor ?? {}, mapping },
      total,
      options,
    );
    await finishRun(deps.pool, runId, { status: 'succeeded' });
    if (counts.rekeyed > 0)
      log.warn(
        { rekeyed: counts.rekeyed },
        'the mapping reads another record key than the stored one for some records',
      );
    log.info({ ...counts }, 'replay succeeded');
    return { status: 'succeeded', runId, mappingVersion: mapping.version, counts };
  } catch (err) {
    const e =
      options.signal?.aborted === true
        ? new HubError('KNTC_RUN_INTERRUPTED', `Replay of source "${sourceId}" was interrupted`, {
            cause: err,
          })
        : toHubError(err);
    await finishRun(deps.pool, runId, {
      status: 'failed',
      errorCode: e.code,
      errorMessage: e.message,
    });
    log.warn({ code: e.code }, `replay failed: ${e.message}`);
    throw e;
  }
}

interface ReplayRun {
  readonly scope: ReplayScope;
  readonly runId: string;
  readonly cursor: Cursor;
  readonly mapping: CompiledMapping;
}

async function replayPages(
  deps: ReplayDeps,
  run: ReplayRun,
  total: number,
  options: ReplayOptions,
): Promise<ReplayCounts> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  let c: ReplayCounts = {
    total,
    done: 0,
    accepted: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    queued: 0,
    rekeyed: 0,
  };
  let afterId = '0';
  options.onProgress?.({ done: 0, total });
  for (;;) {
    options.signal?.throwIfAborted();
    const page = await readReplayPage(deps.pool, run.scope, afterId, batchSize);
    const last = page.at(-1);
    if (last === undefined) break;
    afterId = last.id;
    const mapped = mapBatch(page.map(toRawRecord), run.mapping, run.scope.sourceId);
    // Raw rows are already stored: none are written again and the run's "pulled" stays 0.
    const result = await commitBatch(deps.pool, {
      runId: run.runId,
      sourceId: run.scope.sourceId,
      cursor: run.cursor,
      raws: [],
      petitions: mapped.petitions,
      rejections: mapped.rejections,
    });
    await deps.onCommitted(result.outboxIds);
    c = {
      ...c,
      done: c.done + page.length,
      accepted: c.accepted + mapped.petitions.length,
      inserted: c.inserted + result.inserted,
      updated: c.updated + result.updated,
      unchanged: c.unchanged + result.unchanged,
      rejected: c.rejected + result.rejected,
      queued: c.queued + result.outboxIds.length,
      rekeyed: c.rekeyed + countRekeyed(page, run.mapping),
    };
    options.onProgress?.({ done: c.done, total });
  }
  return c;
}

/*
 * The stored id is handed over as the adapter's id, so mapBatch keys the record exactly as a
 * sync would (the mapping's key first, then this id). The bytes only feed the hash of raw rows,
 * which a replay does not write, and the last-resort id, which the stored id makes unused.
 */
function toRawRecord(r: StoredRaw): RawRecord {
  return { sourceRecordId: r.sourceRecordId, payload: r.payload, bytes: Buffer.alloc(0) };
}

function countRekeyed(page: readonly StoredRaw[], mapping: CompiledMapping): number {
  return page.filter((r) => {
    const key = mapping.recordKey(r.payload);
    return key !== null && key !== r.sourceRecordId;
  }).length;
}

function noCursorError(sourceId: string): HubError {
  return new HubError(
    'KNTC_CONFLICT',
    `Source "${sourceId}" has stored records but no saved cursor (it was reset), so there is nothing to replay against.`,
    {
      hint: `Run \`kntc-hub sources sync ${sourceId}\`: after a reset the sync re-reads every record and maps it with the current mapping.`,
      details: { sourceId },
    },
  );
}
