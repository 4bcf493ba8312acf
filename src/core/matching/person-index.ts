/**
 * In-memory incremental person clustering. Each stored petitioner (a "person record": one
 * petitioner of one petition) belongs to one person cluster. A new record is compared with the
 * records sharing a blocking key; it joins the best cluster it links to, opens review pairs for
 * the other plausible clusters, or starts a cluster of its own. A cluster is never joined by a
 * record whose valid CCCD differs from one already in it, nor by a record a reviewer separated
 * from one of its members. Pure: no I/O; ids come from the injected generator.
 */
import type { PersonFeatures } from '../normalise/person.ts';
import { personBlockingKeys } from './blocking.ts';
import type { FsParams } from './fs-model.ts';
import { NameCounts } from './name-counts.ts';
import {
  scorePersons,
  type PairReasons,
  type PairScore,
  type Thresholds,
} from './person-decision.ts';
import { hashKey } from './similarity.ts';

/** A block larger than this is skipped: its key is too common to tell anyone apart. */
export const MAX_BLOCK = 400;

/** One stored petitioner. */
export interface PersonRecord {
  readonly ref: string;
  readonly features: PersonFeatures;
  cluster: number;
  /** Index of the petition this petitioner belongs to (case resolution walks it). */
  readonly petition: number;
}

/** A person cluster. */
export interface PersonCluster {
  id: string;
  members: number[];
  /** Valid CCCD numbers held by members. */
  cccds: Set<string>;
}

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
  score: PairScore;
}

/**
 * What the index keeps of a petitioner: only the keys comparisons and blocking read (a store of
 * a million petitioners must fit in memory), not the original texts or the parsed address.
 */
export function compactFeatures(f: PersonFeatures): PersonFeatures {
  const n = f.name;
  const id = f.id;
  return {
    ...f,
    name:
      n === null
        ? null
        : {
            original: '',
            canonical: '',
            folded: [],
            key: n.key,
            surname: n.surname,
            middle: n.middle,
            given: n.given,
            toned: null,
          },
    id:
      id === null
        ? null
        : {
            number: id.number,
            type: id.type,
            wellFormedCccd: id.wellFormedCccd,
            validCccd: id.validCccd,
            decoded: null,
            disagree: [],
          },
    address: null,
  };
}

/** The person side of the engine. */
export class PersonIndex {
  readonly records: PersonRecord[] = [];
  readonly clusters: PersonCluster[] = [];
  private readonly blocks = new Map<number, number[]>();
  private readonly names = new NameCounts();
  private readonly byRef = new Map<string, number>();
  /** Cluster pairs already put to a reviewer: the same question is not asked twice. */
  private readonly asked = new Set<string>();
  /** Reviewer separations: ref → refs it must never be clustered with. */
  private readonly apart = new Map<string, Set<string>>();

  constructor(
    private params: FsParams,
    private readonly thresholds: Thresholds,
    private readonly newId: () => string,
  ) {}

  /** Replaces the model parameters (after re-estimation). */
  setParams(params: FsParams): void {
    this.params = params;
  }

