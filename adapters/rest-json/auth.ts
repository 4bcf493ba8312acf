/**
 * Builds the authentication headers of a rest-json source from its config and the secrets the
 * hub resolved from the environment. The secret values live only in these headers: never in a
 * log line, an error message or a cursor.
 */
import { HubError } from '../../src/lib/errors.ts';
import { basicAuthHeader } from '../shared/http-auth.ts';
import { requireSecret } from '../shared/secrets.ts';
import type { RestJsonAuth } from './config-schema.ts';

/** The headers every request to the source carries for authentication. */
export function authHeaders(
  sourceId: string,
  auth: RestJsonAuth,
  secrets: Readonly<Record<string, string>>,
): Record<string, string> {
  const secret = (envName: string): string =>
    requireSecret(sourceId, envName, secrets, 'auth.secretEnv');
  switch (auth.type) {
    case 'none':
      return {};
    case 'apiKey':
      return { [auth.header]: secret(auth.secretEnv) };
    case 'bearer':
      return { Authorization: `Bearer ${secret(auth.secretEnv)}` };
    case 'basic':
      return basicAuthHeader(auth.username, secret(auth.secretEnv));
    default: {
      const unknown: never = auth;
      throw new HubError('KNTC_CONFIG_INVALID', `source "${sourceId}": unknown auth type`, {
        details: { sourceId, auth: JSON.stringify(unknown) },
      });
    }
  }
}
