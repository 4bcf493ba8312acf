/**
 * `lookup: <table>` — translates a source code into a canonical value through a table of the
 * mapping's `lookups`. Codes are compared as text ("01" ≠ "1"), so YAML keys must be quoted to
 * keep leading zeros. An unknown code is a data error, never a guess.
 */
import { scalarText, StepFailure, type Step } from './failure.ts';

/** A lookup table: source code → canonical value. */
export type LookupTable = Readonly<Record<string, string | number | boolean>>;

/** Builds the `lookup:` step for one table. */
export function lookupStep(name: string, table: LookupTable): Step {
  const map = new Map(Object.entries(table));
  const known = [...map.keys()].join(', ');
  const fail = new StepFailure(
    'KNTC_RECORD_UNKNOWN_CODE',
    `is not a code of lookup table ${name} (known codes: ${known})`,
  );
  return (value) => {
    const s = scalarText(value);
    if (s === null) return fail;
    const hit = map.get(s);
    return hit === undefined ? fail : hit;
  };
}
