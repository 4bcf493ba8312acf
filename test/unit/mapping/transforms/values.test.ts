import { describe, expect, it } from 'vitest';
import {
  booleanStep,
  extractPatternProblem,
  extractStep,
  joinStep,
  lift,
  lookupStep,
  numberStep,
  splitStep,
  StepFailure,
} from '../../../../src/mapping/transforms/index.ts';

const failed = (v: unknown): string | null => (v instanceof StepFailure ? v.code : null);

describe('number', () => {
  it('reads integers from numbers and text, refuses the rest', () => {
    const int = numberStep('integer');
    expect(int(3)).toBe(3);
    expect(int(' 12 ')).toBe(12);
    expect(failed(int('12a'))).toBe('KNTC_RECORD_BAD_VALUE');
    expect(failed(int(1.5))).toBe('KNTC_RECORD_BAD_VALUE');
    expect(failed(int('1.5'))).toBe('KNTC_RECORD_BAD_VALUE');
    expect(failed(int(true))).toBe('KNTC_RECORD_BAD_VALUE');
  });

  it('reads decimals with a point', () => {
    const dec = numberStep('decimal');
    expect(dec('1.25')).toBe(1.25);
    expect(dec(-2)).toBe(-2);
    expect(failed(dec('1,25'))).toBe('KNTC_RECORD_BAD_VALUE');
    expect(failed(dec(Number.NaN))).toBe('KNTC_RECORD_BAD_VALUE');
  });
});

describe('boolean', () => {
  it('uses the standard words by default and refuses unknown words', () => {
    const b = booleanStep({});
    expect(b(true)).toBe(true);
    expect(b(' Có ')).toBe(true);
    expect(b('khong')).toBe(false);
    expect(b(0)).toBe(false);
    expect(failed(b('maybe'))).toBe('KNTC_RECORD_BAD_VALUE');
  });

  it('uses the mapping words when given', () => {
    const b = booleanStep({ trueWords: ['Đã xử lý'], falseWords: ['Chưa'] });
    expect(b('đã xử lý')).toBe(true);
    expect(b('CHƯA')).toBe(false);
    expect(failed(b('có'))).toBe('KNTC_RECORD_BAD_VALUE');
  });
});

describe('split and join', () => {
  it('splits into trimmed non-empty parts, or takes one', () => {
    expect(splitStep({ by: ';' })('a; b;;c ')).toEqual(['a', 'b', 'c']);
    expect(splitStep({ by: ',', take: 0 })('P. Lê Lợi, TP. Quy Nhơn')).toBe('P. Lê Lợi');
    expect(splitStep({ by: ',', take: -1 })('P. Lê Lợi, TP. Quy Nhơn')).toBe('TP. Quy Nhơn');
    expect(splitStep({ by: ',', take: 5 })('a,b')).toBeNull();
  });

  it('joins the non-empty elements of a list', () => {
    expect(joinStep(', ')(['12 Trần Hưng Đạo', null, '', 'Quy Nhơn'])).toBe(
      '12 Trần Hưng Đạo, Quy Nhơn',
    );
    expect(joinStep(', ')('already text')).toBe('already text');
    expect(failed(joinStep(',')([{}]))).toBe('KNTC_RECORD_BAD_VALUE');
  });
});

describe('extract', () => {
  it('takes the named group value, else group 1, else the whole match', () => {
    expect(extractStep('số (?<value>\\d+)/QĐ')('Quyết định số 123/QĐ-UBND')).toBe('123');
    expect(extractStep('(\\d+)/QĐ')('số 45/QĐ')).toBe('45');
    expect(extractStep('\\d+')('số 45/QĐ')).toBe('45');
    expect(extractStep('\\d+')('không số')).toBeNull();
  });

  it('checks patterns at load', () => {
    expect(extractPatternProblem('(\\d+')).toMatch(/Invalid regular expression/);
    expect(extractPatternProblem('\\d+')).toBeNull();
  });
});

describe('lookup', () => {
  const kinds = lookupStep('loaiDon', { '01': 'KN', '02': 'TC' });

  it('translates known codes compared as text', () => {
    expect(kinds('01')).toBe('KN');
    expect(failed(kinds(1))).toBe('KNTC_RECORD_UNKNOWN_CODE');
  });

  it('reports unknown codes without the code itself, listing the known ones', () => {
    const r = kinds('09');
    expect(r).toBeInstanceOf(StepFailure);
    if (r instanceof StepFailure) {
      expect(r.reason).toBe('is not a code of lookup table loaiDon (known codes: 01, 02)');
      expect(r.reason).not.toContain('09');
    }
    expect(failed(kinds('toString'))).toBe('KNTC_RECORD_UNKNOWN_CODE');
  });

  it('applies to each element of a list when lifted', () => {
    expect(lift(kinds)(['01', '02'])).toEqual(['KN', 'TC']);
    expect(failed(lift(kinds)(['01', '07']))).toBe('KNTC_RECORD_UNKNOWN_CODE');
  });
});
