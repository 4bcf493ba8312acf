/**
 * Compiles a leaf rule (`from` or `const`) into a closure, after checking at load everything
 * that can be known without data: one conversion at most, the lookup table exists and its
 * values fit the target, the date format and pattern are valid, `const` / `default` fit.
 */
import { addProblem, type CompileContext, type YamlPath } from './compile-context.ts';
import { failureError, isEmpty, missingError } from './record-errors.ts';
import { compileSourcePath, type SourcePath } from './source-path.ts';
import { compileSetter } from './target-path.ts';
import {
  acceptsKind,
  itemsOf,
  isGroupSchema,
  valueProblem,
  type SchemaNode,
} from './target-schema.ts';
import { dateFormatProblem, extractPatternProblem, StepFailure } from './transforms/index.ts';
import type { FieldError } from '../core/field-error.ts';
import type { FieldRun, RuleSpec } from './types.ts';
import { buildPipeline, conversionKeys } from './value-pipeline.ts';

/** A resolved target: its segments, its path as shown, and its schema. */
export interface Target {
  readonly segs: readonly (string | number)[];
  readonly display: string;
  readonly node: SchemaNode;
}

const VALUE_KEYS = [
  'join',
  'text',
  'extract',
  'split',
  'date',
  'number',
  'boolean',
  'lookup',
  'atLeast',
  'anyOf',
] as const;

function givesList(rule: RuleSpec): boolean {
  if (rule.anyOf !== undefined) return false;
  const split = rule.split;
  const splitList = split !== undefined && (typeof split === 'string' || split.take === undefined);
  return (Array.isArray(rule.from) && rule.join === undefined) || splitList;
}

function checkLookup(rule: RuleSpec, node: SchemaNode, at: YamlPath, ctx: CompileContext): void {
  const name = rule.lookup;
  if (name === undefined) return;
  const table = ctx.lookups[name];
  if (table === undefined) {
    const known = Object.keys(ctx.lookups).join(', ') || 'none';
    addProblem(
      ctx,
      [...at, 'lookup'],
      `lookup table "${name}" is not defined under lookups (defined: ${known})`,
    );
    return;
  }
  const id = `${name}|${at.join('.')}`;
  if (ctx.checkedLookups.has(id)) return;
  ctx.checkedLookups.add(id);
  for (const [code, value] of Object.entries(table)) {
    const why = valueProblem(node, value);
    if (why !== null) {
      addProblem(
        ctx,
        ['lookups', name, code],
        `maps to a value that ${String(at.at(-1))} cannot hold: ${why}`,
      );
    }
  }
}

function checkConversion(
  rule: RuleSpec,
  node: SchemaNode,
  at: YamlPath,
  ctx: CompileContext,
): void {
  const conv = conversionKeys(rule);
  if (conv.length > 1) addProblem(ctx, at, `use only one of ${conv.join(', ')} in one field`);
  if (rule.date !== undefined) {
    const why = dateFormatProblem(rule.date);
    if (why !== null)
      addProblem(ctx, [...at, 'date'], `date format "${rule.date}" is unusable: ${why}`);
  }
  if (rule.extract !== undefined) {
    const why = extractPatternProblem(rule.extract);
    if (why !== null) addProblem(ctx, [...at, 'extract'], `pattern does not compile: ${why}`);
  }
  for (const kind of ['date', 'number', 'boolean'] as const) {
    if (rule[kind] !== undefined && !acceptsKind(node, kind)) {
      addProblem(ctx, [...at, kind], `the target field cannot hold a ${kind}`);
    }
  }
  for (const key of ['atLeast', 'anyOf'] as const) {
    if (rule[key] !== undefined && !acceptsKind(node, 'boolean')) {
      addProblem(
        ctx,
        [...at, key],
        `${key} gives yes/no but the target field cannot hold a boolean`,
      );
    }
  }
  checkLookup(rule, node, at, ctx);
}

