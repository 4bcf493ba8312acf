/**
 * PostgreSQL connections. The pool pins `search_path` to the hub's schema at connect time, so
 * repositories use unqualified table names and one database can hold several isolated hubs
 * (tests use one schema each). Connection failures become KNTC_DB_UNREACHABLE with the host,
 * port and database named — never the password.
 */
import pg from 'pg';
import { HubError } from '../lib/errors.ts';

/** Schema names the hub accepts: plain lower-case identifiers, so they never need quoting. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Options of {@link createPool}. */
export interface PoolOptions {
  readonly databaseUrl: string;
  /** Schema holding the hub's tables (default `public`). */
  readonly schema?: string;
  readonly max?: number;
}

/** Throws KNTC_CONFIG_INVALID unless `schema` is a plain lower-case identifier. */
export function assertSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new HubError(
      'KNTC_CONFIG_INVALID',
      `Database schema name "${schema}" is not allowed: use lower-case letters, digits and _ (max 63).`,
    );
  }
  return schema;
}

/** A pool whose connections use `schema` as search_path. */
export function createPool(opts: PoolOptions): pg.Pool {
  const schema = assertSchemaName(opts.schema ?? 'public');
  const pool = new pg.Pool({
    connectionString: opts.databaseUrl,
    max: opts.max ?? 10,
    connectionTimeoutMillis: 10_000,
    options: `-c search_path=${schema}`,
  });
  // An idle connection dropped by the server emits 'error' on the pool; unhandled, that would
  // crash the process. The pool discards the connection and the next query opens a new one.
  pool.on('error', () => undefined);
  return pool;
}

/** "host:port/database" of a connection URL, without user or password. */
export function describeDatabaseUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || '(default database)';
    return `${url.hostname || 'localhost'}:${url.port || '5432'}/${database}`;
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

/** Wraps a connection error into KNTC_DB_UNREACHABLE naming where and what to do. */
export function unreachable(databaseUrl: string, err: unknown): HubError {
  const where = describeDatabaseUrl(databaseUrl);
  const reason = err instanceof Error ? err.message : String(err);
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
  const options =
    code === '3D000'
      ? {
          hint: `Create the database (\`kntc-hub migrate\` creates it) or point DATABASE_URL at an existing one.`,
        }
      : {};
  return new HubError('KNTC_DB_UNREACHABLE', `Cannot use PostgreSQL at ${where}: ${reason}.`, {
    ...options,
    retryable: true,
    cause: err,
    details: { database: where },
  });
}

/** Creates the URL's database when missing (connecting to the `postgres` database); true if created. */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (name === '' || name === 'postgres') return false;
  url.pathname = '/postgres';
  const client = new pg.Client({
    connectionString: url.toString(),
    connectionTimeoutMillis: 10_000,
  });
  try {
    await client.connect();
  } catch (err) {
    throw unreachable(databaseUrl, err); // name the URL the operator gave, not the maintenance db
  }
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount !== 0) return false;
    await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
    return true;
  } catch (err) {
    // Another process created it between our check and CREATE DATABASE.
    if (isPgError(err, '42P04') || isPgError(err, '23505')) return false;
    throw err;
  } finally {
    await client.end();
  }
}

/** Throws KNTC_DB_UNREACHABLE unless the pool can run a query. */
export async function checkConnection(pool: pg.Pool): Promise<void> {
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    throw unreachable(pool.options.connectionString ?? '', err);
  }
}

/** True when `err` is a PostgreSQL error with SQLSTATE `code`. */
export function isPgError(err: unknown, code: string): boolean {
  return err instanceof pg.DatabaseError && err.code === code;
}
