/**
 * What a full re-cluster remembers while it resolves a million petitions, compactly: the link
 * each person record and petition got (the record or petition it was linked to, the score, the
 * reasons as a JSON string), the old cluster ids (for stable ids) and the review pairs. The
 * final rows are produced from it page by page, so they never all sit in memory as objects.
 */
import type { DedupEngine, PetitionResolution } from '../core/matching/engine.ts';
import { ensure } from '../core/matching/columns.ts';
import { RawJson, type CaseRow, type PersonRow, type ReviewRow } from '../store/dedup-repo.ts';

/** Links and old ids per record and petition. */
export class ReclusterLog {
  private personTo = new Int32Array(1024);
  private personScore = new Float64Array(1024);
  private readonly personReasons: (string | null)[] = [];
  private caseTo = new Int32Array(1024);
  private caseScore = new Float64Array(1024);
  private readonly caseReasons: (string | null)[] = [];
  /** Old person id per record index, old case id per petition index (null when never clustered). */
  readonly oldPerson: (string | null)[] = [];
  readonly oldCase: (string | null)[] = [];
  readonly reviews: ReviewRow[] = [];

  constructor(private readonly engine: DedupEngine) {}

  /** Records one petition's resolution. */
  add(r: PetitionResolution): void {
    const { engine } = this;
    for (const p of r.persons) {
      this.personTo = ensure(this.personTo, p.record + 1);
      this.personScore = ensure(this.personScore, p.record + 1);
      const to = p.link === null ? -1 : (engine.recordOf(p.link.ref) ?? -1);
      this.personTo[p.record] = to;
      this.personScore[p.record] = p.link?.score ?? 0;
      this.personReasons[p.record] = p.link === null ? null : JSON.stringify(p.link.reasons);
      for (const v of p.reviews) {
        this.reviews.push({
          kind: 'person',
          leftRef: v.ref,
          rightRef: v.otherRef,
          score: v.score,
          reasons: v.reasons,
        });
      }
    }
    const pet = engine.cases.petitionOf(r.hubId) ?? -1;
    this.caseTo = ensure(this.caseTo, pet + 1);
    this.caseScore = ensure(this.caseScore, pet + 1);
    const link = r.case.link;
    this.caseTo[pet] = link === null ? -1 : (engine.cases.petitionOf(link.hubId) ?? -1);
    this.caseScore[pet] = link?.score ?? 0;
    this.caseReasons[pet] = link === null ? null : JSON.stringify(link.reasons);
    for (const v of r.case.reviews) {
      this.reviews.push({
        kind: 'case',
        leftRef: v.hubId,
        rightRef: v.otherHubId,
        score: v.score,
        reasons: v.reasons,
      });
    }
  }

  /** Person rows of the given records with their final cluster ids. */
  personRows(records: Iterable<number>): PersonRow[] {
    const { persons, cases } = this.engine;
    const out: PersonRow[] = [];
    for (const r of records) {
      const link = this.personTo[r] ?? -1;
      const reasons = this.personReasons[r] ?? null;
      out.push({
        hubId: cases.hubIdOf(persons.cols.petition(r)),
        idx: persons.cols.idx(r),
        personId: persons.clusterId(persons.clusterOf(r)),
        linkedTo: link < 0 ? null : persons.refOf(link),
        score: link < 0 ? null : (this.personScore[r] ?? null),
        reasons: reasons === null ? null : new RawJson(reasons),
      });
    }
    return out;
  }

  /** Case rows of the given petitions with their final case ids and originals. */
  caseRows(petitions: Iterable<number>): CaseRow[] {
    const { cases } = this.engine;
    const out: CaseRow[] = [];
    for (const p of petitions) {
      const c = cases.caseOf(p);
      const link = this.caseTo[p] ?? -1;
      const reasons = this.caseReasons[p] ?? null;
      out.push({
        hubId: cases.hubIdOf(p),
        caseId: cases.caseId(c),
        originalHubId: cases.hubIdOf(cases.originalOf(c)),
        linkedTo: link < 0 ? null : cases.hubIdOf(link),
        score: link < 0 ? null : (this.caseScore[p] ?? null),
        reasons: reasons === null ? null : new RawJson(reasons),
      });
    }
    return out;
  }
}
