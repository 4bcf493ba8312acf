/**
 * The Fellegi–Sunter model for persons: for each field and agreement level, m = P(level | same
 * person) and u = P(level | different people); a pair's weight is Σ log2(m/u) over the fields
 * present. The exact-name and surname+given levels use the frequency of the very name instead of
 * an average u, so "Nguyễn Văn Hùng" agreeing counts far less than "Tạ Thị Quyên" agreeing.
 * Parameters are estimated from the data (estimate.ts); DEFAULT_PARAMS start a cold store.
 */
import {
  PERSON_FIELDS,
  PERSON_LEVELS,
  type PersonField,
  type PersonVector,
} from './person-compare.ts';

/** m and u per level of each field, and the share of matches among blocked candidate pairs. */
export interface FsParams {
  readonly m: Record<PersonField, readonly number[]>;
  readonly u: Record<PersonField, readonly number[]>;
  readonly lambda: number;
}

/** Hand-set starting values, replaced by estimates once a store has data. */
export const DEFAULT_PARAMS: FsParams = {
  m: {
    name: [0.88, 0.05, 0.05, 0.015, 0.005],
    id: [0.93, 0.04, 0.02, 0.01],
    birthYear: [0.95, 0.04, 0.01],
    sex: [0.99, 0.01],
    ward: [0.85, 0.15],
    local: [0.8, 0.2],
    phone: [0.85, 0.15],
  },
  u: {
    name: [0.001, 0.002, 0.002, 0.02, 0.975],
    id: [1e-7, 1e-5, 0.2, 0.8],
    birthYear: [0.02, 0.06, 0.92],
    sex: [0.5, 0.5],
    ward: [0.1, 0.9],
    local: [0.005, 0.995],
    phone: [1e-5, 0.99999],
  },
  lambda: 0.3,
};

/** Frequencies of the compared name values (share of all stored petitioners). */
export interface NameFrequencies {
  /** Share of records with this exact folded full name. */
  readonly full: number;
  /** Share of records with this surname + given name. */
  readonly surnameGiven: number;
}

const FLOOR = 1e-6;

/** log2(m/u) of one field at one level; name levels 0/1 use the name's own frequency when given. */
export function levelWeight(
  params: FsParams,
  field: PersonField,
  level: number,
  freq?: NameFrequencies,
): number {
  const m = Math.max(params.m[field][level] ?? FLOOR, FLOOR);
  let u = Math.max(params.u[field][level] ?? FLOOR, FLOOR);
  if (field === 'name' && freq !== undefined && level <= 1) {
    u = Math.max(level === 0 ? freq.full : freq.surnameGiven, FLOOR);
  }
  return Math.log2(m / u);
}

/** Per-field weights (null where missing) and their total. */
export function vectorWeights(
  params: FsParams,
  vector: PersonVector,
  freq?: NameFrequencies,
): { total: number; byField: Partial<Record<PersonField, number>> } {
  let total = 0;
  const byField: Partial<Record<PersonField, number>> = {};
  for (const field of PERSON_FIELDS) {
    const level = vector[field];
    if (level === null) continue;
    const w = levelWeight(params, field, level, freq);
    byField[field] = w;
    total += w;
  }
  return { total, byField };
}

/** Posterior probability of a match for a total weight, given the prior share lambda. */
export function matchProbability(params: FsParams, weight: number): number {
  const priorOdds = params.lambda / (1 - params.lambda);
  const odds = priorOdds * 2 ** weight;
  return odds / (1 + odds);
}

/** Level name of a field's level index, for reasons shown to reviewers. */
export function levelName(field: PersonField, level: number): string {
  return PERSON_LEVELS[field][level] ?? 'unknown';
}
