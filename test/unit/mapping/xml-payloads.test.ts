// What the mapping language offers XML payloads (adapters/soap-xml): a lone element read as a
// one-element list (each, index 0), @attributes and #text (also on a plain-text element),
// `default: []` on each for an empty container, and "#defects" rejecting a record.
import { describe, expect, it } from 'vitest';
import { compileMapping } from '../../../src/mapping/index.ts';

const header = `source: test-xml
version: 1.0.0
record: { key: SoDon }
`;
const ctx = { sourceId: 'test-xml' };
const compile = (yaml: string) => compileMapping(header + yaml, 'test.yaml');

const people = `fields:
  petitioners:
    each: Ds/NguoiGui
    default: []
    fields:
      kind: { const: PERSON }
      name: { from: HoTen }
      address:
        when: DiaChi
        fields:
          text: { from: DiaChi/#text }
          legacyProvinceCode: { from: DiaChi/@MaTinh, optional: true }
  signerCount: { from: Ds/NguoiGui/0/SoKy, number: integer }
`;

describe('XML payloads in mappings', () => {
  it('reads a lone element as a one-element list, attributes and #text', () => {
    const r = compile(people).map(
      {
        SoDon: 'HN-1',
        Ds: {
          NguoiGui: { HoTen: 'An', SoKy: '3', DiaChi: { '@MaTinh': '01', '#text': 'Phố Huế' } },
        },
      },
      ctx,
    );
    expect(r.ok && r.value).toMatchObject({
      petitioners: [
        { kind: 'PERSON', name: 'An', address: { text: 'Phố Huế', legacyProvinceCode: '01' } },
      ],
      signerCount: 3,
    });
  });

  it('reads #text of an element without attributes, and repeated elements as a list', () => {
    const r = compile(people).map(
      {
        SoDon: 'HN-2',
        Ds: { NguoiGui: [{ HoTen: 'An', SoKy: '2', DiaChi: 'Phố Huế' }, { HoTen: 'Bình' }] },
      },
      ctx,
    );
    expect(r.ok && r.value).toMatchObject({
      petitioners: [{ name: 'An', address: { text: 'Phố Huế' } }, { name: 'Bình' }],
      signerCount: 2,
    });
  });

  it('default: [] gives an empty list for an empty container', () => {
    const yaml = people.replace(
      '  signerCount: { from: Ds/NguoiGui/0/SoKy, number: integer }\n',
      '',
    );
    expect(compile(yaml).map({ SoDon: 'HN-3', Ds: '' }, ctx)).toMatchObject({
      ok: true,
      value: { petitioners: [] },
    });
    const strict = compile(yaml.replace('    default: []\n', ''));
    expect(strict.map({ SoDon: 'HN-3', Ds: '' }, ctx)).toMatchObject({
      ok: false,
      errors: [{ field: 'petitioners', code: 'KNTC_RECORD_FIELD_MISSING' }],
    });
  });

  it('refuses default: [] on a leaf and other defaults on each, at load', () => {
    expect(() => compile(`fields:\n  kind: { from: x, default: [] }\n`)).toThrow(
      /only for each lists/,
    );
    expect(() =>
      compile(
        `fields:\n  petitioners:\n    each: a\n    default: X\n    fields:\n      name: { from: b }\n`,
      ),
    ).toThrow(/default/);
  });

  it('rejects a record the adapter flagged under #defects', () => {
    const r = compile(`fields:\n  kind: { const: KN }\n`).map(
      {
        SoDon: 'HN-4',
        '#defects': [
          { path: 'Don.NoiDungDon', code: 'KNTC_SOURCE_TOO_LARGE', message: 'too large' },
        ],
      },
      ctx,
    );
    expect(r).toEqual({
      ok: false,
      errors: [
        {
          field: '(record)',
          sourceField: 'Don.NoiDungDon',
          code: 'KNTC_SOURCE_TOO_LARGE',
          message: 'too large',
        },
      ],
    });
  });
});
