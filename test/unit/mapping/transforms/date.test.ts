import { describe, expect, it } from 'vitest';
import {
  dateFormatProblem,
  dateStep,
  StepFailure,
} from '../../../../src/mapping/transforms/index.ts';

function code(v: unknown): string | null {
  return v instanceof StepFailure ? v.code : null;
}

describe('date transform', () => {
  const dmy = dateStep('dd/MM/yyyy');

  it('reads dd/MM/yyyy into YYYY-MM-DD', () => {
    expect(dmy('15/10/2026')).toBe('2026-10-15');
    expect(dmy(' 03/04/1986 ')).toBe('1986-04-03');
  });

  it('knows leap years: 29/02/2024 is real, 29/02/2025 and 31/02/2024 are not', () => {
    expect(dmy('29/02/2024')).toBe('2024-02-29');
    expect(dmy('29/02/2000')).toBe('2000-02-29');
    expect(code(dmy('29/02/1900'))).toBe('KNTC_RECORD_BAD_DATE');
    expect(code(dmy('29/02/2025'))).toBe('KNTC_RECORD_BAD_DATE');
    const bad = dmy('31/02/2024');
    expect(bad).toBeInstanceOf(StepFailure);
    if (bad instanceof StepFailure) {
      expect(bad.reason).toBe('is not a real calendar date in format dd/MM/yyyy');
      expect(bad.reason).not.toContain('31');
    }
    expect(code(dmy('00/01/2026'))).toBe('KNTC_RECORD_BAD_DATE');
    expect(code(dmy('01/13/2026'))).toBe('KNTC_RECORD_BAD_DATE');
  });

  it('refuses text in another shape, and non-text', () => {
    const r = dmy('2026-10-15');
    expect(r instanceof StepFailure && r.reason).toBe('does not match the date format dd/MM/yyyy');
    expect(code(dmy('5/10/2026'))).toBe('KNTC_RECORD_BAD_DATE');
    expect(code(dmy({}))).toBe('KNTC_RECORD_BAD_DATE');
  });

  it('supports the other listed formats', () => {
    expect(dateStep('yyyy-MM-dd')('2026-10-15')).toBe('2026-10-15');
    expect(dateStep('d/M/yyyy')('5/7/2026')).toBe('2026-07-05');
    expect(dateStep('d/M/yyyy')('15/10/2026')).toBe('2026-10-15');
    expect(dateStep('dd-MM-yyyy')('15-10-2026')).toBe('2026-10-15');
    expect(dateStep('dd.MM.yyyy')('15.10.2026')).toBe('2026-10-15');
    expect(code(dateStep('dd.MM.yyyy')('15x10x2026'))).toBe('KNTC_RECORD_BAD_DATE');
    expect(dateStep('dd/MM/yyyy HH:mm')('15/10/2026 08:30')).toBe('2026-10-15');
    expect(code(dateStep('dd/MM/yyyy HH:mm')('15/10/2026 24:30'))).toBe('KNTC_RECORD_BAD_DATE');
  });

  it('converts ISO date-times with an offset to the Vietnam local date', () => {
    const iso = dateStep('iso');
    expect(iso('2026-10-20T23:59:59+07:00')).toBe('2026-10-20');
    expect(iso('2026-10-20T00:00:00+07:00')).toBe('2026-10-20');
    expect(iso('2026-10-20T16:59:59Z')).toBe('2026-10-20');
    expect(iso('2026-10-20T17:00:00Z')).toBe('2026-10-21');
    expect(iso('2026-10-21T00:30:00+09:00')).toBe('2026-10-20');
    expect(iso('2026-12-31T18:00:00.123-05:00')).toBe('2027-01-01');
    expect(iso('2026-10-20T09:15:00')).toBe('2026-10-20'); // no zone: already local
    expect(iso('2026-10-20')).toBe('2026-10-20');
    expect(code(iso('2026-02-30T10:00:00+07:00'))).toBe('KNTC_RECORD_BAD_DATE');
    expect(code(iso('20/10/2026'))).toBe('KNTC_RECORD_BAD_DATE');
  });

  it('checks formats at load', () => {
    expect(dateFormatProblem('dd/MM/yyyy')).toBeNull();
    expect(dateFormatProblem('iso')).toBeNull();
    expect(dateFormatProblem('dd/QQ/yyyy')).toMatch(/"Q"/);
    expect(dateFormatProblem('dd/MM')).toMatch(/no year/);
    expect(dateFormatProblem('dd/MM/yyyy/dd')).toMatch(/twice/);
  });
});
