/**
 * The file-drop adapter's contract harness: a temporary inbox under os.tmpdir() filled by the
 * commune export simulator (CSV in Windows-1258, TCVN3, UTF-8, VNI, and XLSX). A folder has no
 * server, so the faults take the forms a file inbox really has: the share unmounted (the inbox
 * gone: retryable KNTC_SOURCE_UNREACHABLE), a truncated XLSX (permanent KNTC_SOURCE_FILE_INVALID),
 * exports holding no row. It has no timeout at all (see `unsupported`).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileDropAdapter } from '../../adapters/file-drop/index.ts';
import { fromCursor, type FilePosition } from '../../adapters/file-drop/file-cursor.ts';
import {
  COMMUNE_EXPORT_FORMATS,
  DEFAULT_COMMUNE_FAULTS,
  XLSX_HEADER_ROW,
  writeCommuneExports,
} from '../../src/simulators/commune-export/index.ts';
import type { ContractHarness, Fault, FakeSource } from './harness.ts';

const ROWS_PER_FILE = 9;
const BATCH = 4;
const NOW = new Date('2026-03-02T03:00:00Z');
const TRUNCATED = 'zz-cat-ngang.xlsx';

/** One file per format of 9 rows for 45 records (every format read), else a single file. */
async function writeExports(inbox: string, records: number, seed: number): Promise<string[]> {
  if (records === 0) return [];
  const perFile = records % ROWS_PER_FILE === 0 ? ROWS_PER_FILE : records;
  const written = await writeCommuneExports(inbox, {
    seed,
    files: records / perFile,
    rowsPerFile: perFile,
    now: NOW,
    // A row exported again in a later file keeps its number: the ground truth would hold it twice.
    faults: { ...DEFAULT_COMMUNE_FAULTS, reexported: 0 },
  });
  return written.flatMap((w) => w.rows.map((r) => String(r['Số đơn'])));
}

/** The first half of a real XLSX export: a copy cut short. */
async function truncatedXlsx(scratch: string): Promise<Buffer> {
  const [xlsx] = await writeCommuneExports(scratch, {
    seed: 99,
    files: 1,
    rowsPerFile: 5,
    now: NOW,
    formats: ['xlsx'],
  });
  const bytes = await fs.readFile(xlsx?.path ?? '');
  return bytes.subarray(0, Math.floor(bytes.length / 2));
}

/** Moves every export aside and drops exports of every format with headers but no row. */
async function emptyExports(inbox: string, aside: string): Promise<void> {
  await fs.mkdir(aside, { recursive: true });
  for (const name of await fs.readdir(inbox)) {
    await fs.rename(path.join(inbox, name), path.join(aside, name));
  }
  await writeCommuneExports(inbox, {
    seed: 5,
    files: COMMUNE_EXPORT_FORMATS.length,
    rowsPerFile: 0,
    now: NOW,
    firstFileNumber: 101,
  });
}

async function restoreExports(inbox: string, aside: string): Promise<void> {
  const stashed = await fs.readdir(aside).catch(() => []);
  if (stashed.length === 0) return;
  await fs.rm(inbox, { recursive: true, force: true });
  await fs.rename(aside, inbox);
}

async function startInbox(records: number): Promise<FakeSource> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'kntc-contract-file-drop-'));
  const inbox = path.join(root, 'inbox');
  const unmounted = path.join(root, 'inbox-unmounted');
  const aside = path.join(root, 'inbox-aside');
  const ids = await writeExports(inbox, records, 21);
  await fs.mkdir(inbox, { recursive: true });
  const truncated = await truncatedXlsx(path.join(root, 'scratch'));
  const heal = async (): Promise<void> => {
    await fs.rename(unmounted, inbox).catch(() => undefined);
    await fs.rm(path.join(inbox, TRUNCATED), { force: true });
    await restoreExports(inbox, aside);
  };
  const apply: Record<Fault, () => Promise<void>> = {
    none: heal,
    // As root (CI) permissions do not stop a read: the share unmounted is the retryable case.
    'server-error': () => fs.rename(inbox, unmounted),
    malformed: () => fs.writeFile(path.join(inbox, TRUNCATED), truncated),
    empty: () => emptyExports(inbox, aside),
    timeout: () => Promise.reject(new Error('file-drop has no timeout (declared unsupported)')),
  };
  return {
    config: {
      inbox,
      idColumns: ['Số đơn'],
      xlsx: { headerRow: XLSX_HEADER_ROW },
      batchSize: BATCH,
      minAgeSeconds: 0,
    },
    secrets: {},
    ids,
    pageSize: BATCH,
    async setFault(next) {
      await heal();
      await apply[next]();
    },
    close: () => fs.rm(root, { recursive: true, force: true }),
  };
}

/** Progress within one pull: files done, then rows stored of the current file. */
function compareFilePositions(a: FilePosition, b: FilePosition): number {
  const bDone = new Set(b.done);
  const aDone = new Set(a.done);
  if (!a.done.every((h) => bDone.has(h))) return b.done.every((h) => aDone.has(h)) ? 1 : NaN;
  if (a.done.length !== b.done.length) return a.done.length - b.done.length;
  if (a.current === null || b.current === null)
    return (a.current?.row ?? 0) - (b.current?.row ?? 0);
  return a.current.hash === b.current.hash ? a.current.row - b.current.row : NaN;
}

/** file-drop on a temporary inbox; a file resumes at its next row: an exact resume. */
export const fileDropHarness: ContractHarness = {
  adapter: fileDropAdapter,
  start: startInbox,
  compareCursors: (a, b) =>
    compareFilePositions(fromCursor('contract', a), fromCursor('contract', b)),
  resumeOverlap: 0,
  unsupported: {
    timeout:
      'a file inbox has no request to wait for: file-drop has no timeoutMs and documents no KNTC_SOURCE_TIMEOUT',
  },
  expected: {
    serverError: 'KNTC_SOURCE_UNREACHABLE',
    malformed: 'KNTC_SOURCE_FILE_INVALID',
  },
};
