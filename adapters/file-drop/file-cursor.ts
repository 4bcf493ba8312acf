/**
 * The file-drop cursor: which files are fully read and how far into the current file the
 * stored pages go. `done` lists the content hashes (SHA-256, hex, comma-separated) of files
 * whose every row is in a committed page but which are not moved yet; the next pull moves them
 * (moving earlier is unsafe: the pipeline reads one page ahead of its commits). `file` and
 * `row` say that the first `row` data rows of the file with hash `file` are stored. Bounded:
 * `done` only holds files read since the last pull started (at most maxFilesPerRun).
 */
import { HubError } from '../../src/lib/errors.ts';
import type { Cursor } from '../contract.ts';

/** Where a pull resumes. */
export interface FilePosition {
  readonly done: readonly string[];
  readonly current: { readonly hash: string; readonly row: number } | null;
}

const HASH = /^[0-9a-f]{64}$/u;

/** The position in a saved cursor (none: nothing done). */
export function fromCursor(sourceId: string, cursor: Cursor | null): FilePosition {
  if (cursor === null) return { done: [], current: null };
  const { done, file, row } = cursor;
  const hashes = typeof done === 'string' && done !== '' ? done.split(',') : [];
  const fileOk =
    file === null || file === undefined || (typeof file === 'string' && HASH.test(file));
  const rowOk = file == null || (typeof row === 'number' && Number.isInteger(row) && row >= 0);
  if (
    !hashes.every((h) => HASH.test(h)) ||
    !fileOk ||
    !rowOk ||
    (done != null && typeof done !== 'string')
  ) {
    throw new HubError(
      'KNTC_CURSOR_INVALID',
      `source "${sourceId}": the stored cursor is not a file-drop cursor`,
      { details: { sourceId } },
    );
  }
  return {
    done: hashes,
    current: typeof file === 'string' ? { hash: file, row: row as number } : null,
  };
}

/** The cursor for a position. */
export function toCursor(position: FilePosition): Cursor {
  return {
    done: position.done.join(','),
    file: position.current?.hash ?? null,
    row: position.current?.row ?? null,
  };
}
