/**
 * `extract: "<regular expression>"` — keeps the part of a text a pattern captures: the group
 * named `value` if the pattern has one, else group 1, else the whole match. No match means the
 * value is absent (so `optional` / `default` apply). Patterns are compiled once, at load.
 */
import { scalarText, StepFailure, type Step } from './failure.ts';

/** Checks a pattern at load; returns the regular-expression error, or null when it compiles. */
export function extractPatternProblem(pattern: string): string | null {
  try {
    new RegExp(pattern, 'u');
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** Builds the `extract:` step (the pattern must have passed extractPatternProblem). */
export function extractStep(pattern: string): Step {
  const re = new RegExp(pattern, 'u');
  const fail = new StepFailure('KNTC_RECORD_BAD_VALUE', 'is not text');
  return (value) => {
    const s = scalarText(value);
    if (s === null) return fail;
    const m = re.exec(s);
    if (m === null) return null;
    return m.groups?.['value'] ?? (m.length > 1 ? m[1] : m[0]) ?? null;
  };
}
