import { describe, expect, it } from 'vitest';
import { parseAddress } from '../../../src/core/normalise/address.ts';
import { contentFeatures } from '../../../src/core/normalise/content.ts';
import { checkIdentity } from '../../../src/core/normalise/identity.ts';
import { parseName } from '../../../src/core/normalise/name.ts';
import { normalisePhone } from '../../../src/core/normalise/phone.ts';
import { personFeatures } from '../../../src/core/normalise/person.ts';
import { canonicalText, foldKey } from '../../../src/core/normalise/text.ts';
import { testAdminUnits } from '../../dedup/units.ts';
import { windows1258Form } from '../../dedup/render.ts';

describe('text', () => {
  it('folds every spelling of one name to one key and one canonical form', () => {
    const spellings = [
      'Nguyễn Thị Hoà',
      'Nguyễn Thị Hòa',
      'NGUYEN THI HOA',
      '  Nguyễn  Thị Hoà ',
      'Nguyễn Thị Hòa'.normalize('NFD'),
      windows1258Form('Nguyễn Thị Hoà'),
    ];
    expect(new Set(spellings.map(foldKey))).toEqual(new Set(['nguyen thi hoa']));
    expect(canonicalText('Nguyễn Thị Hòa'.normalize('NFD'))).toBe('Nguyễn Thị Hoà');
    expect(canonicalText('\u00D0ặng Văn Thủy')).toBe('Đặng Văn Thuỷ');
    expect(canonicalText('mùa quý')).toBe('mùa quý');
  });
});

describe('name', () => {
  it('splits surname, middle and given, and keeps tones only when written', () => {
    const n = parseName('Trần Thị Ngọc Ánh');
    expect([n?.surname, n?.middle, n?.given]).toEqual(['tran', ['thi', 'ngoc'], 'anh']);
    expect(n?.toned).toBe('trần thị ngọc ánh');
    expect(parseName('TRAN THI NGOC ANH')?.toned).toBeNull();
    expect(parseName('  ')).toBeNull();
  });
});

describe('identity', () => {
  it('checks province prefix, century/sex digit and year against the person', () => {
    expect(checkIdentity('052185001234', 'CCCD', { birthYear: 1985, sex: 'F' })?.validCccd).toBe(
      true,
    );
    expect(checkIdentity('052185001234', 'CCCD', { birthYear: 1985, sex: 'M' })?.disagree).toEqual([
      'sex',
    ]);
    expect(checkIdentity('052185001234', 'CCCD', { birthYear: 1984 })?.disagree).toEqual(['year']);
    expect(checkIdentity('003185001234', 'CCCD', {})?.wellFormedCccd).toBe(false);
    expect(checkIdentity('052305001234', 'CCCD', { birthYear: 2005, sex: 'F' })?.validCccd).toBe(
      true,
    );
    expect(checkIdentity('211234567', '', {})?.type).toBe('CMND');
    expect(checkIdentity('', 'CCCD', {})).toBeNull();
  });
});

describe('phone', () => {
  it('writes every format as national digits', () => {
    for (const p of [
      '0905.123.456',
      '+84 905 123 456',
      '84905123456',
      '(0905) 123 456',
      '+84905123456',
    ]) {
      expect(normalisePhone(p)).toBe('0905123456');
    }
    expect(normalisePhone('(0256) 3822 123')).toBe('02563822123');
    expect(normalisePhone('12345')).toBeNull();
  });
});

describe('address', () => {
  it('reads abbreviations, full words, dashes and compact forms', () => {
    const forms = [
      '12 Trần Hưng Đạo, P. Đống Đa, TP. Quy Nhơn, Bình Định',
      'số 12 đường Trần Hưng Đạo, phường Đống Đa, thành phố Quy Nhơn, tỉnh Bình Định',
      '12 Trần Hưng Đạo - Đống Đa - Quy Nhơn - Bình Định',
      '12 Trần Hưng Đạo, P.Đống Đa, Tp Quy Nhơn, BĐ',
    ];
    for (const f of forms) {
      const a = parseAddress(f);
      expect([a.house, a.street, a.ward, a.district]).toEqual([
        '12',
        'tran hung dao',
        'dong da',
        'quy nhon',
      ]);
    }
    expect(parseAddress('tổ 5, khu vực 3, phường Hải Cảng, TP. Quy Nhơn').locality).toBe(
      'to 5 kv 3',
    );
  });

  it('resolves an old ward and its 2025 successor to the same new commune code', () => {
    const units = testAdminUnits();
    const old = personFeatures(
      {
        kind: 'PERSON',
        name: 'A',
        address: { text: '12 Lê Lợi, P. Đống Đa, TP. Quy Nhơn, Bình Định' },
      },
      units,
    );
    const coded = personFeatures(
      { kind: 'PERSON', name: 'A', address: { text: 'x', legacyCommuneCode: '21556' } },
      units,
    );
    const fresh = personFeatures(
      { kind: 'PERSON', name: 'A', address: { text: '12 Lê Lợi, Phường Quy Nhơn, tỉnh Gia Lai' } },
      units,
    );
    expect(old.ward).toBe('21583');
    expect(coded.ward).toBe('21583');
    expect(fresh.ward).toBe('21583');
    expect(
      personFeatures({ kind: 'PERSON', name: 'A', address: { text: 'P. Đống Đa, Quy Nhơn' } }, null)
        .ward,
    ).toBe('n:dong da');
  });
});

describe('content', () => {
  it('drops boilerplate and keeps the cited numbers', () => {
    const a = contentFeatures(
      'Khiếu nại Quyết định số 1234/QĐ-UBND ngày 05/03/2024 về thu hồi 120,5 m² đất.',
    );
    const b = contentFeatures(
      'Kính gửi UBND thành phố. Đơn khiếu nại về việc: Khiếu nại Quyết định số 1234/QĐ-UBND ngày 05/03/2024 về thu hồi 120,5 m² đất. Trân trọng cảm ơn.',
    );
    expect([...a.numbers].sort()).toEqual(
      ['120', '1234', '2024', '3', '5', '5'].filter((x, i, l) => l.indexOf(x) === i).sort(),
    );
    expect(b.numbers).toEqual(a.numbers);
    expect(b.shingles.length - a.shingles.length).toBeLessThanOrEqual(3);
  });
});
