/**
 * A per-source PostgreSQL advisory lock, held on one dedicated connection for the whole run, so
 * that two pulls of the same source never overlap across processes, CLI commands and workers.
 * The lock key includes the schema so hubs sharing a database do not block each other.
 */
import type pg from 'pg';

/** Runs `fn` while holding the source's lock; returns null at once if another run holds it. */
export async function withSourceLock<T>(
  pool: pg.Pool,
  sourceId: string,
  fn: () => Promise<T>,
): Promise<T | null> {
  const client = await pool.connect();
  try {
    const key = `kntc-pull:${sourceId}`;
    const got = await client.query<{ ok: boolean }>(
      "SELECT pg_try_advisory_lock(hashtext(current_schema() || ':' || $1)) AS ok",
      [key],
    );
    if (got.rows[0]?.ok !== true) return null;
    try {
      return await fn();
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtext(current_schema() || ':' || $1))", [
        key,
      ]);
    }
  } finally {
    client.release();
  }
}
