/**
 * Vietnamese text to comparable forms. Sources send the same word as NFC or NFD, with "Ð"
 * (U+00D0) for "Đ", with the old or new tone placement (hòa/hoà), or upper case without
 * diacritics. Two forms come out: a canonical one that keeps diacritics (NFC, Đ folded, new tone
 * placement) and a folded key (lower case ASCII, one space between words). Originals are never
 * replaced: callers keep both.
 */

const TONES = '[\u0300\u0301\u0303\u0309\u0323]';
const END = '(?![\\p{L}\\p{M}])';
// Syllable-final oa, oe, uy only ("mùa", "quý" never move); "qu" is a consonant cluster.
const OLD_TO_NEW = [
  new RegExp(`([oO])(${TONES})([aAeE])${END}`, 'gu'),
  new RegExp(`(?<![qQ])([uU])(${TONES})([yY])${END}`, 'gu'),
];
const MOVABLE = /[òóõỏọùúũủụ][aey]/iu;

/** Ð (U+00D0) and ð (U+00F0), look-alikes typed for Đ/đ, become Đ (U+0110) / đ (U+0111). */
export function foldDj(s: string): string {
  return s.replace(/\u00D0/gu, '\u0110').replace(/\u00F0/gu, '\u0111');
}

/** Moves tone marks of syllable-final oa/oe/uy onto the second vowel (hòa → hoà); NFC out. */
export function newTonePlacement(nfcText: string): string {
  if (!MOVABLE.test(nfcText)) return nfcText;
  const nfd = nfcText.normalize('NFD');
  return OLD_TO_NEW.reduce((t, re) => t.replace(re, '$1$3$2'), nfd).normalize('NFC');
}

/** Canonical form with diacritics: NFC, Đ folded, new tone placement, single spaces, trimmed. */
export function canonicalText(s: string): string {
  return newTonePlacement(foldDj(s.normalize('NFC')))
    .replace(/\s+/gu, ' ')
    .trim();
}

/** True when the text carries any Vietnamese diacritic (or đ). */
export function hasDiacritics(s: string): boolean {
  return /[^\p{ASCII}]/u.test(s) && /[\u0300-\u036f]|[đĐÐð]/u.test(s.normalize('NFD'));
}

const FOLD_CACHE = new Map<number, number>();
const SPACE = 32;
const DROP = 0;

/** The folded ASCII code of a non-ASCII character: a letter, SPACE, or DROP (a combining mark). */
function foldCode(code: number): number {
  let out = FOLD_CACHE.get(code);
  if (out === undefined) {
    const ch = String.fromCharCode(code);
    const base = ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    if (code === 0xd0 || code === 0xf0 || code === 0x110 || code === 0x111)
      out = 100; // đ → d
    else if (/^[a-z0-9]$/u.test(base)) out = base.charCodeAt(0);
    else out = /^\p{M}$/u.test(ch) ? DROP : SPACE;
    FOLD_CACHE.set(code, out);
  }
  return out;
}

/**
 * Folded key: lower case, diacritics and đ removed, anything not a letter or digit → one space.
 * Works code by code with a cache: several times faster than NFD + regular expressions on the
 * long texts of petition summaries.
 */
export function foldKey(s: string): string {
  const codes: number[] = [];
  let space = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let f: number;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) f = c;
    else if (c >= 65 && c <= 90) f = c + 32;
    else if (c < 128) f = SPACE;
    else f = foldCode(c);
    if (f === SPACE) {
      if (!space) codes.push(SPACE);
      space = true;
    } else if (f !== DROP) {
      codes.push(f);
      space = false;
    }
  }
  if (codes[codes.length - 1] === SPACE) codes.pop();
  let out = '';
  for (let i = 0; i < codes.length; i += 4096) {
    out += String.fromCharCode(...codes.slice(i, i + 4096));
  }
  return out;
}

/** Canonical lower-case form that keeps diacritics (for tone-aware comparison). */
export function tonedKey(s: string): string {
  return canonicalText(s)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
