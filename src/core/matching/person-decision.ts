/**
 * Scores a pair of petitioners and decides link / review / distinct. The Fellegi–Sunter weight
 * decides, then two hard rules that the weight may not override: two different valid CCCD
 * numbers are never linked (a one-digit difference with everything else agreeing goes to a
 * reviewer, anything else is distinct), and a pair whose names disagree entirely is never linked
 * automatically even when the identity numbers agree (a relative's number typed by mistake).
 */
import type { PersonFeatures } from '../normalise/person.ts';
import {
  levelName,
  matchProbability,
  vectorWeights,
  type FsParams,
  type NameFrequencies,
} from './fs-model.ts';
import { comparePersons, type PersonField } from './person-compare.ts';

/** Weight thresholds (log2 units) of the three outcomes. */
export interface Thresholds {
  readonly linkWeight: number;
  readonly reviewWeight: number;
}

/** Defaults tuned on the labelled generator (test/dedup). */
export const DEFAULT_THRESHOLDS: Thresholds = { linkWeight: 14, reviewWeight: 12 };

/** One of the three outcomes of a comparison. */
export type Outcome = 'link' | 'review' | 'distinct';

/** Why a pair scored what it did: stored with every link and shown to reviewers. */
export interface PairReasons {
  readonly weight: number;
  readonly probability: number;
  readonly levels: Partial<Record<PersonField, string>>;
  readonly weights: Partial<Record<PersonField, number>>;
  readonly rule?: string;
}

/** A scored pair. */
export interface PairScore {
  readonly outcome: Outcome;
  readonly weight: number;
  readonly reasons: PairReasons;
}

const round = (x: number): number => Math.round(x * 100) / 100;

function byThreshold(weight: number, t: Thresholds): Outcome {
  if (weight >= t.linkWeight) return 'link';
  return weight >= t.reviewWeight ? 'review' : 'distinct';
}

/** Scores a stored petitioner `b` against a new one `a`; `freq` is the frequency of a's name. */
export function scorePersons(
  a: PersonFeatures,
  b: PersonFeatures,
  params: FsParams,
  thresholds: Thresholds,
  freq?: NameFrequencies,
): PairScore {
  const { vector, cccdConflict } = comparePersons(a, b);
  const { total, byField } = vectorWeights(params, vector, freq);
  const levels: Partial<Record<PersonField, string>> = {};
  const weights: Partial<Record<PersonField, number>> = {};
  for (const [field, w] of Object.entries(byField) as [PersonField, number][]) {
    levels[field] = levelName(field, vector[field] ?? 0);
    weights[field] = round(w);
  }
  let outcome = byThreshold(total, thresholds);
  let rule: string | undefined;
  if (cccdConflict) {
    const withoutId = total - (byField.id ?? 0);
    const oneDigit = vector.id === 1 && withoutId >= thresholds.linkWeight;
    outcome = oneDigit ? 'review' : 'distinct';
    rule = oneDigit ? 'valid CCCDs differ by one digit' : 'different valid CCCDs';
  } else if (outcome === 'link' && vector.name === 4) {
    outcome = 'review';
    rule = 'names disagree';
  }
  const reasons: PairReasons = {
    weight: round(total),
    probability: Math.round(matchProbability(params, total) * 1000) / 1000,
    levels,
    weights,
    ...(rule === undefined ? {} : { rule }),
  };
  return { outcome, weight: total, reasons };
}
