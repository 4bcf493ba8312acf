import { describe, expect, it } from 'vitest';
import { TEXT_TRANSFORMS as T, isTextTransform } from '../../../../src/mapping/transforms/text.ts';

describe('text transforms', () => {
  it('trim and collapseSpaces clean padding and runs of white space', () => {
    expect(T.trim('  Lê Lợi \t')).toBe('Lê Lợi');
    expect(T.collapseSpaces('Lê  Lợi\u00a0\tphường\n2')).toBe('Lê Lợi phường 2');
    expect(T.collapseSpaces('Lê Lợi')).toBe('Lê Lợi');
  });

  it('nfc composes decomposed Vietnamese and leaves composed text alone', () => {
    const nfd = 'Nguye\u0302\u0303n Thi\u0323 Hoa\u0300';
    expect(T.nfc(nfd)).toBe('Nguyễn Thị Hoà');
    expect(T.nfc(nfd)).toHaveLength('Nguyễn Thị Hoà'.length);
    expect(T.nfc('Nguyễn Thị Hoà')).toBe('Nguyễn Thị Hoà');
    expect(T.nfc('\u212b')).toBe('\u00c5'); // a singleton outside the fast path still normalises
  });

  it('upper and lower handle Vietnamese letters', () => {
    expect(T.upper('đặng')).toBe('ĐẶNG');
    expect(T.lower('ĐẶNG')).toBe('đặng');
  });

  it('foldDj replaces the look-alike eth with đ / Đ', () => {
    expect(T.foldDj('\u00d0ặng Văn \u00f0ức')).toBe('\u0110ặng Văn \u0111ức');
    expect(T.foldDj('Đặng')).toBe('Đặng');
  });

  it('digits and alnum strip formatting from identifiers', () => {
    expect(T.digits('052 186.001-234')).toBe('052186001234');
    expect(T.alnum('c 1234-567')).toBe('C1234567');
  });

  it('phoneVN turns the country code into the leading 0', () => {
    expect(T.phoneVN('0905.123.456')).toBe('0905123456');
    expect(T.phoneVN('+84 905 123 456')).toBe('0905123456');
    expect(T.phoneVN('84905123456')).toBe('0905123456');
    expect(T.phoneVN('0084 905 123 456')).toBe('0905123456');
    expect(T.phoneVN('(0256) 3822 123')).toBe('02563822123');
    expect(T.phoneVN('+1 202 555 0100')).toBe('+12025550100');
    expect(T.phoneVN('8490')).toBe('8490'); // too short to be a country code: left as it is
  });

  it('names the closed set', () => {
    expect(isTextTransform('nfc')).toBe(true);
    expect(isTextTransform('eval')).toBe(false);
    expect(isTextTransform('toString')).toBe(false);
  });
});
