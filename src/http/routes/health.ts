/**
 * Liveness and readiness. /health says the process answers; /ready says it can do its job:
 * PostgreSQL and Redis reachable and every migration applied (load balancers and the demo's
 * smoke check use it).
 */
import type { FastifyPluginAsync } from 'fastify';

/** What readiness checks. */
export interface HealthDeps {
  readonly checks: {
    readonly database: () => Promise<void>;
    readonly redis: () => Promise<void>;
    readonly pendingMigrations: () => Promise<readonly string[]>;
  };
}

const checkSchema = {
  type: 'object',
  required: ['ok'],
  properties: { ok: { type: 'boolean' }, error: { type: 'string' } },
} as const;

const readySchema = {
  type: 'object',
  required: ['ready', 'checks'],
  properties: {
    ready: { type: 'boolean' },
    checks: {
      type: 'object',
      properties: {
        database: checkSchema,
        redis: checkSchema,
        migrations: {
          type: 'object',
          properties: {
            ok: { type: 'boolean' },
            pending: { type: 'array', items: { type: 'string' } },
            error: { type: 'string' },
          },
        },
      },
    },
  },
} as const;

async function probe(fn: () => Promise<void>): Promise<{ ok: boolean; error?: string }> {
  try {
    await fn();
    return { ok: true };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** GET /health and GET /ready. */
export const healthRoutes: FastifyPluginAsync<HealthDeps> = (app, deps) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['operations'],
        response: { 200: { type: 'object', properties: { status: { const: 'ok' } } } },
      },
    },
    () => ({ status: 'ok' as const }),
  );
  app.get(
    '/ready',
    { schema: { tags: ['operations'], response: { 200: readySchema, 503: readySchema } } },
    async (_req, reply) => {
      const [database, redis] = await Promise.all([
        probe(deps.checks.database),
        probe(deps.checks.redis),
      ]);
      let migrations: { ok: boolean; pending: readonly string[]; error?: string } = {
        ok: false,
        pending: [],
      };
      if (database.ok) {
        try {
          const pending = await deps.checks.pendingMigrations();
          migrations = { ok: pending.length === 0, pending };
        } catch (err) {
          migrations = {
            ok: false,
            pending: [],
            error: err instanceof Error ? err.message : String(err),
          };
        }
      }
      const ready = database.ok && redis.ok && migrations.ok;
      return reply
        .status(ready ? 200 : 503)
        .send({ ready, checks: { database, redis, migrations } });
    },
  );
  return Promise.resolve();
};
