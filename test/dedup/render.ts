/**
 * How a labelled petitioner and summary are rendered by one source on one occasion: the
 * messiness the dedup generator plants (typos, missing ids and birth years, CMND instead of
 * CCCD, a mistyped CCCD digit, abbreviations, new-style addresses after the 2025 merger, a moved
 * address, NFD, Windows-1258 text, Ð for Đ, old tone placement, upper case without diacritics).
 */
import iconv from 'iconv-lite';
import type { Petitioner } from '../../src/core/petition-schema.ts';
import {
  extraSpaces,
  formatIsoDate,
  formatPhoneMessy,
  formatQuyNhonAddress,
  formatQuyNhonAddressMessy,
  generateQuyNhonAddress,
  tonePlacement,
  toNFD,
  upperNoDiacritics,
  wrongD,
  type Rng,
  type SynthPerson,
} from '../../src/simulators/synth/index.ts';

/** Rates of the planted faults. */
export const FAULTS = {
  upperName: 0.05,
  nameTypo: 0.03,
  dropMiddle: 0.02,
  missingId: 0.15,
  cccdTypo: 0.02,
  missingBirthYear: 0.1,
  birthYearOff: 0.01,
  missingSex: 0.05,
  missingAddress: 0.04,
  newStyleAddress: 0.1,
  movedAddress: 0.05,
  missingPhone: 0.2,
  changedPhone: 0.03,
};

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/u;

/** Text as a Windows-1258 export carries it: precomposed base letters, combining tone marks. */
export function windows1258Form(s: string): string {
  const decomposed = s.normalize('NFD');
  // Compose everything but the five tone marks, as the code page does.
  let out = '';
  for (const ch of decomposed) out += TONE_MARKS.test(ch) ? `\u0000${ch}` : ch;
  const composed = out.normalize('NFC').replaceAll('\u0000', '');
  return iconv.decode(iconv.encode(composed, 'windows1258'), 'windows1258');
}

/** One whole-record text style. */
export type TextStyle = (s: string) => string;

/** Picks the text style of one rendered record. */
export function pickTextStyle(rng: Rng): TextStyle {
  const roll = rng.next();
  if (roll < 0.05) return toNFD;
  if (roll < 0.1) return windows1258Form;
  if (roll < 0.13) return wrongD;
  if (roll < 0.43) return (s) => tonePlacement(s, 'old');
  return (s) => s;
}

function typo(rng: Rng, s: string): string {
  const letters = [...s];
  const i = rng.int(1, letters.length - 1);
  if (letters[i] === ' ' || letters[i - 1] === ' ') return s;
  if (rng.chance(0.5)) letters.splice(i, 1);
  else letters[i] = rng.pick(['a', 'o', 'n', 'h', 'i']);
  return letters.join('');
}

function renderName(rng: Rng, p: SynthPerson): string {
  let parts = [p.name.surname, ...p.name.middleNames, p.name.givenName];
  if (rng.chance(FAULTS.dropMiddle)) parts = [p.name.surname, p.name.givenName];
  let name = parts.join(' ');
  if (rng.chance(FAULTS.nameTypo)) name = typo(rng, name);
  if (rng.chance(FAULTS.upperName)) name = upperNoDiacritics(name);
  return rng.chance(0.05) ? extraSpaces(rng, name) : name;
}

function mistype(rng: Rng, id: string): string {
  const i = rng.int(0, id.length - 1);
  const d = (Number(id[i]) + rng.int(1, 9)) % 10;
  return `${id.slice(0, i)}${d}${id.slice(i + 1)}`;
}

function renderId(rng: Rng, p: SynthPerson): Petitioner['idDocument'] | undefined {
  if (rng.chance(FAULTS.missingId)) return undefined;
  if (p.cmnd !== null && rng.chance(0.3)) return { type: 'CMND', number: p.cmnd };
  const number = rng.chance(FAULTS.cccdTypo) ? mistype(rng, p.cccd) : p.cccd;
  return { type: 'CCCD', number };
}

function renderAddress(rng: Rng, p: SynthPerson): Petitioner['address'] | undefined {
  if (rng.chance(FAULTS.missingAddress)) return undefined;
  const a = rng.chance(FAULTS.movedAddress) ? generateQuyNhonAddress(rng) : p.address;
  if (rng.chance(FAULTS.newStyleAddress)) {
    const local = formatQuyNhonAddress(a, 'abbrev').split(', ')[0] ?? '';
    return { text: `${local}, ${a.ward.newName}, tỉnh Gia Lai`, provinceCode: '52' };
  }
  const text = formatQuyNhonAddressMessy(rng, a);
  return rng.chance(0.6)
    ? {
        text,
        legacyProvinceCode: a.oldProvinceCode,
        legacyDistrictCode: a.oldDistrictCode,
        legacyCommuneCode: a.ward.code,
      }
    : { text };
}

function renderBirth(rng: Rng, p: SynthPerson): Pick<Petitioner, 'birthYear' | 'birthDate'> {
  if (rng.chance(FAULTS.missingBirthYear)) return {};
  if (rng.chance(FAULTS.birthYearOff)) return { birthYear: p.birthDate.year + rng.pick([-1, 1]) };
  return rng.chance(0.4)
    ? { birthYear: p.birthDate.year, birthDate: formatIsoDate(p.birthDate) }
    : { birthYear: p.birthDate.year };
}

/** Renders one petitioner as a source would send it (already mapped onto the canonical shape). */
export function renderPetitioner(rng: Rng, p: SynthPerson, style: TextStyle): Petitioner {
  const id = renderId(rng, p);
  const address = renderAddress(rng, p);
  const phone = rng.chance(FAULTS.missingPhone)
    ? undefined
    : (rng.chance(FAULTS.changedPhone)
        ? `09${String(rng.int(0, 99_999_999)).padStart(8, '0')}`
        : formatPhoneMessy(rng, p.phone)
      ).replace(/[^0-9+]/gu, '');
  return {
    kind: 'PERSON',
    name: style(renderName(rng, p)),
    ...(id === undefined ? {} : { idDocument: id }),
    ...renderBirth(rng, p),
    ...(rng.chance(FAULTS.missingSex) ? {} : { sex: p.sex }),
    ...(address === undefined ? {} : { address: { ...address, text: style(address.text) } }),
    ...(phone === undefined ? {} : { phone }),
  };
}

const PREFIXES = [
  '',
  '',
  'Đơn khiếu nại về việc: ',
  'Công dân trình bày: ',
  'Kính gửi UBND thành phố. ',
  'Nội dung: ',
];
const SUFFIXES = [
  '',
  '',
  ' Đề nghị xem xét giải quyết.',
  ' Trân trọng cảm ơn.',
  ' Kính mong quý cơ quan xem xét.',
];

/** A summary as retyped by another reception officer: boilerplate around it, a word lost. */
export function retype(rng: Rng, summary: string): string {
  let words = summary.split(' ');
  if (rng.chance(0.3) && words.length > 8) {
    const i = rng.int(1, words.length - 2);
    words = [...words.slice(0, i), ...words.slice(i + 1)];
  }
  return `${rng.pick(PREFIXES)}${words.join(' ')}${rng.pick(SUFFIXES)}`;
}
