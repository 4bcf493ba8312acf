/**
 * Dashboard sessions in PostgreSQL (so several API processes share them and a restart keeps
 * people signed in), and the session cookie signing key the hub generates on first start.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';

/** The stored session, or null when unknown or expired. */
export async function loadSession(pool: pg.Pool, sid: string): Promise<unknown> {
  const { rows } = await pool.query<{ data: unknown }>(
    'SELECT data FROM sessions WHERE sid = $1 AND expires_at > now()',
    [sid],
  );
  return rows[0]?.data ?? null;
}

/** Creates or replaces a session. */
export async function saveSession(
  pool: pg.Pool,
  sid: string,
  data: unknown,
  expiresAt: Date,
): Promise<void> {
  await pool.query(
    `INSERT INTO sessions (sid, data, expires_at) VALUES ($1, $2::jsonb, $3)
     ON CONFLICT (sid) DO UPDATE SET data = EXCLUDED.data, expires_at = EXCLUDED.expires_at`,
    [sid, JSON.stringify(data), expiresAt],
  );
}

/** Removes a session (sign-out). */
export async function deleteSession(pool: pg.Pool, sid: string): Promise<void> {
  await pool.query('DELETE FROM sessions WHERE sid = $1', [sid]);
}

/** Removes expired sessions; returns how many. */
export async function purgeExpiredSessions(pool: pg.Pool): Promise<number> {
  const { rowCount } = await pool.query('DELETE FROM sessions WHERE expires_at <= now()');
  return rowCount ?? 0;
}

/** The named key, generated (48 random bytes, base64) and stored the first time it is asked for. */
export async function getOrCreateKey(pool: pg.Pool, name: string): Promise<string> {
  await pool.query(
    'INSERT INTO hub_keys (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING',
    [name, randomBytes(48).toString('base64')],
  );
  const { rows } = await pool.query<{ value: string }>(
    'SELECT value FROM hub_keys WHERE name = $1',
    [name],
  );
  const value = rows[0]?.value;
  if (value === undefined) throw new Error(`hub key "${name}" could not be stored`);
  return value;
}
