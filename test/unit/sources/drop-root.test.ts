// KNTC_DROP_ROOT: the folder console file-drop sources must keep their folders in. It defaults to
// data/inbox under the working directory, where the demo's ward inbox also is (so a console
// source made in the demo can read it), away from the demo's secrets key.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { DEMO_DATA_DIR, DEMO_INBOX } from '../../../src/app/demo.ts';
import { DEFAULT_DROP_ROOT, readSettings, SETTINGS_DOC } from '../../../src/config/settings.ts';
import { dropFolderProblems, isInside } from '../../../src/sources/drop-folders.ts';

describe('KNTC_DROP_ROOT', () => {
  it('defaults to data/inbox under the working directory and is documented', () => {
    expect(readSettings({}).dropRoot).toBe(path.resolve('data/inbox'));
    expect(readSettings({ KNTC_DROP_ROOT: '/srv/kntc/inbox' }).dropRoot).toBe('/srv/kntc/inbox');
    expect(readSettings({ KNTC_DROP_ROOT: 'exports' }).dropRoot).toBe(path.resolve('exports'));
    expect(SETTINGS_DOC.find(([name]) => name === 'KNTC_DROP_ROOT')?.[1]).toBe(DEFAULT_DROP_ROOT);
    expect(readFileSync('README.md', 'utf8')).toMatch(/\| `KNTC_DROP_ROOT` +\| `data\/inbox`/);
  });

  it('holds the demo ward inbox and its default processed and failed folders', async () => {
    const demo = parseYaml(readFileSync('config/demo.yaml', 'utf8')) as {
      sources: { id: string; adapter: string; config: Record<string, unknown> }[];
    };
    const ward = demo.sources.find((s) => s.adapter === 'file-drop');
    expect(ward?.config['inbox']).toBe(DEMO_INBOX);
    const root = path.resolve(DEFAULT_DROP_ROOT);
    expect(await dropFolderProblems(ward?.id ?? '', ward?.config, root)).toEqual([]);
    expect(isInside(path.resolve(DEMO_DATA_DIR, 'secrets.key'), root)).toBe(false);
  });
});

describe('isInside', () => {
  it('tells a folder inside a root from one beside it', () => {
    expect(isInside('/srv/in', '/srv/in')).toBe(true);
    expect(isInside('/srv/in/a/b', '/srv/in')).toBe(true);
    expect(isInside('/srv/in/..hidden', '/srv/in')).toBe(true);
    expect(isInside('/srv/inbox', '/srv/in')).toBe(false);
    expect(isInside('/srv', '/srv/in')).toBe(false);
    expect(isInside('/etc', '/srv/in')).toBe(false);
  });
});
