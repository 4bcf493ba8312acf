/**
 * Yes/no answers computed from values, for targets that hold a flag the source system (or the
 * canonical record) expresses as a count or a code — used by the outbound mapping:
 * `atLeast: 5` — a number is at least 5 (five or more signers make a many-signer petition);
 * `anyOf: [true, TC]` — one of the values read (`from` may list several paths) is one of these.
 */
import { scalarText, StepFailure, type Step } from './failure.ts';

/** Builds the `atLeast:` step: number (or numeric text) ≥ threshold → true / false. */
export function atLeastStep(threshold: number): Step {
  const fail = new StepFailure('KNTC_RECORD_BAD_VALUE', 'is not a number');
  return (value) => {
    const n = typeof value === 'number' ? value : Number(scalarText(value) ?? Number.NaN);
    return Number.isFinite(n) ? n >= threshold : fail;
  };
}

/**
 * Builds the `anyOf:` step: true when the value — or any element of a list of values — equals
 * one of `wanted` (compared as text, so `true` matches the boolean true).
 */
export function anyOfStep(wanted: readonly (string | number | boolean)[]): Step {
  const set = new Set(wanted.map((w) => String(w)));
  return (value) => {
    const values = Array.isArray(value) ? (value as unknown[]) : [value];
    return values.some((v) => {
      const s = scalarText(v);
      return s !== null && set.has(s);
    });
  };
}
