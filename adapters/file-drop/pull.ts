/**
 * A pull of a file-drop source. Each file is read exactly once, identified by the SHA-256 of
 * its content, not its name:
 * 1. Housekeeping from the saved cursor: files whose hash is in `done` (all rows stored) move
 *    to processed/; a file whose hash was processed before (a copy dropped again, even renamed)
 *    moves there unread.
 * 2. Each remaining file, oldest first (the one a crash interrupted first, from its next row),
 *    is read whole and yielded in pages of batchSize rows. The last page's cursor lists the
 *    file in `done`; it is moved at the start of the next pull, once that page is committed.
 * 3. A file that cannot be read (encoding, damaged, too large) moves to failed/ at once with an
 *    explanation beside it; it had no rows, so nothing waits for a commit. The pull goes on with
 *    the other files and fails at the end, naming the files, so the run shows the problem.
 * Nothing after a `yield` assumes the page was stored: the pipeline reads one page ahead.
 */
import fs from 'node:fs/promises';
import { HubError, toHubError } from '../../src/lib/errors.ts';
import type { AdapterContext, Cursor, RawBatch } from '../contract.ts';
import type { FileDropConfig } from './config-schema.ts';
import { readCsvTable } from './csv-table.ts';
import { failureNote } from './failure-note.ts';
import { fromCursor, toCursor, type FilePosition } from './file-cursor.ts';
import {
  assertInbox,
  ensureFolders,
  listInbox,
  moveToFailed,
  moveToProcessed,
  sha256Hex,
  wasProcessed,
  type InboxFile,
} from './inbox.ts';
import { tableRecords, type FileRawRecord } from './rows.ts';
import type { FileDropSettings } from './settings.ts';
import type { Table } from './table.ts';
import { readXlsxTable } from './xlsx-table.ts';

type Ctx = AdapterContext<FileDropConfig>;

/** A file to read this run. */
interface Pending extends InboxFile {
  readonly hash: string;
}

/** Codes that mean "this file is unusable" (moved to failed/), not "the hub cannot work". */
const FILE_CODES = new Set([
  'KNTC_SOURCE_ENCODING',
  'KNTC_SOURCE_FILE_INVALID',
  'KNTC_SOURCE_TOO_LARGE',
]);

/** Pulls every waiting file, one page per batchSize rows. */
export async function* pullFiles(
  ctx: Ctx,
  settings: FileDropSettings,
  from: Cursor | null,
): AsyncGenerator<RawBatch> {
  const start = fromCursor(ctx.sourceId, from);
  await assertInbox(ctx.sourceId, settings);
  await ensureFolders(settings);
  const failures: HubError[] = [];
  const work = await housekeep(ctx, settings, start, failures);
  const done: string[] = [];
  for (const file of work) {
    ctx.signal.throwIfAborted();
    const resumeAt = start.current?.hash === file.hash ? start.current.row : 0;
    const records = await readRecords(ctx, settings, file, failures);
    if (records === null) continue;
    if (records.length === 0) {
      // Nothing in it needs to be durable first, so it moves now rather than after a batch.
      const to = await moveToProcessed(settings, file, file.hash);
      ctx.log.info({ file: file.name, movedTo: to }, 'file has no rows: moved to processed/');
      continue;
    }
    yield* pages(ctx, settings, file, records, resumeAt, done);
  }
  if (failures.length > 0) throw summarise(ctx.sourceId, failures);
}

/** Moves what the saved cursor says is stored, drops re-dropped copies, fails oversized files. */
async function housekeep(
  ctx: Ctx,
  settings: FileDropSettings,
  start: FilePosition,
  failures: HubError[],
): Promise<Pending[]> {
  const stored = new Set(start.done);
  const work: Pending[] = [];
  const seen = new Set<string>();
  for (const file of await listInbox(settings, Date.now())) {
    if (file.size > settings.maxFileBytes) {
      failures.push(await fail(ctx, settings, file, null, tooLarge(ctx.sourceId, file, settings)));
      continue;
    }
    const hash = sha256Hex(await fs.readFile(file.path));
    if (stored.has(hash) || (await wasProcessed(settings, hash))) {
      const to = await moveToProcessed(settings, file, hash);
      const why = stored.has(hash) ? 'all rows stored' : 'same content as a file processed before';
      ctx.log.info({ file: file.name, hash, movedTo: to }, `file moved to processed/: ${why}`);
      continue;
    }
    if (seen.has(hash)) continue; // a second copy in the inbox: handled once the first is stored
    seen.add(hash);
    work.push({ ...file, hash });
  }
  const resumed = work.findIndex((f) => f.hash === start.current?.hash);
  if (resumed > 0) work.unshift(...work.splice(resumed, 1));
  if (work.length > settings.maxFilesPerRun) {
    ctx.log.info(
      { waiting: work.length, maxFilesPerRun: settings.maxFilesPerRun },
      'more files than maxFilesPerRun: the next run reads the rest',
    );
  }
  return work.slice(0, settings.maxFilesPerRun);
}

