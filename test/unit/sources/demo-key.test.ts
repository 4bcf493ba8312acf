// The demo makes its own secrets key once per data folder, readable only by its owner; demos
// starting at the same moment all end up with the one key on disk, never a half-written file.
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import type * as FsPromises from 'node:fs/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoSecretsKey } from '../../../src/app/demo.ts';

/** A slow disk: a file being written exists, empty, for a while before its bytes land. */
let slowDisk = false;
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof FsPromises>();
  const writeFile: typeof real.writeFile = async (file, data, options) => {
    if (!slowDisk || typeof file !== 'string' || typeof data !== 'string')
      return real.writeFile(file, data, options);
    const opts = typeof options === 'object' && options !== null ? options : {};
    const handle = await real.open(file, String(opts.flag ?? 'w'), Number(opts.mode ?? 0o666));
    try {
      await new Promise((r) => setTimeout(r, 20));
      await handle.writeFile(data);
    } finally {
      await handle.close();
    }
  };
  return { ...real, default: { ...real, writeFile }, writeFile };
});

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('demoSecretsKey', () => {
  it('creates data/demo/secrets.key with mode 0600 and returns the same key afterwards', async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'kntc-demo-key-'));
    dirs.push(base);
    const dir = path.join(base, 'data', 'demo');
    const log = pino({ level: 'silent' });
    const first = await demoSecretsKey(log, dir);
    const file = path.join(dir, 'secrets.key');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, 'utf8')).trim()).toBe(first.toBase64());
    expect((await demoSecretsKey(log, dir)).id).toBe(first.id);
  });

  it('refuses a damaged key file, naming it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kntc-demo-key-'));
    dirs.push(dir);
    await writeFile(path.join(dir, 'secrets.key'), 'garbage\n');
    await expect(demoSecretsKey(pino({ level: 'silent' }), dir)).rejects.toThrow(/secrets\.key/);
  });

  it('never lets a demo starting at the same moment read a half-written key file', async () => {
    const log = pino({ level: 'silent' });
    slowDisk = true;
    try {
      for (let round = 0; round < 3; round += 1) {
        const dir = await mkdtemp(path.join(tmpdir(), 'kntc-demo-key-'));
        dirs.push(dir);
        const keys = await Promise.all(Array.from({ length: 4 }, () => demoSecretsKey(log, dir)));
        const onDisk = (await readFile(path.join(dir, 'secrets.key'), 'utf8')).trim();
        expect(keys.map((k) => k.toBase64())).toEqual(keys.map(() => onDisk));
        expect(await readdir(dir)).toEqual(['secrets.key']);
      }
    } finally {
      slowDisk = false;
    }
  });
});
