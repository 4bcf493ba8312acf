/**
 * Keeps cluster ids stable across a full re-cluster: each new cluster takes the old id most of
 * its members carried, unless a larger overlap already claimed that id; clusters with no old id
 * left get a new one. Downstream systems (national cases, reviewers' notes) keep their references.
 */

/** Old ids of one new cluster's members (null for a member never clustered before). */
export type ClusterOldIds = readonly (string | null)[];

/** Picks an id for each new cluster; same order as the input. */
export function stableIds(clusters: readonly ClusterOldIds[], newId: () => string): string[] {
  const offers: { cluster: number; id: string; overlap: number }[] = [];
  clusters.forEach((olds, cluster) => {
    const counts = new Map<string, number>();
    for (const id of olds) if (id !== null) counts.set(id, (counts.get(id) ?? 0) + 1);
    for (const [id, overlap] of counts) offers.push({ cluster, id, overlap });
  });
  offers.sort((a, b) => b.overlap - a.overlap || (a.id < b.id ? -1 : 1));
  const chosen: (string | undefined)[] = clusters.map(() => undefined);
  const taken = new Set<string>();
  for (const o of offers) {
    if (chosen[o.cluster] !== undefined || taken.has(o.id)) continue;
    chosen[o.cluster] = o.id;
    taken.add(o.id);
  }
  return chosen.map((id) => id ?? newId());
}
