/**
 * Vietnamese personal names in parts: surname (họ) first, given name (tên) last, middle names
 * (tên đệm) between. Matching compares folded tokens, and toned tokens only when both sides
 * were written with diacritics ("NGUYEN THI HOA" says nothing about the tones).
 */
import { canonicalText, foldKey, hasDiacritics, tonedKey } from './text.ts';

/** A name in parts, beside the original. */
export interface NameParts {
  readonly original: string;
  /** NFC, Đ folded, new tone placement. */
  readonly canonical: string;
  /** Folded tokens, surname first. */
  readonly folded: readonly string[];
  /** "nguyen thi hoa". */
  readonly key: string;
  readonly surname: string;
  readonly middle: readonly string[];
  readonly given: string;
  /** Toned lower-case key ("nguyễn thị hoà"), null when written without diacritics. */
  readonly toned: string | null;
}

/** Splits a full name into parts; null when it has no letters. */
export function parseName(original: string): NameParts | null {
  const key = foldKey(original);
  if (key === '') return null;
  const folded = key.split(' ');
  const surname = folded[0] ?? '';
  const given = folded[folded.length - 1] ?? '';
  return {
    original,
    canonical: canonicalText(original),
    folded,
    key,
    surname,
    middle: folded.slice(1, -1),
    given,
    toned: hasDiacritics(original) ? tonedKey(original) : null,
  };
}
