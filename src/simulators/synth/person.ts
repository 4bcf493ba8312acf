/**
 * A synthetic person living in Quy Nhơn: name, sex, birth date, birth province, a CCCD number
 * that agrees with them, sometimes an old CMND, a phone and an address. Clean data only; the
 * simulators decide how messy to render it, so a labelled test generator can keep the truth.
 */
import { generateQuyNhonAddress, type SynthAddress } from './address.ts';
import { makeCccd, makeCmnd, type Sex } from './cccd.ts';
import { QUYNHON_BIRTH_PROVINCES, type BirthProvince } from './data/birth-provinces.ts';
import type { QuyNhonWard } from './data/quynhon-wards.ts';
import { isRealDate, type CalendarDate } from './local-time.ts';
import { generateName, type SynthName } from './names.ts';
import { generatePhone } from './phone.ts';
import type { Rng, Weighted } from './rng.ts';

/** A clean synthetic person. */
export interface SynthPerson {
  readonly name: SynthName;
  readonly sex: Sex;
  readonly birthDate: CalendarDate;
  readonly birthProvince: BirthProvince;
  /** 12-digit CCCD consistent with birth province, year and sex. */
  readonly cccd: string;
  /** Old 9-digit CMND, only for some people born before 1990. */
  readonly cmnd: string | null;
  /** Digits only, leading 0. */
  readonly phone: string;
  readonly address: SynthAddress;
}

/** Options of generatePerson. */
export interface PersonOptions {
  /** Year ages are counted from (e.g. the year of the petition). */
  readonly referenceYear: number;
  /** Birth provinces to draw from; defaults to those of Quy Nhơn residents. */
  readonly birthProvinces?: readonly Weighted<BirthProvince>[];
  /** Pin the address to one ward. */
  readonly ward?: QuyNhonWard;
  /** Share of people born before 1990 who also have an old CMND (default 0.4). */
  readonly cmndRate?: number;
}

function birthDate(rng: Rng, referenceYear: number): CalendarDate {
  // Petitioners are adults, mostly middle-aged: a triangular age distribution over 18–85.
  const age = 18 + rng.int(0, 33) + rng.int(0, 34);
  for (;;) {
    const date = { year: referenceYear - age, month: rng.int(1, 12), day: rng.int(1, 31) };
    if (isRealDate(date)) return date;
  }
}

/** Generates one person. */
export function generatePerson(rng: Rng, options: PersonOptions): SynthPerson {
  const sex: Sex = rng.chance(0.5) ? 'M' : 'F';
  const born = birthDate(rng, options.referenceYear);
  const birthProvince = rng.weighted(options.birthProvinces ?? QUYNHON_BIRTH_PROVINCES);
  const cccd = makeCccd(rng, { provinceCode: birthProvince.code, birthYear: born.year, sex });
  const cmnd = born.year < 1990 && rng.chance(options.cmndRate ?? 0.4) ? makeCmnd(rng) : null;
  return {
    name: generateName(rng, sex),
    sex,
    birthDate: born,
    birthProvince,
    cccd,
    cmnd,
    phone: generatePhone(rng),
    address: generateQuyNhonAddress(rng, options.ward),
  };
}
