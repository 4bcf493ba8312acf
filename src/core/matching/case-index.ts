/**
 * In-memory incremental case clustering. A new petition is compared with the stored petitions
 * of its petitioners' person clusters, and with petitions citing the same content or the same
 * numbers (which finds duplicates of anonymous letters and of petitioners that did not link).
 * It joins the best case it links to, otherwise opens a case of which it is the original.
 */
import { hashKey } from './similarity.ts';
import {
  compareCases,
  type CaseFeatures,
  type CaseReasons,
  type CaseScore,
} from './case-compare.ts';
import type { PersonIndex, PersonRecord } from './person-index.ts';

/** One stored petition. */
export interface CasePetition {
  readonly hubId: string;
  readonly features: CaseFeatures;
  /** Person record indices of its petitioners. */
  readonly persons: readonly number[];
  case: number;
}

/** A case cluster; `original` is the petition the national case was opened for. */
export interface CaseCluster {
  id: string;
  original: number;
  members: number[];
}

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

const MAX_CONTENT_BLOCK = 200;

function contentKeys(f: CaseFeatures): number[] {
  const keys = [hashKey(`t:${f.content.text}`)];
  if (f.content.numbers.size >= 3)
    keys.push(hashKey(`n:${[...f.content.numbers].sort().join(' ')}`));
  return keys;
}

/** The case side of the engine. */
export class CaseIndex {
  readonly petitions: CasePetition[] = [];
  readonly cases: CaseCluster[] = [];
  private readonly byContent = new Map<number, number[]>();
  private readonly byHubId = new Map<string, number>();
  /** Reviewer separations: hub id → hub ids never to share a case. */
  private readonly apart = new Map<string, Set<string>>();
  /** Case pairs already put to a reviewer. */
  private readonly asked = new Set<string>();

  constructor(
    private readonly persons: PersonIndex,
    private readonly newId: () => string,
  ) {}

  private clustersOf(p: readonly number[]): Set<number> {
    return new Set(p.map((r) => (this.persons.records[r] as PersonRecord).cluster));
  }

  private candidates(f: CaseFeatures, persons: readonly number[]): Set<number> {
    const out = new Set<number>();
    for (const c of this.clustersOf(persons)) {
      const cluster = this.persons.clusters[c];
      for (const m of cluster?.members ?? [])
        out.add((this.persons.records[m] as PersonRecord).petition);
    }
    for (const k of contentKeys(f)) {
      const block = this.byContent.get(k);
      if (block !== undefined && block.length <= MAX_CONTENT_BLOCK)
        for (const p of block) out.add(p);
    }
    return out;
  }

  private overlap(a: readonly number[], b: readonly number[]): number | null {
    if (a.length === 0 || b.length === 0) return null;
    const ca = this.clustersOf(a);
    const cb = this.clustersOf(b);
    let both = 0;
    for (const x of ca) if (cb.has(x)) both += 1;
    return both / Math.min(ca.size, cb.size);
  }

  /** Scores a petition against the stored ones and keeps the best per case, best first. */
  private bestPerCase(
    index: number,
    f: CaseFeatures,
    persons: readonly number[],
  ): [number, number, CaseScore][] {
    const best = new Map<number, [number, number, CaseScore]>();
    for (const q of this.candidates(f, persons)) {
      if (q === index) continue;
      const other = this.petitions[q] as CasePetition;
      const s = compareCases(f, other.features, this.overlap(persons, other.persons));
      const prev = best.get(other.case);
      if (prev === undefined || s.score > prev[2].score) best.set(other.case, [other.case, q, s]);
    }
    return [...best.values()].sort((x, y) => y[2].score - x[2].score);
  }

  /** Index the next petition will get (person records point to it before it is stored). */
  nextIndex(): number {
    return this.petitions.length;
  }

