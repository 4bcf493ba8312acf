// The file-drop config schema as the hub's config loader uses it (Ajv 2020, defaults applied),
// and the settings derived from a config: defaults and folders next to the inbox.
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { fileDropConfigSchema } from '../../../../adapters/file-drop/index.ts';
import { patternToRegExp, resolveSettings } from '../../../../adapters/file-drop/settings.ts';

const validate = new Ajv2020({ allErrors: true, useDefaults: true, strict: false }).compile(
  fileDropConfigSchema,
);

describe('file-drop config', () => {
  it('accepts the demo config and fills defaults', () => {
    const config = {
      inbox: 'data/demo/xa-bui-thi-xuan/inbox',
      xlsx: { headerRow: 2 },
      idColumns: ['Số đơn'],
    };
    expect(validate(config)).toBe(true);
    expect(config).toMatchObject({
      batchSize: 500,
      patterns: ['*.csv', '*.xlsx'],
      headerKeys: 'camelCase',
    });
  });

  it('refuses unknown keys and unknown encodings', () => {
    expect(validate({ inbox: 'x', folder: 'y' })).toBe(false);
    expect(validate({ inbox: 'x', csv: { encoding: 'latin9' } })).toBe(false);
    expect(validate({ inbox: 'x', csv: { encoding: 'tcvn3' } })).toBe(true);
  });

  it('puts processed/ and failed/ next to the inbox by default', () => {
    const s = resolveSettings({ inbox: '/srv/kntc/xa-a/inbox' });
    expect([s.processedDir, s.failedDir]).toEqual([
      path.resolve('/srv/kntc/xa-a/processed'),
      path.resolve('/srv/kntc/xa-a/failed'),
    ]);
  });

  it('matches file patterns case-insensitively, whole names only', () => {
    const re = patternToRegExp('*.csv');
    expect(['a.csv', 'B.CSV', 'a.csv.bak', 'acsv'].map((n) => re.test(n))).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(patternToRegExp('don-thu-??.xlsx').test('don-thu-01.xlsx')).toBe(true);
  });
});
