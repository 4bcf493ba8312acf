// Decoders and encoders of src/lib/encodings: round trips, NFC output, the TCVN3 capital repair
// and what stays lossy, and the decoders against files written by other tools (glibc iconv, a
// hand-built VNI file from the published chart).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TEXT_ENCODINGS, decodeAs, encodeAs } from '../../../src/lib/encodings/index.ts';

const files = fileURLToPath(new URL('../../fixtures/files/', import.meta.url));
const SENTENCE =
  'Nguyễn Thị Hoà khiếu nại về việc cấp giấy chứng nhận quyền sử dụng đất ở phường Quy Nhơn; ' +
  'Đặng Văn Ước, Trần Thuỷ, Bùi Quang Dũng, Lý Thị Mỹ Ngọc, Hồ Sĩ Phượng (số 12/QĐ-UBND).';

describe('round trips', () => {
  it.each(TEXT_ENCODINGS)('%s keeps a mixed-case Vietnamese sentence', (encoding) => {
    expect(decodeAs(encodeAs(SENTENCE, encoding), encoding)).toBe(SENTENCE);
  });

  it.each(TEXT_ENCODINGS)('%s decodes to NFC even from NFD input', (encoding) => {
    const decoded = decodeAs(encodeAs(SENTENCE.normalize('NFD'), encoding), encoding);
    expect(decoded).toBe(SENTENCE);
    expect(decoded.normalize('NFC')).toBe(decoded);
  });

  it('writes Windows-1258 tones as combining marks and composes them on decoding', () => {
    const bytes = encodeAs('Nguyễn', 'windows-1258');
    expect([...bytes]).toEqual([0x4e, 0x67, 0x75, 0x79, 0xea, 0xde, 0x6e]); // ê + U+0303
    expect(decodeAs(bytes, 'windows-1258')).toBe('Nguyễn');
  });

  it("keeps the look-alike Ð (U+00D0) as it is: folding is the mapping's job", () => {
    expect(decodeAs(Buffer.from('Ðặng', 'utf8'), 'utf-8')).toBe('Ðặng');
    expect(decodeAs(Buffer.from([0xd0, 0x61]), 'windows-1258')).toBe('Đa'); // 0xD0 is Đ there
  });
});

describe('TCVN3 capitals', () => {
  it('repairs words written in capitals with lower-case tone codes (.VnTimeH)', () => {
    const bytes = encodeAs('NGUYỄN THỊ HOÀ, ĐOÀN VĂN ƯỚC', 'tcvn3');
    expect(decodeAs(bytes, 'tcvn3')).toBe('NGUYỄN THỊ HOÀ, ĐOÀN VĂN ƯỚC');
  });

  it('is lossy for a word with fewer than two capitals the bytes can tell', () => {
    expect(decodeAs(encodeAs('HÀ Ánh', 'tcvn3'), 'tcvn3')).toBe('Hà ánh');
  });

  it('reads VN1 capitals when the file has them', () => {
    expect(decodeAs(encodeAs('Ánh Ấp Ổn', 'tcvn3', { tcvn3Capitals: 'vn1' }), 'tcvn3')).toBe(
      'Ánh Ấp Ổn',
    );
  });
});

describe('files written by other tools', () => {
  const reference = readFileSync(`${files}sample.utf8.csv`, 'utf8');

  it('decodes glibc TCVN5712-1 output', () => {
    expect(decodeAs(readFileSync(`${files}sample.tcvn3.csv`), 'tcvn3')).toBe(reference);
  });

  it('decodes glibc CP1258 output', () => {
    expect(decodeAs(readFileSync(`${files}sample.windows-1258.csv`), 'windows-1258')).toBe(
      reference,
    );
  });

  it('decodes VNI bytes from the published chart', () => {
    expect(decodeAs(readFileSync(`${files}sample.vni.txt`), 'vni')).toBe(
      'Đơn khiếu nại của Nguyễn Thị Hoà về việc đất ước\r\n',
    );
  });
});
