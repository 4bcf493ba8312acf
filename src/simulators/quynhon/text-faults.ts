/**
 * Record-level text faults: one producer's quirks touch all the text of a record at once
 * (a Windows-1258 import decomposes every field, a keyboard types "Ð" everywhere), so they are
 * applied to every free-text field together, and one impossible date is planted per faulty record.
 */
import { toNFD, tonePlacement, wrongD, type Rng } from '../synth/index.ts';
import type { RecordFaultRates } from './faults.ts';
import type { QuyNhonRecord } from './record.ts';

function mapText(record: QuyNhonRecord, f: (text: string) => string): QuyNhonRecord {
  return {
    ...record,
    coQuanNhan: { ...record.coQuanNhan, ten: f(record.coQuanNhan.ten) },
    nguoiGui: record.nguoiGui.map((p) => ({ ...p, hoTen: f(p.hoTen), diaChi: f(p.diaChi) })),
    noiDung: f(record.noiDung),
    doiTuong: record.doiTuong === null ? null : f(record.doiTuong),
  };
}

/** Applies old tone placement, wrong Đ and NFD to the whole record at the configured rates. */
export function applyTextFaults(
  rng: Rng,
  record: QuyNhonRecord,
  rates: RecordFaultRates,
): QuyNhonRecord {
  let result = record;
  if (rng.chance(rates.oldTonePlacement)) result = mapText(result, (t) => tonePlacement(t, 'old'));
  if (rng.chance(rates.wrongD)) result = mapText(result, wrongD);
  // NFD last: tonePlacement returns NFC.
  if (rng.chance(rates.nfd)) result = mapText(result, toNFD);
  return result;
}

const IMPOSSIBLE_DAYS = ['31/02', '30/02', '31/04', '31/06', '31/09', '31/11'];

function impossibleLike(rng: Rng, date: string): string {
  const year = /\d{4}$/.exec(date)?.[0] ?? '2026';
  return `${rng.pick(IMPOSSIBLE_DAYS)}/${year}`;
}

/** Replaces ngayNhan, ngayVietDon or the first ngaySinh by an impossible date like 31/02/2026. */
export function plantImpossibleDate(rng: Rng, record: QuyNhonRecord): QuyNhonRecord {
  const roll = rng.next();
  const first = record.nguoiGui[0];
  if (roll < 0.2 && first !== undefined && first.ngaySinh !== null) {
    const person = { ...first, ngaySinh: impossibleLike(rng, first.ngaySinh) };
    return { ...record, nguoiGui: [person, ...record.nguoiGui.slice(1)] };
  }
  if (roll < 0.4 && record.ngayVietDon !== null && record.ngayVietDon !== '') {
    return { ...record, ngayVietDon: impossibleLike(rng, record.ngayVietDon) };
  }
  return { ...record, ngayNhan: impossibleLike(rng, record.ngayNhan) };
}
