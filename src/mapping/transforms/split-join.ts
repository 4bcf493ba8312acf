/**
 * `split` turns one text into a list ("a; b; c" → [a, b, c]), optionally taking one element;
 * `join` turns a list (several `from` paths, or a repeated XML element) into one text.
 * Empty parts are dropped on both sides so a missing piece never leaves a dangling separator.
 */
import { scalarText, StepFailure, type Step } from './failure.ts';

/** Options of `split`: the separator and, optionally, which part to keep (negative: from the end). */
export interface SplitOptions {
  readonly by: string;
  readonly take?: number;
}

/** Builds the `split:` step: text → list of trimmed non-empty parts, or the part `take`. */
export function splitStep(options: SplitOptions): Step {
  const fail = new StepFailure('KNTC_RECORD_BAD_VALUE', 'is not text that can be split');
  const { by, take } = options;
  return (value) => {
    const s = scalarText(value);
    if (s === null) return fail;
    const parts = s
      .split(by)
      .map((p) => p.trim())
      .filter((p) => p !== '');
    if (take === undefined) return parts;
    return parts.at(take) ?? null;
  };
}

/** Builds the `join:` step: list → the non-empty elements as text joined by `separator`. */
export function joinStep(separator: string): Step {
  const fail = new StepFailure('KNTC_RECORD_BAD_VALUE', 'contains a value that is not text');
  return (value) => {
    if (!Array.isArray(value)) return value;
    const texts: string[] = [];
    for (const v of value) {
      if (v === null || v === undefined) continue;
      const s = scalarText(v);
      if (s === null) return fail;
      if (s.trim() !== '') texts.push(s);
    }
    return texts.join(separator);
  };
}
