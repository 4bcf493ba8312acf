/**
 * Identity numbers. A CCCD (căn cước công dân) number is 12 digits: 3-digit province of birth
 * registration (old 63-province list, "0" + province code), one digit for century and sex
 * (1900s: 0 male, 1 female; 2000s: 2 male, 3 female; then 4/5, 6/7, 8/9 per century), two
 * digits of birth year, six random digits. Its prefix must agree with the person's other data,
 * which makes it a validation and matching signal. Old CMND numbers (9 digits) are opaque.
 */
import { LEGACY_PROVINCES } from './data/legacy-provinces.ts';
import type { Rng } from './rng.ts';

/** Sex as the canonical record codes it. */
export type Sex = 'M' | 'F';

/** The facts a CCCD number encodes. */
export interface CccdFacts {
  /** 3-digit birth-province code, e.g. "052". */
  readonly provinceCode: string;
  readonly birthYear: number;
  readonly sex: Sex;
}

/** A part of a CCCD number that can disagree with the person's data. */
export type CccdPart = 'format' | 'province' | 'century' | 'sex' | 'year';

/** Outcome of checking a CCCD number against a person's data. */
export interface CccdConsistency {
  /** True when the number is well formed and every checked part agrees. */
  readonly ok: boolean;
  /** The parts that disagree; "format" alone when the number is not 12 digits. */
  readonly disagree: readonly CccdPart[];
  /** What the number encodes, null when it is not well formed. */
  readonly decoded: CccdFacts | null;
}

/** The century/sex digit for a birth year and sex (years 1900–2399). */
export function centurySexDigit(birthYear: number, sex: Sex): string {
  const century = Math.floor(birthYear / 100) - 19;
  if (century < 0 || century > 4) throw new RangeError('CCCD encodes birth years 1900–2399 only');
  return String(century * 2 + (sex === 'F' ? 1 : 0));
}

/** Builds a CCCD number for a person; the last six digits are random. */
export function makeCccd(rng: Rng, facts: CccdFacts): string {
  const serial = String(rng.int(0, 999_999)).padStart(6, '0');
  const yy = String(facts.birthYear % 100).padStart(2, '0');
  return `${facts.provinceCode}${centurySexDigit(facts.birthYear, facts.sex)}${yy}${serial}`;
}

/** Builds an old 9-digit CMND number (Bình Định numbers mostly begin with 21). */
export function makeCmnd(rng: Rng): string {
  const prefix = rng.chance(0.85) ? '21' : String(rng.int(10, 38));
  return `${prefix}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
}

/** Reads what a CCCD number encodes; null when it is not 12 digits. */
export function decodeCccd(number: string): CccdFacts | null {
  if (!/^\d{12}$/.test(number)) return null;
  const digit = Number(number[3]);
  const century = 1900 + Math.floor(digit / 2) * 100;
  return {
    provinceCode: number.slice(0, 3),
    birthYear: century + Number(number.slice(4, 6)),
    sex: digit % 2 === 0 ? 'M' : 'F',
  };
}

/** True when a 3-digit code is "0" + one of the 63 pre-2025 province codes. */
export function isLegacyProvincePrefix(code: string): boolean {
  return code.length === 3 && code.startsWith('0') && code.slice(1) in LEGACY_PROVINCES;
}

/**
 * Checks a CCCD number against what is known of the person; parts whose fact is not given are
 * not checked, except the province prefix, which must always be a pre-2025 province.
 */
export function cccdConsistency(
  number: string,
  person: { readonly birthYear?: number; readonly sex?: Sex; readonly provinceCode?: string },
): CccdConsistency {
  const decoded = decodeCccd(number);
  if (decoded === null) return { ok: false, disagree: ['format'], decoded: null };
  const disagree: CccdPart[] = [];
  const provinceKnown = isLegacyProvincePrefix(decoded.provinceCode);
  if (
    !provinceKnown ||
    (person.provinceCode !== undefined && person.provinceCode !== decoded.provinceCode)
  ) {
    disagree.push('province');
  }
  if (person.birthYear !== undefined) {
    if (Math.floor(person.birthYear / 100) !== Math.floor(decoded.birthYear / 100)) {
      disagree.push('century');
    }
    if (person.birthYear % 100 !== decoded.birthYear % 100) disagree.push('year');
  }
  if (person.sex !== undefined && person.sex !== decoded.sex) disagree.push('sex');
  return { ok: disagree.length === 0, disagree, decoded };
}
