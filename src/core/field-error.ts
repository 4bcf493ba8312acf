/**
 * A data error in one source record: which canonical field, which source field, which value,
 * and why. This is what provincial IT sees in the rejected-records list.
 */
import type { ErrorCode } from '../lib/errors.ts';

/** One reason a record could not be mapped or validated. */
export interface FieldError {
  /** Canonical field path, e.g. "receipt.receivedAt" or "petitioners[0].name". */
  readonly field: string;
  /** Source field path the value came from, e.g. "ngayNhan"; absent for schema-only errors. */
  readonly sourceField?: string;
  /** The offending source value as text (may be personal data: stored, never logged). */
  readonly value?: string;
  readonly code: ErrorCode;
  /** What is wrong, for a provincial IT officer; never contains the value itself. */
  readonly message: string;
}

/** The result of mapping or validating a record: the petition, or the reasons it failed. */
export type RecordResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: readonly FieldError[] };
