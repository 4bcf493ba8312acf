/**
 * Reads the cursor box of the cursor page: a JSON object whose values are strings, numbers or
 * null (the adapters' Cursor), or empty / `null` to pull from the beginning.
 */
import type { Cursor } from '../../../../adapters/contract.ts';
import { t, type Lang } from '../messages.ts';
import { isPlainObject } from './schema-node.ts';

/** The cursor a box holds, or why it holds none. */
export type CursorText =
  | { readonly ok: true; readonly cursor: Cursor | null }
  | { readonly ok: false; readonly message: string };

function isCursorValue(v: unknown): boolean {
  return v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
}

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
  const values = isPlainObject(value) ? Object.values(value) : [];
  if (values.length === 0 || !values.every(isCursorValue)) {
    return { ok: false, message: t(lang, 'cursorBadShape') };
  }
  return { ok: true, cursor: value as Cursor };
}
