/**
 * Evaluation of a clustering against the generator's truth: pairwise precision, recall and F1
 * (every pair of items in one predicted cluster is a predicted match), the precision of the
 * automatic links the engine made, and the review share.
 */

/** Pairwise scores. */
export interface PairwiseScores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly predictedPairs: number;
  readonly truePairs: number;
}

const pairs = (n: number): number => (n * (n - 1)) / 2;

/** Pairwise precision/recall/F1 of predicted vs true labels of the same items. */
export function pairwise(predicted: readonly string[], truth: readonly string[]): PairwiseScores {
  const cells = new Map<string, number>();
  const pred = new Map<string, number>();
  const tru = new Map<string, number>();
  predicted.forEach((p, i) => {
    const t = truth[i] ?? '';
    cells.set(`${p}\u0000${t}`, (cells.get(`${p}\u0000${t}`) ?? 0) + 1);
    pred.set(p, (pred.get(p) ?? 0) + 1);
    tru.set(t, (tru.get(t) ?? 0) + 1);
  });
  const sum = (m: Map<string, number>): number => [...m.values()].reduce((s, n) => s + pairs(n), 0);
  const tp = sum(cells);
  const predictedPairs = sum(pred);
  const truePairs = sum(tru);
  const precision = predictedPairs === 0 ? 1 : tp / predictedPairs;
  const recall = truePairs === 0 ? 1 : tp / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, predictedPairs, truePairs };
}

/** Share of true decisions among automatic links (1 when there are none). */
export function linkPrecision(links: readonly { readonly correct: boolean }[]): number {
  if (links.length === 0) return 1;
  return links.filter((l) => l.correct).length / links.length;
}
