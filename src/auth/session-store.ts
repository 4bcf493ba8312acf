/**
 * A @fastify/session store on PostgreSQL (table `sessions`). Sessions without an expiry in their
 * cookie live `defaultTtlMs`.
 */
import type { FastifySessionObject } from '@fastify/session';
import type { Session } from 'fastify';
import type pg from 'pg';
import { deleteSession, loadSession, saveSession } from '../store/sessions-repo.ts';

type Callback = (err?: unknown) => void;
type SessionCallback = (err: unknown, result?: Session | null) => void;

/** The PostgreSQL session store. */
export class PgSessionStore {
  readonly #pool: pg.Pool;
  readonly #defaultTtlMs: number;

  constructor(pool: pg.Pool, defaultTtlMs = 8 * 60 * 60 * 1000) {
    this.#pool = pool;
    this.#defaultTtlMs = defaultTtlMs;
  }

  /** Stores a session. */
  set(sid: string, session: Session, callback: Callback): void {
    const cookie = (session as Partial<FastifySessionObject>).cookie;
    const expires = cookie?.expires ?? new Date(Date.now() + this.#defaultTtlMs);
    saveSession(this.#pool, sid, session, new Date(expires)).then(() => callback(), callback);
  }

  /** Loads a session (null when unknown or expired). */
  get(sid: string, callback: SessionCallback): void {
    loadSession(this.#pool, sid).then(
      (data) => callback(null, (data as Session | null) ?? null),
      (err: unknown) => callback(err),
    );
  }

  /** Deletes a session. */
  destroy(sid: string, callback: Callback): void {
    deleteSession(this.#pool, sid).then(() => callback(), callback);
  }
}
