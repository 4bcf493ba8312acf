/**
 * Schema migrations: plain SQL files in ./migrations (`-- Up Migration` / `-- Down Migration`),
 * applied by node-pg-migrate into the configured schema, all pending ones in one transaction.
 * The migration lock is per schema, so test schemas migrate side by side; two hub processes
 * starting at once on the same schema wait for each other instead of failing.
 */
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { runner } from 'node-pg-migrate';
import { HubError } from '../lib/errors.ts';
import { sha256 } from '../core/content-hash.ts';
import { assertSchemaName, describeDatabaseUrl, isPgError, unreachable } from './pool.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const MIGRATIONS_TABLE = 'pgmigrations';
const LOCK_BUSY = 'Another migration is already running';
const LOCK_RETRIES = 60;
const LOCK_RETRY_MS = 500;

/** Options of {@link migrateUp}. */
export interface MigrateOptions {
  readonly databaseUrl: string;
  readonly schema?: string;
  readonly log?: (msg: string) => void;
}

/** Advisory lock key for one schema's migrations (a positive 48-bit integer). */
function lockValueFor(schema: string): number {
  return Number.parseInt(sha256(`kntc-hub:migrate:${schema}`).slice(0, 12), 16);
}

/** Applies every pending migration to the schema (created if missing); returns the names applied. */
export async function migrateUp(opts: MigrateOptions): Promise<string[]> {
  const schema = assertSchemaName(opts.schema ?? 'public');
  const log = opts.log ?? ((): void => undefined);
  for (let attempt = 1; ; attempt += 1) {
    try {
      const applied = await runner({
        databaseUrl: opts.databaseUrl,
        dir: MIGRATIONS_DIR,
        ignorePattern: '(\\..*)|(.*\\.md)',
        direction: 'up',
        migrationsTable: MIGRATIONS_TABLE,
        schema,
        createSchema: true,
        checkOrder: true,
        singleTransaction: true,
        lockValue: lockValueFor(schema),
        log,
      });
      return applied.map((m) => m.name);
    } catch (err) {
      const busy = err instanceof Error && err.message.includes(LOCK_BUSY);
      if (busy && attempt < LOCK_RETRIES) {
        await sleep(LOCK_RETRY_MS);
        continue;
      }
      throw migrationError(opts.databaseUrl, schema, err);
    }
  }
}

/** Turns a runner failure into a HubError a person can act on. */
function migrationError(databaseUrl: string, schema: string, err: unknown): HubError {
  if (err instanceof HubError) return err;
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === '3D000' || code === '28P01') {
    return unreachable(databaseUrl, err);
  }
  const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
  return new HubError(
    'KNTC_INTERNAL',
    `Migrating schema "${schema}" at ${describeDatabaseUrl(databaseUrl)} failed: ${reason}`,
    {
      hint: 'Nothing was applied (migrations run in one transaction). Fix the cause named, then run `kntc-hub migrate` again.',
      cause: err,
      details: { schema },
    },
  );
}

/** Names of the migration files shipped with this version, in order. */
async function shippedMigrations(): Promise<string[]> {
  const files = await readdir(MIGRATIONS_DIR);
  return files
    .filter((f) => f.endsWith('.sql'))
    .map((f) => f.slice(0, -'.sql'.length))
    .sort();
}

/**
 * Migrations not yet applied to `schema` (default: the pool's own search_path schema); empty
 * when the database is up to date. A schema never migrated has every migration pending.
 */
export async function pendingMigrations(pool: pg.Pool, schema?: string): Promise<string[]> {
  const target =
    schema === undefined
      ? (await pool.query<{ schema: string | null }>('SELECT current_schema() AS schema')).rows[0]
          ?.schema
      : assertSchemaName(schema);
  const shipped = await shippedMigrations();
  if (target === null || target === undefined) return shipped;
  try {
    const { rows } = await pool.query<{ name: string }>(
      `SELECT name FROM "${assertSchemaName(target)}".${MIGRATIONS_TABLE}`,
    );
    const applied = new Set(rows.map((r) => r.name));
    return shipped.filter((name) => !applied.has(name));
  } catch (err) {
    if (isPgError(err, '42P01')) return shipped;
    throw err;
  }
}
