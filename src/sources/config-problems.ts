/**
 * Checks a console source's adapter config against the adapter's JSON Schema and turns each
 * failure into a DraftProblem on "config.<path>" that says what to enter, in words an IT officer
 * can act on. A oneOf (authentication kinds, connection by URL or by host) is reported against
 * the branch the config chose, not as a wall of errors from every branch. Values are never
 * echoed: a secret pasted into the wrong field must not come back in a message.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { DraftProblem } from './console-contract.ts';
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
    return [problem([...path, kinds.key], `Choose one of: ${kinds.values.join(', ')}.`)];
  const forms = branches.map((b) => requiredOf(b).join(' + ')).filter((f) => f !== '');
  return [problem(path, `Fill in one of these sets of settings: ${forms.join('; or ')}.`)];
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

function problem(path: readonly string[], message: string): DraftProblem {
  return { field: ['config', ...path].join('.'), message };
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
      const what =
        isObject(sub) && typeof sub['description'] === 'string' ? sub['description'] : '';
      return problem([...path, missing], `Required: enter a value.${what ? ` ${what}` : ''}`);
    }
    case 'additionalProperties': {
      const extra = String(p['additionalProperty']);
      return problem(
        [...path, extra],
        `"${extra}" is not a setting of this adapter: remove it (check the spelling).`,
      );
    }
    default:
      return problem(path, messageFor(e.keyword, p, pointer(root, schemaParent(e.schemaPath))));
  }
}

function schemaParent(schemaPath: string): string {
  return schemaPath.replace(/^#/, '').replace(/\/[^/]+$/, '');
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'yes or no (true/false)',
  array: 'a list',
  object: 'a group of settings',
};

function messageFor(keyword: string, p: Record<string, unknown>, node: unknown): string {
  const described = isObject(node) && typeof node['description'] === 'string';
  const tail = described ? ` ${String(node['description'])}` : '';
  switch (keyword) {
    case 'type':
      return `Enter ${TYPE_WORDS[String(p['type'])] ?? String(p['type'])}.${tail}`;
    case 'minimum':
    case 'exclusiveMinimum':
      return `Enter a number ${keyword === 'minimum' ? 'of at least' : 'above'} ${String(p['limit'])}.`;
    case 'maximum':
    case 'exclusiveMaximum':
      return `Enter a number ${keyword === 'maximum' ? 'of at most' : 'below'} ${String(p['limit'])}.`;
    case 'minLength':
      return p['limit'] === 1
        ? `Enter a value.${tail}`
        : `Enter at least ${String(p['limit'])} characters.`;
    case 'maxLength':
      return `Enter at most ${String(p['limit'])} characters.`;
    case 'pattern':
      return `Not in the expected form (it must match ${String(p['pattern'])}).${tail}`;
    case 'format':
      return formatMessage(String(p['format']));
    case 'enum':
      return `Choose one of: ${(p['allowedValues'] as unknown[]).map(String).join(', ')}.${tail}`;
    case 'const':
      return `Must be ${String(p['allowedValue'])}.`;
    case 'minItems':
      return `Enter at least ${String(p['limit'])} item(s).`;
    default:
      return `Not accepted (${keyword}).${tail}`;
  }
}

function formatMessage(format: string): string {
  if (format === 'uri') return 'Enter a full address, such as https://dondu.example.vn.';
  if (format === 'date-time') return 'Enter a date and time, such as 2026-01-31T08:00:00+07:00.';
  return `Enter a valid ${format}.`;
}

/** One problem per field: messages of the same field joined, duplicates dropped. */
function dedupe(problems: readonly DraftProblem[]): DraftProblem[] {
  const byField = new Map<string, string[]>();
  for (const p of problems) {
    const messages = byField.get(p.field) ?? [];
    if (!messages.includes(p.message)) messages.push(p.message);
    byField.set(p.field, messages);
  }
  return [...byField].map(([field, messages]) => ({ field, message: messages.join(' ') }));
}
