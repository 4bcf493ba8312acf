/**
 * JSON Schema of a sql source's configuration: how to reach the local system's PostgreSQL
 * database, the SELECT the officer wrote (a view or a query with named columns), and which of
 * its columns are the watermark and the tie-breaker key. The `SqlConfig` type is derived from
 * this schema. Secrets never appear here, only the NAMES of the environment variables holding
 * them (`passwordSecretEnv`, `urlSecretEnv`, write-only); the hub resolves them into ctx.secrets.
 */
import type { FromSchema } from 'json-schema-to-ts';
import { maxPagesSchema } from '../shared/paging-config.ts';
import { secretEnvSchema as secretEnv } from '../shared/secrets.ts';

/** Defaults applied when a config omits the field (see settings.ts). */
export const SQL_DEFAULTS = {
  port: 5432,
  connectTimeoutMs: 10_000,
  statementTimeoutMs: 30_000,
  pageSize: 500,
  lookback: 0,
  maxPages: 10_000,
  timeZone: 'Asia/Ho_Chi_Minh',
  keyType: 'text',
} as const;

/** Watermark column types the adapter can cast its cursor to. */
export const WATERMARK_TYPES = ['timestamptz', 'timestamp', 'bigint'] as const;
/** Key column types the adapter can cast its cursor to. */
export const KEY_TYPES = ['text', 'bigint', 'uuid'] as const;

const sslmode = {
  enum: ['disable', 'require', 'verify-ca', 'verify-full'],
  description:
    'disable: plain TCP; require: TLS without certificate check; verify-ca: TLS, certificate signed by a trusted CA; verify-full: and issued for the host name.',
} as const;

const connectTimeoutMs = {
  type: 'integer',
  minimum: 100,
  maximum: 120_000,
  default: SQL_DEFAULTS.connectTimeoutMs,
} as const;

const byFields = {
  type: 'object',
  additionalProperties: false,
  required: ['host', 'database', 'user', 'sslmode'],
  properties: {
    host: { type: 'string', minLength: 1, maxLength: 255 },
    port: { type: 'integer', minimum: 1, maximum: 65_535, default: SQL_DEFAULTS.port },
    database: { type: 'string', minLength: 1, maxLength: 63 },
    user: { type: 'string', minLength: 1, maxLength: 63 },
    passwordSecretEnv: secretEnv,
    sslmode,
    connectTimeoutMs,
  },
} as const;

const byUrl = {
  type: 'object',
  additionalProperties: false,
  required: ['urlSecretEnv', 'sslmode'],
  properties: {
    urlSecretEnv: {
      ...secretEnv,
      description:
        'Name of the environment variable holding postgres://user:password@host:port/database.',
    },
    sslmode,
    connectTimeoutMs,
  },
} as const;

/** A column name as the query's result names it (case-sensitive, quoted by the adapter). */
const column = { type: 'string', minLength: 1, maxLength: 63, pattern: '^[^"\\u0000]+$' } as const;

/** The sql adapter's config schema (closed: unknown keys fail at load). */
export const sqlConfigSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['connection', 'query', 'watermark', 'key'],
  properties: {
    connection: { oneOf: [byFields, byUrl] },
    query: {
      type: 'string',
      minLength: 8,
      maxLength: 20_000,
      pattern: '^\\s*(?:[Ss][Ee][Ll][Ee][Cc][Tt]|[Ww][Ii][Tt][Hh])\\s',
      description: 'One SELECT (or WITH … SELECT) without a semicolon; wrapped as a subquery.',
    },
    watermark: {
      type: 'object',
      additionalProperties: false,
      required: ['column', 'type'],
      properties: { column, type: { enum: WATERMARK_TYPES } },
    },
    key: {
      type: 'object',
      additionalProperties: false,
      required: ['column'],
      properties: { column, type: { enum: KEY_TYPES, default: SQL_DEFAULTS.keyType } },
    },
    timeZone: {
      type: 'string',
      pattern: '^[A-Za-z_+-]+(/[A-Za-z0-9_+-]+)*$',
      maxLength: 64,
      default: SQL_DEFAULTS.timeZone,
      description:
        'Session time zone: timestamptz values arrive with this offset; timestamp columns are local time here.',
    },
    pageSize: { type: 'integer', minimum: 1, maximum: 10_000, default: SQL_DEFAULTS.pageSize },
    statementTimeoutMs: {
      type: 'integer',
      minimum: 100,
      maximum: 3_600_000,
      default: SQL_DEFAULTS.statementTimeoutMs,
    },
    lookback: {
      type: 'integer',
      minimum: 0,
      maximum: 604_800,
      default: SQL_DEFAULTS.lookback,
      description: 'Re-read this much before the cursor: seconds (timestamps) or units (bigint).',
    },
    maxPages: maxPagesSchema(SQL_DEFAULTS.maxPages),
  },
} as const;

/** A sql source's config as written (defaulted fields may be absent). */
export type SqlConfig = FromSchema<
  typeof sqlConfigSchema,
  { keepDefaultedPropertiesOptional: true }
>;

/** One of the two ways to name the database. */
export type SqlConnectionConfig = SqlConfig['connection'];
/** A watermark column type. */
export type WatermarkType = (typeof WATERMARK_TYPES)[number];
/** A key column type. */
export type KeyType = (typeof KEY_TYPES)[number];
