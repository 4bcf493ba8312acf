/**
 * Makes Quy Nhơn records one at a time: new letters, re-submissions of an earlier letter, and
 * later changes (handled, touched). Holds the per-year maDon counters so a running simulator
 * keeps numbering where the initial data set stopped.
 */
import {
  DAY_MS,
  QUYNHON_CITY_AGENCIES,
  QUYNHON_WARDS,
  formatDdMmYyyy,
  formatVnTimestamp,
  generatePerson,
  generatePetitionContent,
  vnDate,
  wardAgency,
  createSharedMatterPlanter,
  type Agency,
  type QuyNhonWard,
  type Rng,
  type SharedMatter,
} from '../synth/index.ts';
import type { RecordFaultRates } from './faults.ts';
import {
  HUONG_XU_LY_WEIGHTS,
  LINH_VUC_OF,
  NGUON_DON_WEIGHTS,
  loaiDonOf,
  type QuyNhonPerson,
  type QuyNhonRecord,
} from './record.ts';
import { renderPerson } from './render-person.ts';
import { applyTextFaults, plantImpossibleDate } from './text-faults.ts';

/** Creates and changes records; deterministic for the Rng it is given. */
export interface RecordFactory {
  /** A new letter entered at createdMs (its first ngayCapNhat). */
  create(createdMs: number): QuyNhonRecord;
  /** The same letter as original, received again under a new maDon, entered at createdMs. */
  resubmit(original: QuyNhonRecord, createdMs: number): QuyNhonRecord;
  /** The record with a handling direction decided at atMs. */
  handle(record: QuyNhonRecord, atMs: number): QuyNhonRecord;
  /** The record edited at atMs (only ngayCapNhat changes). */
  touch(record: QuyNhonRecord, atMs: number): QuyNhonRecord;
}

const MA_DON = /^QN-(\d{4})-(\d+)$/;

/** The highest maDon serial per year in the records, so numbering can continue after them. */
export function lastSerials(records: Iterable<QuyNhonRecord>): Map<number, number> {
  const last = new Map<number, number>();
  for (const r of records) {
    const m = MA_DON.exec(r.maDon);
    if (m === null) continue;
    const year = Number(m[1]);
    last.set(year, Math.max(last.get(year) ?? 0, Number(m[2])));
  }
  return last;
}

function pickAgency(rng: Rng, ward: QuyNhonWard): Agency {
  return rng.chance(0.15) ? wardAgency(ward) : rng.weighted(QUYNHON_CITY_AGENCIES);
}

function writtenDate(rng: Rng, receivedMs: number): string | null {
  const roll = rng.next();
  if (roll < 0.05) return null;
  if (roll < 0.1) return '';
  return formatDdMmYyyy(vnDate(receivedMs - rng.int(0, 10) * DAY_MS));
}

