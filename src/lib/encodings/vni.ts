/**
 * VNI ⇄ Unicode. VNI spells a letter as an ASCII base plus a mark byte (vni-table.ts); decoding
 * turns mark bytes into combining marks and composes the result (NFC). A mark byte after a
 * letter it cannot go with stays a loose combining mark: the plausibility score then rejects
 * the candidate. Bytes VNI does not use decode as Windows-1252 (VNI fonts keep those glyphs).
 */
import iconv from 'iconv-lite';
import { VNI_LETTERS, VNI_MARKS, VNI_UPPER_MARK_OFFSET } from './vni-table.ts';

const CP1252 = iconv.decode(Buffer.from(Array.from({ length: 256 }, (_, b) => b)), 'windows1252');

const DECODE: readonly string[] = Array.from({ length: 256 }, (_, b) => {
  if (b < 0x80) return String.fromCharCode(b);
  return VNI_LETTERS[b] ?? VNI_MARKS[b] ?? VNI_MARKS[b + VNI_UPPER_MARK_OFFSET] ?? CP1252.charAt(b);
});

/** Decodes VNI bytes to NFC text. */
export function decodeVni(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += DECODE[b] as string;
  return out.normalize('NFC');
}

const LETTER_CODES = new Map<string, number>(
  Object.entries(VNI_LETTERS).map(([b, ch]) => [ch, Number(b)]),
);
const MARK_CODES = new Map<string, number>(
  Object.entries(VNI_MARKS).map(([b, marks]) => [marks, Number(b)]),
);
const HORN = '\u031b';
const DIACRITICS = new Set(['\u0302', '\u0306']);

function byDiacriticFirst(a: string, b: string): number {
  return Number(DIACRITICS.has(b)) - Number(DIACRITICS.has(a));
}

/** Encodes text as VNI; a character VNI cannot write becomes "?". For fixtures and simulators. */
export function encodeVni(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) out.push(...codesOf(ch));
  return Buffer.from(out);
}

function codesOf(ch: string): number[] {
  const code = ch.charCodeAt(0);
  if (ch.length === 1 && code < 0x80) return [code];
  const single = LETTER_CODES.get(ch);
  if (single !== undefined) return [single];
  const [base = '', ...marks] = [...ch.normalize('NFD')];
  const upper = base !== base.toLowerCase();
  const horned = marks[0] === HORN;
  // ơ and ư are single bytes: the base then carries the horn, the mark byte only the tone.
  const head = horned ? LETTER_CODES.get(`${base}${HORN}`.normalize('NFC')) : base.charCodeAt(0);
  // NFD orders the dot below before the circumflex; the mark table lists diacritic, then tone.
  const rest = (horned ? marks.slice(1) : marks).sort(byDiacriticFirst).join('');
  if (head === undefined || head >= 0x100 || (!horned && base.charCodeAt(0) >= 0x80)) return [0x3f];
  if (rest === '') return [head];
  const mark = MARK_CODES.get(rest);
  if (mark === undefined) return [0x3f];
  return [head, upper ? mark - VNI_UPPER_MARK_OFFSET : mark];
}
