/**
 * The HTTP authentication options that several HTTP-based adapters offer alike (HTTP Basic, or
 * nothing): their config schema fragments and the header they send.
 */
import { secretEnvSchema } from './secrets.ts';

/** JSON Schema of `{ type: basic, username, secretEnv }`: HTTP Basic with the password in an env variable. */
export const basicAuthSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'username', 'secretEnv'],
  properties: {
    type: { const: 'basic' },
    // A ":" would end the user name inside the Basic token.
    username: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[^:]*$' },
    secretEnv: secretEnvSchema,
  },
} as const;

/** JSON Schema of `{ type: none }`: a source without authentication. */
export const noAuthSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['type'],
  properties: { type: { const: 'none' } },
} as const;

/** The `Authorization: Basic base64(username:password)` header. */
export function basicAuthHeader(username: string, password: string): Record<string, string> {
  const token = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
  return { Authorization: `Basic ${token}` };
}
