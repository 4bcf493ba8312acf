/**
 * The flat state of a config form: control name → submitted text, exactly what a browser posts.
 * The renderer draws a state, the parser reads one; toFormState turns a stored config into the
 * state its form would post, so a re-rendered form keeps what the person typed, as typed.
 */
import { variantSelectName, type FormField } from './form-fields.ts';
import { isPlainObject, variantOfValue } from './schema-node.ts';

/** Control name → submitted text. */
export type FormState = Readonly<Record<string, string>>;

/** The state of a form body (formbody gives string or string[] per name; the last one wins). */
export function formStateOf(body: unknown): FormState {
  if (!isPlainObject(body)) return {};
  const state: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) {
    const last: unknown = Array.isArray(value) ? value[value.length - 1] : value;
    if (typeof last === 'string') state[name] = last;
    else if (typeof last === 'number' || typeof last === 'boolean') state[name] = String(last);
  }
  return state;
}

function scalarText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

function fill(field: FormField, value: unknown, out: Record<string, string>): void {
  if (value === undefined) return;
  switch (field.kind) {
    case 'object':
      if (isPlainObject(value)) for (const c of field.children) fill(c, value[c.key], out);
      return;
    case 'variants': {
      const chosen = variantOfValue(field.node, value);
      if (chosen === null || !isPlainObject(value)) return;
      out[variantSelectName(field)] = chosen.key;
      const fields = field.variants.find((v) => v.key === chosen.key)?.children ?? [];
      for (const c of fields) fill(c, value[c.key], out);
      return;
    }
    case 'boolean':
      if (value === true) out[field.name] = 'true';
      return;
    case 'lines':
      if (Array.isArray(value)) out[field.name] = value.map((v) => String(v)).join('\n');
      return;
    case 'json':
      out[field.name] = JSON.stringify(value, null, 2);
      return;
    case 'const':
    case 'enum':
    case 'integer':
    case 'number':
    case 'scalar-union':
    case 'string': {
      // Secret fields keep the secret's NAME here; only read-only views show it.
      const text = scalarText(value);
      if (text !== null) out[field.name] = text;
      return;
    }
  }
}

/** The state a form of `config` would post (secret fields carry their names, never values). */
export function toFormState(root: FormField, config: unknown): FormState {
  const out: Record<string, string> = {};
  fill(root, config, out);
  return out;
}
