/**
 * Checks a console source's adapter config against the adapter's JSON Schema and turns each
 * failure into a DraftProblem on "config.<path>" that says what to enter, in words an IT officer
 * can act on. A oneOf (authentication kinds, connection by URL or by host) is reported against
 * the branch the config chose, not as a wall of errors from every branch. Values are never
 * echoed: a secret pasted into the wrong field must not come back in a message.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { DraftProblem, ProblemPart } from './console-contract.ts';
import { part, problemOf, type ProblemKey } from './problem-text.ts';
import { isObject } from './secret-fields.ts';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const compiled = new WeakMap<object, ValidateFunction>();

type Schema = Readonly<Record<string, unknown>>;

function validator(schema: Schema): ValidateFunction {
  let v = compiled.get(schema);
  if (v === undefined) {
    v = ajv.compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

/** Problems of `config` under `schema`, one per "config.<path>"; empty when it is valid. */
export function configProblems(schema: Schema, config: unknown): DraftProblem[] {
  return dedupe(problemsAt(schema, config, []));
}

function problemsAt(schema: Schema, value: unknown, at: readonly string[]): DraftProblem[] {
  const validate = validator(schema);
  if (validate(value)) return [];
  const errors = validate.errors ?? [];
  const alternatives = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf');
  const inBranch = (e: ErrorObject): boolean =>
    alternatives.some((a) => e !== a && e.schemaPath.startsWith(`${a.schemaPath}/`));
  const out: DraftProblem[] = [];
  for (const e of errors) {
    if (inBranch(e)) continue;
    if (alternatives.includes(e)) out.push(...branchProblems(schema, value, e, at));
    else out.push(describe(schema, e, at));
  }
  return out;
}

