/**
 * JSON Schema of a rest-json source's configuration: where the local system lives, how to
 * authenticate, how its list endpoint names its paging parameters and response fields. The
 * `RestJsonConfig` type is derived from this schema, so the schema is the single source of truth.
 * Secrets never appear here: only the NAME of the environment variable holding each one
 * (`secretEnv`, write-only); the hub resolves it into `ctx.secrets[secretEnv]`.
 */
import type { FromSchema } from 'json-schema-to-ts';
import { basicAuthSchema, noAuthSchema } from '../shared/http-auth.ts';
import { pagingProperties } from '../shared/paging-config.ts';
import { secretEnvSchema as secretEnv } from '../shared/secrets.ts';

/** Defaults applied when a config omits the field (see settings.ts). */
export const REST_JSON_DEFAULTS = {
  pageSize: 100,
  timeoutMs: 15_000,
  lookbackSeconds: 0,
  maxPages: 10_000,
} as const;

const path = { type: 'string', pattern: '^/', minLength: 1, maxLength: 500 } as const;
/** A dot path into a JSON object ("duLieu", "data.items"). */
const dotPath = { type: 'string', pattern: '^[^.]+(\\.[^.]+)*$', maxLength: 200 } as const;
const paramName = { type: 'string', minLength: 1, maxLength: 100 } as const;

const apiKeyAuth = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'header', 'secretEnv'],
  properties: {
    type: { const: 'apiKey' },
    header: { type: 'string', pattern: '^[A-Za-z0-9-]+$', maxLength: 100 },
    secretEnv,
  },
} as const;

const bearerAuth = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'secretEnv'],
  properties: { type: { const: 'bearer' }, secretEnv },
} as const;

/** The rest-json adapter's config schema (closed: unknown keys fail at load). */
export const restJsonConfigSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['baseUrl', 'checkPath', 'listPath', 'auth', 'params', 'response', 'record'],
  properties: {
    baseUrl: { type: 'string', format: 'uri', pattern: '^https?://', maxLength: 500 },
    checkPath: path,
    listPath: path,
    auth: { oneOf: [apiKeyAuth, basicAuthSchema, bearerAuth, noAuthSchema] },
    params: {
      type: 'object',
      additionalProperties: false,
      required: ['page', 'pageSize', 'modifiedSince'],
      properties: {
        page: paramName,
        pageSize: paramName,
        modifiedSince: paramName,
        afterId: { ...paramName, description: 'Keyset parameter; set it when the source has one.' },
      },
    },
    response: {
      type: 'object',
      additionalProperties: false,
      required: ['items'],
      properties: { items: dotPath, totalPages: dotPath },
    },
    record: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'modified'],
      properties: { id: dotPath, modified: dotPath },
    },
    ...pagingProperties(REST_JSON_DEFAULTS, 500),
  },
} as const;

/** A rest-json source's config as written (defaulted fields may be absent). */
export type RestJsonConfig = FromSchema<
  typeof restJsonConfigSchema,
  { keepDefaultedPropertiesOptional: true }
>;

/** One of the authentication options. */
export type RestJsonAuth = RestJsonConfig['auth'];