/** Creates a factory; serials continues numbering (year → last serial used). */
export function createRecordFactory(
  rng: Rng,
  rates: RecordFaultRates,
  serials: Map<number, number> = new Map(),
): RecordFactory {
  const nextMaDon = (receivedMs: number): string => {
    const year = vnDate(receivedMs).year;
    // A year's first number is not 1: the window starts mid-year.
    const serial = (serials.get(year) ?? rng.int(100, 900)) + 1;
    serials.set(year, serial);
    return `QN-${year}-${String(serial).padStart(6, '0')}`;
  };

  // Some new letters are matters the same citizen also sent to other offices (shared-matters.ts).
  const planter = createSharedMatterPlanter();

  const petitioners = (
    ward: QuyNhonWard,
    year: number,
    anonymous: boolean,
    shared: SharedMatter | null,
  ): { nguoiGui: QuyNhonPerson[]; soNguoiKy: number } => {
    if (anonymous) return { nguoiGui: [], soNguoiKy: 0 };
    const many = rng.chance(rates.manySigner);
    const listed = many ? rng.int(1, 3) : rng.chance(0.88) ? 1 : rng.int(2, 4);
    const nguoiGui = Array.from({ length: listed }, (_, i) => {
      const person = generatePerson(rng, { referenceYear: year, ward });
      const who = i === 0 && shared !== null ? shared.person : person;
      return renderPerson(rng, who, rates, many || i === 0);
    });
    if (rng.chance(rates.emptyHoTen) && nguoiGui[0] !== undefined) {
      const hoTen = rng.chance(0.5) ? '' : '  ';
      if (shared === null) nguoiGui[0] = { ...nguoiGui[0], hoTen };
    }
    const soNguoiKy = many ? rng.int(5, 40) : listed;
    // A shared matter is one citizen's own letter, the same to every office it was sent to.
    return shared === null
      ? { nguoiGui, soNguoiKy }
      : { nguoiGui: nguoiGui.slice(0, 1), soNguoiKy: 1 };
  };

  const create = (createdMs: number): QuyNhonRecord => {
    const receivedMs = createdMs - rng.int(0, 6) * DAY_MS;
    const ward = rng.pick(QUYNHON_WARDS);
    const shared = planter.next();
    const drawn = generatePetitionContent(rng, { referenceMs: receivedMs - DAY_MS, ward });
    const content = shared?.content ?? drawn;
    const validLoaiDon = loaiDonOf(content.kind, content.summary);
    const loaiDon = rng.chance(rates.unknownLoaiDon) ? rng.pick(['09', '07', '00']) : validLoaiDon;
    const anonymous = validLoaiDon === '02' && rng.chance(rates.anonymousDenunciation);
    const people = petitioners(ward, vnDate(receivedMs).year, anonymous, shared);
    const summary = rng.chance(rates.extraSpaces)
      ? content.summary.replace(/ /g, () => (rng.chance(0.05) ? '  ' : ' '))
      : content.summary;
    let record: QuyNhonRecord = {
      maDon: nextMaDon(receivedMs),
      ngayNhan: formatDdMmYyyy(vnDate(receivedMs)),
      ngayVietDon: writtenDate(rng, receivedMs),
      loaiDon,
      nguonDon: rng.weighted(NGUON_DON_WEIGHTS),
      linhVuc: LINH_VUC_OF[content.fieldArea],
      coQuanNhan: pickAgency(rng, ward),
      ...people,
      anDanh: anonymous,
      noiDung: summary,
      doiTuong: content.subject,
      huongXuLy: null,
      ngayXuLy: null,
      ngayCapNhat: formatVnTimestamp(createdMs),
    };
    record = applyTextFaults(rng, record, rates);
    return rng.chance(rates.impossibleDate) ? plantImpossibleDate(rng, record) : record;
  };

  const resubmit = (original: QuyNhonRecord, createdMs: number): QuyNhonRecord => {
    const receivedMs = createdMs - rng.int(0, 2) * DAY_MS;
    const ward = rng.pick(QUYNHON_WARDS);
    return {
      ...original,
      maDon: nextMaDon(receivedMs),
      ngayNhan: formatDdMmYyyy(vnDate(receivedMs)),
      nguonDon: rng.weighted(NGUON_DON_WEIGHTS),
      coQuanNhan: pickAgency(rng, ward),
      nguoiGui: original.nguoiGui.map((p) => ({ ...p })),
      huongXuLy: null,
      ngayXuLy: null,
      ngayCapNhat: formatVnTimestamp(createdMs),
    };
  };

  return {
    create,
    resubmit,
    handle: (record, atMs) => ({
      ...record,
      huongXuLy: rng.weighted(HUONG_XU_LY_WEIGHTS),
      ngayXuLy: formatDdMmYyyy(vnDate(atMs)),
      ngayCapNhat: formatVnTimestamp(atMs),
    }),
    touch: (record, atMs) => ({ ...record, ngayCapNhat: formatVnTimestamp(atMs) }),
  };
}
