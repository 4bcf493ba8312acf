/**
 * Named text transforms (`text: [trim, nfc, …]`). Each is a pure string → string function;
 * the closed set is what a mapping may name. Vietnamese sources mix NFD and NFC, pad names with
 * spaces and type "Ð" (U+00D0, Icelandic eth) for "Đ" (U+0110): these transforms repair that.
 */
import { digits, alnum } from './digits.ts';
import { phoneVN } from './phone-vn.ts';

/** Removes leading and trailing white space. */
export const trim = (s: string): string => s.trim();

/** True for the characters JavaScript's \\s matches. */
function isSpace(c: number): boolean {
  if (c <= 0xa0) return c === 32 || (c >= 9 && c <= 13) || c === 0xa0;
  return (
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** True when the text has two white-space characters in a row, or one that is not a space. */
function needsCollapse(s: string): boolean {
  let prev = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const sp = isSpace(c);
    if (sp && (prev || c !== 32)) return true;
    prev = sp;
  }
  return false;
}

/** Turns every run of white space (including NBSP, tabs, newlines) into one space. */
export const collapseSpaces = (s: string): string =>
  needsCollapse(s) ? s.replace(/\s+/g, ' ') : s;

/**
 * Text that NFC leaves unchanged: Latin up to U+02FF and Latin Extended Additional (where the
 * precomposed Vietnamese letters live), general punctuation from U+2010, and no combining mark
 * to compose. Checking this first saves the costly normalisation for most text.
 */
const NFC_STABLE = /^[^\u0300-\u1dff\u1f00-\u200f\u2070-\uffff]*$/;

/** Unicode NFC: composes decomposed Vietnamese letters ("e" + U+0302 + U+0301 → "ế"). */
export const nfc = (s: string): string => (NFC_STABLE.test(s) ? s : s.normalize('NFC'));

/** Upper case (Vietnamese letters included). */
export const upper = (s: string): string => s.toUpperCase();

/** Lower case (Vietnamese letters included). */
export const lower = (s: string): string => s.toLowerCase();

/** Ð (U+00D0) → Đ (U+0110) and ð (U+00F0) → đ (U+0111): look-alikes typed on foreign keyboards. */
export const foldDj = (s: string): string =>
  s.indexOf('\u00D0') < 0 && s.indexOf('\u00F0') < 0
    ? s
    : s.replace(/\u00D0/gu, '\u0110').replace(/\u00F0/gu, '\u0111');

/** Every transform a mapping may list under `text:`, by name. */
export const TEXT_TRANSFORMS = {
  trim,
  collapseSpaces,
  nfc,
  upper,
  lower,
  foldDj,
  digits,
  alnum,
  phoneVN,
} as const satisfies Record<string, (s: string) => string>;

/** Name of a text transform. */
export type TextTransformName = keyof typeof TEXT_TRANSFORMS;

/** True when `name` is a known text transform. */
export function isTextTransform(name: string): name is TextTransformName {
  return Object.hasOwn(TEXT_TRANSFORMS, name);
}
