/**
 * Transactions and small row helpers shared by the repositories.
 */
import type pg from 'pg';
import { HubError } from '../lib/errors.ts';

/** Runs `fn` inside BEGIN/COMMIT on one pooled connection; rolls back if it throws. */
export async function withTransaction<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    try {
      await client.query('ROLLBACK');
    } catch (rollbackErr) {
      // A failed ROLLBACK means the connection is broken: the pool discards it instead of reusing it.
      broken = rollbackErr instanceof Error ? rollbackErr : new Error(String(rollbackErr));
    }
    throw err;
  } finally {
    client.release(broken);
  }
}

/** ISO-8601 text of a timestamptz column value (null stays null). */
export function isoOrNull(value: Date | null): string | null {
  return value === null ? null : value.toISOString();
}

/** Checks that an id handed out as text is a positive bigint before it reaches SQL. */
export function assertBigintId(kind: string, id: string): string {
  if (!/^[1-9][0-9]{0,18}$/.test(id)) {
    throw new HubError('KNTC_INTERNAL', `Invalid ${kind} id "${id}": expected a positive integer.`);
  }
  return id;
}
