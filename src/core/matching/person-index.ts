/**
 * In-memory incremental person clustering. Each stored petitioner (a "person record": one
 * petitioner of one petition) belongs to one person cluster. A new record is compared with the
 * records sharing a blocking key; it joins the best cluster it links to, opens review pairs for
 * the other plausible clusters, or starts a cluster of its own. A cluster is never joined by a
 * record whose valid CCCD differs from one already in it, nor by a record a reviewer separated
 * from one of its members. Records live in typed-array columns (person-columns.ts); a record is
 * first staged (features stored), then resolved or restored into a cluster. Pure: no I/O.
 */
import type { PersonFeatures } from '../normalise/person.ts';
import { BlockIndex } from './block-index.ts';
import { CandidateCollector } from './candidates.ts';
import { CccdSummary } from './cccd-summary.ts';
import { ClusterLists, ensure } from './columns.ts';
import type { FsParams } from './fs-model.ts';
import { NameCounts } from './name-counts.ts';
import { PERSON_FIELDS, type PersonVector } from './person-compare.ts';
import { PersonColumns } from './person-columns.ts';
import type { PairReasons, Thresholds } from './person-decision.ts';
import { PersonScorer } from './person-scorer.ts';

/** A block larger than this is skipped: its key is too common to tell anyone apart. */
export const MAX_BLOCK = 400;

/** A pair for a reviewer: the new record and the best record of another plausible cluster. */
export interface PersonReviewPair {
  readonly ref: string;
  readonly otherRef: string;
  readonly score: number;
  readonly reasons: PairReasons;
}

/** What resolving one petitioner decided. */
export interface PersonResolution {
  readonly record: number;
  readonly clusterId: string;
  /** The record it was linked to, with score and reasons; null when it opened a new cluster. */
  readonly link: {
    readonly ref: string;
    readonly score: number;
    readonly reasons: PairReasons;
  } | null;
  readonly reviews: readonly PersonReviewPair[];
}

interface Best {
  cluster: number;
  record: number;
  weight: number;
}

const PAIR = 67_108_864;

/** The person side of the engine. */
export class PersonIndex {
  readonly cols = new PersonColumns();
  readonly clusters = new ClusterLists();
  private readonly blocks = new BlockIndex(MAX_BLOCK);
  private readonly names = new NameCounts();
  private readonly scorer: PersonScorer;
  private readonly vec = new Int8Array(PERSON_FIELDS.length);
  private readonly collector = new CandidateCollector(this.blocks);
  private readonly cccd = new CccdSummary(this.cols);
  private readonly clusterScratch = {
    generation: 0,
    stamp: new Int32Array(1024),
    weight: new Float64Array(1024),
    record: new Int32Array(1024),
  };
  /** Cluster pairs already put to a reviewer: the same question is not asked twice. */
  private readonly asked = new Set<number>();
  /** Reviewer separations: ref → refs it must never be clustered with. */
  private readonly apart = new Map<string, Set<string>>();

  constructor(
    params: FsParams,
    thresholds: Thresholds,
    private readonly newId: () => string,
    /** Hub id of a petition index (refs are "<hubId>:<petitioner index>"). */
    private readonly hubIdOf: (petition: number) => string,
  ) {
    this.scorer = new PersonScorer(params, thresholds);
  }

  /** Replaces the model parameters (after re-estimation). */
  setParams(params: FsParams): void {
    this.scorer.setParams(params);
  }

  /** Number of staged records. */
  get size(): number {
    return this.cols.size;
  }

  /** Ref of a record. */
  refOf(r: number): string {
    return `${this.hubIdOf(this.cols.petition(r))}:${this.cols.idx(r)}`;
  }

  /** Cluster index of a record (-1 before it is resolved). */
  clusterOf(r: number): number {
    return this.clusters.clusterOf[r] ?? -1;
  }

  /** Id of a cluster. */
  clusterId(c: number): string {
    return this.clusters.ids[c] ?? '';
  }

  /** Stores a petitioner's features without matching; returns its record index. */
  stage(f: PersonFeatures, petition: number, idx: number): number {
    return this.cols.stage(f, petition, idx);
  }

  /** Records that a reviewer separated two refs; they are never clustered together again. */
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

  /** Resolved records worth comparing with record r (see candidates.ts). */
  candidates(r: number): number[] {
    return this.collector.collect(this.cols.keysOf(r), this.cols.size);
  }

  /** Comparison vector of two records (for parameter estimation). */
  vectorOf(a: number, b: number): PersonVector {
    this.cols.compare(a, b, this.vec);
    const v = {} as PersonVector;
    PERSON_FIELDS.forEach(
      (f, i) => (v[f] = (this.vec[i] as number) < 0 ? null : (this.vec[i] as number)),
    );
    return v;
  }

