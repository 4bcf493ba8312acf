/**
 * Per person cluster, what the hard CCCD rule needs without walking the members: one member
 * holding a valid CCCD (-1 when none) and whether members hold several different ones (only a
 * reviewer's merge can bring that about).
 */
import { ensure } from './columns.ts';
import type { PersonColumns } from './person-columns.ts';

/** Valid-CCCD summary of every cluster. */
export class CccdSummary {
  private rep = new Int32Array(1024).fill(-1);
  private several = new Uint8Array(1024);

  constructor(private readonly cols: PersonColumns) {}

  private reserve(cluster: number): void {
    this.rep = ensure(this.rep, cluster + 1, -1);
    this.several = ensure(this.several, cluster + 1);
  }

  /** Notes member m of a cluster. */
  note(cluster: number, m: number): void {
    if (!this.cols.validCccd(m)) return;
    this.reserve(cluster);
    const rep = this.rep[cluster] as number;
    if (rep < 0) this.rep[cluster] = m;
    else if (!this.cols.sameId(rep, m)) this.several[cluster] = 1;
  }

  /** Recomputes a cluster's summary from its members (after a merge or split). */
  recount(cluster: number, members: Iterable<number>): void {
    this.reserve(cluster);
    this.rep[cluster] = -1;
    this.several[cluster] = 0;
    for (const m of members) this.note(cluster, m);
  }

  /** True when the cluster holds a valid CCCD other than record r's. */
  holdsOther(cluster: number, r: number): boolean {
    const rep = this.rep[cluster] ?? -1;
    return this.several[cluster] === 1 || (rep >= 0 && !this.cols.sameId(rep, r));
  }
}
