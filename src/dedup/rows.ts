/**
 * Turns the engine's resolution of a petition into the rows the store saves: one person row
 * per petitioner, one case row, and the review pairs it raised.
 */
import type { PetitionResolution } from '../core/matching/engine.ts';
import type { CaseRow, PersonRow, ReviewRow } from '../store/dedup-repo.ts';

/** Rows of one or more resolutions. */
export interface DecisionRows {
  persons: PersonRow[];
  cases: CaseRow[];
  reviews: ReviewRow[];
}

/** Empty row lists. */
export function emptyRows(): DecisionRows {
  return { persons: [], cases: [], reviews: [] };
}

/** Adds the rows of one resolution. */
export function addRows(out: DecisionRows, r: PetitionResolution): void {
  for (const p of r.persons) {
    out.persons.push({
      hubId: r.hubId,
      idx: p.index,
      personId: p.clusterId,
      linkedTo: p.link?.ref ?? null,
      score: p.link?.score ?? null,
      reasons: p.link?.reasons ?? null,
    });
    for (const v of p.reviews) {
      out.reviews.push({
        kind: 'person',
        leftRef: v.ref,
        rightRef: v.otherRef,
        score: v.score,
        reasons: v.reasons,
      });
    }
  }
  out.cases.push({
    hubId: r.hubId,
    caseId: r.case.caseId,
    originalHubId: r.case.originalHubId,
    linkedTo: r.case.link?.hubId ?? null,
    score: r.case.link?.score ?? null,
    reasons: r.case.link?.reasons ?? null,
  });
  for (const v of r.case.reviews) {
    out.reviews.push({
      kind: 'case',
      leftRef: v.hubId,
      rightRef: v.otherHubId,
      score: v.score,
      reasons: v.reasons,
    });
  }
}
