/**
 * The inverse of the config form: a posted state back to a config object, the new secret values
 * by config path, and what could not be read (a number that is not one, broken JSON) as
 * problems on their fields. It does not validate against the schema: the sources service does,
 * with the same field paths. Empty inputs are left out, so defaults apply.
 */
import type { DraftProblem } from '../../../sources/console-contract.ts';
import type { Lang } from '../messages.ts';
import { t } from '../messages.ts';
import {
  clearInputName,
  secretInputName,
  variantSelectName,
  type FormField,
} from './form-fields.ts';
import type { FormState } from './form-state.ts';
import { isLongText, unionTypes } from './schema-node.ts';

/** What a config form says. */
export interface ParsedConfig {
  readonly config: Record<string, unknown>;
  /** New secret values by config path; an empty password input keeps the stored one. */
  readonly secrets: Record<string, string>;
  /** Config paths of secrets whose stored value is to be removed (their box is ticked). */
  readonly clearSecrets: readonly string[];
  readonly problems: readonly DraftProblem[];
}

interface Acc {
  readonly state: FormState;
  readonly lang: Lang;
  readonly secrets: Record<string, string>;
  readonly cleared: string[];
  readonly problems: DraftProblem[];
}

/** Marks a field's problem; `undefined` lets the caller leave the field out. */
function problem(acc: Acc, field: FormField, message: string): undefined {
  acc.problems.push({ field: `config.${field.path}`, message });
  return undefined;
}

function parseObject(fields: readonly FormField[], acc: Acc): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = parseField(f, acc);
    if (v !== undefined) out[f.key] = v;
  }
  return out;
}

function parseVariants(field: FormField, acc: Acc): unknown {
  const key = acc.state[variantSelectName(field)] ?? '';
  if (key === '') return undefined;
  const variant = field.variants.find((v) => v.key === key);
  if (variant === undefined) return problem(acc, field, t(acc.lang, 'formNotInList'));
  const body = parseObject(variant.children, acc);
  return variant.discriminator === null ? body : { [variant.discriminator]: key, ...body };
}

function parseNumber(field: FormField, text: string, acc: Acc): unknown {
  const n = Number(text);
  if (!Number.isFinite(n)) return problem(acc, field, t(acc.lang, 'formNotNumber'));
  if (field.kind === 'integer' && !Number.isInteger(n)) {
    return problem(acc, field, t(acc.lang, 'formNotInteger'));
  }
  return n;
}

/** Where a JSON.parse error points, without echoing the text (it may hold anything). */
function jsonProblem(text: string, err: unknown, lang: Lang): string {
  const msg = err instanceof Error ? err.message : '';
  const pos = /at position (\d+)/.exec(msg)?.[1];
  const base = t(lang, 'formBadJson');
  if (pos === undefined) return base;
  const before = text.slice(0, Number(pos)).split('\n');
  const where = t(lang, 'formJsonWhere')
    .replace('{line}', String(before.length))
    .replace('{column}', String((before[before.length - 1]?.length ?? 0) + 1));
  return `${base} (${where})`;
}

function parseJson(field: FormField, text: string, acc: Acc): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    return problem(acc, field, jsonProblem(text, err, acc.lang));
  }
}

function parseScalarUnion(field: FormField, text: string): unknown {
  const types = unionTypes(field.node);
  if (types.has('integer') && /^-?\d+$/.test(text)) return Number(text);
  if (types.has('number') && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

function parseBoolean(field: FormField, acc: Acc): boolean | undefined {
  if (acc.state[field.name] !== undefined) return true;
  // An unticked box posts nothing: false where it matters, else left to the default (false).
  return field.required || field.node['default'] === true ? false : undefined;
}

function parseEnum(field: FormField, text: string, acc: Acc): unknown {
  const members = field.node['enum'] as readonly unknown[];
  const hit = members.find((m) => String(m) === text);
  return hit === undefined ? problem(acc, field, t(acc.lang, 'formNotInList')) : hit;
}

function parseSecret(field: FormField, acc: Acc): undefined {
  const value = acc.state[secretInputName(field)] ?? '';
  if (value !== '') acc.secrets[field.path] = value;
  if (acc.state[clearInputName(field)] !== undefined) acc.cleared.push(field.path);
  return undefined;
}

function parseField(field: FormField, acc: Acc): unknown {
  if (field.kind === 'object') {
    const obj = parseObject(field.children, acc);
    return Object.keys(obj).length > 0 || field.required ? obj : undefined;
  }
  if (field.kind === 'variants') return parseVariants(field, acc);
  if (field.kind === 'const') return field.node['const'];
  if (field.kind === 'boolean') return parseBoolean(field, acc);
  if (field.secret) return parseSecret(field, acc);
  const rawText = acc.state[field.name] ?? '';
  // Enum members are taken as posted (a tab is a delimiter); long text keeps its layout.
  const exact = field.kind === 'enum' || field.kind === 'json' || field.kind === 'lines';
  const text = exact || isLongText(field.node) ? rawText : rawText.trim();
  if (field.kind === 'enum' ? text === '' : text.trim() === '') return undefined;
  switch (field.kind) {
    case 'integer':
    case 'number':
      return parseNumber(field, text, acc);
    case 'enum':
      return parseEnum(field, text, acc);
    case 'scalar-union':
      return parseScalarUnion(field, text);
    case 'lines': {
      const lines = text.split(/\r?\n/).map((l) => l.trim());
      return lines.filter((l) => l !== '');
    }
    case 'json':
      return parseJson(field, text, acc);
    case 'string':
      return text;
  }
}

/** Reads a posted config form. */
export function parseConfigForm(root: FormField, state: FormState, lang: Lang): ParsedConfig {
  const acc: Acc = { state, lang, secrets: {}, cleared: [], problems: [] };
  const parsed = parseField(root, acc);
  const config = typeof parsed === 'object' && parsed !== null ? parsed : {};
  return {
    config: config as Record<string, unknown>,
    secrets: acc.secrets,
    clearSecrets: acc.cleared,
    problems: acc.problems,
  };
}
