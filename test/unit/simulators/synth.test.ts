// The synthetic generator: identity numbers agree with the person, seeds reproduce, names have
// realistic frequencies, and the messiness helpers produce the variants sources send.
import { describe, expect, it } from 'vitest';
import {
  cccdConsistency,
  createRng,
  decodeCccd,
  extraSpaces,
  formatPhone,
  formatQuyNhonAddress,
  generateName,
  generatePerson,
  generatePetitionContent,
  generateQuyNhonAddress,
  QUYNHON_WARDS,
  toNFD,
  tonePlacement,
  upperNoDiacritics,
  wrongD,
} from '../../../src/simulators/synth/index.ts';

describe('CCCD numbers', () => {
  it('agree with the generated person (province, century/sex digit, year)', () => {
    const rng = createRng(42);
    for (let i = 0; i < 2000; i++) {
      const p = generatePerson(rng, { referenceYear: 2026 });
      expect(p.cccd).toMatch(/^\d{12}$/);
      expect(p.cccd.slice(0, 3)).toBe(p.birthProvince.code);
      const expectedDigit = (p.birthDate.year >= 2000 ? 2 : 0) + (p.sex === 'F' ? 1 : 0);
      expect(p.cccd[3]).toBe(String(expectedDigit));
      expect(p.cccd.slice(4, 6)).toBe(String(p.birthDate.year % 100).padStart(2, '0'));
      const check = cccdConsistency(p.cccd, {
        birthYear: p.birthDate.year,
        sex: p.sex,
        provinceCode: p.birthProvince.code,
      });
      expect(check.disagree).toEqual([]);
    }
  });

  it('mostly carry the Bình Định prefix 052 for Quy Nhơn residents', () => {
    const rng = createRng(5);
    const people = Array.from({ length: 1000 }, () => generatePerson(rng, { referenceYear: 2026 }));
    const share = people.filter((p) => p.cccd.startsWith('052')).length / people.length;
    expect(share).toBeGreaterThan(0.7);
    expect(share).toBeLessThan(0.9);
  });

  it('reports each disagreeing part', () => {
    // 052 Bình Định, digit 1 = 1900s female, year 86.
    expect(decodeCccd('052186001234')).toEqual({ provinceCode: '052', birthYear: 1986, sex: 'F' });
    expect(cccdConsistency('052186001234', { birthYear: 1986, sex: 'F' }).ok).toBe(true);
    expect(cccdConsistency('052186001234', { birthYear: 1987, sex: 'M' }).disagree).toEqual([
      'year',
      'sex',
    ]);
    expect(cccdConsistency('052186001234', { birthYear: 2086 }).disagree).toEqual(['century']);
    expect(cccdConsistency('052186001234', { provinceCode: '001' }).disagree).toEqual(['province']);
    expect(cccdConsistency('099186001234', {}).disagree).toEqual(['province']);
    expect(cccdConsistency('05218600123', {}).disagree).toEqual(['format']);
  });
});

describe('determinism', () => {
  it('gives the same people and contents for the same seed, different for another', () => {
    const make = (seed: number): unknown[] => {
      const rng = createRng(seed);
      return Array.from({ length: 50 }, () => [
        generatePerson(rng, { referenceYear: 2026 }),
        generatePetitionContent(rng, { referenceMs: Date.UTC(2026, 9, 1) }),
      ]);
    };
    expect(make(7)).toEqual(make(7));
    expect(make(7)).not.toEqual(make(8));
  });
});

describe('names', () => {
  it('have realistic surname frequencies over 10,000 names', () => {
    const rng = createRng(2026);
    const names = Array.from({ length: 10_000 }, () =>
      generateName(rng, rng.chance(0.5) ? 'M' : 'F'),
    );
    const share = (s: string): number => names.filter((n) => n.surname === s).length / 10_000;
    expect(share('Nguyễn')).toBeGreaterThan(0.3);
    expect(share('Nguyễn')).toBeLessThan(0.45);
    expect(share('Trần')).toBeGreaterThan(0.08);
    expect(share('Trần')).toBeLessThan(0.14);
    expect(names.every((n) => n.fullName === n.fullName.normalize('NFC'))).toBe(true);
  });

  it('use sex-typical middle names', () => {
    const rng = createRng(3);
    const women = Array.from({ length: 1000 }, () => generateName(rng, 'F'));
    expect(women.filter((n) => n.middleNames.includes('Thị')).length).toBeGreaterThan(350);
    expect(women.some((n) => n.middleNames.includes('Văn'))).toBe(false);
  });
});

