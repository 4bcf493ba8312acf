/**
 * Windows-1258 ⇄ Unicode through iconv-lite. Windows-1258 has only some precomposed letters
 * and writes tones as separate combining marks, so what it decodes is partly decomposed:
 * decoding composes it (NFC). Encoding writes every tone as a combining mark, as Windows does
 * for letters the code page has no precomposed form of.
 */
import iconv from 'iconv-lite';

const TONE = /[\u0300\u0301\u0303\u0309\u0323]/gu;

/** Decodes Windows-1258 bytes to NFC text. */
export function decodeWindows1258(bytes: Uint8Array): string {
  return iconv.decode(Buffer.from(bytes), 'windows1258').normalize('NFC');
}

/** Encodes text as Windows-1258 with tones as combining marks; unknown characters become "?". */
export function encodeWindows1258(text: string): Buffer {
  let prepared = '';
  for (const ch of text.normalize('NFC')) {
    const nfd = ch.normalize('NFD');
    const tones = nfd.match(TONE)?.join('') ?? '';
    prepared += nfd.replace(TONE, '').normalize('NFC') + tones;
  }
  return iconv.encode(prepared, 'windows1258');
}
