import { describe, expect, it } from 'vitest';
import { compileMapping, loadMappingFile } from '../../../src/mapping/index.ts';
import { HubError } from '../../../src/lib/errors.ts';

const header = `source: test-src
version: 1.0.0
record: { key: id }
`;

function loadError(yaml: string): HubError {
  try {
    compileMapping(yaml, 'mappings/test.yaml');
  } catch (err) {
    if (err instanceof HubError) return err;
    throw err;
  }
  throw new Error('expected the mapping to be refused');
}

describe('mapping load errors', () => {
  it('refuses an unknown key, naming file, line and key', () => {
    const e = loadError(
      header +
        `fields:\n  kind: { const: KN }\n  receipt.receivedAt: { from: d, format: dd/MM/yyyy }\n`,
    );
    expect(e.code).toBe('KNTC_MAPPING_INVALID');
    expect(e.message).toContain('mappings/test.yaml:6');
    expect(e.message).toContain('unknown key "format"');
    expect(e.details).toMatchObject({
      file: 'mappings/test.yaml',
      line: 6,
      key: 'fields.receipt.receivedAt.format',
    });
  });

  it('refuses an unknown top-level key', () => {
    const e = loadError(header + `fields:\n  kind: { const: KN }\nunknownCodes: reject\n`);
    expect(e.details).toMatchObject({ line: 6, key: 'unknownCodes' });
  });

  it('refuses a target path the canonical schema does not have, also inside each', () => {
    const e = loadError(
      header +
        `fields:\n  receipt.recievedAt: { from: d, date: dd/MM/yyyy }\n  petitioners:\n    each: ng\n    fields:\n      nam: { from: t }\n`,
    );
    expect(e.message).toContain('mappings/test.yaml:5 (key fields.receipt.recievedAt)');
    expect(e.message).toContain('"receipt.recievedAt" is not a field of the canonical record');
    expect(e.message).toContain('mappings/test.yaml:9 (key fields.petitioners.fields.nam)');
    expect(e.details).toMatchObject({ line: 5, problems: 2 });
  });

  it('refuses lookup values that are not codes of the target enum, at the lookup line', () => {
    const e = loadError(
      header +
        `fields:\n  kind: { from: k, lookup: k }\nlookups:\n  k:\n    "01": KN\n    "02": DENOUNCE\n`,
    );
    expect(e.details).toMatchObject({ line: 9, key: 'lookups.k.02' });
    expect(e.message).toContain('allowed: KN, TC, KNPA, MIXED, TRANH_CHAP');
  });

  it('refuses unquoted codes that YAML would read as numbers', () => {
    const e = loadError(
      header + `fields:\n  kind: { from: k, lookup: k }\nlookups:\n  k: { 01: KN }\n`,
    );
    expect(e.message).toContain('code 01 must be quoted ("01")');
    expect(e.details).toMatchObject({ line: 7 });
  });

  it('refuses what cannot work before any record is mapped', () => {
    const e = loadError(
      header +
        `fields:
  kind: { from: k, lookup: nope }
  signerCount: { from: s, date: dd/MM/yyyy }
  receipt.receivedAt: { from: d, date: dd/QQ/yyyy }
  content.summary: { from: x, extract: "(" }
  content.fieldArea: { const: LAND }
  settlement: { from: r }
  anonymous: { from: a, boolean: {}, number: integer }
  schemaVersion: { const: "1.0" }
  confidentiality.protectIdentity: { from: a, optional: true, default: false }
`,
    );
    for (const fragment of [
      ':5 (key fields.kind.lookup): lookup table "nope" is not defined',
      ':6 (key fields.signerCount.date): the target field cannot hold a date',
      ':7 (key fields.receipt.receivedAt.date): date format "dd/QQ/yyyy" is unusable',
      ':8 (key fields.content.summary.extract): pattern does not compile',
      ':9 (key fields.content.fieldArea.const): the value must be equal to one of the allowed values',
      ':10 (key fields.settlement): settlement is a group of fields',
      ':11 (key fields.anonymous): use only one of number, boolean',
      ':12 (key fields.schemaVersion): schemaVersion is set by the hub itself',
      ':13 (key fields.confidentiality.protectIdentity): use optional or default, not both',
    ]) {
      expect(e.message).toContain(fragment);
    }
  });

  it('refuses two rules writing the same field', () => {
    const e = loadError(
      header +
        `fields:\n  handling.outcome: { const: ACCEPT }\n  handling:\n    fields:\n      outcome: { const: FILE }\n`,
    );
    expect(e.message).toContain(
      ':8 (key fields.handling.fields.outcome): handling.outcome is already written',
    );
  });

  it('reports YAML syntax errors with their line', () => {
    const e = loadError(header + `fields:\n  kind: { const: KN\n`);
    expect(e.message).toMatch(/mappings\/test\.yaml:\d+ \(key \(yaml\)\): not valid YAML/);
  });

  it('names the file when it cannot be read', async () => {
    await expect(loadMappingFile('/nonexistent/x.yaml')).rejects.toMatchObject({
      code: 'KNTC_MAPPING_INVALID',
      message: expect.stringContaining('/nonexistent/x.yaml') as unknown,
    });
  });
});
