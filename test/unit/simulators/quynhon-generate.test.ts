// The Quy Nhơn record generator: deterministic per seed, well-formed records, and the planted
// faults of the API brief at roughly their configured rates.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RECORD_FAULT_RATES,
  LOAI_DON,
  generateQuyNhonDataset,
  generateQuyNhonRecords,
  type QuyNhonRecord,
} from '../../../src/simulators/quynhon/index.ts';
import { isRealDate } from '../../../src/simulators/synth/index.ts';

const NOW = new Date('2026-11-20T10:00:00+07:00');
const N = 2000;
const dataset = generateQuyNhonDataset(N, { seed: 99, now: NOW });
const records = dataset.records;

function isImpossible(date: string | null): boolean {
  const m = date === null ? null : /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(date);
  if (m === null) return false;
  return !isRealDate({ day: Number(m[1]), month: Number(m[2]), year: Number(m[3]) });
}

function hasImpossibleDate(r: QuyNhonRecord): boolean {
  return [r.ngayNhan, r.ngayVietDon, ...r.nguoiGui.map((p) => p.ngaySinh)].some(isImpossible);
}

const share = (pred: (r: QuyNhonRecord) => boolean): number => records.filter(pred).length / N;
const persons = records.flatMap((r) => r.nguoiGui);

describe('generateQuyNhonRecords', () => {
  it('is deterministic for a seed and clock', () => {
    const a = generateQuyNhonRecords(200, { seed: 5, now: NOW });
    expect(generateQuyNhonRecords(200, { seed: 5, now: NOW })).toEqual(a);
    expect(generateQuyNhonRecords(200, { seed: 6, now: NOW })).not.toEqual(a);
  });

  it('gives unique maDon, +07:00 second-precision timestamps over ~90 days, sorted', () => {
    expect(new Set(records.map((r) => r.maDon)).size).toBe(N);
    expect(records.every((r) => /^QN-\d{4}-\d{6}$/.test(r.maDon))).toBe(true);
    const ts = records.map((r) => {
      expect(r.ngayCapNhat).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
      return Date.parse(r.ngayCapNhat);
    });
    for (let i = 1; i < N; i++) expect(ts[i]).toBeGreaterThanOrEqual(ts[i - 1] as number);
    expect(Math.max(...ts)).toBeLessThanOrEqual(NOW.getTime());
    expect(Math.min(...ts)).toBeGreaterThan(NOW.getTime() - 91 * 86_400_000);
  });

  it('mixes handled and unhandled records, and plants same-second ties', () => {
    expect(share((r) => r.huongXuLy === null)).toBeGreaterThan(0.3);
    expect(share((r) => r.huongXuLy !== null && r.ngayXuLy !== null)).toBeGreaterThan(0.3);
    const ties = records.filter((r, i) => i > 0 && records[i - 1]?.ngayCapNhat === r.ngayCapNhat);
    expect(ties.length).toBeGreaterThan(N * 0.02);
  });

  it('plants impossible dates (~2%), unknown loaiDon (~1%), empty hoTen (~1%)', () => {
    expect(share(hasImpossibleDate)).toBeGreaterThan(0.01);
    expect(share(hasImpossibleDate)).toBeLessThan(0.035);
    const unknown = share((r) => !(LOAI_DON as readonly string[]).includes(r.loaiDon));
    expect(unknown).toBeGreaterThan(0.003);
    expect(unknown).toBeLessThan(0.02);
    const emptyName = share((r) => r.nguoiGui.some((p) => p.hoTen.trim() === ''));
    expect(emptyName).toBeGreaterThan(0.003);
    expect(emptyName).toBeLessThan(0.025);
  });

  it('plants NFD text, wrong Đ, upper-case names and old CMND numbers', () => {
    const nfd = share((r) => r.noiDung !== r.noiDung.normalize('NFC'));
    expect(nfd).toBeGreaterThan(0.025);
    expect(nfd).toBeLessThan(0.08);
    expect(share((r) => JSON.stringify(r).includes('\u00D0'))).toBeGreaterThan(0.01);
    expect(persons.some((p) => p.hoTen !== '' && /^[A-Z ]+$/.test(p.hoTen.trim()))).toBe(true);
    expect(persons.some((p) => p.loaiGiayTo === 'CMND' && /^\d{9}$/.test(p.soGiayTo ?? ''))).toBe(
      true,
    );
  });

  it('leaves the identity document out for ~15% of persons, with messy phones', () => {
    const missing = persons.filter((p) => p.soGiayTo === null || p.soGiayTo === '').length;
    expect(missing / persons.length).toBeGreaterThan(0.1);
    expect(missing / persons.length).toBeLessThan(0.2);
    const phones = persons.map((p) => p.dienThoai ?? '');
    expect(phones.some((p) => p.startsWith('+84 '))).toBe(true);
    expect(phones.some((p) => /^\d{4}\.\d{3}\.\d{3}$/.test(p))).toBe(true);
    expect(phones.some((p) => p.startsWith('(0256) '))).toBe(true);
  });

  it('re-submits ~3% of letters a few days later with the same content and petitioners', () => {
    const { resubmissions } = dataset;
    expect(resubmissions.length / N).toBeGreaterThan(0.015);
    expect(resubmissions.length / N).toBeLessThan(0.05);
    const byId = new Map(records.map((r) => [r.maDon, r]));
    for (const { maDon, originalMaDon } of resubmissions) {
      const [copy, original] = [byId.get(maDon), byId.get(originalMaDon)];
      expect(copy?.noiDung).toBe(original?.noiDung);
      expect(copy?.nguoiGui).toEqual(original?.nguoiGui);
      expect(copy?.maDon).not.toBe(original?.maDon);
    }
    // Identical content is otherwise rare, so it marks the planted re-submissions.
    const counts = new Map<string, number>();
    for (const r of records) counts.set(r.noiDung, (counts.get(r.noiDung) ?? 0) + 1);
    const extra = [...counts.values()].reduce((n, c) => n + c - 1, 0);
    expect(extra).toBeGreaterThanOrEqual(resubmissions.length);
    expect(extra).toBeLessThan(resubmissions.length + 10);
  });

  it('has anonymous denunciations and many-signer petitions with 1–3 representatives', () => {
    const anonymous = records.filter((r) => r.anDanh);
    expect(anonymous.length).toBeGreaterThan(0);
    expect(anonymous.every((r) => r.nguoiGui.length === 0 && r.soNguoiKy === 0)).toBe(true);
    const many = records.filter((r) => r.soNguoiKy >= 5);
    expect(many.length / N).toBeGreaterThan(0.02);
    for (const r of many) {
      expect(r.nguoiGui.length).toBeGreaterThanOrEqual(1);
      expect(r.nguoiGui.length).toBeLessThanOrEqual(3);
      expect(r.nguoiGui.every((p) => p.laNguoiDaiDien)).toBe(true);
    }
  });

  it('takes the fault rates from options', () => {
    const clean = generateQuyNhonDataset(500, {
      seed: 99,
      now: NOW,
      faults: { impossibleDate: 0, nfd: 0, resubmission: 0, unknownLoaiDon: 1 },
    });
    expect(clean.records.some(hasImpossibleDate)).toBe(false);
    expect(clean.records.some((r) => r.noiDung !== r.noiDung.normalize('NFC'))).toBe(false);
    expect(clean.resubmissions).toEqual([]);
    expect(clean.records.every((r) => !(LOAI_DON as readonly string[]).includes(r.loaiDon))).toBe(
      true,
    );
    expect(DEFAULT_RECORD_FAULT_RATES.resubmission).toBe(0.03);
  });
});