/** The problems of the oneOf branch the value chose, or one problem listing the choices. */
function branchProblems(
  root: Schema,
  rootValue: unknown,
  e: ErrorObject,
  at: readonly string[],
): DraftProblem[] {
  const node = pointer(root, e.schemaPath.replace(/^#/, ''));
  const branches = Array.isArray(node) ? node.filter(isObject) : [];
  const path = [...at, ...instanceKeys(e.instancePath)];
  const value = instanceKeys(e.instancePath).reduce<unknown>(
    (n, k) => (isObject(n) ? n[k] : undefined),
    rootValue,
  );
  const chosen = pickBranch(branches, value);
  if (chosen !== null) return problemsAt(chosen, value, path);
  const kinds = discriminator(branches);
  if (kinds !== null)
    return [problem([...path, kinds.key], part('chooseOne', { values: kinds.values.join(', ') }))];
  const forms = branches.map((b) => requiredOf(b).join(' + ')).filter((f) => f !== '');
  return [problem(path, part('fillOneOf', { forms: forms.join('; ') }))];
}

/** The branch a value chose: by its const fields (e.g. type: apiKey), else by the keys it uses. */
function pickBranch(branches: readonly Schema[], value: unknown): Schema | null {
  if (!isObject(value)) return null;
  const kinds = discriminator(branches);
  const matches = kinds
    ? branches.filter((b) => constOf(b, kinds.key) === value[kinds.key])
    : branches.filter((b) => {
        const props = isObject(b['properties']) ? b['properties'] : {};
        return Object.keys(value).every((k) => k in props);
      });
  return matches.length === 1 ? (matches[0] ?? null) : null;
}

function constOf(branch: Schema, key: string): unknown {
  const props = isObject(branch['properties']) ? branch['properties'] : {};
  const p = props[key];
  return isObject(p) ? p['const'] : undefined;
}

/** The property every branch fixes with a const (e.g. "type"), and its values. */
function discriminator(branches: readonly Schema[]): { key: string; values: string[] } | null {
  const first = branches[0];
  if (first === undefined || !isObject(first['properties'])) return null;
  for (const key of Object.keys(first['properties'])) {
    const values = branches.map((b) => constOf(b, key));
    if (values.every((v) => v !== undefined)) return { key, values: values.map(String) };
  }
  return null;
}

function requiredOf(schema: Schema): string[] {
  return Array.isArray(schema['required']) ? schema['required'].map(String) : [];
}

function pointer(schema: unknown, ptr: string): unknown {
  return ptr
    .split('/')
    .filter((s) => s !== '')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>(
      (n, k) => (Array.isArray(n) ? n[Number(k)] : isObject(n) ? n[k] : undefined),
      schema,
    );
}

function instanceKeys(instancePath: string): string[] {
  return instancePath
    .split('/')
    .filter((s) => s !== '')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function problem(path: readonly string[], ...parts: ProblemPart[]): DraftProblem {
  return problemOf(['config', ...path].join('.'), ...parts);
}

/** The schema's own description of a node, as a last sentence; none when it has none. */
function noteOf(node: unknown): ProblemPart[] {
  const text = isObject(node) ? node['description'] : undefined;
  return typeof text === 'string' && text !== '' ? [part('schemaNote', { text })] : [];
}

/** One ajv error in words; the property's own description is added where the schema has one. */
function describe(root: Schema, e: ErrorObject, at: readonly string[]): DraftProblem {
  const path = [...at, ...instanceKeys(e.instancePath)];
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': {
      const missing = String(p['missingProperty']);
      const sub = pointer(
        root,
        `${e.schemaPath.replace(/^#|\/required$/g, '')}/properties/${missing}`,
      );
      return problem([...path, missing], part('required'), ...noteOf(sub));
    }
    case 'additionalProperties': {
      const extra = String(p['additionalProperty']);
      return problem([...path, extra], part('notASetting', { name: extra }));
    }
    default:
      return problem(path, ...partsFor(e.keyword, p, pointer(root, schemaParent(e.schemaPath))));
  }
}

function schemaParent(schemaPath: string): string {
  return schemaPath.replace(/^#/, '').replace(/\/[^/]+$/, '');
}

const TYPE_KEYS: Readonly<Record<string, ProblemKey>> = {
  integer: 'typeInteger',
  number: 'typeNumber',
  string: 'typeString',
  boolean: 'typeBoolean',
  array: 'typeArray',
  object: 'typeObject',
};

/** What to enter, for one failed keyword; the node's description is added where it helps. */
function partsFor(keyword: string, p: Record<string, unknown>, node: unknown): ProblemPart[] {
  const limit = String(p['limit']);
  switch (keyword) {
    case 'type': {
      const type = String(p['type']);
      return [part(TYPE_KEYS[type] ?? 'typeOther', { type }), ...noteOf(node)];
    }
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum':
    case 'maxLength':
    case 'minItems':
      return [part(keyword, { limit })];
    case 'minLength':
      return p['limit'] === 1
        ? [part('enterValue'), ...noteOf(node)]
        : [part('minLength', { limit })];
    case 'pattern':
      return [part('pattern', { pattern: String(p['pattern']) }), ...noteOf(node)];
    case 'format':
      return [formatPart(String(p['format']))];
    case 'enum': {
      const values = (p['allowedValues'] as unknown[]).map(String).join(', ');
      return [part('enum', { values }), ...noteOf(node)];
    }
    case 'const':
      return [part('const', { value: String(p['allowedValue']) })];
    default:
      return [part('notAccepted', { keyword }), ...noteOf(node)];
  }
}

function formatPart(format: string): ProblemPart {
  if (format === 'uri') return part('formatUri');
  if (format === 'date-time') return part('formatDateTime');
  return part('formatOther', { format });
}

/** One problem per field: the sentences of one field joined, repeated ones dropped. */
function dedupe(problems: readonly DraftProblem[]): DraftProblem[] {
  const byField = new Map<string, ProblemPart[]>();
  for (const p of problems) {
    const parts = byField.get(p.field) ?? [];
    for (const q of p.parts ?? []) {
      const same = (r: ProblemPart): boolean =>
        r.key === q.key && JSON.stringify(r.params) === JSON.stringify(q.params);
      if (!parts.some(same)) parts.push(q);
    }
    byField.set(p.field, parts);
  }
  return [...byField].map(([field, parts]) => problemOf(field, ...parts));
}
