/**
 * VNI (VNI-Windows fonts such as "VNI-Times") byte → Unicode, as data. Bytes 0x00–0x7F are ASCII.
 *
 * VNI writes most Vietnamese letters as an ASCII base letter followed by one byte that carries
 * the diacritic and the tone together: "ấ" = "a" + 0xE1, "ở" = 0xF4 ("ơ") + 0xFB. A few letters
 * are single bytes (đ ơ ư, and ì í ỉ ĩ ị ỵ). Each mark byte exists twice, a lower-case form used
 * after a lower-case base and an upper-case form (0x20 lower) used after a capital; both decode
 * to the same combining marks, the case comes from the base letter. Decoding turns mark bytes
 * into Unicode combining marks and then composes (NFC). From the published VNI code chart.
 */

const GRAVE = '\u0300';
const ACUTE = '\u0301';
const TILDE = '\u0303';
const HOOK = '\u0309';
const DOT = '\u0323';
const CIRCUMFLEX = '\u0302';
const BREVE = '\u0306';

/** Single-byte letters (they stand alone, no base letter before them). */
// prettier-ignore
export const VNI_LETTERS: Readonly<Record<number, string>> = {
  0xf1: 'đ', 0xd1: 'Đ', 0xf4: 'ơ', 0xd4: 'Ơ', 0xf6: 'ư', 0xd6: 'Ư',
  0xec: 'ì', 0xcc: 'Ì', 0xed: 'í', 0xcd: 'Í', 0xe6: 'ỉ', 0xc6: 'Ỉ',
  0xf3: 'ĩ', 0xd3: 'Ĩ', 0xf2: 'ị', 0xd2: 'Ị', 0xee: 'ỵ', 0xce: 'Ỵ',
};

/** Mark bytes (lower-case form) → the combining marks they add to the letter before them. */
// prettier-ignore
export const VNI_MARKS: Readonly<Record<number, string>> = {
  // tone only
  0xf8: GRAVE, 0xf9: ACUTE, 0xfb: HOOK, 0xf5: TILDE, 0xef: DOT,
  // circumflex (a e o), alone and with each tone
  0xe2: CIRCUMFLEX, 0xe0: CIRCUMFLEX + GRAVE, 0xe1: CIRCUMFLEX + ACUTE,
  0xe5: CIRCUMFLEX + HOOK, 0xe3: CIRCUMFLEX + TILDE, 0xe4: CIRCUMFLEX + DOT,
  // breve (a), alone and with each tone
  0xea: BREVE, 0xe8: BREVE + GRAVE, 0xe9: BREVE + ACUTE,
  0xfa: BREVE + HOOK, 0xfc: BREVE + TILDE, 0xeb: BREVE + DOT,
};

/** Offset from a lower-case mark byte to its upper-case form (0xF9 → 0xD9). */
export const VNI_UPPER_MARK_OFFSET = 0x20;
