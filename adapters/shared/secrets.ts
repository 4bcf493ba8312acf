/**
 * Secrets named by a source's config. A config never holds a secret, only the NAME of the
 * environment variable holding it (a `*SecretEnv` field, write-only); the hub resolves those into
 * `ctx.secrets`. The value goes only where it is needed (a request header, a connection): never
 * into a log line, an error message or a cursor.
 */
import { HubError } from '../../src/lib/errors.ts';

/**
 * True for a config key that holds a secret's name (`secretEnv` or `*SecretEnv`): the one rule the
 * config loader, the sources console and its generated forms all use.
 */
export function isSecretKey(key: string): boolean {
  return key === 'secretEnv' || key.endsWith('SecretEnv');
}

/** JSON Schema of a `*SecretEnv` field: the name of an environment variable, write-only. */
export const secretEnvSchema = {
  type: 'string',
  pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
  writeOnly: true,
  description: 'Name of the environment variable holding the secret (never the secret itself).',
} as const;

/**
 * The value of the secret variable `envName`, which the config field `field` names (e.g.
 * "auth.secretEnv"); KNTC_CONFIG_INVALID naming both when it is unset or empty.
 */
export function requireSecret(
  sourceId: string,
  envName: string,
  secrets: Readonly<Record<string, string>>,
  field: string,
): string {
  const value = secrets[envName];
  if (value === undefined || value.length === 0) {
    throw new HubError(
      'KNTC_CONFIG_INVALID',
      `source "${sourceId}": the environment variable ${envName} named by ${field} is not set`,
      {
        hint: `Set ${envName} in the hub's environment (e.g. in the service unit or .env) and restart.`,
        details: { sourceId, secretEnv: envName },
      },
    );
  }
  return value;
}
