/**
 * Secret fields of an adapter config (`secretEnv`, `*SecretEnv`) for console sources. In the
 * deployment file such a field names an environment variable; for a console source the hub names
 * the secret itself, KNTC_SRC_<ID>_<PATH>, and stores its value encrypted under that name. Which
 * secret fields a config has depends on the branch of the schema it uses (an API key or no
 * authentication, a database URL or host and user), so the walk follows the config through the
 * adapter's JSON Schema.
 */

import { isSecretKey } from '../../adapters/shared/secrets.ts';

type Schema = Readonly<Record<string, unknown>>;
type Obj = Record<string, unknown>;

/** The name of a console source's secret: KNTC_SRC_<ID>_<PATH> ("auth.secretEnv" → …_AUTH). */
export function secretNameFor(sourceId: string, path: string): string {
  const segments = path.split('.');
  const last = (segments.pop() ?? '').replace(/[sS]ecretEnv$/, '');
  const parts = [...segments, last].filter((p) => p !== '');
  const words = (parts.length === 0 ? ['secret'] : parts).map(snake);
  return ['KNTC_SRC', snake(sourceId), ...words].join('_');
}

function snake(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** A plain object (not an array or null). */
export function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asSchema(value: unknown): Schema | null {
  return isObject(value) ? value : null;
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** Whether a schema branch may describe a config object: its consts match and it knows every key. */
function fits(branch: Schema, obj: Obj): boolean {
  const props = asSchema(branch['properties']) ?? {};
  for (const [key, p] of Object.entries(props)) {
    const c = asSchema(p)?.['const'];
    if (c !== undefined && obj[key] !== c) return false;
  }
  if (branch['additionalProperties'] !== false) return true;
  return Object.keys(obj).every((k) => !present(obj[k]) || k in props);
}

/** Whether the config fills every non-secret field the branch requires. */
function complete(branch: Schema, obj: Obj): boolean {
  const required = Array.isArray(branch['required']) ? (branch['required'] as unknown[]) : [];
  return required.every((k) => typeof k !== 'string' || isSecretKey(k) || present(obj[k]));
}

/**
 * The object schemas that apply to `obj`: the schema itself, or the oneOf/anyOf branches that fit
 * (when several do, those the config fills completely, if any).
 */
export function branchesFor(schema: Schema, obj: Obj): Schema[] {
  const alternatives = schema['oneOf'] ?? schema['anyOf'];
  if (!Array.isArray(alternatives)) return [schema];
  const fitting = alternatives
    .map(asSchema)
    .filter((b): b is Schema => b !== null)
    .flatMap((b) => branchesFor(b, obj))
    .filter((b) => fits(b, obj));
  const full = fitting.filter((b) => complete(b, obj));
  return full.length > 0 ? full : fitting;
}

/**
 * Dotted paths of the secret fields `config` has under `schema`: those the schema requires, those
 * the config fills in, and those `wanted` asks for (a secret entered or already stored).
 */
export function secretPaths(
  schema: Schema,
  config: unknown,
  wanted: (path: string) => boolean = () => false,
  prefix = '',
): string[] {
  if (!isObject(config)) return [];
  const out = new Set<string>();
  for (const branch of branchesFor(schema, config)) {
    const props = asSchema(branch['properties']) ?? {};
    const required = Array.isArray(branch['required']) ? (branch['required'] as unknown[]) : [];
    for (const [key, sub] of Object.entries(props)) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      if (isSecretKey(key)) {
        if (required.includes(key) || present(config[key]) || wanted(path)) out.add(path);
      } else {
        const s = asSchema(sub);
        if (s !== null) secretPaths(s, config[key], wanted, path).forEach((p) => out.add(p));
      }
    }
  }
  return [...out].sort();
}

/** The value at a dotted path, or undefined. */
export function getPath(obj: unknown, path: string): unknown {
  let node: unknown = obj;
  for (const key of path.split('.')) {
    if (!isObject(node)) return undefined;
    node = node[key];
  }
  return node;
}

/** A deep copy of a JSON object. */
export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * A copy of a console source's config with each secret field in `paths` set to its
 * KNTC_SRC_ name, and empty secret fields outside `paths` removed.
 */
export function withSecretNames(
  sourceId: string,
  config: Readonly<Obj>,
  paths: readonly string[],
): Obj {
  const copy = cloneJson(config) as Obj;
  dropEmptySecrets(copy);
  for (const path of paths) {
    const keys = path.split('.');
    const last = keys.pop() ?? '';
    const parent = keys.reduce<unknown>((n, k) => (isObject(n) ? n[k] : undefined), copy);
    if (isObject(parent)) parent[last] = secretNameFor(sourceId, path);
  }
  return copy;
}

function dropEmptySecrets(obj: Obj): void {
  for (const [key, value] of Object.entries(obj)) {
    if (isSecretKey(key) && !present(value)) delete obj[key];
    else if (isObject(value)) dropEmptySecrets(value);
  }
}
