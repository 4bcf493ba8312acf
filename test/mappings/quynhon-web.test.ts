/**
 * Golden tests of mappings/quynhon-web.yaml: each hand-written raw record in
 * test/fixtures/mappings/quynhon-web/*.input.json must map to *.expected.json (the canonical
 * record, or the FieldErrors), and every record that maps must pass the canonical schema.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { validatePetition } from '../../src/core/validate-petition.ts';
import { loadMappingFile, type CompiledMapping } from '../../src/mapping/index.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = `${root}test/fixtures/mappings/quynhon-web`;
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.input.json'))
  .map((f) => f.replace('.input.json', ''))
  .sort();

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

describe('mappings/quynhon-web.yaml', () => {
  let mapping: CompiledMapping;
  beforeAll(async () => {
    mapping = await loadMappingFile(`${root}mappings/quynhon-web.yaml`);
  });

  it('declares its source and version', () => {
    expect(mapping.source).toBe('quynhon-web');
    expect(mapping.version).toBe('1.0.0');
    expect(cases.length).toBeGreaterThanOrEqual(8);
  });

  it.each(cases)('%s', (name) => {
    const raw = readJson(`${dir}/${name}.input.json`);
    const result = mapping.map(raw, { sourceId: 'quynhon-web' });
    expect(result).toEqual(readJson(`${dir}/${name}.expected.json`));
    expect(mapping.recordKey(raw)).toBe((raw as { maDon: string }).maDon);
    if (result.ok)
      expect(validatePetition(result.value)).toEqual({ ok: true, value: result.value });
    else for (const e of result.errors) expect(e.message).not.toContain(e.value ?? '\u0000');
  });
});
