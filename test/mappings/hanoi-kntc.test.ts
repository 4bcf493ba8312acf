/**
 * Golden tests of mappings/hanoi-kntc.yaml: each <Don> record as the soap-xml adapter yields it
 * (test/fixtures/mappings/hanoi-kntc/*.input.json: element names without prefix, @attributes,
 * #text, a lone NguoiGui as an object, "#defects" for an oversized field) must map to
 * *.expected.json (the canonical record, or the FieldErrors); every record that maps must pass
 * the canonical schema. Records generated and rendered by the Hà Nội simulator are mapped too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { normaliseRecord } from '../../adapters/soap-xml/normalise.ts';
import { parseXml } from '../../adapters/soap-xml/xml-document.ts';
import { validatePetition } from '../../src/core/validate-petition.ts';
import { loadMappingFile, type CompiledMapping } from '../../src/mapping/index.ts';
import { generateHanoiRecords, renderRecord } from '../../src/simulators/hanoi/index.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = `${root}test/fixtures/mappings/hanoi-kntc`;
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.input.json'))
  .map((f) => f.replace('.input.json', ''))
  .sort();

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const noOversize = { markerPrefix: 'KNTC-OVERSIZE-none-', oversize: [], maxFieldBytes: 1 << 20 };

describe('mappings/hanoi-kntc.yaml', () => {
  let mapping: CompiledMapping;
  beforeAll(async () => {
    mapping = await loadMappingFile(`${root}mappings/hanoi-kntc.yaml`);
  });

  it('declares its source and version', () => {
    expect(mapping.source).toBe('hanoi-kntc');
    expect(mapping.version).toBe('1.0.0');
    expect(cases.length).toBeGreaterThanOrEqual(8);
  });

  it.each(cases)('%s', (name) => {
    const raw = readJson(`${dir}/${name}.input.json`);
    const result = mapping.map(raw, { sourceId: 'hanoi-kntc' });
    expect(result).toEqual(readJson(`${dir}/${name}.expected.json`));
    expect(mapping.recordKey(raw)).toBe((raw as { SoDon: string }).SoDon);
    if (result.ok) {
      expect(validatePetition(result.value)).toEqual({ ok: true, value: result.value });
    } else {
      for (const e of result.errors) expect(e.message).not.toContain(e.value || '\u0000');
    }
  });

  it('maps what the simulator serves; rejects only impossible dates and unknown codes', async () => {
    const records = generateHanoiRecords(400, { seed: 7, now: new Date('2025-06-01T00:00:00Z') });
    const codes = new Map<string, number>();
    let ok = 0;
    for (const r of records) {
      const xml = `<Don xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"${renderRecord(r).slice(4)}`;
      const tree = (await parseXml(xml)) as { Don: unknown };
      const result = mapping.map(normaliseRecord(tree.Don, 'Don', noOversize), {
        sourceId: 'hanoi-kntc',
      });
      const valid = result.ok ? validatePetition(result.value) : result;
      if (valid.ok) ok += 1;
      else for (const e of valid.errors) codes.set(e.code, (codes.get(e.code) ?? 0) + 1);
    }
    expect(ok).toBeGreaterThan(records.length * 0.9);
    expect([...codes.keys()].sort()).toEqual(['KNTC_RECORD_BAD_DATE', 'KNTC_RECORD_UNKNOWN_CODE']);
  });
});
