/**
 * Submission-window closures the hub learned from the national side's refusals (409
 * WINDOW_CLOSED with nextWindowOpensAt), kept in PostgreSQL so every hub process and a restarted
 * one hold their pushes until the same moment.
 */
import type pg from 'pg';
import { windowState, type WindowSpec, type WindowState } from '../national/windows.ts';

const ENDPOINT = 'national';

/** When the national side said its window opens again, if that is still to come; else null. */
export async function learnedClosure(pool: pg.Pool, now: Date = new Date()): Promise<Date | null> {
  const { rows } = await pool.query<{ closed_until: Date | null }>(
    'SELECT closed_until FROM national_window_state WHERE endpoint = $1',
    [ENDPOINT],
  );
  const until = rows[0]?.closed_until ?? null;
  return until !== null && until.getTime() > now.getTime() ? until : null;
}

/** Records that the national side is closed until `until` (a later closure wins over an earlier one). */
export async function learnClosure(pool: pg.Pool, until: Date, message: string): Promise<void> {
  await pool.query(
    `INSERT INTO national_window_state AS w (endpoint, closed_until, learned_at, message)
     VALUES ($1, $2, now(), $3)
     ON CONFLICT (endpoint) DO UPDATE
        SET closed_until = EXCLUDED.closed_until, learned_at = now(), message = EXCLUDED.message
      WHERE w.closed_until IS NULL OR w.closed_until < EXCLUDED.closed_until
         OR w.closed_until < now()`,
    [ENDPOINT, until, message],
  );
}

/** Forgets a learned closure (after a submission was accepted: the window is open). */
export async function clearClosure(pool: pg.Pool): Promise<void> {
  await pool.query(
    `UPDATE national_window_state SET closed_until = NULL
      WHERE endpoint = $1 AND closed_until IS NOT NULL`,
    [ENDPOINT],
  );
}

/** The submission window for the push worker: schedule plus learned closure, cached briefly. */
export interface StoredWindowGate {
  current(): Promise<WindowState>;
  /** Records a WINDOW_CLOSED refusal; an unannounced reopening is re-checked after a minute. */
  learn(opensAt: Date | null, message: string): Promise<void>;
}

/** Builds the gate; `onState` sees every fresh evaluation (metrics). */
export function createWindowGate(
  pool: pg.Pool,
  schedule: readonly WindowSpec[],
  onState: (w: WindowState) => void = () => undefined,
  cacheMs = 1000,
): StoredWindowGate {
  let cached: { at: number; state: WindowState } | null = null;
  async function current(): Promise<WindowState> {
    const now = Date.now();
    if (cached !== null && now - cached.at < cacheMs) return cached.state;
    const state = windowState(schedule, await learnedClosure(pool), new Date(now));
    cached = { at: now, state };
    onState(state);
    return state;
  }
  return {
    current,
    async learn(opensAt, message) {
      await learnClosure(pool, opensAt ?? new Date(Date.now() + 60_000), message);
      cached = null;
    },
  };
}
