/**
 * Is a petition about the same matter as a stored one? Content similarity on folded text with
 * boilerplate removed (syllable bigrams), agreement of the numbers it cites, of kind and field
 * area, and receipt dates close enough; the petitioners must be the same (linked) persons for an
 * automatic link. Two letters on the same kind of matter from the same person (a second plot of
 * land, another decision) share wording but not numbers, which keeps them apart.
 */
import type { ContentFeatures } from '../normalise/content.ts';
import type { Outcome } from './person-decision.ts';
import { jaccard, jaccardSorted } from './similarity.ts';

/** What case comparison reads of a petition. */
export interface CaseFeatures {
  readonly source: string;
  readonly content: ContentFeatures;
  readonly kind: string;
  readonly fieldArea: string | null;
  /** Days since 1970-01-01 of the receipt date. */
  readonly receivedDay: number;
  readonly anonymous: boolean;
}

/** Why two petitions were judged the same matter or not. */
export interface CaseReasons {
  readonly score: number;
  readonly text: number;
  readonly numbers: number | null;
  readonly personOverlap: number | null;
  readonly kind: 'same' | 'compatible' | 'different';
  readonly fieldArea: 'same' | 'different' | 'missing';
  readonly daysApart: number;
  readonly rule?: string;
}

/** A scored pair of petitions. */
export interface CaseScore {
  readonly outcome: Outcome;
  readonly score: number;
  readonly reasons: CaseReasons;
}

/** Thresholds of the case decision (score in 0..1). */
export const CASE_THRESHOLDS = { link: 0.7, review: 0.5, maxDays: 365 } as const;

const r2 = (x: number): number => Math.round(x * 100) / 100;

function kindAgreement(a: string, b: string): CaseReasons['kind'] {
  if (a === b) return 'same';
  return a === 'MIXED' || b === 'MIXED' ? 'compatible' : 'different';
}

function decide(score: number, personOverlap: number | null, bothAnonymous: boolean): Outcome {
  const samePeople = (personOverlap ?? 0) >= 0.5;
  if (score >= CASE_THRESHOLDS.link && (samePeople || (bothAnonymous && score >= 0.9)))
    return 'link';
  if (score >= CASE_THRESHOLDS.review && ((personOverlap ?? 0) > 0 || score >= 0.85))
    return 'review';
  return 'distinct';
}

/** What a case comparison reads of a pair, however the petitions are stored. */
export interface CasePairParts {
  /** Jaccard of the content shingles (0 when both are empty). */
  readonly text: number;
  /** Jaccard of the cited numbers; null when neither cites any. */
  readonly numbers: number | null;
  readonly kindA: string;
  readonly kindB: string;
  readonly fieldAreaA: string | null;
  readonly fieldAreaB: string | null;
  readonly daysApart: number;
  /** Same folded content text. */
  readonly sameText: boolean;
  readonly bothAnonymous: boolean;
}

/** Scores a pair of petitions from its parts; personOverlap is over person clusters. */
export function scoreCaseParts(parts: CasePairParts, personOverlap: number | null): CaseScore {
  const { text, numbers, daysApart } = parts;
  const kind = kindAgreement(parts.kindA, parts.kindB);
  const fieldArea =
    parts.fieldAreaA === null || parts.fieldAreaB === null
      ? 'missing'
      : parts.fieldAreaA === parts.fieldAreaB
        ? 'same'
        : 'different';
  let score = numbers === null ? text : 0.5 * text + 0.5 * numbers;
  if (kind === 'different') score *= 0.8;
  if (fieldArea === 'different') score *= 0.9;
  if (daysApart > CASE_THRESHOLDS.maxDays) score *= 0.8;
  let rule: string | undefined;
  let outcome = decide(score, personOverlap, parts.bothAnonymous);
  if (parts.sameText && personOverlap === 1 && parts.kindA === parts.kindB) {
    outcome = 'link';
    rule = 'same content and petitioners (re-submission)';
  }
  const reasons: CaseReasons = {
    score: r2(score),
    text: r2(text),
    numbers: numbers === null ? null : r2(numbers),
    personOverlap: personOverlap === null ? null : r2(personOverlap),
    kind,
    fieldArea,
    daysApart,
    ...(rule === undefined ? {} : { rule }),
  };
  return { outcome, score, reasons };
}

/** Compares a new petition `a` with a stored one `b`; personOverlap is over person clusters. */
export function compareCases(
  a: CaseFeatures,
  b: CaseFeatures,
  personOverlap: number | null,
): CaseScore {
  return scoreCaseParts(
    {
      text: jaccardSorted(a.content.shingles, b.content.shingles) ?? 0,
      numbers: jaccard(a.content.numbers, b.content.numbers),
      kindA: a.kind,
      kindB: b.kind,
      fieldAreaA: a.fieldArea,
      fieldAreaB: b.fieldArea,
      daysApart: Math.abs(a.receivedDay - b.receivedDay),
      sameText: a.content.text === b.content.text,
      bothAnonymous: a.anonymous && b.anonymous,
    },
    personOverlap,
  );
}
