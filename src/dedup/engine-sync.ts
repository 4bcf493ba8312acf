/**
 * Brings an in-memory matching engine in line with reviewers' decisions recorded by any process:
 * merges and splits move records between clusters exactly as the stored edit did (same ids),
 * separations stop later runs from joining what a reviewer kept apart.
 */
import type { DedupEngine } from '../core/matching/engine.ts';
import type { Decision } from '../store/dedup-review-repo.ts';

function personMerge(engine: DedupEngine, left: string, right: string): void {
  const l = engine.recordOf(left);
  const r = engine.recordOf(right);
  if (l === undefined || r === undefined) return;
  const [into, from] = [engine.persons.clusterOf(r), engine.persons.clusterOf(l)];
  if (into >= 0 && from >= 0) engine.persons.merge(into, from);
}

function caseMerge(engine: DedupEngine, left: string, right: string): void {
  const l = engine.cases.petitionOf(left);
  const r = engine.cases.petitionOf(right);
  if (l === undefined || r === undefined) return;
  const [into, from] = [engine.cases.caseOf(r), engine.cases.caseOf(l)];
  if (into >= 0 && from >= 0) engine.cases.merge(into, from);
}

function split(engine: DedupEngine, d: Decision, id: string): void {
  if (d.kind === 'person') {
    const l = engine.recordOf(d.leftRef);
    if (l !== undefined && engine.persons.clusterOf(l) >= 0) engine.persons.split(l, id);
  } else {
    const l = engine.cases.petitionOf(d.leftRef);
    if (l !== undefined && engine.cases.caseOf(l) >= 0) engine.cases.split(l, id);
  }
}

function separate(engine: DedupEngine, d: Decision, apart: boolean): void {
  const index = d.kind === 'person' ? engine.persons : engine.cases;
  if (apart) index.keepApart(d.leftRef, d.rightRef);
  else index.allowTogether(d.leftRef, d.rightRef);
}

function doMerge(engine: DedupEngine, d: Decision): void {
  if (d.kind === 'person') personMerge(engine, d.leftRef, d.rightRef);
  else caseMerge(engine, d.leftRef, d.rightRef);
}

/** Applies one new decision; `byId` holds earlier decisions (an undo needs the one it undoes). */
export function applyDecision(
  engine: DedupEngine,
  d: Decision,
  byId: ReadonlyMap<string, Decision>,
): void {
  switch (d.action) {
    case 'merge':
      doMerge(engine, d);
      return;
    case 'split':
      separate(engine, d, true);
      if (d.newClusterId !== null) split(engine, d, d.newClusterId);
      return;
    case 'undo': {
      const original = d.undoes === null ? undefined : byId.get(d.undoes);
      if (original?.action === 'merge' && d.newClusterId !== null) split(engine, d, d.newClusterId);
      if (original?.action === 'split') {
        separate(engine, d, false);
        if (original.newClusterId !== null) doMerge(engine, d);
      }
      return;
    }
  }
}

/** Applies the separations in force to a freshly loaded engine (its clusters already reflect merges and splits). */
export function applySeparations(engine: DedupEngine, active: readonly Decision[]): void {
  for (const d of active) if (d.action === 'split') separate(engine, d, true);
}
