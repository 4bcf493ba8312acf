/**
 * Problems an adapter found in ONE record before any mapping, e.g. an XML field larger than the
 * source's limit (the adapter drops the text and notes where). The adapter contract has one
 * channel per record (the payload), so the adapter writes them under the reserved key
 * "#defects" (no XML element or sensible JSON field starts with "#"), and the mapping rejects
 * such a record with them: one record rejected, not the whole run.
 */
import type { FieldError } from '../core/field-error.ts';
import type { ErrorCode } from '../lib/errors.ts';

/** The payload key under which an adapter lists the problems of one record. */
export const SOURCE_DEFECTS_KEY = '#defects';

/** One problem an adapter found in a record (JSON-serialisable; no personal value). */
export interface SourceDefect {
  /** Path of the element inside the record, e.g. "Don.NoiDungDon". */
  readonly path: string;
  readonly code: 'KNTC_SOURCE_TOO_LARGE' | 'KNTC_SOURCE_BAD_PAYLOAD';
  readonly message: string;
}

const CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'KNTC_SOURCE_TOO_LARGE',
  'KNTC_SOURCE_BAD_PAYLOAD',
]);

/** The FieldErrors for the defects an adapter listed in `payload` (none: empty list). */
export function defectErrors(payload: object): FieldError[] {
  if (!Object.hasOwn(payload, SOURCE_DEFECTS_KEY)) return [];
  const listed: unknown = (payload as Record<string, unknown>)[SOURCE_DEFECTS_KEY];
  const list: readonly unknown[] = Array.isArray(listed) ? listed : [listed];
  return list.map((d) => {
    const { path, code, message } = (typeof d === 'object' && d !== null ? d : {}) as {
      path?: unknown;
      code?: unknown;
      message?: unknown;
    };
    const known = typeof code === 'string' && CODES.has(code);
    return {
      field: '(record)',
      ...(typeof path === 'string' ? { sourceField: path } : {}),
      code: known ? (code as SourceDefect['code']) : 'KNTC_RECORD_BAD_VALUE',
      message: typeof message === 'string' ? message : 'The adapter found this record unusable',
    };
  });
}
