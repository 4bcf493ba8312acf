// The demo makes its own secrets key once per data folder, readable only by its owner.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { demoSecretsKey } from '../../../src/app/demo.ts';

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
});
