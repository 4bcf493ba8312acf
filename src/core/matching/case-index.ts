/**
 * In-memory incremental case clustering. A new petition is compared with the stored petitions
 * of its petitioners' person clusters, and with petitions citing the same content or the same
 * numbers (which finds duplicates of anonymous letters and of petitioners that did not link).
 * It joins the best case it links to, otherwise opens a case of which it is the original.
 * Petitions live in typed-array columns (case-columns.ts); a petition is staged, then resolved
 * or restored into a case.
 */
import type { CaseFeatures, CaseReasons, CaseScore } from './case-compare.ts';
import { CaseColumns } from './case-columns.ts';
import { BlockIndex } from './block-index.ts';
import { ClusterLists, ensure } from './columns.ts';
import type { PersonIndex } from './person-index.ts';

/** A pair of petitions for a reviewer. */
export interface CaseReviewPair {
  readonly hubId: string;
  readonly otherHubId: string;
  readonly score: number;
  readonly reasons: CaseReasons;
}

/** What resolving one petition's case decided. */
export interface CaseResolution {
  readonly caseId: string;
  /** Hub id of the case's original petition; equals the petition's own id when it opened the case. */
  readonly originalHubId: string;
  readonly link: {
    readonly hubId: string;
    readonly score: number;
    readonly reasons: CaseReasons;
  } | null;
  readonly reviews: readonly CaseReviewPair[];
}

type Best = [kase: number, petition: number, score: CaseScore];

const MAX_CONTENT_BLOCK = 200;
const PAIR = 67_108_864;

/** The case side of the engine. */
export class CaseIndex {
  readonly cols = new CaseColumns();
  readonly cases = new ClusterLists();
  private original = new Int32Array(1024);
  private readonly byContent = new BlockIndex(MAX_CONTENT_BLOCK);
  /** Reviewer separations: hub id → hub ids never to share a case. */
  private readonly apart = new Map<string, Set<string>>();
  /** Case pairs already put to a reviewer. */
  private readonly asked = new Set<number>();

  constructor(
    private readonly persons: PersonIndex,
    private readonly newId: () => string,
  ) {}

  /** Number of staged petitions. */
  get size(): number {
    return this.cols.size;
  }

  /** Hub id of a petition. */
  hubIdOf(p: number): string {
    return this.cols.hubIds[p] ?? '';
  }

  /** Index of a petition by hub id. */
  petitionOf(hubId: string): number | undefined {
    return this.cols.indexOf(hubId);
  }

  /** Case index of a petition (-1 before it is resolved). */
  caseOf(p: number): number {
    return this.cases.clusterOf[p] ?? -1;
  }

  /** Id of a case. */
  caseId(c: number): string {
    return this.cases.ids[c] ?? '';
  }

  /** Original petition of a case. */
  originalOf(c: number): number {
    return this.original[c] ?? -1;
  }

  /** Stores a petition's features without matching; its petitioners are already staged. */
  stage(hubId: string, f: CaseFeatures, firstPerson: number, count: number): number {
    return this.cols.stage(hubId, f, firstPerson, count);
  }

  private clustersOf(p: number): Set<number> {
    const out = new Set<number>();
    const first = this.cols.firstPerson[p] as number;
    const n = this.cols.personCount[p] as number;
    for (let r = first; r < first + n; r++) out.add(this.persons.clusterOf(r));
    return out;
  }

  private candidates(p: number, mine: Set<number>): Set<number> {
    const out = new Set<number>();
    const lists = this.persons.clusters;
    const cols = this.persons.cols;
    for (const c of mine) {
      for (let m = lists.first(c); m >= 0; m = lists.after(m)) out.add(cols.petition(m));
    }
    const add = (q: number): void => void out.add(q);
    this.byContent.forEach(this.cols.textKey[p] as number, add);
    const nk = this.cols.numbersKey[p] as number;
    if (!Number.isNaN(nk)) this.byContent.forEach(nk, add);
    out.delete(p);
    return out;
  }

  private overlap(mine: Set<number>, q: number): number | null {
    if (mine.size === 0) return null;
    const theirs = this.clustersOf(q);
    if (theirs.size === 0) return null;
    let both = 0;
    for (const x of mine) if (theirs.has(x)) both += 1;
    return both / Math.min(mine.size, theirs.size);
  }

