/**
 * JSON Schema of the deployment file (config/*.yaml): the national endpoint, push tuning and
 * the list of sources with their adapter, mapping and schedule. Secrets never appear here: only
 * the names of environment variables that hold them (`secretEnv`).
 */
import type { FromSchema } from 'json-schema-to-ts';

const sourceId = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{1,62}$' } as const;

/** Schema of one source entry. */
export const sourceConfigSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'adapter', 'mapping', 'schedule', 'config'],
  properties: {
    id: sourceId,
    name: { type: 'string', minLength: 1 },
    adapter: { type: 'string', minLength: 1 },
    /** Mapping file, relative to the deployment file's folder's parent (the project root). */
    mapping: { type: 'string', minLength: 1 },
    /** Cron expression, evaluated in Asia/Ho_Chi_Minh time. */
    schedule: { type: 'string', minLength: 9 },
    enabled: { type: 'boolean', default: true },
    /** Adapter configuration, checked against the adapter's own JSON Schema. */
    config: { type: 'object' },
  },
} as const;

/** Schema of the whole deployment file. */
export const hubConfigSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['national', 'sources'],
  properties: {
    national: {
      type: 'object',
      additionalProperties: false,
      required: ['baseUrl', 'clientId', 'secretEnv'],
      properties: {
        baseUrl: { type: 'string', format: 'uri' },
        clientId: { type: 'string', minLength: 1 },
        secretEnv: { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$', writeOnly: true },
        timeoutMs: { type: 'integer', minimum: 100, default: 15000 },
        /**
         * When the national side accepts submissions (Vietnam time). Empty: always, unless it
         * refuses with WINDOW_CLOSED (then the hub holds pushes until nextWindowOpensAt).
         */
        windows: {
          type: 'array',
          default: [],
          items: {
            oneOf: [
              {
                type: 'object',
                additionalProperties: false,
                required: ['cron', 'hours'],
                properties: {
                  /** Each tick opens a window (cron, Asia/Ho_Chi_Minh). */
                  cron: { type: 'string', minLength: 9 },
                  /** How long each window stays open. */
                  hours: { type: 'number', exclusiveMinimum: 0, maximum: 8784 },
                },
              },
              {
                type: 'object',
                additionalProperties: false,
                required: ['from', 'to'],
                properties: {
                  from: { type: 'string', format: 'date-time' },
                  to: { type: 'string', format: 'date-time' },
                },
              },
            ],
          },
        },
        /** Reporting periods (06/2025/TT-TTCP); the defaults are customary, not confirmed. */
        periods: {
          type: 'object',
          additionalProperties: false,
          default: {},
          properties: {
            cutoffs: {
              type: 'object',
              additionalProperties: false,
              default: { Q1: '03-14', '6M': '06-14', '9M': '09-14', Y: '12-14' },
              required: ['Q1', '6M', '9M', 'Y'],
              properties: {
                Q1: { type: 'string', pattern: '^[0-9]{2}-[0-9]{2}$' },
                '6M': { type: 'string', pattern: '^[0-9]{2}-[0-9]{2}$' },
                '9M': { type: 'string', pattern: '^[0-9]{2}-[0-9]{2}$' },
                Y: { type: 'string', pattern: '^[0-9]{2}-[0-9]{2}$' },
              },
            },
            /** Days after a period's cut-off when its national window closes. */
            windowCloseDays: { type: 'integer', minimum: 0, maximum: 366, default: 6 },
          },
        },
        /** Pending submissions of a period whose window closes within this many hours are "at risk". */
        atRiskHours: { type: 'integer', minimum: 1, default: 72 },
      },
    },
    push: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        concurrency: { type: 'integer', minimum: 1, maximum: 256, default: 8 },
        /** Requests per second allowed by the national endpoint's quota. */
        ratePerSecond: { type: 'integer', minimum: 1, default: 50 },
        attempts: { type: 'integer', minimum: 1, default: 12 },
        backoffMs: { type: 'integer', minimum: 10, default: 2000 },
        /** How often pending outbox entries without a live job are re-enqueued. */
        reconcileEverySeconds: { type: 'integer', minimum: 1, default: 60 },
        /** A running job whose worker died is taken up again after about this long. */
        jobLockSeconds: { type: 'integer', minimum: 1, default: 30 },
      },
    },
    sources: { type: 'array', items: sourceConfigSchema },
  },
} as const;

/** One configured source. */
export type SourceConfig = FromSchema<
  typeof sourceConfigSchema,
  { keepDefaultedPropertiesOptional: false }
>;
/** The deployment file, with defaults applied. */
export type HubFileConfig = FromSchema<
  typeof hubConfigSchema,
  { keepDefaultedPropertiesOptional: false }
>;
