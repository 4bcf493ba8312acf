/**
 * `number: integer | decimal` — reads a number from a JSON number or from text. Decimals use a
 * point; "1.000" is one, not a thousand, so sources that write thousands separators need a new
 * named transform rather than a guess.
 */
import { StepFailure, type Step } from './failure.ts';

/** The number kinds a mapping may ask for. */
export const NUMBER_KINDS = ['integer', 'decimal'] as const;
/** A number kind. */
export type NumberKind = (typeof NUMBER_KINDS)[number];

const INTEGER_RE = /^[+-]?\d+$/u;
const DECIMAL_RE = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)$/u;

/** Builds the `number:` step. */
export function numberStep(kind: NumberKind): Step {
  const integer = kind === 'integer';
  const fail = new StepFailure(
    'KNTC_RECORD_BAD_VALUE',
    `is not ${integer ? 'a whole number' : 'a number'}`,
  );
  const re = integer ? INTEGER_RE : DECIMAL_RE;
  return (value) => {
    let n: number;
    if (typeof value === 'number') n = value;
    else if (typeof value === 'string' && re.test(value.trim())) n = Number(value.trim());
    else return fail;
    if (!Number.isFinite(n) || (integer && !Number.isSafeInteger(n))) return fail;
    return n;
  };
}