  /** Scores a petition against the resolved ones and keeps the best per case, best first. */
  private bestPerCase(p: number): Best[] {
    const mine = this.clustersOf(p);
    const best = new Map<number, Best>();
    for (const q of this.candidates(p, mine)) {
      const c = this.caseOf(q);
      if (c < 0) continue;
      const s = this.cols.compare(p, q, this.overlap(mine, q));
      const prev = best.get(c);
      if (prev === undefined || s.score > prev[2].score) best.set(c, [c, q, s]);
    }
    return [...best.values()].sort((x, y) => y[2].score - x[2].score);
  }

  /** Resolves staged petition p (its petitioners already resolved) into a case. */
  resolve(p: number): CaseResolution {
    const hubId = this.hubIdOf(p);
    const reviews: (CaseReviewPair & { case: number })[] = [];
    let target: Best | null = null;
    for (const b of this.bestPerCase(p)) {
      if (b[2].outcome === 'distinct' || this.separated(hubId, b[0])) continue;
      if (b[2].outcome === 'link' && target === null) target = b;
      else {
        const otherHubId = this.hubIdOf(b[1]);
        reviews.push({ hubId, otherHubId, score: b[2].score, reasons: b[2].reasons, case: b[0] });
      }
    }
    const caseIdx = target?.[0] ?? this.openCase(p);
    const fresh = reviews
      .filter((r) => this.firstAsk(caseIdx, r.case))
      .map(({ case: _c, ...r }) => r);
    this.index(p, caseIdx);
    const link =
      target === null
        ? null
        : { hubId: this.hubIdOf(target[1]), score: target[2].score, reasons: target[2].reasons };
    return {
      caseId: this.caseId(caseIdx),
      originalHubId: this.hubIdOf(this.originalOf(caseIdx)),
      link,
      reviews: fresh,
    };
  }

  private separated(hubId: string, caseIdx: number): boolean {
    const apart = this.apart.get(hubId);
    if (apart === undefined) return false;
    for (let m = this.cases.first(caseIdx); m >= 0; m = this.cases.after(m)) {
      if (apart.has(this.hubIdOf(m))) return true;
    }
    return false;
  }

  /** Records that a reviewer separated two petitions. */
  keepApart(a: string, b: string): void {
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      const set = this.apart.get(x) ?? new Set<string>();
      set.add(y);
      this.apart.set(x, set);
    }
  }

  /** Removes a separation (a reviewer's undo). */
  allowTogether(a: string, b: string): void {
    this.apart.get(a)?.delete(b);
    this.apart.get(b)?.delete(a);
  }

  private day(p: number): number {
    return this.cols.receivedDay[p] as number;
  }

  /** Moves every petition of case `from` into `into`; the earlier-received original stays original. */
  merge(into: number, from: number): void {
    if (into === from) return;
    const [a, b] = [this.originalOf(into), this.originalOf(from)];
    this.cases.concat(into, from);
    if (b >= 0 && (a < 0 || this.day(b) < this.day(a))) this.original[into] = b;
  }

  /** Moves one petition out of its case into a new case of its own; returns the new case index. */
  split(p: number, id?: string): number {
    const old = this.caseOf(p);
    this.cases.remove(p);
    if (this.original[old] === p) {
      let pick = -1;
      for (let m = this.cases.first(old); m >= 0; m = this.cases.after(m))
        if (pick < 0 || this.day(m) < this.day(pick)) pick = m;
      this.original[old] = pick;
    }
    const c = this.openCase(p, id);
    this.cases.add(c, p);
    return c;
  }

  private firstAsk(a: number, b: number): boolean {
    const key = a < b ? a * PAIR + b : b * PAIR + a;
    if (this.asked.has(key)) return false;
    this.asked.add(key);
    return true;
  }

  private openCase(original: number, id?: string): number {
    const c = this.cases.open(id ?? this.newId());
    this.original = ensure(this.original, c + 1, -1);
    this.original[c] = original;
    return c;
  }

  private index(p: number, caseIdx: number): void {
    this.cases.add(caseIdx, p);
    this.byContent.add(this.cols.textKey[p] as number, p);
    const nk = this.cols.numbersKey[p] as number;
    if (!Number.isNaN(nk)) this.byContent.add(nk, p);
  }

  /** Puts staged petition p into a known case without matching (loading a persisted store). */
  restore(p: number, caseId: string, isOriginal: boolean, caseOf: Map<string, number>): void {
    let c = caseOf.get(caseId);
    if (c === undefined) {
      c = this.openCase(p, caseId);
      caseOf.set(caseId, c);
    }
    if (isOriginal) this.original[c] = p;
    this.index(p, c);
  }
}
