/**
 * The dedup service: an in-memory matching engine loaded from the store, kept in step with what
 * other processes and reviewers decided, that resolves the petitions of each committed batch and
 * saves the decisions (person and case clusters, links with score and reasons, review pairs,
 * petitions.original_hub_id) in one transaction under the dedup lock.
 */
import type pg from 'pg';
import type { Logger } from 'pino';
import { DedupEngine } from '../core/matching/engine.ts';
import { DEFAULT_PARAMS, type FsParams } from '../core/matching/fs-model.ts';
import type { Thresholds } from '../core/matching/person-decision.ts';
import { buildAdminUnitIndex, type AdminUnitIndex } from '../core/normalise/admin-units.ts';
import { loadAdminUnits } from '../store/dedup-admin-units-repo.ts';
import {
  allPetitions,
  hubIdsOfOutbox,
  latestParams,
  petitionsByHubIds,
  saveDecisions,
  type DedupPetitionRow,
} from '../store/dedup-repo.ts';
import {
  activeDecisions,
  decisionsAfter,
  withDedupLock,
  type Decision,
} from '../store/dedup-review-repo.ts';
import { applyDecision, applySeparations } from './engine-sync.ts';
import { addRows, emptyRows } from './rows.ts';

/** What one call resolved. */
export interface DedupSummary {
  readonly resolved: number;
  readonly linkedPersons: number;
  readonly duplicates: number;
  readonly reviews: number;
}

/** Loads the operator-imported admin units; null when none were imported. */
export async function adminUnitIndex(pool: pg.Pool): Promise<AdminUnitIndex | null> {
  const { conversion, communes } = await loadAdminUnits(pool);
  return conversion.length === 0 && communes.length === 0
    ? null
    : buildAdminUnitIndex(conversion, communes);
}

/** Stored parameters when they look complete, else the defaults. */
export async function currentParams(pool: pg.Pool): Promise<FsParams> {
  const p = (await latestParams(pool)) as Partial<FsParams> | null;
  return p?.m !== undefined && p.u !== undefined && typeof p.lambda === 'number'
    ? (p as FsParams)
    : DEFAULT_PARAMS;
}

/** Incremental dedup over one store. */
export class DedupService {
  private lastDecision = '0';
  /** Highest dedup_case_members.seq seen: rows past it were written by another process. */
  private lastSeq = '0';
  private readonly maps = { persons: new Map<string, number>(), cases: new Map<string, number>() };
  private readonly decisions = new Map<string, Decision>();

  private constructor(
    private readonly pool: pg.Pool,
    private readonly log: Logger,
    readonly engine: DedupEngine,
  ) {}

  /** Loads every resolved petition into memory, then resolves those not resolved yet. */
  static async open(pool: pg.Pool, log: Logger, thresholds?: Thresholds): Promise<DedupService> {
    const units = await adminUnitIndex(pool);
    const engine = new DedupEngine({
      units,
      params: await currentParams(pool),
      ...(thresholds === undefined ? {} : { thresholds }),
    });
    const service = new DedupService(pool, log, engine);
    const all = await decisionsAfter(pool, '0');
    for (const d of all) service.decisions.set(d.id, d);
    service.lastDecision = all[all.length - 1]?.id ?? '0';
    applySeparations(engine, await activeDecisions(pool));
    service.lastSeq = await maxSeq(pool);
    const pending: string[] = [];
    const maps = service.maps;
    for await (const page of allPetitions(pool)) {
      for (const row of page) {
        if (row.caseId === null) pending.push(row.hubId);
        else
          engine.restore(
            input(row),
            row.personIds,
            row.caseId,
            row.originalHubId === row.hubId,
            maps,
          );
      }
    }
    log.info({ petitions: engine.cases.size, pending: pending.length }, 'dedup index loaded');
    if (pending.length > 0) await service.resolveHubIds(pending);
    return service;
  }

  /** Loads petitions other processes resolved, then applies decisions recorded since the last call. */
  private async catchUp(): Promise<void> {
    const { rows } = await this.pool.query<{ hub_id: string; seq: string }>(
      'SELECT hub_id, seq::text FROM dedup_case_members WHERE seq > $1 ORDER BY seq',
      [this.lastSeq],
    );
    const foreign = rows.filter((r) => !this.engine.has(r.hub_id)).map((r) => r.hub_id);
    for (const row of await petitionsByHubIds(this.pool, foreign)) {
      if (row.caseId === null) continue;
      this.engine.restore(
        input(row),
        row.personIds,
        row.caseId,
        row.originalHubId === row.hubId,
        this.maps,
      );
    }
    this.lastSeq = rows[rows.length - 1]?.seq ?? this.lastSeq;
    for (const d of await decisionsAfter(this.pool, this.lastDecision)) {
      applyDecision(this.engine, d, this.decisions);
      this.decisions.set(d.id, d);
      this.lastDecision = d.id;
    }
  }

  /** Resolves the petitions behind a committed batch's outbox entries. */
  async resolveOutbox(outboxIds: readonly string[]): Promise<DedupSummary> {
    return this.resolveHubIds(await hubIdsOfOutbox(this.pool, outboxIds));
  }

  /**
   * Resolves petitions not resolved before (a changed petition keeps its clusters until the
   * next full re-cluster) and saves the decisions. `timings`, when given, receives the matching
   * time of each petition in milliseconds.
   */
  async resolveHubIds(hubIds: readonly string[], timings?: number[]): Promise<DedupSummary> {
    const fresh = hubIds.filter((h) => !this.engine.has(h));
    if (fresh.length === 0) return { resolved: 0, linkedPersons: 0, duplicates: 0, reviews: 0 };
    return withDedupLock(this.pool, async (client) => {
      await this.catchUp();
      const rows = emptyRows();
      for (let i = 0; i < fresh.length; i += 1000) {
        for (const row of await petitionsByHubIds(this.pool, fresh.slice(i, i + 1000), false)) {
          if (this.engine.has(row.hubId)) continue;
          const t = performance.now();
          addRows(rows, this.engine.resolve(input(row)));
          timings?.push(performance.now() - t);
        }
      }
      const saved = await saveDecisions(client, rows.persons, rows.cases, rows.reviews);
      this.lastSeq = saved.maxSeq ?? this.lastSeq;
      const summary = {
        resolved: rows.cases.length,
        linkedPersons: rows.persons.filter((p) => p.linkedTo !== null).length,
        duplicates: rows.cases.filter((c) => c.originalHubId !== c.hubId).length,
        reviews: rows.reviews.length,
      };
      this.log.debug(summary, 'dedup batch resolved');
      return summary;
    });
  }
}

async function maxSeq(db: pg.Pool | pg.PoolClient): Promise<string> {
  const { rows } = await db.query<{ s: string }>(
    'SELECT coalesce(max(seq), 0)::text AS s FROM dedup_case_members',
  );
  return rows[0]?.s ?? '0';
}

function input(row: DedupPetitionRow): {
  hubId: string;
  source: string;
  record: DedupPetitionRow['record'];
} {
  return { hubId: row.hubId, source: row.sourceId, record: row.record };
}

/**
 * The sync pipeline's hook: after a page is committed, resolve its new petitions before their
 * outbox entries are enqueued for the push (so a duplicate is pushed as one).
 */
export async function dedupAfterCommit(
  service: DedupService,
  outboxIds: readonly string[],
): Promise<DedupSummary> {
  return service.resolveOutbox(outboxIds);
}
