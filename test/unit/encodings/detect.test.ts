// Detection of a file's encoding: BOM, UTF-8, then the most plausible legacy encoding, on
// real-looking samples (other tools' files and the commune export simulator's rows), the
// explicit override, and the per-file error when nothing is plausible.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  LEGACY_ENCODINGS,
  detectEncoding,
  encodeAs,
  looksBinary,
  resolveEncoding,
  scoreCandidates,
} from '../../../src/lib/encodings/index.ts';
import { HubError } from '../../../src/lib/errors.ts';
import { csvText } from '../../../src/simulators/commune-export/render.ts';
import { CommuneRowFactory } from '../../../src/simulators/commune-export/rows.ts';
import { createRng } from '../../../src/simulators/synth/index.ts';

const files = fileURLToPath(new URL('../../fixtures/files/', import.meta.url));
const file = (name: string): Buffer => readFileSync(`${files}${name}`);
const opts = { sourceId: 'xa-test', fileName: 'don-thu.csv' } as const;

describe('detectEncoding', () => {
  it('trusts a byte-order mark first', () => {
    const text = 'Họ tên,Nguyễn Văn A';
    const bom8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    const bom16le = Buffer.concat([Buffer.from([0xff, 0xfe]), encodeAs(text, 'utf-16le')]);
    const bom16be = Buffer.concat([Buffer.from([0xfe, 0xff]), encodeAs(text, 'utf-16be')]);
    expect(detectEncoding(bom8)).toEqual({ encoding: 'utf-8', bomLength: 3, how: 'bom' });
    expect(detectEncoding(bom16le)).toEqual({ encoding: 'utf-16le', bomLength: 2, how: 'bom' });
    expect(detectEncoding(bom16be)).toEqual({ encoding: 'utf-16be', bomLength: 2, how: 'bom' });
  });

  it('takes valid UTF-8 (and pure ASCII) as UTF-8', () => {
    expect(detectEncoding(file('sample.utf8.csv'))?.encoding).toBe('utf-8');
    expect(detectEncoding(Buffer.from('a,b\r\n1,2\r\n'))?.encoding).toBe('utf-8');
  });

  it.each([
    ['sample.tcvn3.csv', 'tcvn3'],
    ['sample.windows-1258.csv', 'windows-1258'],
    ['sample.vni.txt', 'vni'],
  ])('recognises %s written by another tool as %s', (name, encoding) => {
    expect(detectEncoding(file(name))).toEqual({ encoding, bomLength: 0, how: 'scored' });
  });

  it.each(LEGACY_ENCODINGS)('recognises messy commune exports in %s', (encoding) => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const rows = new CommuneRowFactory(createRng(seed)).rows(15, Date.UTC(2026, 2, 1));
      const bytes = encodeAs(csvText(rows, ','), encoding);
      expect(detectEncoding(bytes)?.encoding).toBe(encoding);
    }
  });

  it('separates the right encoding clearly from the others', () => {
    const [best, second] = scoreCandidates(file('sample.tcvn3.csv'));
    expect(best?.score.ratio).toBe(1);
    expect(second?.score.ratio).toBeLessThan(0.5);
  });

  it('finds nothing plausible in bytes that are not Vietnamese text', () => {
    const noise = Buffer.from(Array.from({ length: 400 }, (_, i) => 0x80 + ((i * 37) % 128)));
    expect(detectEncoding(noise)).toBeNull();
  });
});

describe('resolveEncoding', () => {
  it('lets an explicit encoding override detection', () => {
    const bytes = file('sample.tcvn3.csv');
    expect(resolveEncoding(bytes, { ...opts, encoding: 'vni' })).toEqual({
      encoding: 'vni',
      bomLength: 0,
      how: 'explicit',
    });
  });

  it('throws KNTC_SOURCE_ENCODING naming the file when nothing is plausible', () => {
    const noise = Buffer.from(Array.from({ length: 400 }, (_, i) => 0x80 + ((i * 37) % 128)));
    const err = (() => {
      try {
        resolveEncoding(noise, { ...opts, encoding: 'auto' });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(HubError);
    expect((err as HubError).code).toBe('KNTC_SOURCE_ENCODING');
    expect((err as HubError).message).toContain('"don-thu.csv"');
  });

  it('refuses a file declared UTF-8 that is not', () => {
    expect(() =>
      resolveEncoding(file('sample.windows-1258.csv'), { ...opts, encoding: 'utf-8' }),
    ).toThrow(/declared UTF-8/u);
  });
});

describe('looksBinary', () => {
  it('flags NUL bytes unless a UTF-16 BOM explains them', () => {
    expect(looksBinary(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toBe(true);
    expect(looksBinary(Buffer.from([0xff, 0xfe, 0x41, 0x00]))).toBe(false);
    expect(looksBinary(file('sample.tcvn3.csv'))).toBe(false);
  });
});
