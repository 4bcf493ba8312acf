import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMappings, firstDifference } from '../../../src/workflow/index.ts';

describe('firstDifference', () => {
  it('finds the first differing path, ignoring key order', () => {
    expect(firstDifference({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBeNull();
    expect(firstDifference({ a: { b: [1, { c: 'x' }] } }, { a: { b: [1, { c: 'y' }] } })).toEqual({
      path: 'a.b[1].c',
      expected: 'x',
      actual: 'y',
    });
    expect(firstDifference({ a: 1 }, { a: 1, z: 2 })?.path).toBe('z');
    expect(firstDifference([1], [1, 2])?.path).toBe('[1]');
  });
});

describe('checkMappings', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kntc-check-'));
    await mkdir(path.join(dir, 'mappings'));
    await cp('test/fixtures/mappings/quynhon-web', path.join(dir, 'fixtures', 'quynhon-web'), {
      recursive: true,
    });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('passes the project mappings with their golden fixtures (defaults from the project root)', async () => {
    const report = await checkMappings();
    const quynhon = report.files.find((f) => f.source === 'quynhon-web');
    expect(quynhon?.ok).toBe(true);
    expect(quynhon?.fixtures.length).toBeGreaterThanOrEqual(8);
  });

  it('reports a changed fixture, a missing expected file and an unloadable mapping', async () => {
    const text = await readFile('mappings/quynhon-web.yaml', 'utf8');
    await writeFile(
      path.join(dir, 'mappings', 'quynhon-web.yaml'),
      text.replace("'02': TC,", "'02': KN,"),
    );
    await writeFile(
      path.join(dir, 'mappings', 'zz-broken.yml'),
      'source: xx\nversion: 1.0.0\nrecord: { key: id }\nfields: { nope: { from: a } }\n',
    );
    await writeFile(path.join(dir, 'fixtures', 'quynhon-web', '99-lonely.input.json'), '{}');
    const report = await checkMappings(path.join(dir, 'mappings'), path.join(dir, 'fixtures'));
    expect(report.ok).toBe(false);
    const [quynhon, broken] = report.files;
    const bad = quynhon?.fixtures.filter((f) => !f.ok).map((f) => f.name);
    expect(bad).toContain('99-lonely');
    const lonely = quynhon?.fixtures.find((f) => f.name === '99-lonely');
    expect(lonely?.problem).toMatch(/^cannot read the fixture pair/);
    expect(quynhon?.fixtures.some((f) => f.difference?.path === 'value.kind')).toBe(true);
    expect(broken).toMatchObject({
      ok: false,
      source: null,
      error: { code: 'KNTC_MAPPING_INVALID' },
    });
    expect(broken?.error?.message).toContain('zz-broken.yml:4');
  });
});
