/**
 * Text variants that real sources produce for the same Vietnamese text: decomposed Unicode
 * (NFD, from Windows-1258 and some Unicode producers), the Icelandic "Ð" (U+00D0) typed for
 * "Đ" (U+0110), upper case without diacritics, stray spaces, and the old versus new tone-mark
 * placement (hòa/hoà, thủy/thuỷ). Pure functions; the ones that need chance take an Rng.
 */
import type { Rng } from './rng.ts';

const TONES = '[\u0300\u0301\u0303\u0309\u0323]';
const END = '(?![\\p{L}\\p{M}])';
// Syllable-final oa, oe and uy only ("mùa", "quý" never move); "qu" is a consonant, hence (?<![qQ]).
const PAIRS = ['([oO])(%T)([aAeE])', '(?<![qQ])([uU])(%T)([yY])'];
const TO_NEW = PAIRS.map((p) => new RegExp(p.replace('%T', TONES) + END, 'gu'));
const TO_OLD = PAIRS.map(
  (p) =>
    new RegExp(
      p
        .replace('(%T)([aAeE])', '([aAeE])(%T)')
        .replace('(%T)([yY])', '([yY])(%T)')
        .replace('%T', TONES) + END,
      'gu',
    ),
);

// Quick rejection in NFC: a movable tone needs oa/oe/uy with a tone mark on one of the pair.
const CANDIDATE = /[òóõỏọùúũủụ][aey]|o[àáãảạèéẽẻẹ]|u[ỳýỹỷỵ]/iu;

/** Decomposes text (NFD): base letters followed by combining marks. */
export function toNFD(text: string): string {
  return text.normalize('NFD');
}

/** Replaces "Đ" (U+0110) by the look-alike "Ð" (U+00D0), as some keyboards and fonts do. */
export function wrongD(text: string): string {
  return text.replaceAll('\u0110', '\u00D0');
}

/** Removes diacritics (and turns đ/Đ/Ð into d/D): "Nguyễn Thị Hoà" → "Nguyen Thi Hoa". */
export function stripDiacritics(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đ]/g, 'd').replace(/[ĐÐ]/g, 'D');
}

/** Upper case without diacritics: "Nguyễn Thị Hoà" → "NGUYEN THI HOA". */
export function upperNoDiacritics(text: string): string {
  return stripDiacritics(text).toUpperCase();
}

/** Adds stray spaces: doubled between words, sometimes leading or trailing. */
export function extraSpaces(rng: Rng, text: string): string {
  const words = text.split(' ');
  const joined = words.map((w, i) => (i > 0 && rng.chance(0.4) ? ` ${w}` : w)).join(' ');
  const lead = rng.chance(0.5) ? ' ' : '';
  const trail = rng.chance(0.5) ? '  ' : '';
  const result = `${lead}${joined}${trail}`;
  return result === text ? ` ${text}  ` : result;
}

/**
 * Moves tone marks of syllable-final oa/oe/uy to one placement: "old" puts the mark on the first
 * vowel (hòa, thủy), "new" on the second (hoà, thuỷ). Result is NFC.
 */
export function tonePlacement(text: string, style: 'old' | 'new'): string {
  const nfc = text.normalize('NFC');
  if (!CANDIDATE.test(nfc)) return nfc;
  const nfd = nfc.normalize('NFD');
  const patterns = style === 'old' ? TO_OLD : TO_NEW;
  return patterns.reduce((t, re) => t.replace(re, '$1$3$2'), nfd).normalize('NFC');
}
