/**
 * Load-time check that an outbound mapping writes every field its target requires: a required
 * field without a rule would make every submission fail on the national side, so it stops the
 * load instead, naming the field. Nested objects are checked where the mapping writes them.
 */
import { addProblem, type CompileContext, type YamlPath } from './compile-context.ts';
import { parseTargetPath } from './target-path.ts';
import { itemsOf, propertiesOf, type SchemaNode } from './target-schema.ts';
import type { FieldMapSpec } from './types.ts';

/** "a.b[0].c" → "a.b[].c", or null for a malformed path (reported by the compiler). */
function normalise(key: string): string | null {
  const segs = parseTargetPath(key);
  if (segs === null) return null;
  return segs.reduce<string>((acc, s) => {
    if (typeof s === 'number') return `${acc}[]`;
    return acc === '' ? s : `${acc}.${s}`;
  }, '');
}

/** Every target path the map writes, lists as "name[]" (their elements' fields below it). */
function written(fields: FieldMapSpec, prefix: string, out: Set<string>): Set<string> {
  for (const [key, rule] of Object.entries(fields)) {
    const path = normalise(key);
    if (path === null) continue;
    const full = prefix + path;
    if (rule.each !== undefined) {
      out.add(`${full}[]`);
      written(rule.fields ?? {}, `${full}[].`, out);
    } else {
      out.add(full);
      if (rule.fields !== undefined) written(rule.fields, `${full}.`, out);
    }
  }
  return out;
}

function isWritten(paths: ReadonlySet<string>, full: string): boolean {
  if (paths.has(full) || paths.has(`${full}[]`)) return true;
  for (const p of paths) if (p.startsWith(`${full}.`) || p.startsWith(`${full}[]`)) return true;
  return false;
}

function check(
  node: SchemaNode,
  prefix: string,
  paths: ReadonlySet<string>,
  missing: string[],
): void {
  const props = propertiesOf(node) ?? {};
  const required = Array.isArray(node['required']) ? (node['required'] as string[]) : [];
  for (const r of required) if (!isWritten(paths, prefix + r)) missing.push(prefix + r);
  for (const [name, child] of Object.entries(props)) {
    const full = prefix + name;
    if (!isWritten(paths, full)) continue;
    const items = itemsOf(child);
    if (items !== null) check(items, `${full}[].`, paths, missing);
    else if (propertiesOf(child) !== null) check(child, `${full}.`, paths, missing);
  }
}

/** Adds a problem for each required target field the map at `at` leaves without a rule. */
export function checkRequiredTargets(
  fields: FieldMapSpec,
  target: SchemaNode,
  at: YamlPath,
  ctx: CompileContext,
): void {
  const missing: string[] = [];
  check(target, '', written(fields, '', new Set()), missing);
  for (const m of missing) {
    addProblem(ctx, at, `the target requires ${m.replaceAll('[]', '[n]')}, but no rule writes it`);
  }
}