describe('messiness helpers', () => {
  it('produce the variants of a name', () => {
    expect(upperNoDiacritics('Nguyễn Thị Hoà')).toBe('NGUYEN THI HOA');
    expect(upperNoDiacritics('Đặng Ðức')).toBe('DANG DUC');
    expect(wrongD('Đỗ Đức')).toBe('\u00D0ỗ \u00D0ức');
    expect(toNFD('Hoà')).not.toBe('Hoà');
    expect(toNFD('Hoà').normalize('NFC')).toBe('Hoà');
  });

  it('move tone marks between the old and new placement only where allowed', () => {
    expect(tonePlacement('Nguyễn Thị Hoà, Thuỷ, Khoẻ', 'old')).toBe('Nguyễn Thị Hòa, Thủy, Khỏe');
    expect(tonePlacement('Nguyễn Thị Hòa, Thủy, Khỏe', 'new')).toBe('Nguyễn Thị Hoà, Thuỷ, Khoẻ');
    // "quý", "mùa", "hoàn", "khuya" never move.
    expect(tonePlacement('quý mùa hoàn khuya', 'old')).toBe('quý mùa hoàn khuya');
    expect(tonePlacement('quý mùa hoàn khuya', 'new')).toBe('quý mùa hoàn khuya');
  });

  it('adds stray spaces without changing the words', () => {
    const rng = createRng(1);
    const messy = extraSpaces(rng, 'Nguyễn Thị Hoà');
    expect(messy).not.toBe('Nguyễn Thị Hoà');
    expect(messy.trim().split(/\s+/).join(' ')).toBe('Nguyễn Thị Hoà');
  });
});

describe('phones and addresses', () => {
  it('write phones in the messy styles', () => {
    expect(formatPhone('0905123456', 'dots')).toBe('0905.123.456');
    expect(formatPhone('0905123456', 'intl')).toBe('+84 905 123 456');
    expect(formatPhone('02563822123', 'paren')).toBe('(0256) 3822 123');
    expect(formatPhone('0905123456', 'plain')).toBe('0905123456');
  });

  it('give Quy Nhơn addresses with old ward codes in several styles', () => {
    const rng = createRng(9);
    const codes = new Set(QUYNHON_WARDS.map((w) => w.code));
    for (let i = 0; i < 200; i++) {
      const a = generateQuyNhonAddress(rng);
      expect(codes.has(a.ward.code)).toBe(true);
      expect(a.oldDistrictCode).toBe('540');
      expect(a.oldProvinceCode).toBe('52');
    }
    const dongDa = QUYNHON_WARDS.find((w) => w.code === '21556');
    expect(dongDa?.newCode).toBe('21583');
    const a = {
      ...generateQuyNhonAddress(rng, dongDa),
      houseNumber: '12',
      street: 'Trần Hưng Đạo',
    };
    expect(formatQuyNhonAddress({ ...a, hamlet: null }, 'abbrev')).toBe(
      '12 Trần Hưng Đạo, P. Đống Đa, TP. Quy Nhơn, Bình Định',
    );
    expect(formatQuyNhonAddress({ ...a, hamlet: null }, 'full')).toBe(
      'số 12 đường Trần Hưng Đạo, phường Đống Đa, thành phố Quy Nhơn, tỉnh Bình Định',
    );
  });
});

describe('petition contents', () => {
  it('fill every placeholder and rarely repeat', () => {
    const rng = createRng(11);
    const contents = Array.from({ length: 2000 }, () =>
      generatePetitionContent(rng, { referenceMs: Date.UTC(2026, 9, 1) }),
    );
    expect(contents.some((c) => /[{}]/.test(c.summary + (c.subject ?? '')))).toBe(false);
    expect(new Set(contents.map((c) => c.summary)).size).toBeGreaterThan(1990);
    const kinds = new Set(contents.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(['KN', 'KNPA', 'MIXED', 'TC', 'TRANH_CHAP']);
  });
});
