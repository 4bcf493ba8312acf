/**
 * Identity numbers. A CCCD number is 12 digits: "0" + pre-2025 province code of birth
 * registration, one century/sex digit (1900s: 0 male, 1 female; 2000s: 2/3; then 4/5 …), two
 * digits of birth year, six random digits. A number is "valid" here when it is well formed, its
 * prefix is a real province and its century/sex/year agree with what the record says of the
 * person; only then may two different numbers prove two different people. Old CMND numbers (9
 * or 12 digits) and passports are opaque.
 */
import { LEGACY_PROVINCE_CODES } from './legacy-provinces.ts';

/** Sex as coded in the canonical record. */
export type Sex = 'M' | 'F';

/** What a CCCD number encodes. */
export interface CccdFacts {
  readonly provinceCode: string;
  readonly birthYear: number;
  readonly sex: Sex;
}

/** A normalised identity number with its checks. */
export interface IdentityCheck {
  /** Upper-case letters and digits only. */
  readonly number: string;
  readonly type: 'CCCD' | 'CMND' | 'PASSPORT' | 'OTHER';
  /** 12 digits with a pre-2025 province prefix. */
  readonly wellFormedCccd: boolean;
  /** Well formed and agreeing with the record's birth year and sex where those are given. */
  readonly validCccd: boolean;
  /** Facts the number encodes (when well formed), usable to fill a missing birth year or sex. */
  readonly decoded: CccdFacts | null;
  /** Parts that disagree with the record: province, year, sex. */
  readonly disagree: readonly ('province' | 'year' | 'sex')[];
}

/** Reads what a 12-digit number encodes; null when it is not 12 digits. */
export function decodeCccd(number: string): CccdFacts | null {
  if (!/^\d{12}$/u.test(number)) return null;
  const digit = Number(number[3]);
  return {
    provinceCode: number.slice(0, 3),
    birthYear: 1900 + Math.floor(digit / 2) * 100 + Number(number.slice(4, 6)),
    sex: digit % 2 === 0 ? 'M' : 'F',
  };
}

function typeOf(declared: string | undefined, number: string): IdentityCheck['type'] {
  if (declared === 'PASSPORT' || declared === 'CMND') return declared;
  if (/^\d{12}$/u.test(number)) return 'CCCD';
  if (/^\d{9}$/u.test(number)) return 'CMND';
  return declared === 'CCCD' ? 'CCCD' : 'OTHER';
}

/**
 * Checks an identity number against the person's birth year and sex. A 12-digit number typed
 * as CMND is checked as a CCCD too: the 12-digit CMND (2012–2016) used the same layout.
 */
export function checkIdentity(
  rawNumber: string,
  declaredType: string | undefined,
  person: { readonly birthYear?: number; readonly sex?: Sex },
): IdentityCheck | null {
  const number = rawNumber.toUpperCase().replace(/[^0-9A-Z]/gu, '');
  if (number === '') return null;
  const type = typeOf(declaredType, number);
  const decoded = type === 'PASSPORT' ? null : decodeCccd(number);
  const disagree: ('province' | 'year' | 'sex')[] = [];
  if (decoded !== null) {
    if (!LEGACY_PROVINCE_CODES.has(decoded.provinceCode.slice(1)) || number[0] !== '0') {
      disagree.push('province');
    }
    if (person.birthYear !== undefined && person.birthYear !== decoded.birthYear) {
      disagree.push('year');
    }
    if (person.sex !== undefined && person.sex !== decoded.sex) disagree.push('sex');
  }
  const wellFormedCccd = decoded !== null && !disagree.includes('province');
  return {
    number,
    type,
    wellFormedCccd,
    validCccd: wellFormedCccd && disagree.length === 0,
    decoded: wellFormedCccd ? decoded : null,
    disagree,
  };
}
