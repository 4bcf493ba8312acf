/**
 * `sources cursor`: show where the next pull of a source resumes, and rewind it to the
 * beginning. A reset is a deliberate operator action: the next sync re-reads every record of
 * the source (safe: records are upserted by id and unchanged ones are neither rewritten nor
 * pushed), which can take long on a big system. It waits for no running sync: when one holds
 * the source, the reset is refused.
 */
import type pg from 'pg';
import { HubError } from '../lib/errors.ts';
import { deleteCursor, getCursorInfo, type CursorInfo } from '../store/replay-repo.ts';
import { withSourceLock } from '../store/source-lock.ts';

/** The saved cursor of a source, or null before its first stored page (or after a reset). */
export function showCursor(pool: pg.Pool, sourceId: string): Promise<CursorInfo | null> {
  return getCursorInfo(pool, sourceId);
}

/** What a reset removed. */
export interface CursorReset {
  /** The cursor before the reset (null: there was none). */
  readonly previous: CursorInfo | null;
}

/** Removes the saved cursor; throws KNTC_CONFLICT when a sync or replay holds the source. */
export async function resetCursor(pool: pg.Pool, sourceId: string): Promise<CursorReset> {
  const done = await withSourceLock(pool, sourceId, async () => {
    const previous = await getCursorInfo(pool, sourceId);
    await deleteCursor(pool, sourceId);
    return { previous };
  });
  if (done !== null) return done;
  throw new HubError(
    'KNTC_CONFLICT',
    `Source "${sourceId}" is being synchronised or replayed right now; its cursor was not reset.`,
    {
      hint: 'Wait for the run to finish (see `kntc-hub sources list`), then reset again.',
      details: { sourceId },
    },
  );
}
