/**
 * Builds the authentication headers of a rest-json source from its config and the secrets the
 * hub resolved from the environment. The secret values live only in these headers: never in a
 * log line, an error message or a cursor.
 */
import { HubError } from '../../src/lib/errors.ts';
import type { RestJsonAuth } from './config-schema.ts';

/** The headers every request to the source carries for authentication. */
export function authHeaders(
  sourceId: string,
  auth: RestJsonAuth,
  secrets: Readonly<Record<string, string>>,
): Record<string, string> {
  switch (auth.type) {
    case 'none':
      return {};
    case 'apiKey':
      return { [auth.header]: secretOf(sourceId, auth.secretEnv, secrets) };
    case 'bearer':
      return { Authorization: `Bearer ${secretOf(sourceId, auth.secretEnv, secrets)}` };
    case 'basic': {
      const password = secretOf(sourceId, auth.secretEnv, secrets);
      const token = Buffer.from(`${auth.username}:${password}`, 'utf8').toString('base64');
      return { Authorization: `Basic ${token}` };
    }
    default: {
      const unknown: never = auth;
      throw new HubError('KNTC_CONFIG_INVALID', `source "${sourceId}": unknown auth type`, {
        details: { sourceId, auth: JSON.stringify(unknown) },
      });
    }
  }
}

function secretOf(
  sourceId: string,
  envName: string,
  secrets: Readonly<Record<string, string>>,
): string {
  const value = secrets[envName];
  if (value === undefined || value.length === 0) {
    throw new HubError(
      'KNTC_CONFIG_INVALID',
      `source "${sourceId}": the environment variable ${envName} named by auth.secretEnv is not set`,
      {
        hint: `Set ${envName} in the hub's environment (e.g. in the service unit or .env) and restart.`,
        details: { sourceId, secretEnv: envName },
      },
    );
  }
  return value;
}
