/**
 * How a transform reports a data error without throwing: it returns a StepFailure, which the
 * engine turns into a FieldError with the canonical and source field paths it alone knows.
 * Returning a value instead of throwing keeps the per-record hot path free of exceptions.
 */
import type { ErrorCode } from '../../lib/errors.ts';

/** Record-level error codes a transform may report. */
export type StepFailureCode = Extract<
  ErrorCode,
  'KNTC_RECORD_BAD_DATE' | 'KNTC_RECORD_UNKNOWN_CODE' | 'KNTC_RECORD_BAD_VALUE'
>;

/** A data error found by a transform; `reason` completes "Field <source field> …". */
export class StepFailure {
  constructor(
    readonly code: StepFailureCode,
    /** Completes the sentence "<Kind> in field X …"; never contains the value itself. */
    readonly reason: string,
  ) {}
}

/** One step of a value pipeline: a value in, a value or a StepFailure out. */
export type Step = (value: unknown) => unknown;

/**
 * Applies a step to a value, or to each element when the value is a list (xml2js and `split`
 * produce lists); the first failing element fails the whole value.
 */
export function lift(step: Step): Step {
  return (value) => {
    if (!Array.isArray(value)) return step(value);
    const out: unknown[] = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const r = step(value[i]);
      if (r instanceof StepFailure) return r;
      out[i] = r;
    }
    return out;
  };
}

/** A source scalar as text (numbers and booleans as JSON spells them), or null for anything else. */
export function scalarText(value: unknown): string | null {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'undefined':
    case 'object':
    case 'function':
    case 'symbol':
      return null;
  }
}
