import { describe, expect, it } from 'vitest';
import { compileMapping } from '../../../src/mapping/index.ts';

const header = `source: test-src
version: 2.1.0
record: { key: id }
`;
const ctx = { sourceId: 'tinh-x' };

function mapOne(yaml: string, raw: unknown) {
  return compileMapping(header + yaml, 'test.yaml').map(raw, ctx);
}

describe('mapping engine', () => {
  it('sets schema version and provenance, keeping provenance fields of the mapping', () => {
    const r = mapOne(`fields:\n  provenance.oneStopCode: { from: mc }\n  kind: { const: KN }\n`, {
      id: ' A-1 ',
      mc: 'MC-9',
    });
    expect(r).toEqual({
      ok: true,
      value: {
        schemaVersion: '1.0',
        kind: 'KN',
        provenance: {
          oneStopCode: 'MC-9',
          source: 'tinh-x',
          sourceRecordId: 'A-1',
          mappingVersion: '2.1.0',
        },
      },
    });
  });

  it('reports a missing record key and a record that is not an object', () => {
    const r = mapOne(`fields:\n  kind: { const: KN }\n`, { id: '' });
    expect(!r.ok && r.errors).toEqual([
      expect.objectContaining({
        field: 'provenance.sourceRecordId',
        sourceField: 'id',
        code: 'KNTC_RECORD_FIELD_MISSING',
      }),
    ]);
    const m = compileMapping(header + `fields:\n  kind: { const: KN }\n`, 't.yaml');
    expect(m.map([1], ctx).ok).toBe(false);
    expect(m.recordKey({ id: 42 })).toBe('42');
    expect(m.recordKey({})).toBeNull();
  });

  it('collects every error of a record with field, source field, value and an actionable message', () => {
    const yaml = `fields:
  receipt.receivedAt: { from: ngay, date: dd/MM/yyyy }
  kind: { from: loai, lookup: loai }
  signerCount: { from: so, number: integer }
  content.summary: { from: nd, text: [trim] }
lookups:
  loai: { "01": KN }
`;
    const r = mapOne(yaml, { id: 'A', ngay: '31/02/2026', loai: '09', so: 'ba', nd: '   ' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      {
        field: 'receipt.receivedAt',
        sourceField: 'ngay',
        value: '31/02/2026',
        code: 'KNTC_RECORD_BAD_DATE',
        message: 'Date in field ngay is not a real calendar date in format dd/MM/yyyy',
      },
      {
        field: 'kind',
        sourceField: 'loai',
        value: '09',
        code: 'KNTC_RECORD_UNKNOWN_CODE',
        message: 'Code in field loai is not a code of lookup table loai (known codes: 01)',
      },
      {
        field: 'signerCount',
        sourceField: 'so',
        value: 'ba',
        code: 'KNTC_RECORD_BAD_VALUE',
        message: 'Value in field so is not a whole number',
      },
      {
        field: 'content.summary',
        sourceField: 'nd',
        value: '   ',
        code: 'KNTC_RECORD_FIELD_MISSING',
        message: 'Required field nd is missing or empty (it fills content.summary)',
      },
    ]);
    for (const e of r.errors) expect(e.message).not.toContain(e.value ?? '\u0000');
  });

  it('omits optional fields and applies defaults when the source is empty', () => {
    const yaml = `fields:
  receipt.writtenAt: { from: nv, date: dd/MM/yyyy, optional: true }
  signerCount: { from: so, number: integer, default: 1 }
  content.subject: { from: dt, optional: true }
`;
    const r = mapOne(yaml, { id: 'A', nv: '', dt: null });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).not.toHaveProperty('content');
    expect(r.value).not.toHaveProperty('receipt');
    expect(r.value['signerCount']).toBe(1);
  });

  it('unknownCode: default falls back to the default, or omits an optional field', () => {
    const yaml = `fields:
  receipt.channel: { from: ng, lookup: ng, default: OTHER_AGENCY }
  content.fieldArea: { from: lv, lookup: lv, optional: true }
  kind: { from: k, lookup: k }
lookups:
  ng: { TT: DIRECT }
  lv: { DD: ADMIN_LAND_HOUSING }
  k: { "01": KN }
unknownCode: default
`;
    const r = mapOne(yaml, { id: 'A', ng: 'XX', lv: 'YY', k: '09' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    // A required field without default still rejects, with the unknown-code reason.
    expect(r.errors.map((e) => [e.field, e.code])).toEqual([['kind', 'KNTC_RECORD_UNKNOWN_CODE']]);
    const ok = mapOne(yaml, { id: 'A', ng: 'XX', lv: 'YY', k: '01' });
    expect(ok.ok && ok.value).toEqual(
      expect.objectContaining({ receipt: { channel: 'OTHER_AGENCY' }, kind: 'KN' }),
    );
    expect(ok.ok && ok.value).not.toHaveProperty('content');
  });

  it('includes a when group only when its source value is present, and drops empty groups', () => {
    const yaml = `fields:
  handling:
    when: hx
    fields:
      outcome: { from: hx, lookup: hx }
      decidedAt: { from: nx, date: dd/MM/yyyy, optional: true }
  content.place:
    fields:
      text: { from: noi, optional: true }
lookups:
  hx: { THULY: ACCEPT }
`;
    const none = mapOne(yaml, { id: 'A', hx: null, nx: '01/01/2026' });
    expect(none.ok).toBe(true);
    expect(none.ok && none.value).not.toHaveProperty('handling');
    expect(none.ok && none.value).not.toHaveProperty('content');
    const some = mapOne(yaml, { id: 'A', hx: 'THULY', nx: '' });
    expect(some.ok && some.value['handling']).toEqual({ outcome: 'ACCEPT' });
  });

  it('maps each element of a list with indexed paths in errors, and a lone object as one element', () => {
    const yaml = `fields:
  petitioners:
    each: ng
    fields:
      kind: { const: PERSON }
      name: { from: ten, text: [trim] }
      idDocument:
        when: so
        fields:
          type: { const: CCCD }
          number: { from: so, text: [digits] }
`;
    const r = mapOne(yaml, { id: 'A', ng: [{ ten: 'An', so: '052 1' }, { ten: ' ' }] });
    expect(!r.ok && r.errors).toEqual([
      expect.objectContaining({
        field: 'petitioners[1].name',
        sourceField: 'ng[1].ten',
        value: ' ',
      }),
    ]);
    const ok = mapOne(yaml, {
      id: 'A',
      ng: [
        { ten: 'An', so: '052 1' },
        { ten: 'Bình', so: '' },
      ],
    });
    expect(ok.ok && ok.value['petitioners']).toEqual([
      { kind: 'PERSON', name: 'An', idDocument: { type: 'CCCD', number: '0521' } },
      { kind: 'PERSON', name: 'Bình' },
    ]);
    const lone = mapOne(yaml, { id: 'A', ng: { ten: 'An' } });
    expect(lone.ok && lone.value['petitioners']).toEqual([{ kind: 'PERSON', name: 'An' }]);
    const empty = mapOne(yaml, { id: 'A', ng: [] });
    expect(empty.ok && empty.value['petitioners']).toEqual([]);
    const missing = mapOne(yaml, { id: 'A' });
    expect(!missing.ok && missing.errors[0]).toMatchObject({
      field: 'petitioners',
      sourceField: 'ng',
    });
  });

  it('reads nested paths written with / or ., several paths with join, and indexed targets', () => {
    const yaml = `fields:
  receipt.agency.code: { from: cq/ma }
  receipt.agency.name: { from: cq.ten }
  petitioners[0].name: { from: [ho, ten], join: " " }
  petitioners[0].kind: { const: PERSON }
  content.summary: { from: nd, extract: "về việc (?<value>.+)$" }
`;
    const r = mapOne(yaml, {
      id: 'A',
      cq: { ma: 'UBND', ten: 'UBND phường' },
      ho: 'Trần',
      ten: 'Bình',
      nd: 'Đơn về việc thu hồi đất',
    });
    expect(r.ok && r.value).toMatchObject({
      receipt: { agency: { code: 'UBND', name: 'UBND phường' } },
      petitioners: [{ name: 'Trần Bình', kind: 'PERSON' }],
      content: { summary: 'thu hồi đất' },
    });
  });
});
