/**
 * TCVN3 (ABC) ⇄ Unicode. Decoding reads VN3 and the VN1 extras (tcvn3-table.ts) and returns NFC.
 *
 * Capitals with a tone do not exist in VN3: ".VnTimeH" fonts draw the lower-case codes as
 * capitals, so "NGUYỄN" typed in ".VnTimeH" is stored as "NGUY" + ễ + "N" (or all in lower-case
 * codes). Repair, per word: when a word has at least two capitals the bytes can tell (ASCII
 * A–Z, Ă Â Ê Ô Ơ Ư Đ, VN1 capitals) and no ASCII lower-case letter, the whole word is
 * upper-cased ("NGUYễN" → "NGUYỄN", "ĐOàN" → "ĐOÀN"). What stays lossy: a word with fewer
 * than two such capitals keeps the lower-case letter ("HÀ" written in ".VnTimeH" reads "Hà",
 * "Ánh" reads "ánh"), and a word typed entirely in lower-case codes under ".VnTimeH" reads
 * lower case. The mapping may fold case where it matters (lookups); names keep what the bytes say.
 */
import { TCVN3_LETTERS, TCVN5712_VN1_EXTRA } from './tcvn3-table.ts';

const DECODE: readonly string[] = Array.from({ length: 256 }, (_, b) => {
  if (b < 0x80) return String.fromCharCode(b);
  return TCVN3_LETTERS[b] ?? TCVN5712_VN1_EXTRA[b] ?? String.fromCharCode(b);
});

/** Bytes whose letter is unambiguously upper case. */
const UPPER_BYTES: ReadonlySet<number> = new Set(
  DECODE.flatMap((ch, b) =>
    b >= 0x80 && ch !== ch.toLowerCase() ? [b] : b >= 0x41 && b <= 0x5a ? [b] : [],
  ),
);

const LOWER_CODES = new Map<string, number>();
const VN1_CODES = new Map<string, number>();
for (const [b, ch] of Object.entries(TCVN3_LETTERS)) LOWER_CODES.set(ch, Number(b));
for (const [b, ch] of Object.entries(TCVN5712_VN1_EXTRA)) VN1_CODES.set(ch, Number(b));

function isWordByte(b: number): boolean {
  return (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b >= 0x80;
}

/** Decodes TCVN3 bytes to NFC text, repairing the case of ".VnTimeH" capitals (see above). */
export function decodeTcvn3(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const start = i;
    while (i < bytes.length && isWordByte(bytes[i] as number)) i += 1;
    if (i > start) out += decodeWord(bytes.subarray(start, i));
    else {
      out += DECODE[bytes[i] as number] as string;
      i += 1;
    }
  }
  return out.normalize('NFC');
}

function decodeWord(word: Uint8Array): string {
  let upper = 0;
  let asciiLower = 0;
  let text = '';
  for (const b of word) {
    if (UPPER_BYTES.has(b)) upper += 1;
    else if (b >= 0x61 && b <= 0x7a) asciiLower += 1;
    text += DECODE[b] as string;
  }
  return upper >= 2 && asciiLower === 0 ? text.toUpperCase() : text;
}

/** How the encoder writes a capital with a tone, which VN3 cannot write. */
export type Tcvn3Capitals = 'lower-codes' | 'vn1';

/**
 * Encodes text as TCVN3. Capitals with a tone become their lower-case code ('lower-codes', what
 * ABC with ".VnTimeH" produces) or their VN1 code ('vn1'). A character TCVN3 cannot write
 * becomes "?". For fixtures and the commune export simulator.
 */
export function encodeTcvn3(text: string, capitals: Tcvn3Capitals = 'lower-codes'): Buffer {
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    const code = ch.charCodeAt(0);
    if (ch.length === 1 && code < 0x80) out.push(code);
    else out.push(codeOf(ch, capitals));
  }
  return Buffer.from(out);
}

function codeOf(ch: string, capitals: Tcvn3Capitals): number {
  const direct = LOWER_CODES.get(ch);
  if (direct !== undefined) return direct;
  if (capitals === 'vn1') {
    const vn1 = VN1_CODES.get(ch);
    if (vn1 !== undefined) return vn1;
  }
  return LOWER_CODES.get(ch.toLowerCase()) ?? 0x3f;
}
