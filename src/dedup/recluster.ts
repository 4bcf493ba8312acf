/**
 * Full re-cluster: reads every petition once through a cursor and stages its matching keys
 * (petitions' JSON is never held in memory), re-estimates the model from a sample of the staged
 * petitioners, resolves every petition in order of receipt through a fresh engine, re-applies the
 * reviewers' decisions in force, keeps cluster ids stable by overlap with the previous run, and
 * rewrites the cluster tables in one transaction. Running hub workers must reload afterwards
 * (restart): their in-memory index still holds the old clusters.
 */
import type pg from 'pg';
import type { Logger } from 'pino';
import { DedupEngine } from '../core/matching/engine.ts';
import type { ClusterLists } from '../core/matching/columns.ts';
import { stableIds } from '../core/matching/stable-ids.ts';
import { trainParams } from '../core/matching/train.ts';
import type { Thresholds } from '../core/matching/person-decision.ts';
import { allPetitions, saveDecisions, saveParams } from '../store/dedup-repo.ts';
import { rewriteClusterTables } from '../store/dedup-rewrite-repo.ts';
import { activeDecisions, withDedupLock } from '../store/dedup-review-repo.ts';
import { applyDecision, applySeparations } from './engine-sync.ts';
import { ReclusterLog } from './recluster-log.ts';
import { adminUnitIndex } from './service.ts';

/** Figures of a re-cluster. */
export interface ReclusterSummary {
  readonly petitions: number;
  readonly persons: number;
  readonly personClusters: number;
  readonly cases: number;
  readonly reviews: number;
  readonly seconds: number;
  /** Seconds spent reading and normalising, resolving, and writing. */
  readonly phases: { readonly read: number; readonly resolve: number; readonly write: number };
}

const SAMPLE = 200_000;
const WRITE_PAGE = 20_000;

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Stages every petition; returns the petition indices in order of receipt. */
async function stageAll(pool: pg.Pool, engine: DedupEngine, log: ReclusterLog): Promise<number[]> {
  const day: number[] = [];
  const created: number[] = [];
  for await (const page of allPetitions(pool)) {
    for (const row of page) {
      const p = engine.stage({ hubId: row.hubId, source: row.sourceId, record: row.record });
      day[p] = row.receivedDay;
      created[p] = row.createdMs;
      log.oldCase[p] = row.caseId;
      const first = engine.cases.cols.firstPerson[p] as number;
      const count = engine.cases.cols.personCount[p] as number;
      for (let i = 0; i < count; i++) log.oldPerson[first + i] = row.personIds[i] ?? null;
    }
  }
  const hub = engine.cases.cols.hubIds;
  const order = Array.from({ length: engine.cases.size }, (_, p) => p);
  return order.sort(
    (a, b) =>
      (day[a] as number) - (day[b] as number) ||
      (created[a] as number) - (created[b] as number) ||
      ((hub[a] as string) < (hub[b] as string) ? -1 : 1),
  );
}

/** Reservoir sample of person record indices. */
function sample(size: number, random: () => number): number[] {
  const out: number[] = [];
  for (let r = 0; r < size; r++) {
    if (out.length < SAMPLE) out.push(r);
    else {
      const j = Math.floor(random() * (r + 1));
      if (j < SAMPLE) out[j] = r;
    }
  }
  return out;
}

/** Gives every non-empty cluster the id most of its members had before. */
function stabilise(lists: ClusterLists, old: readonly (string | null)[]): number {
  const clusters: number[] = [];
  for (let c = 0; c < lists.length; c++) if (lists.size(c) > 0) clusters.push(c);
  const ids = stableIds(
    clusters.map((c) => lists.members(c).map((m) => old[m] ?? null)),
    () => crypto.randomUUID(),
  );
  clusters.forEach((c, i) => (lists.ids[c] = ids[i] ?? (lists.ids[c] as string)));
  return clusters.length;
}

/**
 * Rewrites the cluster tables. Rows go in hub id order, so the primary-key indexes (and the
 * petitions looked up for their original) grow by appending instead of at random pages; the
 * secondary indexes are rebuilt once at the end (rewriteClusterTables).
 */
async function write(pool: pg.Pool, engine: DedupEngine, log: ReclusterLog): Promise<void> {
  const hub = engine.cases.cols.hubIds;
  const petitions = Array.from({ length: engine.cases.size }, (_, p) => p).sort((a, b) =>
    (hub[a] as string) < (hub[b] as string) ? -1 : 1,
  );
  const cols = engine.cases.cols;
  await withDedupLock(pool, async (client) => {
    await rewriteClusterTables(client, async () => {
      for (let i = 0; i < petitions.length; i += WRITE_PAGE) {
        const page = petitions.slice(i, i + WRITE_PAGE);
        const records = page.flatMap((p) =>
          Array.from(
            { length: cols.personCount[p] as number },
            (_, k) => (cols.firstPerson[p] as number) + k,
          ),
        );
        await saveDecisions(client, log.personRows(records), log.caseRows(page), []);
      }
    });
    for (let i = 0; i < log.reviews.length; i += WRITE_PAGE)
      await saveDecisions(client, [], [], log.reviews.slice(i, i + WRITE_PAGE));
  });
}

/** Re-clusters the whole store. */
export async function reclusterAll(
  pool: pg.Pool,
  logger: Logger,
  thresholds?: Thresholds,
): Promise<ReclusterSummary> {
  const t0 = performance.now();
  const engine = new DedupEngine({
    units: await adminUnitIndex(pool),
    ...(thresholds === undefined ? {} : { thresholds }),
  });
  const log = new ReclusterLog(engine);
  const order = await stageAll(pool, engine, log);
  const picked = sample(engine.persons.size, seeded(2026));
  const params = trainParams(engine.persons, picked, seeded(7));
  await saveParams(pool, params, picked.length);
  engine.persons.setParams(params);
  const t1 = performance.now();
  const decisions = await activeDecisions(pool);
  applySeparations(engine, decisions);
  for (const p of order) log.add(engine.resolveStaged(p));
  const byId = new Map(decisions.map((d) => [d.id, d]));
  for (const d of decisions)
    if (d.action === 'merge' || d.newClusterId !== null) applyDecision(engine, d, byId);
  const personClusters = stabilise(engine.persons.clusters, log.oldPerson);
  const cases = stabilise(engine.cases.cases, log.oldCase);
  const t2 = performance.now();
  await write(pool, engine, log);
  const t3 = performance.now();
  const summary: ReclusterSummary = {
    petitions: engine.cases.size,
    persons: engine.persons.size,
    personClusters,
    cases,
    reviews: log.reviews.length,
    seconds: (t3 - t0) / 1000,
    phases: { read: (t1 - t0) / 1000, resolve: (t2 - t1) / 1000, write: (t3 - t2) / 1000 },
  };
  logger.info(summary, 'dedup re-cluster finished');
  return summary;
}