function checkLeaf(rule: RuleSpec, target: Target, at: YamlPath, ctx: CompileContext): SchemaNode {
  if ((rule.from === undefined) === (rule.const === undefined)) {
    addProblem(ctx, at, 'a field needs exactly one of from, const (or fields / each for a group)');
  }
  if (rule.const !== undefined) {
    const extra = VALUE_KEYS.filter((k) => rule[k] !== undefined);
    if (extra.length > 0) addProblem(ctx, at, `const cannot be combined with ${extra.join(', ')}`);
  }
  const list = givesList(rule);
  const items = itemsOf(target.node);
  if (list && (items === null || isGroupSchema(items))) {
    addProblem(
      ctx,
      at,
      'this rule gives a list but the target holds one value: add join, or split.take',
    );
  }
  const node = list && items !== null ? items : target.node;
  if (isGroupSchema(target.node)) {
    addProblem(ctx, at, `${target.display} is a group of fields: map its parts under fields:`);
  }
  for (const key of ['const', 'default'] as const) {
    const v = rule[key];
    const why = v === undefined ? null : valueProblem(node, v);
    if (why !== null) addProblem(ctx, [...at, key], `the value ${why}`);
  }
  checkConversion(rule, node, at, ctx);
  return node;
}

interface LeafPlan {
  readonly read: (src: unknown) => unknown;
  readonly source: string;
  readonly field: string;
  readonly when: SourcePath | null;
  readonly set: (out: Record<string, unknown>, v: unknown) => void;
  readonly fallback: (
    out: Record<string, unknown>,
    errors: FieldError[],
    sp: string,
    tp: string,
    raw: unknown,
    why: StepFailure | null,
  ) => void;
}

function reader(from: string | readonly string[]): {
  read: (src: unknown) => unknown;
  source: string;
} {
  if (typeof from === 'string') {
    const p = compileSourcePath(from);
    return { read: p.get, source: p.display };
  }
  const ps = from.map(compileSourcePath);
  return { read: (src) => ps.map((p) => p.get(src)), source: ps.map((p) => p.display).join(' + ') };
}

function plan(rule: RuleSpec, target: Target): LeafPlan {
  const { read, source } = reader(rule.from ?? []);
  const set = compileSetter(target.segs);
  const dflt = rule.default;
  const optional = rule.optional === true;
  const field = target.display;
  return {
    read,
    source,
    field,
    when: rule.when === undefined ? null : compileSourcePath(rule.when),
    set,
    fallback: (out, errors, sp, tp, raw, why) => {
      if (dflt !== undefined) set(out, dflt);
      else if (optional) return;
      else if (why !== null) errors.push(failureError(why, tp + field, sp + source, raw));
      else errors.push(missingError(tp + field, sp + source, raw));
    },
  };
}

/** Checks and compiles a leaf rule; returns null when the rule has problems (recorded in ctx). */
export function compileLeaf(
  rule: RuleSpec,
  target: Target,
  at: YamlPath,
  ctx: CompileContext,
): FieldRun | null {
  const before = ctx.problems.length;
  checkLeaf(rule, target, at, ctx);
  if (ctx.problems.length > before) return null;
  const p = plan(rule, target);
  const when = p.when;
  if (rule.const !== undefined) {
    const c = rule.const;
    return (src, out) => {
      if (when === null || !isEmpty(when.get(src))) p.set(out, c);
    };
  }
  const { pre, convert } = buildPipeline(rule, ctx.lookups);
  const softUnknown = ctx.unknownCode === 'default';
  return (src, out, errors, sp, tp) => {
    if (when !== null && isEmpty(when.get(src))) return;
    const raw = p.read(src);
    let v = raw;
    for (const step of pre) {
      v = step(v);
      if (v instanceof StepFailure) {
        errors.push(failureError(v, tp + p.field, sp + p.source, raw));
        return;
      }
    }
    if (isEmpty(v)) return p.fallback(out, errors, sp, tp, raw, null);
    if (convert !== null) {
      v = convert(v);
      if (v instanceof StepFailure) {
        if (softUnknown && v.code === 'KNTC_RECORD_UNKNOWN_CODE')
          return p.fallback(out, errors, sp, tp, raw, v);
        errors.push(failureError(v, tp + p.field, sp + p.source, raw));
        return;
      }
    }
    p.set(out, v);
  };
}
