/**
 * Builds the value pipeline of a leaf rule from its keys, always in this order whatever order
 * the YAML lists them: join → text → extract → split → one conversion (date | number |
 * boolean | lookup | atLeast | anyOf). Steps apply to each element when the value is a list,
 * except anyOf, which answers for the list as a whole.
 */
import {
  anyOfStep,
  atLeastStep,
  booleanStep,
  dateStep,
  extractStep,
  isTextTransform,
  joinStep,
  lift,
  lookupStep,
  numberStep,
  scalarText,
  splitStep,
  StepFailure,
  TEXT_TRANSFORMS,
  type LookupTable,
  type Step,
} from './transforms/index.ts';
import type { RuleSpec } from './types.ts';

/** The steps before the emptiness check, and the conversion after it. */
export interface Pipeline {
  readonly pre: readonly Step[];
  readonly convert: Step | null;
}

function textStep(names: readonly string[]): Step {
  const fns = names.filter(isTextTransform).map((n) => TEXT_TRANSFORMS[n]);
  const fail = new StepFailure('KNTC_RECORD_BAD_VALUE', 'is not text');
  return lift((value) => {
    if (value === null || value === undefined) return value;
    let s = scalarText(value);
    if (s === null) return fail;
    for (const f of fns) s = f(s);
    return s;
  });
}

function conversion(rule: RuleSpec, lookups: Readonly<Record<string, LookupTable>>): Step | null {
  if (rule.date !== undefined) return lift(dateStep(rule.date));
  if (rule.number !== undefined) return lift(numberStep(rule.number));
  if (rule.boolean !== undefined) return lift(booleanStep(rule.boolean));
  if (rule.lookup !== undefined) {
    const table = lookups[rule.lookup];
    return table === undefined ? null : lift(lookupStep(rule.lookup, table));
  }
  if (rule.atLeast !== undefined) return lift(atLeastStep(rule.atLeast));
  if (rule.anyOf !== undefined) return anyOfStep(rule.anyOf);
  return null;
}

/** Compiles a leaf rule's steps (keys already checked by the compiler). */
export function buildPipeline(
  rule: RuleSpec,
  lookups: Readonly<Record<string, LookupTable>>,
): Pipeline {
  const pre: Step[] = [];
  if (rule.join !== undefined) pre.push(joinStep(rule.join));
  if (rule.text !== undefined) pre.push(textStep(rule.text));
  if (rule.extract !== undefined) pre.push(lift(extractStep(rule.extract)));
  if (rule.split !== undefined) {
    pre.push(splitStep(typeof rule.split === 'string' ? { by: rule.split } : rule.split));
  }
  return { pre, convert: conversion(rule, lookups) };
}

/** The conversion keys: a rule uses at most one. */
export const CONVERSION_KEYS = ['date', 'number', 'boolean', 'lookup', 'atLeast', 'anyOf'] as const;

/** Names of the conversion keys a rule uses (at most one is allowed). */
export function conversionKeys(rule: RuleSpec): (typeof CONVERSION_KEYS)[number][] {
  return CONVERSION_KEYS.filter((k) => rule[k] !== undefined);
}