  /** Resolves and stores one petition whose petitioners are already in the person index. */
  add(hubId: string, f: CaseFeatures, persons: readonly number[]): CaseResolution {
    const index = this.petitions.length;
    const reviews: (CaseReviewPair & { case: number })[] = [];
    let target: [number, number, CaseScore] | null = null;
    for (const b of this.bestPerCase(index, f, persons)) {
      if (b[2].outcome === 'distinct' || this.separated(hubId, b[0])) continue;
      if (b[2].outcome === 'link' && target === null) target = b;
      else {
        const otherHubId = (this.petitions[b[1]] as CasePetition).hubId;
        reviews.push({ hubId, otherHubId, score: b[2].score, reasons: b[2].reasons, case: b[0] });
      }
    }
    const caseIdx = target?.[0] ?? this.openCase(index);
    const fresh = reviews
      .filter((r) => this.firstAsk(caseIdx, r.case))
      .map(({ case: _c, ...r }) => r);
    this.store(hubId, f, persons, caseIdx);
    const c = this.cases[caseIdx] as CaseCluster;
    const link =
      target === null
        ? null
        : {
            hubId: (this.petitions[target[1]] as CasePetition).hubId,
            score: target[2].score,
            reasons: target[2].reasons,
          };
    return {
      caseId: c.id,
      originalHubId: (this.petitions[c.original] as CasePetition).hubId,
      link,
      reviews: fresh,
    };
  }

  private separated(hubId: string, caseIdx: number): boolean {
    const apart = this.apart.get(hubId);
    if (apart === undefined) return false;
    const c = this.cases[caseIdx] as CaseCluster;
    return c.members.some((m) => apart.has((this.petitions[m] as CasePetition).hubId));
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

  /** Moves every petition of case `from` into `into`; the earlier-received original stays original. */
  merge(into: number, from: number): void {
    if (into === from) return;
    const dst = this.cases[into] as CaseCluster;
    const src = this.cases[from] as CaseCluster;
    for (const m of src.members) {
      (this.petitions[m] as CasePetition).case = into;
      dst.members.push(m);
    }
    const day = (i: number): number => (this.petitions[i] as CasePetition).features.receivedDay;
    if (day(src.original) < day(dst.original)) dst.original = src.original;
    src.members = [];
  }

  /** Moves one petition out of its case into a new case of its own; returns the new case index. */
  split(petition: number, id?: string): number {
    const p = this.petitions[petition] as CasePetition;
    const old = this.cases[p.case] as CaseCluster;
    old.members = old.members.filter((m) => m !== petition);
    if (old.original === petition && old.members.length > 0) {
      old.original = old.members.reduce((a, b) =>
        (this.petitions[a] as CasePetition).features.receivedDay <=
        (this.petitions[b] as CasePetition).features.receivedDay
          ? a
          : b,
      );
    }
    const c = this.openCase(petition, id);
    (this.cases[c] as CaseCluster).members.push(petition);
    p.case = c;
    return c;
  }

  /** Index of a petition by hub id. */
  petitionOf(hubId: string): number | undefined {
    return this.byHubId.get(hubId);
  }

  private firstAsk(a: number, b: number): boolean {
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    if (this.asked.has(key)) return false;
    this.asked.add(key);
    return true;
  }

  private openCase(original: number, id?: string): number {
    this.cases.push({ id: id ?? this.newId(), original, members: [] });
    return this.cases.length - 1;
  }

  private store(
    hubId: string,
    f: CaseFeatures,
    persons: readonly number[],
    caseIdx: number,
  ): number {
    const index = this.petitions.length;
    this.petitions.push({ hubId, features: f, persons, case: caseIdx });
    this.byHubId.set(hubId, index);
    (this.cases[caseIdx] as CaseCluster).members.push(index);
    for (const k of contentKeys(f)) {
      const block = this.byContent.get(k);
      if (block === undefined) this.byContent.set(k, [index]);
      else if (block.length <= MAX_CONTENT_BLOCK) block.push(index);
    }
    return index;
  }

  /** Stores a petition into a known case without matching (loading a persisted store). */
  restore(
    hubId: string,
    f: CaseFeatures,
    persons: readonly number[],
    caseId: string,
    isOriginal: boolean,
    caseOf: Map<string, number>,
  ): void {
    let c = caseOf.get(caseId);
    if (c === undefined) {
      c = this.openCase(this.petitions.length, caseId);
      caseOf.set(caseId, c);
    }
    if (isOriginal) (this.cases[c] as CaseCluster).original = this.petitions.length;
    this.store(hubId, f, persons, c);
  }
}
