/**
 * Compiles a `fields:` map into closures: resolves each target path against the target schema,
 * refuses paths the target does not have, and dispatches to leaf, group (`fields`, optionally
 * guarded by `when`) and list (`each`) rules.
 */
import { addProblem, TargetClaims, type CompileContext, type YamlPath } from './compile-context.ts';
import { compileLeaf, type Target } from './compile-leaf.ts';
import { isEmpty, missingError } from './record-errors.ts';
import { compileSourcePath, displayPath } from './source-path.ts';
import { compileMerger, compileSetter, parseTargetPath } from './target-path.ts';
import {
  isGroupSchema,
  itemsOf,
  propertiesOf,
  resolveTarget,
  type SchemaNode,
} from './target-schema.ts';
import type { FieldMapSpec, FieldRun, RuleSpec } from './types.ts';

const LEAF_KEYS = [
  'from',
  'const',
  'default',
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

function refuseLeafKeys(
  rule: RuleSpec,
  what: string,
  at: YamlPath,
  ctx: CompileContext,
  allowed: readonly (typeof LEAF_KEYS)[number][] = [],
): void {
  const extra = LEAF_KEYS.filter((k) => rule[k] !== undefined && !allowed.includes(k));
  if (extra.length > 0)
    addProblem(ctx, at, `${what} cannot have ${extra.join(', ')}: put them on its fields`);
}

function runAll(runs: readonly FieldRun[]): FieldRun {
  return (src, out, errors, sp, tp) => {
    for (const r of runs) r(src, out, errors, sp, tp);
  };
}

function hasKeys(obj: Record<string, unknown>): boolean {
  for (const _k in obj) return true;
  return false;
}

function compileGroup(
  rule: RuleSpec,
  target: Target,
  at: YamlPath,
  ctx: CompileContext,
  claims: TargetClaims,
): FieldRun | null {
  const fields = rule.fields ?? {};
  refuseLeafKeys(rule, 'a group', at, ctx);
  if (!isGroupSchema(target.node)) {
    addProblem(ctx, at, `${target.display} holds a single value, not a group of fields`);
    return null;
  }
  const inner = runAll(
    compileFieldMap(fields, target.node, [...at, 'fields'], ctx, claims.within(target.display)),
  );
  const when = rule.when === undefined ? null : compileSourcePath(rule.when);
  const merge = compileMerger(target.segs);
  const prefix = `${target.display}.`;
  return (src, out, errors, sp, tp) => {
    if (when !== null && isEmpty(when.get(src))) return;
    const obj: Record<string, unknown> = {};
    inner(src, obj, errors, sp, tp + prefix);
    if (hasKeys(obj)) merge(out, obj);
  };
}

function compileEach(
  rule: RuleSpec & { each: string },
  target: Target,
  at: YamlPath,
  ctx: CompileContext,
  claims: TargetClaims,
): FieldRun | null {
  refuseLeafKeys(rule, 'an each list', at, ctx, ['default']);
  const emptyDefault = eachDefault(rule, at, ctx);
  const items = itemsOf(target.node);
  if (items === null || !isGroupSchema(items)) {
    addProblem(ctx, [...at, 'each'], `${target.display} is not a list of records`);
    return null;
  }
  if (rule.fields === undefined) {
    addProblem(ctx, at, 'each needs fields: the parts of every list element');
    return null;
  }
  const scope = TargetClaims.root(`${claims.prefix}${target.display}[].`);
  const inner = runAll(compileFieldMap(rule.fields, items, [...at, 'fields'], ctx, scope));
  const list = compileSourcePath(rule.each);
  const when = rule.when === undefined ? null : compileSourcePath(rule.when);
  const set = compileSetter(target.segs);
  const optional = rule.optional === true;
  return (src, out, errors, sp, tp) => {
    if (when !== null && isEmpty(when.get(src))) return;
    const raw = list.get(src);
    if (raw === undefined || raw === null || raw === '') {
      // An empty XML container (<DanhSachNguoiGui/>) reads as '' and its child as undefined.
      if (emptyDefault) set(out, []);
      else if (!optional) errors.push(missingError(tp + target.display, sp + list.display, raw));
      return;
    }
    // xml2js without explicitArray gives a lone element as an object, not a one-element list.
    const elements: readonly unknown[] = Array.isArray(raw) ? raw : [raw];
    const result: Record<string, unknown>[] = new Array<Record<string, unknown>>(elements.length);
    for (let i = 0; i < elements.length; i++) {
      const obj: Record<string, unknown> = {};
      inner(
        elements[i],
        obj,
        errors,
        `${sp}${list.display}[${i}].`,
        `${tp}${target.display}[${i}].`,
      );
      result[i] = obj;
    }
    set(out, result);
  };
}

/** True for `default: []` (an empty list when the source list is missing); refuses other defaults. */
function eachDefault(rule: RuleSpec, at: YamlPath, ctx: CompileContext): boolean {
  if (rule.default === undefined) return false;
  if (Array.isArray(rule.default) && rule.default.length === 0) {
    if (rule.optional === true) addProblem(ctx, at, 'use optional or default, not both');
    return true;
  }
  addProblem(ctx, [...at, 'default'], 'an each list can only have default: [] (an empty list)');
  return false;
}

function resolve(
  key: string,
  node: SchemaNode,
  at: YamlPath,
  ctx: CompileContext,
  scope: string,
): Target | null {
  const segs = parseTargetPath(key);
  if (segs === null) {
    addProblem(
      ctx,
      at,
      `"${key}" is not a target path (write it like receipt.receivedAt or petitioners[0].name)`,
    );
    return null;
  }
  const target = resolveTarget(node, segs);
  if (target === null) {
    const here = Object.keys(propertiesOf(node) ?? {}).join(', ');
    const of = scope === '' ? (ctx.targetName ?? 'the canonical record') : scope.slice(0, -1);
    addProblem(ctx, at, `"${key}" is not a field of ${of} (its fields: ${here})`);
    return null;
  }
  return { segs, display: displayPath(segs), node: target };
}

function compileRule(
  rule: RuleSpec,
  target: Target,
  at: YamlPath,
  ctx: CompileContext,
  claims: TargetClaims,
): FieldRun | null {
  if (rule.each !== undefined) {
    return compileEach({ ...rule, each: rule.each }, target, at, ctx, claims);
  }
  if (rule.fields !== undefined) return compileGroup(rule, target, at, ctx, claims);
  if (rule.optional === true && rule.default !== undefined) {
    addProblem(ctx, at, 'use optional or default, not both');
  }
  if (Array.isArray(rule.default)) {
    addProblem(ctx, [...at, 'default'], 'default: [] is only for each lists');
    return null;
  }
  return compileLeaf(rule, target, at, ctx);
}

/** Compiles a `fields:` map whose targets are relative to `node`; problems go to ctx. */
export function compileFieldMap(
  fields: FieldMapSpec,
  node: SchemaNode,
  at: YamlPath,
  ctx: CompileContext,
  claims: TargetClaims,
): FieldRun[] {
  const runs: FieldRun[] = [];
  for (const [key, rule] of Object.entries(fields)) {
    const here = [...at, key];
    const target = resolve(key, node, here, ctx, claims.prefix);
    if (target === null) continue;
    if (ctx.reserved.has(claims.prefix + target.display)) {
      addProblem(
        ctx,
        here,
        `${target.display} is set by the hub itself; remove it from the mapping`,
      );
      continue;
    }
    const clash =
      rule.fields === undefined || rule.each !== undefined ? claims.claim(target.display) : null;
    if (clash !== null) {
      addProblem(
        ctx,
        here,
        `${claims.prefix}${target.display} is already written by the rule for ${clash}`,
      );
      continue;
    }
    const run = compileRule(rule, target, here, ctx, claims);
    if (run !== null) runs.push(run);
  }
  return runs;
}
