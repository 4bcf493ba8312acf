/** The closed set of named transforms a mapping may use; anything else is new code here. */
export { StepFailure, lift, scalarText, type Step, type StepFailureCode } from './failure.ts';
export { TEXT_TRANSFORMS, isTextTransform, type TextTransformName } from './text.ts';
export { dateStep, dateFormatProblem, isRealDate } from './date.ts';
export { numberStep, NUMBER_KINDS, type NumberKind } from './number.ts';
export { booleanStep, type BooleanOptions } from './boolean.ts';
export { splitStep, joinStep, type SplitOptions } from './split-join.ts';
export { extractStep, extractPatternProblem } from './extract.ts';
export { lookupStep, type LookupTable } from './lookup.ts';
export { anyOfStep, atLeastStep } from './compare.ts';
