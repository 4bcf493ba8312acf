/**
 * Accounts of the dashboard and the sign-in attempts the limiter counts. Passwords arrive here
 * already hashed (src/auth/password.ts); this module never sees a clear password.
 */
import type pg from 'pg';
import type { Role } from '../auth/roles.ts';
import { HubError } from '../lib/errors.ts';
import { isPgError } from './pool.ts';

/** An account as stored. */
export interface UserRow {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly passwordHash: string;
  readonly disabled: boolean;
}

/** A new account. */
export interface NewUser {
  readonly username: string;
  readonly displayName?: string;
  readonly role: Role;
  readonly passwordHash: string;
}

interface Row {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  disabled: boolean;
}

function toUser(row: Row): UserRow {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    passwordHash: row.password_hash,
    disabled: row.disabled,
  };
}

const COLUMNS = 'id::text AS id, username, display_name, role, password_hash, disabled';

/** Inserts an account; KNTC_CONFLICT when the user name is taken. Returns its id. */
export async function insertUser(pool: pg.Pool, user: NewUser): Promise<string> {
  try {
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO users (username, display_name, role, password_hash)
       VALUES ($1, $2, $3, $4) RETURNING id::text AS id`,
      [user.username, user.displayName ?? '', user.role, user.passwordHash],
    );
    const id = rows[0]?.id;
    if (id === undefined) throw new HubError('KNTC_INTERNAL', 'INSERT INTO users returned no id.');
    return id;
  } catch (err) {
    if (isPgError(err, '23505')) {
      throw new HubError('KNTC_CONFLICT', `An account named "${user.username}" already exists.`, {
        hint: 'Choose another user name, or change the existing account.',
      });
    }
    if (isPgError(err, '23514')) {
      throw new HubError('KNTC_BAD_REQUEST', `User name "${user.username}" is not allowed.`, {
        hint: 'Use 3–64 lower-case letters, digits, dots, dashes or underscores.',
      });
    }
    throw err;
  }
}

/** The account with this user name, or null. */
export async function findUserByUsername(pool: pg.Pool, username: string): Promise<UserRow | null> {
  const { rows } = await pool.query<Row>(`SELECT ${COLUMNS} FROM users WHERE username = $1`, [
    username,
  ]);
  const row = rows[0];
  return row === undefined ? null : toUser(row);
}

/** The account with this id, or null. */
export async function findUserById(pool: pg.Pool, id: string): Promise<UserRow | null> {
  if (!/^[1-9][0-9]{0,18}$/.test(id)) return null;
  const { rows } = await pool.query<Row>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
  const row = rows[0];
  return row === undefined ? null : toUser(row);
}

/** Stamps a successful sign-in. */
export async function touchLogin(pool: pg.Pool, id: string): Promise<void> {
  await pool.query('UPDATE users SET last_login_at = now() WHERE id = $1', [id]);
}

/** Records one sign-in attempt. */
export async function recordLoginAttempt(
  pool: pg.Pool,
  attempt: { username: string; ip: string; succeeded: boolean },
): Promise<void> {
  await pool.query('INSERT INTO login_attempts (username, ip, succeeded) VALUES ($1, $2, $3)', [
    attempt.username,
    attempt.ip,
    attempt.succeeded,
  ]);
}

/** Failed attempts in the last `windowSeconds`, for this account and from this address. */
export async function recentFailures(
  pool: pg.Pool,
  username: string,
  ip: string,
  windowSeconds: number,
): Promise<{ byUser: number; byIp: number }> {
  const { rows } = await pool.query<{ by_user: number; by_ip: number }>(
    `SELECT (SELECT count(*) FROM login_attempts WHERE username = $1 AND NOT succeeded
               AND at > now() - make_interval(secs => $3))::int AS by_user,
            (SELECT count(*) FROM login_attempts WHERE ip = $2 AND NOT succeeded
               AND at > now() - make_interval(secs => $3))::int AS by_ip`,
    [username, ip, windowSeconds],
  );
  return { byUser: rows[0]?.by_user ?? 0, byIp: rows[0]?.by_ip ?? 0 };
}