  /** Scores r against every candidate and keeps the best record per cluster, best first. */
  private bestPerCluster(r: number): Best[] {
    const cols = this.cols;
    const key = cols.nameKey(r);
    this.scorer.forName(
      key < 0 ? undefined : this.names.frequencies(key, cols.surname(r), cols.given(r)),
    );
    const petition = cols.petition(r);
    const seen = this.clusterScratch;
    seen.generation += 1;
    const touched: number[] = [];
    seen.stamp = ensure(seen.stamp, this.clusters.length);
    seen.weight = ensure(seen.weight, this.clusters.length);
    seen.record = ensure(seen.record, this.clusters.length);
    for (const c of this.candidates(r)) {
      // Two petitioners of one petition are two people (a couple, neighbours signing together).
      if (cols.petition(c) === petition) continue;
      cols.compare(r, c, this.vec);
      const weight = this.scorer.weight(this.vec);
      const cluster = this.clusters.clusterOf[c] as number;
      if (seen.stamp[cluster] !== seen.generation) {
        seen.stamp[cluster] = seen.generation;
        touched.push(cluster);
      } else if (weight <= (seen.weight[cluster] as number)) continue;
      seen.weight[cluster] = weight;
      seen.record[cluster] = c;
    }
    return touched
      .map((cluster) => ({
        cluster,
        record: seen.record[cluster] as number,
        weight: seen.weight[cluster] as number,
      }))
      .sort((x, y) => y.weight - x.weight);
  }

  private blocked(r: number, cluster: number): string | null {
    const apart = this.apart.get(this.refOf(r));
    if (apart !== undefined) {
      for (let m = this.clusters.first(cluster); m >= 0; m = this.clusters.after(m)) {
        if (apart.has(this.refOf(m))) return 'separated by a reviewer';
      }
    }
    if (!this.cols.validCccd(r)) return null;
    return this.cccd.holdsOther(cluster, r) ? 'cluster holds another valid CCCD' : null;
  }

  /** Resolves staged record r: links it, raises review pairs, and indexes it. */
  resolve(r: number): PersonResolution {
    const ref = this.refOf(r);
    const reviews: (PersonReviewPair & { cluster: number })[] = [];
    let target: { best: Best; reasons: PairReasons } | null = null;
    for (const b of this.bestPerCluster(r)) {
      if (this.scorer.surelyDistinct(b.weight)) break;
      const conflict = this.cols.compare(r, b.record, this.vec);
      if (this.scorer.outcome(this.vec, conflict) === 'distinct') continue;
      const s = this.scorer.score(this.vec, conflict);
      const rule = this.blocked(r, b.cluster);
      if (rule === 'separated by a reviewer') continue;
      if (s.outcome === 'link' && rule === null && target === null) {
        target = { best: b, reasons: s.reasons };
        continue;
      }
      const reasons = rule === null ? s.reasons : { ...s.reasons, rule };
      const otherRef = this.refOf(b.record);
      reviews.push({ ref, otherRef, score: s.weight, reasons, cluster: b.cluster });
    }
    const cluster = target?.best.cluster ?? this.clusters.open(this.newId());
    const fresh = reviews
      .filter((v) => this.firstAsk(cluster, v.cluster))
      .map(({ cluster: _c, ...v }) => v);
    this.index(r, cluster);
    const link =
      target === null
        ? null
        : {
            ref: this.refOf(target.best.record),
            score: target.best.weight,
            reasons: target.reasons,
          };
    return { record: r, clusterId: this.clusterId(cluster), link, reviews: fresh };
  }

  private firstAsk(a: number, b: number): boolean {
    const key = a < b ? a * PAIR + b : b * PAIR + a;
    if (this.asked.has(key)) return false;
    this.asked.add(key);
    return true;
  }

  private index(r: number, cluster: number): void {
    const cols = this.cols;
    this.clusters.add(cluster, r);
    this.cccd.note(cluster, r);
    const key = cols.nameKey(r);
    if (key >= 0) this.names.add(key, cols.surname(r), cols.given(r));
    for (const k of cols.keysOf(r)) this.blocks.add(k, r);
  }

  /** Puts staged record r into the cluster with a known id, without matching (loading a store). */
  restore(r: number, clusterId: string, clusterOf: Map<string, number>): void {
    let cluster = clusterOf.get(clusterId);
    if (cluster === undefined) {
      cluster = this.clusters.open(clusterId);
      clusterOf.set(clusterId, cluster);
    }
    this.index(r, cluster);
  }

  /** Moves every member of cluster `from` into `into` (a reviewer's merge). */
  merge(into: number, from: number): void {
    if (into === from) return;
    this.clusters.concat(into, from);
    this.cccd.recount(into, this.clusters.members(into));
    this.cccd.recount(from, []);
  }

  /** Moves one record out of its cluster into a new one (a reviewer's split); returns its new id. */
  split(r: number, id?: string): string {
    const old = this.clusterOf(r);
    this.clusters.remove(r);
    this.cccd.recount(old, this.clusters.members(old));
    const cluster = this.clusters.open(id ?? this.newId());
    this.clusters.add(cluster, r);
    this.cccd.note(cluster, r);
    return this.clusterId(cluster);
  }

  /** Distinct valid CCCD numbers held by the members of a cluster. */
  validCccds(cluster: number): Set<string> {
    const out = new Set<string>();
    for (let m = this.clusters.first(cluster); m >= 0; m = this.clusters.after(m)) {
      if (this.cols.validCccd(m)) out.add(this.cols.idNumber(m) ?? '');
    }
    return out;
  }
}
