/**
 * Brings up what every hub command needs: the database (created if missing), reachable
 * PostgreSQL and Redis, and the schema migrated. Failures surface as one HubError naming the URL
 * tried and how to fix it, which the CLI prints as a single line before exiting non-zero.
 */
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Settings } from '../config/settings.ts';
import { checkRedis } from '../queue/redis.ts';
import { checkConnection, createPool, ensureDatabase, migrateUp } from '../store/index.ts';

/** An open database pool, with the schema known to be migrated. */
export interface Infrastructure {
  readonly pool: pg.Pool;
  close(): Promise<void>;
}

/** Connects to PostgreSQL (creating the database if needed), checks Redis, runs migrations. */
export async function openInfrastructure(
  settings: Settings,
  log: Logger,
  opts: { redis: boolean } = { redis: true },
): Promise<Infrastructure> {
  if (await ensureDatabase(settings.databaseUrl))
    log.info('created the database named in DATABASE_URL');
  const pool = createPool({ databaseUrl: settings.databaseUrl, schema: settings.databaseSchema });
  pool.on('error', (err) =>
    log.warn({ err: err.message }, 'idle PostgreSQL connection lost; the pool reconnects'),
  );
  try {
    await checkConnection(pool);
    if (opts.redis) await checkRedis(settings.redisUrl);
    const applied = await migrateUp({
      databaseUrl: settings.databaseUrl,
      schema: settings.databaseSchema,
      log: (m) => log.debug(m),
    });
    if (applied.length > 0) log.info({ applied }, 'database migrations applied');
  } catch (err) {
    await pool.end();
    throw err;
  }
  return { pool, close: () => pool.end() };
}
