/**
 * Golden tests of mappings/commune-export.yaml: each row as the file-drop adapter yields it
 * (test/fixtures/mappings/commune-export/*.input.json) must map to *.expected.json (the
 * canonical record, or the FieldErrors), and every record that maps must pass the canonical
 * schema. The adapter's own headers are checked against the mapping's source paths too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { camelKey } from '../../adapters/file-drop/index.ts';
import { validatePetition } from '../../src/core/validate-petition.ts';
import { loadMappingFile, type CompiledMapping } from '../../src/mapping/index.ts';
import { COMMUNE_EXPORT_HEADERS } from '../../src/simulators/commune-export/index.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = `${root}test/fixtures/mappings/commune-export`;
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.input.json'))
  .map((f) => f.replace('.input.json', ''))
  .sort();

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

describe('mappings/commune-export.yaml', () => {
  let mapping: CompiledMapping;
  beforeAll(async () => {
    mapping = await loadMappingFile(`${root}mappings/commune-export.yaml`);
  });

  it('declares its source and version', () => {
    expect(mapping.source).toBe('commune-export');
    expect(mapping.version).toBe('1.0.0');
    expect(cases.length).toBeGreaterThanOrEqual(9);
  });

  it('reads the keys the adapter makes of the simulator headers', () => {
    const yaml = readFileSync(`${root}mappings/commune-export.yaml`, 'utf8');
    const keys = COMMUNE_EXPORT_HEADERS.map(camelKey);
    for (const from of yaml.matchAll(/(?:from|when): (\w+)/gu)) expect(keys).toContain(from[1]);
  });

  it.each(cases)('%s', (name) => {
    const raw = readJson(`${dir}/${name}.input.json`);
    const result = mapping.map(raw, { sourceId: 'commune-export' });
    expect(result).toEqual(readJson(`${dir}/${name}.expected.json`));
    expect(mapping.recordKey(raw)).toBe((raw as { soDon: string }).soDon);
    if (result.ok)
      expect(validatePetition(result.value)).toEqual({ ok: true, value: result.value });
    else for (const e of result.errors) expect(e.message).not.toContain(e.value || '\u0000');
  });
});