/** The file's records, or null when it is unreadable (then moved to failed/ and noted). */
async function readRecords(
  ctx: Ctx,
  settings: FileDropSettings,
  file: Pending,
  failures: HubError[],
): Promise<FileRawRecord[] | null> {
  const bytes = await fs.readFile(file.path);
  if (sha256Hex(bytes) !== file.hash) {
    ctx.log.warn(
      { file: file.name },
      'file changed while the run was reading the inbox: left for the next run',
    );
    return null;
  }
  const ref = { sourceId: ctx.sourceId, fileName: file.name, hash: file.hash };
  try {
    const table: Table = /\.xlsx$/iu.test(file.name)
      ? await readXlsxTable(bytes, ref, settings)
      : readCsvTable(bytes, ref, settings);
    const records = tableRecords(table, ref, settings);
    const defective = table.rows.filter((r) => r.defect !== null).length;
    ctx.log.info(
      { file: file.name, hash: file.hash, rows: records.length, defective, readAs: table.readAs },
      'file read',
    );
    return records;
  } catch (err) {
    const e = toHubError(err);
    if (!FILE_CODES.has(e.code)) throw e;
    failures.push(await fail(ctx, settings, file, file.hash, e));
    return null;
  }
}

/** Yields the file's rows from `resumeAt` in pages; the last page's cursor lists it as done. */
function* pages(
  ctx: Ctx,
  settings: FileDropSettings,
  file: Pending,
  records: readonly FileRawRecord[],
  resumeAt: number,
  done: string[],
): Generator<RawBatch> {
  if (resumeAt > 0)
    ctx.log.info({ file: file.name, resumeAt }, 'resuming a file after an interrupted run');
  let i = Math.min(resumeAt, records.length);
  do {
    const page = records.slice(i, i + settings.batchSize);
    i += page.length;
    const last = i >= records.length;
    if (last) done.push(file.hash);
    const current = last ? null : { hash: file.hash, row: i };
    yield { records: page, cursor: toCursor({ done: [...done], current }) };
  } while (i < records.length);
}

async function fail(
  ctx: Ctx,
  settings: FileDropSettings,
  file: InboxFile,
  hash: string | null,
  error: HubError,
): Promise<HubError> {
  const note = failureNote(file.name, hash, error, new Date());
  const to = await moveToFailed(settings, file, hash ?? sha256Hex(Buffer.from(file.name)), note);
  ctx.log.warn(
    { file: file.name, code: error.code, movedTo: to },
    `file moved to failed/: ${error.message}`,
  );
  return error;
}

function tooLarge(sourceId: string, file: InboxFile, settings: FileDropSettings): HubError {
  return new HubError(
    'KNTC_SOURCE_TOO_LARGE',
    `source "${sourceId}": file "${file.name}" is ${file.size} bytes, over maxFileBytes (${settings.maxFileBytes})`,
    { details: { sourceId, file: file.name, size: file.size } },
  );
}

/** One error for the run: the only failure, or a summary naming every failed file. */
function summarise(sourceId: string, failures: readonly HubError[]): HubError {
  const [first] = failures;
  if (failures.length === 1 && first !== undefined) return first;
  const files = failures.map((f) => `${String(f.details['file'])} (${f.code})`).join(', ');
  return new HubError(
    first?.code ?? 'KNTC_SOURCE_FILE_INVALID',
    `source "${sourceId}": ${failures.length} files could not be read and were moved to failed/: ${files}`,
    {
      details: { sourceId, files: failures.length },
      hint: 'Read the .error.txt file next to each one in failed/, then drop corrected files into the inbox.',
    },
  );
}
