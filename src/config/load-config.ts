/**
 * Loads the deployment file once: YAML → JSON Schema check (with defaults) → each source's
 * adapter config checked against that adapter's schema → secrets resolved from the environment →
 * frozen. All problems are gathered into one error listing every fix needed.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import cron from 'node-cron';
import { parse as parseYaml } from 'yaml';
import { isSecretKey } from '../../adapters/shared/secrets.ts';
import { HubError } from '../lib/errors.ts';
import { hubConfigSchema, type HubFileConfig, type SourceConfig } from './hub-config-schema.ts';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** The validated deployment, with secrets resolved (never logged) and paths made absolute. */
export interface HubConfig {
  readonly file: string;
  readonly national: HubFileConfig['national'] & { readonly secret: string };
  readonly push: HubFileConfig['push'];
  readonly sources: readonly ResolvedSource[];
}

/** A source with its mapping path made absolute and its secrets resolved. */
export interface ResolvedSource extends SourceConfig {
  readonly mappingPath: string;
  readonly secrets: Readonly<Record<string, string>>;
}

/** What the loader needs to know of each adapter kind. */
export type AdapterSchemas = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

function describe(errors: readonly ErrorObject[] | null | undefined, where: string): string[] {
  return (errors ?? []).map((e) => {
    const at = e.instancePath || '(top)';
    const extra =
      e.keyword === 'additionalProperties' ? ` "${String(e.params['additionalProperty'])}"` : '';
    return `${where}${at}: ${e.message ?? 'invalid'}${extra}`;
  });
}

/** Names of environment variables an adapter config refers to (keys `secretEnv` or `*SecretEnv`). */
export function secretEnvNames(config: unknown): string[] {
  if (config === null || typeof config !== 'object') return [];
  return Object.entries(config).flatMap(([k, v]) =>
    isSecretKey(k) && typeof v === 'string' ? [v] : secretEnvNames(v),
  );
}

function resolveSecrets(
  names: string[],
  env: Readonly<Record<string, string | undefined>>,
  where: string,
  problems: string[],
) {
  const secrets: Record<string, string> = {};
  for (const name of names) {
    const value = env[name];
    if (value === undefined || value === '')
      problems.push(
        `${where}: environment variable ${name} is not set (it holds a secret named in config)`,
      );
    else secrets[name] = value;
  }
  return secrets;
}

/** Checks an already-parsed deployment document; `file` is used for messages and relative paths. */
export function checkConfig(
  doc: unknown,
  file: string,
  adapters: AdapterSchemas,
  env: Readonly<Record<string, string | undefined>>,
): HubConfig {
  const ajv = new Ajv2020({ allErrors: true, useDefaults: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile<HubFileConfig>(hubConfigSchema);
  if (!validate(doc)) throw configError(file, describe(validate.errors, ''));
  const problems: string[] = [];
  const root = path.dirname(path.dirname(path.resolve(file)));
  const seen = new Set<string>();
  const sources = doc.sources.map((s, i): ResolvedSource => {
    const where = `sources[${i}] (${s.id})`;
    if (seen.has(s.id)) problems.push(`${where}: duplicate source id`);
    seen.add(s.id);
    if (!cron.validate(s.schedule))
      problems.push(
        `${where}.schedule: "${s.schedule}" is not a cron expression (e.g. "*/15 * * * *")`,
      );
    const schema = adapters[s.adapter];
    if (schema === undefined)
      problems.push(
        `${where}: unknown adapter "${s.adapter}" (known: ${Object.keys(adapters).join(', ')})`,
      );
    else {
      const v = ajv.compile(schema);
      if (!v(s.config)) problems.push(...describe(v.errors, `${where}.config`));
    }
    const secrets = s.enabled ? resolveSecrets(secretEnvNames(s.config), env, where, problems) : {};
    return { ...s, mappingPath: path.resolve(root, s.mapping), secrets };
  });
  const nationalSecret = resolveSecrets([doc.national.secretEnv], env, 'national', problems);
  if (problems.length > 0) throw configError(file, problems);
  return deepFreeze({
    file,
    national: { ...doc.national, secret: nationalSecret[doc.national.secretEnv] ?? '' },
    push: doc.push,
    sources,
  });
}

/** Reads, checks and freezes the deployment file. */
export async function loadConfig(
  file: string,
  adapters: AdapterSchemas,
  env: Readonly<Record<string, string | undefined>>,
): Promise<HubConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new HubError('KNTC_CONFIG_INVALID', `Cannot read the deployment file ${file}`, {
      cause: err,
      hint: 'Set KNTC_CONFIG to the path of your deployment file (see config/hub.yaml).',
    });
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw configError(file, [err instanceof Error ? err.message : String(err)]);
  }
  return checkConfig(doc, file, adapters, env);
}

function configError(file: string, problems: string[]): HubError {
  return new HubError(
    'KNTC_CONFIG_INVALID',
    `Deployment file ${file} has ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`,
  );
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
