/**
 * The folders of a file-drop source: listing the inbox, hashing files, and moving a file to
 * processed/ or failed/ (with a sidecar saying why). processed/.kntc-hashes/ holds one empty
 * file per processed content hash: the memory that a copy of a processed file dropped again
 * (even renamed) is not read twice. It grows with processed/ itself; pruning an old processed
 * file may prune its marker too (a re-drop is then read again, which the store absorbs: same
 * ids, same content, nothing stored twice).
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { HubError } from '../../src/lib/errors.ts';
import type { FileDropSettings } from './settings.ts';

/** A file waiting in the inbox. */
export interface InboxFile {
  readonly name: string;
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

const MARKERS = '.kntc-hashes';

/** SHA-256 (hex) of bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Throws KNTC_SOURCE_UNREACHABLE when the inbox is missing, not a folder, or not read/writable. */
export async function assertInbox(sourceId: string, settings: FileDropSettings): Promise<void> {
  const where = `source "${sourceId}": inbox folder ${settings.inbox}`;
  const details = { sourceId, inbox: settings.inbox };
  let isDir = false;
  try {
    isDir = (await fs.stat(settings.inbox)).isDirectory();
    await fs.access(settings.inbox, constants.R_OK | constants.W_OK);
  } catch (err) {
    throw new HubError(
      'KNTC_SOURCE_UNREACHABLE',
      `${where} cannot be read and written (${errCode(err)})`,
      {
        retryable: true,
        cause: err,
        details,
        hint: 'Create the folder (or mount the network share) and give the hub read and write access to it; the pull will be retried.',
      },
    );
  }
  if (!isDir) {
    throw new HubError('KNTC_SOURCE_UNREACHABLE', `${where} is not a folder`, { details });
  }
}

/** Creates processed/, failed/ and the marker folder if missing. */
export async function ensureFolders(settings: FileDropSettings): Promise<void> {
  await fs.mkdir(path.join(settings.processedDir, MARKERS), { recursive: true });
  await fs.mkdir(settings.failedDir, { recursive: true });
}

/**
 * Files waiting: matching a pattern, not hidden or an Office lock file ("~$…"), and unmodified
 * for minAgeSeconds (a file still being copied is left for the next run). Oldest first.
 */
export async function listInbox(settings: FileDropSettings, nowMs: number): Promise<InboxFile[]> {
  const entries = await fs.readdir(settings.inbox, { withFileTypes: true });
  const files: InboxFile[] = [];
  for (const e of entries) {
    if (!e.isFile() || e.name.startsWith('.') || e.name.startsWith('~$')) continue;
    if (!settings.patterns.some((p) => p.test(e.name))) continue;
    const full = path.join(settings.inbox, e.name);
    const st = await fs.stat(full);
    // With no minimum age every file is taken: mtimeMs has sub-millisecond digits that
    // Date.now() lacks, so a file written in the same millisecond would look "from the future".
    const minAgeMs = settings.minAgeSeconds * 1000;
    if (minAgeMs > 0 && nowMs - st.mtimeMs < minAgeMs) continue;
    files.push({ name: e.name, path: full, size: st.size, mtimeMs: st.mtimeMs });
  }
  return files.sort(
    (a, b) => a.mtimeMs - b.mtimeMs || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

/** True when a file with this content hash was processed before. */
export async function wasProcessed(settings: FileDropSettings, hash: string): Promise<boolean> {
  try {
    await fs.access(path.join(settings.processedDir, MARKERS, hash));
    return true;
  } catch {
    return false;
  }
}

/** Marks the hash processed, then moves the file to processed/; returns its new path. */
export async function moveToProcessed(
  settings: FileDropSettings,
  file: InboxFile,
  hash: string,
): Promise<string> {
  // Marker first: a crash between the two leaves a marked file in the inbox, moved next time.
  await fs.writeFile(path.join(settings.processedDir, MARKERS, hash), '');
  return moveInto(settings.processedDir, file, hash);
}

/** Moves the file to failed/ and writes `<name>.error.txt` next to it; returns its new path. */
export async function moveToFailed(
  settings: FileDropSettings,
  file: InboxFile,
  hash: string,
  explanation: string,
): Promise<string> {
  const target = await moveInto(settings.failedDir, file, hash);
  await fs.writeFile(`${target}.error.txt`, explanation, 'utf8');
  return target;
}

async function moveInto(dir: string, file: InboxFile, hash: string): Promise<string> {
  const target = await freeName(dir, file.name, hash);
  await fs.rename(file.path, target);
  return target;
}

/** dir/name, or dir/base.<hash8>.ext (then .2, .3…) when a file of that name is already there. */
async function freeName(dir: string, name: string, hash: string): Promise<string> {
  const ext = path.extname(name);
  const base = name.slice(0, name.length - ext.length);
  const candidates = [name, `${base}.${hash.slice(0, 8)}${ext}`];
  for (let i = 2; i < 1000; i += 1) candidates.push(`${base}.${hash.slice(0, 8)}.${i}${ext}`);
  for (const c of candidates) {
    const full = path.join(dir, c);
    if (!(await exists(full))) return full;
  }
  throw new HubError('KNTC_INTERNAL', `no free name for ${name} in ${dir}`);
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.access(p);
    return true;
  } catch {
    return false;
  }
}

function errCode(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : 'error';
}
