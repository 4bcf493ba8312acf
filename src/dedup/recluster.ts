/**
 * Full re-cluster: re-estimates the model from the store, replays every petition in order of
 * receipt through a fresh engine, re-applies the reviewers' decisions in force, keeps cluster ids
 * stable by overlap with the previous run, and rewrites the cluster tables in one transaction.
 * Two passes over the store through a cursor (sample, then resolve); petitions' JSON is never
 * held in memory, only their matching keys. Running hub workers must reload afterwards
 * (restart): their in-memory index still holds the old clusters.
 */
import type pg from 'pg';
import type { Logger } from 'pino';
import { DedupEngine, personRef } from '../core/matching/engine.ts';
import { stableIds } from '../core/matching/stable-ids.ts';
import { trainParams } from '../core/matching/train.ts';
import type { Thresholds } from '../core/matching/person-decision.ts';
import type { PersonFeatures } from '../core/normalise/person.ts';
import { allPetitions, saveDecisions, saveParams } from '../store/dedup-repo.ts';
import { activeDecisions, withDedupLock } from '../store/dedup-review-repo.ts';
import { applyDecision, applySeparations } from './engine-sync.ts';
import { addRows, emptyRows, type DecisionRows } from './rows.ts';
import { adminUnitIndex } from './service.ts';

/** Figures of a re-cluster. */
export interface ReclusterSummary {
  readonly petitions: number;
  readonly persons: number;
  readonly personClusters: number;
  readonly cases: number;
  readonly reviews: number;
  readonly seconds: number;
}

const SAMPLE = 200_000;

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Reservoir sample of petitioners' features (first pass). */
async function sampleFeatures(
  pool: pg.Pool,
  engine: DedupEngine,
  random: () => number,
): Promise<PersonFeatures[]> {
  const sample: PersonFeatures[] = [];
  let seen = 0;
  for await (const page of allPetitions(pool)) {
    for (const row of page) {
      for (const f of engine.featuresOf(row.record)) {
        seen += 1;
        if (sample.length < SAMPLE) sample.push(f);
        else {
          const j = Math.floor(random() * seen);
          if (j < SAMPLE) sample[j] = f;
        }
      }
    }
  }
  return sample;
}

/** Gives every cluster the id most of its members had before. */
function stabilise(
  engine: DedupEngine,
  oldPerson: Map<string, string>,
  oldCase: Map<string, string>,
): void {
  const pClusters = engine.persons.clusters.filter((c) => c.members.length > 0);
  const pIds = stableIds(
    pClusters.map((c) =>
      c.members.map((m) => oldPerson.get(engine.persons.records[m]?.ref ?? '') ?? null),
    ),
    () => crypto.randomUUID(),
  );
  pClusters.forEach((c, i) => (c.id = pIds[i] ?? c.id));
  const cClusters = engine.cases.cases.filter((c) => c.members.length > 0);
  const cIds = stableIds(
    cClusters.map((c) =>
      c.members.map((m) => oldCase.get(engine.cases.petitions[m]?.hubId ?? '') ?? null),
    ),
    () => crypto.randomUUID(),
  );
  cClusters.forEach((c, i) => (c.id = cIds[i] ?? c.id));
}

/** The rows of the final clusters (after decisions and id stabilisation). */
function finalRows(engine: DedupEngine, links: DecisionRows): DecisionRows {
  const out: DecisionRows = { persons: [], cases: [], reviews: links.reviews };
  for (const p of links.persons) {
    const r = engine.persons.records[engine.persons.recordOf(personRef(p.hubId, p.idx)) ?? -1];
    out.persons.push({
      ...p,
      personId: engine.persons.clusters[r?.cluster ?? -1]?.id ?? p.personId,
    });
  }
  for (const c of links.cases) {
    const pet = engine.cases.petitions[engine.cases.petitionOf(c.hubId) ?? -1];
    const kase = engine.cases.cases[pet?.case ?? -1];
    const original = engine.cases.petitions[kase?.original ?? -1]?.hubId ?? c.hubId;
    out.cases.push({ ...c, caseId: kase?.id ?? c.caseId, originalHubId: original });
  }
  return out;
}

/** Re-clusters the whole store. */
export async function reclusterAll(
  pool: pg.Pool,
  log: Logger,
  thresholds?: Thresholds,
): Promise<ReclusterSummary> {
  const t0 = performance.now();
  const units = await adminUnitIndex(pool);
  const probe = new DedupEngine({ units });
  const sample = await sampleFeatures(pool, probe, seeded(2026));
  const params = trainParams(sample, seeded(7));
  await saveParams(pool, params, sample.length);
  const engine = new DedupEngine({
    units,
    params,
    ...(thresholds === undefined ? {} : { thresholds }),
  });
  const decisions = await activeDecisions(pool);
  applySeparations(engine, decisions);
  const oldPerson = new Map<string, string>();
  const oldCase = new Map<string, string>();
  const rows = emptyRows();
  for await (const page of allPetitions(pool)) {
    for (const row of page) {
      row.personIds.forEach((id, i) => oldPerson.set(personRef(row.hubId, i), id));
      if (row.caseId !== null) oldCase.set(row.hubId, row.caseId);
      addRows(rows, engine.resolve({ hubId: row.hubId, source: row.sourceId, record: row.record }));
    }
  }
  const byId = new Map(decisions.map((d) => [d.id, d]));
  for (const d of decisions)
    if (d.action === 'merge' || d.newClusterId !== null) applyDecision(engine, d, byId);
  stabilise(engine, oldPerson, oldCase);
  const out = finalRows(engine, rows);
  await withDedupLock(pool, async (client) => {
    await client.query('DELETE FROM dedup_person_records');
    await client.query('DELETE FROM dedup_case_members');
    for (let i = 0; i < Math.max(out.cases.length, out.persons.length); i += 10_000) {
      await saveDecisions(
        client,
        out.persons.slice(i, i + 10_000),
        out.cases.slice(i, i + 10_000),
        [],
      );
    }
    for (let i = 0; i < out.reviews.length; i += 10_000)
      await saveDecisions(client, [], [], out.reviews.slice(i, i + 10_000));
  });
  const summary: ReclusterSummary = {
    petitions: out.cases.length,
    persons: out.persons.length,
    personClusters: engine.persons.clusters.filter((c) => c.members.length > 0).length,
    cases: engine.cases.cases.filter((c) => c.members.length > 0).length,
    reviews: out.reviews.length,
    seconds: (performance.now() - t0) / 1000,
  };
  log.info(summary, 'dedup re-cluster finished');
  return summary;
}
