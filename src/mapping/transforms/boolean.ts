/**
 * `boolean: { trueWords: [...], falseWords: [...] }` — reads yes/no values. JSON booleans pass
 * through; text and numbers are compared, trimmed and lower-cased, with the word lists. Without
 * lists the usual Vietnamese and English words apply. Anything else is a data error, not false.
 */
import { StepFailure, type Step } from './failure.ts';

/** Words read as true when a mapping gives no `trueWords`. */
export const DEFAULT_TRUE_WORDS = ['true', '1', 'x', 'có', 'co', 'c', 'yes', 'y'] as const;
/** Words read as false when a mapping gives no `falseWords`. */
export const DEFAULT_FALSE_WORDS = ['false', '0', 'không', 'khong', 'k', 'no', 'n'] as const;

/** Options of the boolean step. */
export interface BooleanOptions {
  readonly trueWords?: readonly (string | number)[];
  readonly falseWords?: readonly (string | number)[];
}

function normalise(word: string | number): string {
  return String(word).trim().normalize('NFC').toLowerCase();
}

/** Builds the `boolean:` step. */
export function booleanStep(options: BooleanOptions): Step {
  const yes = new Set((options.trueWords ?? DEFAULT_TRUE_WORDS).map(normalise));
  const no = new Set((options.falseWords ?? DEFAULT_FALSE_WORDS).map(normalise));
  const fail = new StepFailure(
    'KNTC_RECORD_BAD_VALUE',
    'is not one of the yes/no words of the mapping',
  );
  return (value) => {
    if (typeof value === 'boolean') return value;
    if (typeof value !== 'string' && typeof value !== 'number') return fail;
    const w = normalise(value);
    if (yes.has(w)) return true;
    if (no.has(w)) return false;
    return fail;
  };
}
