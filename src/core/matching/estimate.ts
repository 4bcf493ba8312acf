/**
 * Estimates the Fellegi–Sunter parameters from the data itself. u comes from random pairs of
 * stored petitioners (almost all of them different people). m comes from anchor pairs among the
 * blocked candidates: pairs with the same 12-digit identity number give m of every other field,
 * and pairs agreeing on name, birth year and a contact (phone or house) give m of the identity
 * field. Plain EM over all candidate pairs was tried first: with namesakes and shared blocks it
 * drifted to a "match" class holding most pairs (lambda 0.97, m of conflicting CCCDs 0.56), so
 * anchors replace it; estimateParams (EM) remains for refining lambda with m and u fixed.
 */
import { DEFAULT_PARAMS, type FsParams } from './fs-model.ts';
import {
  PERSON_FIELDS,
  PERSON_LEVELS,
  type PersonField,
  type PersonVector,
} from './person-compare.ts';

type Levels = Record<PersonField, number[]>;

function zeros(): Levels {
  const out = {} as Levels;
  for (const f of PERSON_FIELDS) out[f] = PERSON_LEVELS[f].map(() => 0);
  return out;
}

function normalised(counts: Levels, prior: Record<PersonField, readonly number[]>): Levels {
  const out = {} as Levels;
  for (const f of PERSON_FIELDS) {
    const row = counts[f];
    const total = row.reduce((s, x) => s + x, 0);
    // Half a pseudo-count per level keeps unseen levels finite; a field never seen keeps its prior.
    out[f] = total === 0 ? [...prior[f]] : row.map((x) => (x + 0.5) / (total + 0.5 * row.length));
  }
  return out;
}

/** u per level, from comparison vectors of random (almost surely non-matching) pairs. */
export function estimateU(randomPairs: Iterable<PersonVector>): FsParams['u'] {
  const counts = zeros();
  for (const v of randomPairs) {
    for (const f of PERSON_FIELDS) {
      const level = v[f];
      if (level !== null) (counts[f][level] as number) += 1;
    }
  }
  return normalised(counts, DEFAULT_PARAMS.u);
}

interface Pattern {
  readonly vector: PersonVector;
  count: number;
}

function patterns(pairs: Iterable<PersonVector>): Pattern[] {
  const byKey = new Map<string, Pattern>();
  for (const v of pairs) {
    const key = PERSON_FIELDS.map((f) => v[f] ?? '-').join('');
    const p = byKey.get(key);
    if (p === undefined) byKey.set(key, { vector: v, count: 1 });
    else p.count += 1;
  }
  return [...byKey.values()];
}

function likelihood(probs: Record<PersonField, readonly number[]>, v: PersonVector): number {
  let l = 1;
  for (const f of PERSON_FIELDS) {
    const level = v[f];
    if (level !== null) l *= probs[f][level] ?? 1e-9;
  }
  return l;
}

/** m per level from anchor pairs among the candidates (see the module comment). */
export function estimateM(candidatePairs: readonly PersonVector[]): FsParams['m'] {
  const counts = zeros();
  for (const v of candidatePairs) {
    const sameId = v.id === 0;
    const strong = v.name === 0 && v.birthYear === 0 && (v.phone === 0 || v.local === 0);
    for (const f of PERSON_FIELDS) {
      const level = v[f];
      if (level === null) continue;
      if (f === 'id' ? strong : sameId) (counts[f][level] as number) += 1;
    }
  }
  return normalised(counts, DEFAULT_PARAMS.m);
}

/** lambda by EM over candidate pairs with m and u fixed; returns complete parameters. */
export function estimateParams(
  candidatePairs: Iterable<PersonVector>,
  u: FsParams['u'],
  m: FsParams['m'],
  iterations = 20,
): FsParams {
  const pats = patterns(candidatePairs);
  let lambda = DEFAULT_PARAMS.lambda;
  for (let it = 0; it < iterations && pats.length > 0; it++) {
    let matched = 0;
    let all = 0;
    for (const p of pats) {
      const a = lambda * likelihood(m, p.vector);
      const b = (1 - lambda) * likelihood(u, p.vector);
      const g = a + b === 0 ? 0 : a / (a + b);
      matched += g * p.count;
      all += p.count;
    }
    lambda = Math.min(Math.max(matched / all, 1e-4), 0.9999);
  }
  return { m, u, lambda };
}
