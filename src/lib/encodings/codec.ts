/**
 * The text encodings the hub reads, and one decoder/encoder per encoding. Every decoder returns
 * NFC text (TCVN 6909 storage form): decomposed input (Windows-1258, some Unicode producers)
 * is composed. "Ð" (U+00D0) stays as it is: folding look-alikes is the mapping's job.
 */
import iconv from 'iconv-lite';
import { decodeTcvn3, encodeTcvn3, type Tcvn3Capitals } from './tcvn3.ts';
import { decodeVni, encodeVni } from './vni.ts';
import { decodeWindows1258, encodeWindows1258 } from './windows-1258.ts';

/** Every encoding the hub reads, by the name a source config uses. */
export const TEXT_ENCODINGS = [
  'utf-8',
  'utf-16le',
  'utf-16be',
  'windows-1258',
  'tcvn3',
  'vni',
] as const;

/** One of TEXT_ENCODINGS. */
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

/** The single-byte legacy encodings, in the order detection tries them. */
export const LEGACY_ENCODINGS = ['windows-1258', 'tcvn3', 'vni'] as const;

/** A legacy single-byte encoding. */
export type LegacyEncoding = (typeof LEGACY_ENCODINGS)[number];

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** True when the bytes are valid UTF-8. */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Decodes bytes (without BOM) to NFC text. Invalid UTF-8 sequences become U+FFFD. */
export function decodeAs(bytes: Uint8Array, encoding: TextEncoding): string {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(bytes).toString('utf8').normalize('NFC');
    case 'utf-16le':
      return iconv.decode(Buffer.from(bytes), 'utf-16le').normalize('NFC');
    case 'utf-16be':
      return iconv.decode(Buffer.from(bytes), 'utf-16be').normalize('NFC');
    case 'windows-1258':
      return decodeWindows1258(bytes);
    case 'tcvn3':
      return decodeTcvn3(bytes);
    case 'vni':
      return decodeVni(bytes);
    default: {
      const unknown: never = encoding;
      throw new TypeError(`unknown encoding ${String(unknown)}`);
    }
  }
}

/** Options of encodeAs. */
export interface EncodeOptions {
  /** TCVN3 only: how to write capitals with a tone (default 'lower-codes'). */
  readonly tcvn3Capitals?: Tcvn3Capitals;
}

/** Encodes text (no BOM); for fixtures and simulators. Unwritable characters become "?". */
export function encodeAs(
  text: string,
  encoding: TextEncoding,
  options: EncodeOptions = {},
): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-16le':
      return iconv.encode(text, 'utf-16le');
    case 'utf-16be':
      return iconv.encode(text, 'utf-16be');
    case 'windows-1258':
      return encodeWindows1258(text);
    case 'tcvn3':
      return encodeTcvn3(text, options.tcvn3Capitals);
    case 'vni':
      return encodeVni(text);
    default: {
      const unknown: never = encoding;
      throw new TypeError(`unknown encoding ${String(unknown)}`);
    }
  }
}
