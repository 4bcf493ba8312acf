/**
 * Creating accounts and signing in. Sign-in is limited per account and per address (failures in a
 * sliding window counted in PostgreSQL, so every API process shares the count), takes the same
 * time whether or not the account exists, and is audited either way.
 */
import type pg from 'pg';
import { HubError } from '../lib/errors.ts';
import { appendAudit } from '../store/audit-repo.ts';
import {
  findUserByUsername,
  insertUser,
  recentFailures,
  recordLoginAttempt,
  touchLogin,
} from '../store/users-repo.ts';
import {
  DEFAULT_COST,
  DUMMY_HASH,
  hashPassword,
  verifyPassword,
  type KdfCost,
} from './password.ts';
import { isRole, type Role } from './roles.ts';

/** A signed-in person, as the session keeps it. */
export interface SessionUser {
  readonly id: string;
  readonly username: string;
  readonly role: Role;
}

/** Limits on failed sign-ins. */
export interface LoginLimits {
  readonly windowSeconds: number;
  readonly maxPerAccount: number;
  readonly maxPerIp: number;
}

/** 5 failures per account or 20 per address within 15 minutes block further attempts. */
export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  windowSeconds: 15 * 60,
  maxPerAccount: 5,
  maxPerIp: 20,
};

/** Minimum password length for new accounts. */
export const MIN_PASSWORD_LENGTH = 10;

/** Creates an account (password hashed with scrypt); returns its id. `kntc-hub users add` calls it. */
export async function addUser(
  pool: pg.Pool,
  user: { username: string; password: string; role: Role; displayName?: string },
  opts: { cost?: KdfCost; actor?: string } = {},
): Promise<string> {
  if (!isRole(user.role)) {
    throw new HubError('KNTC_BAD_REQUEST', `Unknown role "${String(user.role)}".`, {
      hint: 'Use admin, inspector or viewer.',
    });
  }
  if (user.password.length < MIN_PASSWORD_LENGTH) {
    throw new HubError(
      'KNTC_BAD_REQUEST',
      `The password of "${user.username}" is too short (minimum ${MIN_PASSWORD_LENGTH} characters).`,
    );
  }
  const passwordHash = await hashPassword(user.password, opts.cost ?? DEFAULT_COST);
  const id = await insertUser(pool, {
    username: user.username.trim().toLowerCase(),
    role: user.role,
    passwordHash,
    ...(user.displayName === undefined ? {} : { displayName: user.displayName }),
  });
  await appendAudit(pool, {
    actor: opts.actor ?? null,
    actorRole: null,
    action: 'user.created',
    targetType: 'user',
    targetId: user.username,
    details: { role: user.role },
  });
  return id;
}

/**
 * Checks a user name and password. Throws KNTC_LOGIN_RATE_LIMITED when too many recent
 * failures, KNTC_LOGIN_FAILED when wrong (same message for unknown account and wrong password).
 */
export async function authenticate(
  pool: pg.Pool,
  attempt: { username: string; password: string; ip: string },
  limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
): Promise<SessionUser> {
  const username = attempt.username.trim().toLowerCase().slice(0, 64);
  const audit = { actor: username, actorRole: null, ip: attempt.ip } as const;
  const failures = await recentFailures(pool, username, attempt.ip, limits.windowSeconds);
  if (failures.byUser >= limits.maxPerAccount || failures.byIp >= limits.maxPerIp) {
    await appendAudit(pool, { ...audit, action: 'login.rate-limited' });
    throw new HubError('KNTC_LOGIN_RATE_LIMITED', 'Too many failed sign-in attempts.');
  }
  const user = await findUserByUsername(pool, username);
  const ok = await verifyPassword(attempt.password, user?.passwordHash ?? DUMMY_HASH);
  const succeeded = ok && user !== null && !user.disabled;
  await recordLoginAttempt(pool, { username, ip: attempt.ip, succeeded });
  if (!succeeded || user === null) {
    await appendAudit(pool, { ...audit, action: 'login.failed' });
    throw new HubError('KNTC_LOGIN_FAILED', 'Wrong user name or password.');
  }
  await touchLogin(pool, user.id);
  await appendAudit(pool, { ...audit, actorRole: user.role, action: 'login.succeeded' });
  return { id: user.id, username: user.username, role: user.role };
}
