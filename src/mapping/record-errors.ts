/**
 * FieldErrors for source data the mapping cannot use. Messages name the source field and say
 * what is wrong so a provincial IT officer can fix the record; the value itself goes only into
 * `value` (stored for IT staff, never logged).
 */
import type { FieldError } from '../core/field-error.ts';
import type { StepFailure } from './transforms/index.ts';

const NOUN: Record<StepFailure['code'], string> = {
  KNTC_RECORD_BAD_DATE: 'Date',
  KNTC_RECORD_UNKNOWN_CODE: 'Code',
  KNTC_RECORD_BAD_VALUE: 'Value',
};

/** A source value as text for FieldError.value; undefined when there is no value at all. */
export function valueText(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'object':
      return value === null ? undefined : JSON.stringify(value);
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
}

function withValue(e: Omit<FieldError, 'value'>, raw: unknown): FieldError {
  const value = valueText(raw);
  return value === undefined ? e : { ...e, value };
}

/** The error for a transform that refused a value. */
export function failureError(
  failure: StepFailure,
  field: string,
  sourceField: string,
  raw: unknown,
): FieldError {
  const message = `${NOUN[failure.code]} in field ${sourceField} ${failure.reason}`;
  return withValue({ field, sourceField, code: failure.code, message }, raw);
}

/** The error for a required value that is absent or empty. */
export function missingError(field: string, sourceField: string, raw: unknown): FieldError {
  return withValue(
    {
      field,
      sourceField,
      code: 'KNTC_RECORD_FIELD_MISSING',
      message: `Required field ${sourceField} is missing or empty (it fills ${field})`,
    },
    raw,
  );
}

/** The error for a source record that is not an object at all. */
export function notARecordError(raw: unknown): FieldError {
  return withValue(
    {
      field: '(record)',
      code: 'KNTC_RECORD_BAD_VALUE',
      message: 'The source record is not an object: check the adapter and the record format',
    },
    raw,
  );
}

/** True for values that count as absent: undefined, null, blank text, an empty list. */
export function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  return Array.isArray(value) && value.length === 0;
}
