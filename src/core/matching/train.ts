/**
 * Estimates the person model's parameters from a sample of stored petitioners: u from random
 * pairs, m from anchor pairs among those the blocking keys would compare, lambda by EM. Pure; the caller
 * supplies the sample and a seeded random source so a re-run gives the same parameters.
 */
import type { PersonFeatures } from '../normalise/person.ts';
import { personBlockingKeys } from './blocking.ts';
import { estimateM, estimateParams, estimateU } from './estimate.ts';
import type { FsParams } from './fs-model.ts';
import { comparePersons, type PersonVector } from './person-compare.ts';
import { MAX_BLOCK } from './person-index.ts';

/** Limits of the training sample. */
export interface TrainOptions {
  readonly randomPairs?: number;
  readonly maxCandidatePairs?: number;
}

function randomVectors(
  sample: readonly PersonFeatures[],
  n: number,
  random: () => number,
): PersonVector[] {
  const out: PersonVector[] = [];
  for (let k = 0; k < n && sample.length > 1; k++) {
    const i = Math.floor(random() * sample.length);
    const j = Math.floor(random() * sample.length);
    if (i !== j)
      out.push(comparePersons(sample[i] as PersonFeatures, sample[j] as PersonFeatures).vector);
  }
  return out;
}

function candidateVectors(sample: readonly PersonFeatures[], max: number): PersonVector[] {
  const blocks = new Map<string, number[]>();
  const out: PersonVector[] = [];
  for (const [i, f] of sample.entries()) {
    const seen = new Set<number>();
    for (const key of personBlockingKeys(f)) {
      const block = blocks.get(key) ?? [];
      if (block.length < MAX_BLOCK) for (const j of block) seen.add(j);
      block.push(i);
      blocks.set(key, block);
    }
    for (const j of seen) {
      if (out.length >= max) return out;
      out.push(comparePersons(f, sample[j] as PersonFeatures).vector);
    }
  }
  return out;
}

/** Estimates m, u and lambda from a sample of petitioners. */
export function trainParams(
  sample: readonly PersonFeatures[],
  random: () => number,
  options: TrainOptions = {},
): FsParams {
  const u = estimateU(randomVectors(sample, options.randomPairs ?? 100_000, random));
  const candidates = candidateVectors(sample, options.maxCandidatePairs ?? 300_000);
  return estimateParams(candidates, u, estimateM(candidates));
}
