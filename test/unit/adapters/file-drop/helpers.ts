// Shared set-up of the file-drop adapter tests: a temporary drop folder, an adapter context, and
// a pull that "commits" like the pipeline (the cursor of a page is kept only once taken).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { AdapterContext, Cursor, RawBatch } from '../../../../adapters/contract.ts';
import { fileDropAdapter, type FileDropConfig } from '../../../../adapters/file-drop/index.ts';
import type { FileRawRecord } from '../../../../adapters/file-drop/rows.ts';

/** A temporary folder with inbox/ (processed/ and failed/ appear next to it). */
export interface DropFolder {
  readonly root: string;
  readonly inbox: string;
  readonly processed: string;
  readonly failed: string;
  /** Writes a file into the inbox. */
  drop(name: string, bytes: Buffer | string): Promise<void>;
  /** Names in a folder, hidden ones left out, sorted. */
  list(dir: string): Promise<string[]>;
  remove(): Promise<void>;
}

/** Creates a drop folder under the OS temporary directory. */
export async function dropFolder(): Promise<DropFolder> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'kntc-file-drop-'));
  const inbox = path.join(root, 'inbox');
  await fs.mkdir(inbox);
  return {
    root,
    inbox,
    processed: path.join(root, 'processed'),
    failed: path.join(root, 'failed'),
    drop: (name, bytes) => fs.writeFile(path.join(inbox, name), bytes),
    list: async (dir) => {
      try {
        return (await fs.readdir(dir)).filter((n) => !n.startsWith('.')).sort();
      } catch {
        return [];
      }
    },
    remove: () => fs.rm(root, { recursive: true, force: true }),
  };
}

/** An adapter context for the folder; config overrides merge over quick-test defaults. */
export function contextFor(
  folder: DropFolder,
  config: Partial<FileDropConfig> = {},
): AdapterContext<FileDropConfig> {
  return {
    sourceId: 'xa-test',
    config: { inbox: folder.inbox, minAgeSeconds: 0, ...config },
    secrets: {},
    log: pino({ level: 'silent' }),
    signal: new AbortController().signal,
  };
}

/** What one pull gave: its pages, the last cursor, and the error it ended with. */
export interface PullResult {
  readonly batches: RawBatch[];
  readonly records: FileRawRecord[];
  readonly cursor: Cursor | null;
  readonly error: unknown;
}

/** Runs a pull to the end (or `maxPages` pages), keeping the cursor of the last page taken. */
export async function pullAll(
  ctx: AdapterContext<FileDropConfig>,
  from: Cursor | null,
  maxPages = Infinity,
): Promise<PullResult> {
  const batches: RawBatch[] = [];
  let cursor = from;
  let error: unknown = null;
  try {
    for await (const batch of fileDropAdapter.pull(ctx, from)) {
      batches.push(batch);
      cursor = batch.cursor;
      if (batches.length >= maxPages) break;
    }
  } catch (err) {
    error = err;
  }
  const records = batches.flatMap((b) => b.records as FileRawRecord[]);
  return { batches, records, cursor, error };
}

/** The payload of a record as an object. */
export function payloadOf(record: FileRawRecord): Record<string, unknown> {
  return record.payload as Record<string, unknown>;
}
