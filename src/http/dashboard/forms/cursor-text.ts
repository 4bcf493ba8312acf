/**
 * Reads the cursor box of the cursor page: a cursor as the service accepts it
 * (src/sources/cursor-shape.ts, one rule for both), or empty / `null` to pull from the beginning.
 */
import type { Cursor } from '../../../../adapters/contract.ts';
import { isCursor } from '../../../sources/cursor-shape.ts';
import { t, type Lang } from '../messages.ts';

/** The cursor a box holds, or why it holds none. */
export type CursorText =
  | { readonly ok: true; readonly cursor: Cursor | null }
  | { readonly ok: false; readonly message: string };

/** Parses the cursor box. */
export function parseCursorText(text: string, lang: Lang): CursorText {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === 'null') return { ok: true, cursor: null };
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return { ok: false, message: `${t(lang, 'formBadJson')}. ${t(lang, 'cursorBadShape')}` };
  }
  return isCursor(value)
    ? { ok: true, cursor: value }
    : { ok: false, message: t(lang, 'cursorBadShape') };
}
