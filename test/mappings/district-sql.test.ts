/**
 * Golden tests of mappings/district-sql.yaml: each row of the district document-management
 * system's integration view, as the sql adapter yields it (test/fixtures/mappings/district-sql/
 * *.input.json), must map to *.expected.json (the canonical record, or the FieldErrors), and
 * every record that maps must pass the canonical schema.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { validatePetition } from '../../src/core/validate-petition.ts';
import { loadMappingFile, type CompiledMapping } from '../../src/mapping/index.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = `${root}test/fixtures/mappings/district-sql`;
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.input.json'))
  .map((f) => f.replace('.input.json', ''))
  .sort();

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

describe('mappings/district-sql.yaml', () => {
  let mapping: CompiledMapping;
  beforeAll(async () => {
    mapping = await loadMappingFile(`${root}mappings/district-sql.yaml`);
  });

  it('declares its source and version', () => {
    expect(mapping.source).toBe('district-sql');
    expect(mapping.version).toBe('1.0.0');
    expect(cases.length).toBeGreaterThanOrEqual(9);
  });

  it.each(cases)('%s', (name) => {
    const raw = readJson(`${dir}/${name}.input.json`);
    const result = mapping.map(raw, { sourceId: 'district-sql' });
    expect(result).toEqual(readJson(`${dir}/${name}.expected.json`));
    expect(mapping.recordKey(raw)).toBe((raw as { so_don: string }).so_don);
    if (result.ok)
      expect(validatePetition(result.value)).toEqual({ ok: true, value: result.value });
    else for (const e of result.errors) expect(e.message).not.toContain(e.value ?? '\u0000');
  });

  it('rejects the legacy impossible date with the source column named, never guessing', () => {
    const result = mapping.map(readJson(`${dir}/06-impossible-legacy-date.input.json`), {
      sourceId: 'district-sql',
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]).toMatchObject({
        field: 'receipt.writtenAt',
        sourceField: 'ngay_viet_don_text',
        code: 'KNTC_RECORD_BAD_DATE',
      });
    }
  });
});
