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

/**
 * The outcome of a pair from its total weight, the identity field's weight and level, the name
 * level and whether two valid CCCDs differ: the threshold, then the two hard rules.
 */
export function decideOutcome(
  total: number,
  id: { level: number | null; weight: number },
  nameLevel: number | null,
  cccdConflict: boolean,
  thresholds: Thresholds,
): { outcome: Outcome; rule?: string } {
  const outcome = byThreshold(total, thresholds);
  if (cccdConflict) {
    const oneDigit = id.level === 1 && total - id.weight >= thresholds.linkWeight;
    return oneDigit
      ? { outcome: 'review', rule: 'valid CCCDs differ by one digit' }
      : { outcome: 'distinct', rule: 'different valid CCCDs' };
  }
  if (outcome === 'link' && nameLevel === 4) return { outcome: 'review', rule: 'names disagree' };
  return { outcome };
}

/** Reasons of a pair from its per-field levels and weights. */
export function pairReasons(
  params: FsParams,
  total: number,
  fields: readonly [PersonField, number, number][],
  rule: string | undefined,
): PairReasons {
  const levels: Partial<Record<PersonField, string>> = {};
  const weights: Partial<Record<PersonField, number>> = {};
  for (const [field, level, w] of fields) {
    levels[field] = levelName(field, level);
    weights[field] = round(w);
  }
  return {
    weight: round(total),
    probability: Math.round(matchProbability(params, total) * 1000) / 1000,
    levels,
    weights,
    ...(rule === undefined ? {} : { rule }),
  };
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
  const fields = (Object.entries(byField) as [PersonField, number][]).map(
    ([field, w]): [PersonField, number, number] => [field, vector[field] ?? 0, w],
  );
  const { outcome, rule } = decideOutcome(
    total,
    { level: vector.id, weight: byField.id ?? 0 },
    vector.name,
    cccdConflict,
    thresholds,
  );
  return { outcome, weight: total, reasons: pairReasons(params, total, fields, rule) };
}
