// Listing the inbox: the minimum-age rule that leaves a file still being copied for later.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listInbox } from '../../../../adapters/file-drop/inbox.ts';
import { resolveSettings } from '../../../../adapters/file-drop/settings.ts';
import { dropFolder, type DropFolder } from './helpers.ts';

let f: DropFolder;
beforeEach(async () => {
  f = await dropFolder();
});
afterEach(async () => {
  await f.remove();
});

/** Drops a file and sets its modification time to `mtimeMs` (sub-millisecond digits kept). */
async function dropAt(name: string, mtimeMs: number): Promise<void> {
  await f.drop(name, 'Số đơn\r\nD-1\r\n');
  await fs.utimes(path.join(f.inbox, name), mtimeMs / 1000, mtimeMs / 1000);
}

describe('listInbox', () => {
  it('takes a file written within the same millisecond when no minimum age is set', async () => {
    const now = 1_790_000_000_000;
    // The file system keeps sub-millisecond digits; Date.now() does not.
    await dropAt('same-ms.csv', now + 0.75);
    const names = (await listInbox(resolveSettings({ inbox: f.inbox, minAgeSeconds: 0 }), now)).map(
      (x) => x.name,
    );
    expect(names).toEqual(['same-ms.csv']);
  });

  it('leaves a file younger than minAgeSeconds for the next run', async () => {
    const now = 1_790_000_000_000;
    await dropAt('copying.csv', now - 2_000);
    await dropAt('settled.csv', now - 60_000);
    const settings = resolveSettings({ inbox: f.inbox, minAgeSeconds: 30 });
    expect((await listInbox(settings, now)).map((x) => x.name)).toEqual(['settled.csv']);
  });
});
