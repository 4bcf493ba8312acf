/**
 * What a sync cursor may look like when a person types one (the cursor page, the service's
 * setCursor): a non-empty JSON object of at most 50 settings whose values are text, finite
 * numbers or null, as the adapters write them. One rule for the page and the service, so the
 * page never accepts a cursor the service then refuses.
 */
import type { Cursor } from '../../adapters/contract.ts';

const MAX_KEYS = 50;
const MAX_KEY = 100;
const MAX_TEXT = 2000;

function isCursorValue(v: unknown): boolean {
  return (
    v === null ||
    (typeof v === 'number' && Number.isFinite(v)) ||
    (typeof v === 'string' && v.length <= MAX_TEXT)
  );
}

/** True when `value` is a cursor a person may set. */
export function isCursor(value: unknown): value is Cursor {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return (
    entries.length > 0 &&
    entries.length <= MAX_KEYS &&
    entries.every(([k, v]) => k !== '' && k.length <= MAX_KEY && isCursorValue(v))
  );
}
