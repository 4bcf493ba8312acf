/**
 * Which encoding a file is in. In order: a byte-order mark; else valid UTF-8 (pure ASCII is
 * UTF-8); else each legacy single-byte encoding is decoded and scored by how plausible the
 * result is as Vietnamese (plausibility.ts), and the best one wins if it is plausible at all.
 * An explicit encoding in the source config skips detection. Pure functions, no I/O.
 */
import { HubError } from '../errors.ts';
import {
  LEGACY_ENCODINGS,
  decodeAs,
  isValidUtf8,
  type LegacyEncoding,
  type TextEncoding,
} from './codec.ts';
import { plausibility, type Plausibility } from './plausibility.ts';

/** Share of non-ASCII words that must be well-formed syllables for a legacy candidate. */
export const MIN_PLAUSIBLE_RATIO = 0.8;
/** Detection looks at this many bytes at most. */
const SAMPLE_BYTES = 256 * 1024;

/** A detected (or declared) encoding. */
export interface Detection {
  readonly encoding: TextEncoding;
  /** Length of the byte-order mark to skip (0 when none). */
  readonly bomLength: number;
  readonly how: 'explicit' | 'bom' | 'utf-8' | 'scored';
}

/** One legacy encoding tried on the bytes, with its score. */
export interface Candidate {
  readonly encoding: LegacyEncoding;
  readonly score: Plausibility;
}

/** The encoding announced by a byte-order mark, if any. */
export function bomOf(bytes: Uint8Array): Detection | null {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf)
    return { encoding: 'utf-8', bomLength: 3, how: 'bom' };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', bomLength: 2, how: 'bom' };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', bomLength: 2, how: 'bom' };
  return null;
}

/** Each legacy encoding's score on (a sample of) the bytes, best first. */
export function scoreCandidates(bytes: Uint8Array): Candidate[] {
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  const scored = LEGACY_ENCODINGS.map((encoding) => ({
    encoding,
    score: plausibility(decodeAs(sample, encoding)),
  }));
  return scored.sort(
    (x, y) => y.score.ratio - x.score.ratio || y.score.frequent - x.score.frequent,
  );
}

/** Detects the encoding; null when no candidate decodes to plausible Vietnamese. */
export function detectEncoding(bytes: Uint8Array): Detection | null {
  const bom = bomOf(bytes);
  if (bom !== null) return bom;
  if (isValidUtf8(bytes)) return { encoding: 'utf-8', bomLength: 0, how: 'utf-8' };
  const [best] = scoreCandidates(bytes);
  if (best === undefined || best.score.words === 0) return null;
  if (best.score.ratio < MIN_PLAUSIBLE_RATIO) return null;
  return { encoding: best.encoding, bomLength: 0, how: 'scored' };
}

/** True when the bytes look binary (NUL bytes without a UTF-16 byte-order mark). */
export function looksBinary(bytes: Uint8Array): boolean {
  const bom = bomOf(bytes);
  if (bom !== null && bom.encoding !== 'utf-8') return false;
  return bytes.subarray(0, SAMPLE_BYTES).includes(0);
}

/** What resolveEncoding needs: the declared encoding (or auto) and the file's name for errors. */
export interface ResolveOptions {
  readonly encoding: TextEncoding | 'auto';
  /** The file's name as the operator knows it (for the error message). */
  readonly fileName: string;
  readonly sourceId: string;
}

/**
 * The encoding of a whole file: declared or detected. Throws KNTC_SOURCE_ENCODING naming the
 * file when nothing is plausible, or when declared UTF-8 is not valid UTF-8.
 */
export function resolveEncoding(bytes: Uint8Array, options: ResolveOptions): Detection {
  const { encoding, fileName, sourceId } = options;
  const details = { sourceId, file: fileName };
  if (encoding !== 'auto') {
    const bom = bomOf(bytes);
    const bomLength = bom?.encoding === encoding ? bom.bomLength : 0;
    if (encoding === 'utf-8' && !isValidUtf8(bytes.subarray(bomLength))) {
      throw new HubError(
        'KNTC_SOURCE_ENCODING',
        `source "${sourceId}": file "${fileName}" is declared UTF-8 in the config but is not valid UTF-8`,
        { details },
      );
    }
    return { encoding, bomLength, how: 'explicit' };
  }
  const detected = detectEncoding(bytes);
  if (detected !== null) return detected;
  const tried = scoreCandidates(bytes)
    .map((c) => `${c.encoding} ${Math.round(c.score.ratio * 100)}%`)
    .join(', ');
  throw new HubError(
    'KNTC_SOURCE_ENCODING',
    `source "${sourceId}": the encoding of file "${fileName}" could not be recognised (not UTF-8; share of well-formed Vietnamese words: ${tried})`,
    { details },
  );
}
