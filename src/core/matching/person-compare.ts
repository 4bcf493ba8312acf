/**
 * Compares two petitioners field by field into a comparison vector: one agreement level per
 * field, or null when a side lacks the field (missing data is no evidence either way). The
 * vector feeds the Fellegi–Sunter model; `cccdConflict` feeds the hard rule that two different
 * valid CCCD numbers are never linked automatically.
 */
import type { PersonFeatures } from '../normalise/person.ts';
import { editDistance } from './similarity.ts';

/** Agreement levels of each compared field, strongest agreement first. */
export const PERSON_LEVELS = {
  name: ['exact', 'surnameGiven', 'typo', 'givenOnly', 'different'],
  id: ['same', 'near', 'different', 'conflict'],
  birthYear: ['same', 'close', 'different'],
  sex: ['same', 'different'],
  ward: ['same', 'different'],
  local: ['same', 'different'],
  phone: ['same', 'different'],
} as const;

/** A compared field. */
export type PersonField = keyof typeof PERSON_LEVELS;
/** Every compared field, in a fixed order. */
export const PERSON_FIELDS = Object.keys(PERSON_LEVELS) as PersonField[];

/** Level index per field (into PERSON_LEVELS), null when missing on a side. */
export type PersonVector = Record<PersonField, number | null>;

/** The outcome of comparing two petitioners. */
export interface PersonComparison {
  readonly vector: PersonVector;
  /** Both sides carry a valid CCCD and the numbers differ. */
  readonly cccdConflict: boolean;
}

function compareName(a: PersonFeatures['name'], b: PersonFeatures['name']): number | null {
  if (a === null || b === null) return null;
  if (a.key === b.key) return 0;
  if (a.surname === b.surname && a.given === b.given) return 1;
  if (Math.min(a.key.length, b.key.length) >= 8 && editDistance(a.key, b.key, 2) <= 2) return 2;
  if (a.given === b.given) return 3;
  return 4;
}

function compareId(a: PersonFeatures['id'], b: PersonFeatures['id']): number | null {
  if (a === null || b === null) return null;
  if (a.number === b.number) return 0;
  const comparable =
    a.number.length === b.number.length && a.type !== 'PASSPORT' && b.type !== 'PASSPORT';
  if (!comparable) return null;
  if (editDistance(a.number, b.number, 1) <= 1) return 1;
  return a.validCccd && b.validCccd ? 3 : 2;
}

function compareYear(a: number | null, b: number | null): number | null {
  if (a === null || b === null) return null;
  if (a === b) return 0;
  return Math.abs(a - b) <= 1 || editDistance(String(a), String(b), 1) <= 1 ? 1 : 2;
}

function same<T>(a: T | null, b: T | null): number | null {
  if (a === null || b === null) return null;
  return a === b ? 0 : 1;
}

/** Compares two petitioners. */
export function comparePersons(a: PersonFeatures, b: PersonFeatures): PersonComparison {
  const vector: PersonVector = {
    name: compareName(a.name, b.name),
    id: compareId(a.id, b.id),
    birthYear: compareYear(a.birthYear, b.birthYear),
    sex: same(a.sex, b.sex),
    ward: same(a.ward, b.ward),
    local: a.ward !== null && a.ward === b.ward ? same(a.local, b.local) : null,
    phone: same(a.phone, b.phone),
  };
  const cccdConflict =
    a.id !== null &&
    b.id !== null &&
    a.id.validCccd &&
    b.id.validCccd &&
    a.id.number !== b.id.number;
  return { vector, cccdConflict };
}
