/**
 * Estimates the person model's parameters from a sample of staged petitioners: u from random
 * pairs, m from anchor pairs among those the blocking keys would compare, lambda by EM. Pure; the
 * caller supplies the sample (record indices of a person index) and a seeded random source so a
 * re-run gives the same parameters.
 */
import { estimateM, estimateParams, estimateU } from './estimate.ts';
import type { FsParams } from './fs-model.ts';
import type { PersonVector } from './person-compare.ts';
import { MAX_BLOCK, type PersonIndex } from './person-index.ts';

/** Limits of the training sample. */
export interface TrainOptions {
  readonly randomPairs?: number;
  readonly maxCandidatePairs?: number;
}

function randomVectors(
  index: PersonIndex,
  sample: readonly number[],
  n: number,
  random: () => number,
): PersonVector[] {
  const out: PersonVector[] = [];
  for (let k = 0; k < n && sample.length > 1; k++) {
    const i = Math.floor(random() * sample.length);
    const j = Math.floor(random() * sample.length);
    if (i !== j) out.push(index.vectorOf(sample[i] as number, sample[j] as number));
  }
  return out;
}

function candidateVectors(
  index: PersonIndex,
  sample: readonly number[],
  max: number,
): PersonVector[] {
  const blocks = new Map<number, number[]>();
  const out: PersonVector[] = [];
  for (const r of sample) {
    const seen = new Set<number>();
    for (const key of index.cols.keysOf(r)) {
      const block = blocks.get(key) ?? [];
      if (block.length < MAX_BLOCK) for (const j of block) seen.add(j);
      block.push(r);
      blocks.set(key, block);
    }
    for (const j of seen) {
      if (out.length >= max) return out;
      out.push(index.vectorOf(r, j));
    }
  }
  return out;
}

/** Estimates m, u and lambda from a sample of staged petitioners (record indices). */
export function trainParams(
  index: PersonIndex,
  sample: readonly number[],
  random: () => number,
  options: TrainOptions = {},
): FsParams {
  const u = estimateU(randomVectors(index, sample, options.randomPairs ?? 100_000, random));
  const candidates = candidateVectors(index, sample, options.maxCandidatePairs ?? 300_000);
  return estimateParams(candidates, u, estimateM(candidates));
}