  /** Index of a record by its ref. */
  recordOf(ref: string): number | undefined {
    return this.byRef.get(ref);
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

  /** Stored records sharing a blocking key with `f`. */
  candidates(f: PersonFeatures): number[] {
    const seen = new Set<number>();
    for (const key of personBlockingKeys(f)) {
      const block = this.blocks.get(hashKey(key));
      if (block === undefined || block.length > MAX_BLOCK) continue;
      for (const r of block) seen.add(r);
    }
    return [...seen];
  }

  /** Scores `f` against every candidate and keeps the best record per cluster. */
  private bestPerCluster(f: PersonFeatures, petition: number): Best[] {
    const freq = f.name === null ? undefined : this.names.frequencies(f.name);
    const best = new Map<number, Best>();
    for (const r of this.candidates(f)) {
      const rec = this.records[r] as PersonRecord;
      // Two petitioners of one petition are two people (a couple, neighbours signing together).
      if (rec.petition === petition) continue;
      const score = scorePersons(f, rec.features, this.params, this.thresholds, freq);
      const prev = best.get(rec.cluster);
      if (prev === undefined || score.weight > prev.score.weight) {
        best.set(rec.cluster, { cluster: rec.cluster, record: r, score });
      }
    }
    return [...best.values()].sort((x, y) => y.score.weight - x.score.weight);
  }

  private blocked(ref: string, f: PersonFeatures, cluster: PersonCluster): string | null {
    const apart = this.apart.get(ref);
    if (
      apart !== undefined &&
      cluster.members.some((m) => apart.has((this.records[m] as PersonRecord).ref))
    ) {
      return 'separated by a reviewer';
    }
    const own = f.id?.validCccd === true ? f.id.number : null;
    if (own !== null && [...cluster.cccds].some((c) => c !== own)) {
      return 'cluster holds another valid CCCD';
    }
    return null;
  }

  /** Resolves and stores one petitioner. */
  add(ref: string, f: PersonFeatures, petition: number): PersonResolution {
    const reviews: (PersonReviewPair & { cluster: number })[] = [];
    let target: Best | null = null;
    for (const b of this.bestPerCluster(f, petition)) {
      if (b.score.outcome === 'distinct') continue;
      const cluster = this.clusters[b.cluster] as PersonCluster;
      const rule = this.blocked(ref, f, cluster);
      if (rule === 'separated by a reviewer') continue;
      const otherRef = (this.records[b.record] as PersonRecord).ref;
      if (b.score.outcome === 'link' && rule === null && target === null) {
        target = b;
        continue;
      }
      const reasons = rule === null ? b.score.reasons : { ...b.score.reasons, rule };
      reviews.push({ ref, otherRef, score: b.score.weight, reasons, cluster: b.cluster });
    }
    const cluster = target?.cluster ?? this.openCluster();
    const fresh = reviews
      .filter((r) => this.firstAsk(cluster, r.cluster))
      .map(({ cluster: _c, ...r }) => r);
    const record = this.store(ref, f, petition, cluster);
    const link =
      target === null
        ? null
        : {
            ref: (this.records[target.record] as PersonRecord).ref,
            score: target.score.weight,
            reasons: target.score.reasons,
          };
    return {
      record,
      clusterId: (this.clusters[cluster] as PersonCluster).id,
      link,
      reviews: fresh,
    };
  }

  private firstAsk(a: number, b: number): boolean {
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    if (this.asked.has(key)) return false;
    this.asked.add(key);
    return true;
  }

  private openCluster(id?: string): number {
    this.clusters.push({ id: id ?? this.newId(), members: [], cccds: new Set() });
    return this.clusters.length - 1;
  }

  private store(ref: string, full: PersonFeatures, petition: number, cluster: number): number {
    const index = this.records.length;
    const f = compactFeatures(full);
    this.records.push({ ref, features: f, cluster, petition });
    this.byRef.set(ref, index);
    this.attach(index, cluster);
    if (f.name !== null) this.names.add(f.name);
    for (const key of personBlockingKeys(f)) {
      const h = hashKey(key);
      const block = this.blocks.get(h);
      if (block === undefined) this.blocks.set(h, [index]);
      else if (block.length <= MAX_BLOCK) block.push(index);
    }
    return index;
  }

  private attach(record: number, cluster: number): void {
    const rec = this.records[record] as PersonRecord;
    const c = this.clusters[cluster] as PersonCluster;
    rec.cluster = cluster;
    c.members.push(record);
    if (rec.features.id?.validCccd === true) c.cccds.add(rec.features.id.number);
  }

  /** Stores a record into a known cluster id without matching (loading a persisted store). */
  restore(
    ref: string,
    f: PersonFeatures,
    petition: number,
    clusterId: string,
    clusterOf: Map<string, number>,
  ): number {
    let cluster = clusterOf.get(clusterId);
    if (cluster === undefined) {
      cluster = this.openCluster(clusterId);
      clusterOf.set(clusterId, cluster);
    }
    return this.store(ref, f, petition, cluster);
  }

  /** Moves every member of cluster `from` into `into` (a reviewer's merge); returns moved refs. */
  merge(into: number, from: number): string[] {
    if (into === from) return [];
    const src = this.clusters[from] as PersonCluster;
    const moved = [...src.members];
    for (const m of moved) this.attach(m, into);
    src.members = [];
    src.cccds.clear();
    return moved.map((m) => (this.records[m] as PersonRecord).ref);
  }

  /** Moves one record out of its cluster into a new one (a reviewer's split); returns its new id. */
  split(record: number, id?: string): string {
    const rec = this.records[record] as PersonRecord;
    const old = this.clusters[rec.cluster] as PersonCluster;
    old.members = old.members.filter((m) => m !== record);
    old.cccds = new Set(
      old.members.flatMap((m) => {
        const id = (this.records[m] as PersonRecord).features.id;
        return id?.validCccd === true ? [id.number] : [];
      }),
    );
    const cluster = this.openCluster(id);
    this.attach(record, cluster);
    return (this.clusters[cluster] as PersonCluster).id;
  }
}
