/**
 * How the sources console shows a source, and how an edit is summarised for the audit log: which
 * settings changed (paths only, never values, so a secret pasted in the wrong field cannot end up
 * in the audit log).
 */
import type { ConsoleSourceView } from './console-contract.ts';
import type { RuntimeSource } from './runtime-source.ts';
import { getPath, isObject, secretPaths } from './secret-fields.ts';

type Schema = Readonly<Record<string, unknown>>;

/** The view of a source; `hasSecret` tells whether the secret a field names has a value. */
export function toView(
  s: RuntimeSource,
  schema: Schema | undefined,
  hasSecret: (name: string) => boolean,
): ConsoleSourceView {
  const paths = schema === undefined ? [] : secretPaths(schema, s.config);
  return {
    id: s.id,
    name: s.name,
    adapter: s.adapter,
    mapping: s.mapping,
    schedule: s.schedule,
    enabled: s.enabled,
    origin: s.origin,
    config: s.config,
    secretsSet: paths.filter((p) => {
      const name = getPath(s.config, p);
      return typeof name === 'string' && hasSecret(name);
    }),
    version: s.version,
    updatedAt: s.updatedAt,
    updatedBy: s.updatedBy,
  };
}

/** The fields of two source versions that differ: "name", "schedule", "config.auth.header"… */
export function changedFields(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): string[] {
  const a = flatten(before);
  const b = flatten(after);
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => a.get(k) !== b.get(k)).sort();
}

function flatten(
  value: unknown,
  prefix = '',
  out = new Map<string, string>(),
): Map<string, string> {
  if (isObject(value)) {
    for (const [k, v] of Object.entries(value))
      flatten(v, prefix === '' ? k : `${prefix}.${k}`, out);
  } else out.set(prefix, JSON.stringify(value) ?? 'undefined');
  return out;
}
