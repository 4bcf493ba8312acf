/**
 * Seeded generator of Hà Nội petition records with the messiness of the real system: NFD and
 * "Ð" in names, extra spaces, missing CCCD numbers (empty, nil or absent), pre-2025 addresses
 * (old districts and wards, old codes), the same letter submitted twice under a new number,
 * impossible dates (~2%) and unknown codes (~1%). People are mostly born in Hà Nội (CCCD 001).
 */
import {
  DAY_MS,
  createRng,
  extraSpaces,
  formatDdMmYyyy,
  formatVnTimestamp,
  generateName,
  generatePhone,
  makeCccd,
  toNFD,
  vnDate,
  wrongD,
  type Rng,
  type Sex,
} from '../synth/index.ts';
import {
  HANOI_PROVINCE_CODE,
  HANOI_STREETS,
  HANOI_WARDS,
  type HanoiWard,
} from './data/hanoi-wards.ts';
import { HANOI_TOPICS } from './data/hanoi-topics.ts';
import {
  HANOI_HUONG_XU_LY,
  HANOI_LOAI_DON,
  HANOI_NGUON_DON,
  type HanoiAddress,
  type HanoiRecord,
  type HanoiSender,
} from './record.ts';

/** Options of generateHanoiRecords. */
export interface GenerateHanoiOptions {
  readonly seed: number;
  /** Records are received over the 400 days before `now`. */
  readonly now: Date;
}

const BIRTH_PROVINCES = ['001', '001', '001', '001', '001', '001', '001', '034', '036', '027'];

function hanoiAddress(rng: Rng, ward: HanoiWard): HanoiAddress {
  const street = rng.pick(HANOI_STREETS[ward.districtCode] ?? ['Láng']);
  const house = `Số ${rng.int(1, 250)}${rng.chance(0.2) ? `/${rng.int(1, 30)}` : ''}`;
  const city = rng.chance(0.5) ? 'Hà Nội' : 'TP. Hà Nội';
  const district = rng.chance(0.3) ? ward.districtName.replace(/^Quận /, 'Q. ') : ward.districtName;
  const place = ward.districtCode === '018' ? `Thôn ${rng.int(1, 9)}` : `${house} phố ${street}`;
  return {
    text: `${place}, ${ward.name}, ${district}, ${city}`,
    maTinh: HANOI_PROVINCE_CODE,
    maHuyen: ward.districtCode,
    maXa: ward.code,
  };
}

function messyName(rng: Rng, name: string): string {
  let out = name;
  if (rng.chance(0.15)) out = toNFD(out);
  if (rng.chance(0.03)) out = wrongD(out);
  if (rng.chance(0.1)) out = extraSpaces(rng, out);
  return out;
}

function sender(rng: Rng, year: number, ward: HanoiWard): HanoiSender {
  const sex: Sex = rng.chance(0.5) ? 'M' : 'F';
  const birthYear = year - 18 - rng.int(0, 33) - rng.int(0, 34);
  const cccd = makeCccd(rng, { provinceCode: rng.pick(BIRTH_PROVINCES), birthYear, sex });
  const missing = rng.chance(0.15);
  return {
    hoTen: messyName(rng, generateName(rng, sex).fullName),
    soCCCD: missing ? null : cccd,
    missingCccd: rng.pick(['empty', 'nil', 'absent'] as const),
    namSinh: rng.chance(0.9) ? birthYear : null,
    gioiTinh: rng.chance(0.95) ? (sex === 'M' ? 'Nam' : 'Nữ') : null,
    diaChi: rng.chance(0.95) ? hanoiAddress(rng, ward) : null,
    dienThoai: rng.chance(0.7) ? generatePhone(rng) : null,
  };
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

function content(rng: Rng, ward: HanoiWard, receivedMs: number) {
  const topic = rng.pick(HANOI_TOPICS);
  const values = {
    phuong: ward.name
      .replace(/^Phường/, 'phường')
      .replace(/^Xã/, 'xã')
      .replace(/^Thị trấn/, 'thị trấn'),
    quan: ward.districtName.replace(/^Quận/, 'quận').replace(/^Huyện/, 'huyện'),
    duong: rng.pick(HANOI_STREETS[ward.districtCode] ?? ['Láng']),
    soQD: `${rng.int(1, 4999)}/QĐ-UBND`,
    ngay: formatDdMmYyyy(vnDate(receivedMs - rng.int(20, 700) * DAY_MS)),
    dienTich: `${rng.int(20, 600)},${rng.int(0, 9)} m²`,
    soTien: `${rng.int(20, 900)} triệu đồng`,
    soNha: String(rng.int(1, 250)),
  };
  return {
    topic,
    summary: fill(topic.summary, values),
    subject: topic.subject === null ? null : fill(topic.subject, values),
  };
}

/** A date string that does not exist (31/02, 29/02 of a common year, 31/04, 00/…). */
function impossibleDate(rng: Rng, year: number): string {
  return rng.pick([
    `31/02/${year}`,
    `30/02/${year}`,
    `31/04/${year}`,
    `29/02/2023`,
    `00/05/${year}`,
  ]);
}

interface Serial {
  next: number;
}

/** Builds one record received at `receivedMs` (also its last modification). */
export function makeHanoiRecord(rng: Rng, serial: Serial, receivedMs: number): HanoiRecord {
  const ward = rng.pick(HANOI_WARDS);
  const date = vnDate(receivedMs);
  const { topic, summary, subject } = content(rng, ward, receivedMs);
  const multi = rng.chance(0.06);
  const anDanh = topic.loaiDon === '02' && rng.chance(0.05);
  const senders = anDanh
    ? []
    : Array.from({ length: multi ? rng.int(2, 6) : 1 }, () => sender(rng, date.year, ward));
  const ma = rng.chance(0.01) ? '09' : topic.loaiDon;
  const handled = rng.chance(0.6);
  const id = `HN-${String(serial.next++).padStart(7, '0')}`;
  return {
    soDon: id,
    ngayNhanDon: rng.chance(0.02) ? impossibleDate(rng, date.year) : formatDdMmYyyy(date),
    ngayVietDon: rng.chance(0.6)
      ? formatDdMmYyyy(vnDate(receivedMs - rng.int(1, 10) * DAY_MS))
      : null,
    loaiDon: { ma, ten: HANOI_LOAI_DON[topic.loaiDon] },
    nguonDon: rng.pick(HANOI_NGUON_DON),
    linhVuc: topic.linhVuc,
    coQuanTiepNhan: {
      ma: `01.${ward.districtCode}.${ward.code}`,
      ten: `UBND ${ward.name}, ${ward.districtName}`,
    },
    nguoiGui: senders,
    soNguoiKy: anDanh ? 0 : multi ? senders.length + rng.int(0, 20) : 1,
    anDanh,
    noiDungDon: rng.chance(0.1) ? toNFD(summary) : summary,
    doiTuongBiKhieuNai: subject,
    ketQuaXuLy: handled
      ? {
          huongXuLy: rng.pick(HANOI_HUONG_XU_LY),
          ngayXuLy: formatDdMmYyyy(vnDate(receivedMs + rng.int(1, 9) * DAY_MS)),
        }
      : null,
    ngayCapNhat: formatVnTimestamp(receivedMs),
    updatedMs: Math.floor(receivedMs / 1000) * 1000,
  };
}

/** The same letter submitted again later under a new number (content and senders copied). */
export function resubmit(original: HanoiRecord, serial: Serial, receivedMs: number): HanoiRecord {
  const id = `HN-${String(serial.next++).padStart(7, '0')}`;
  return {
    ...original,
    soDon: id,
    ngayNhanDon: formatDdMmYyyy(vnDate(receivedMs)),
    ketQuaXuLy: null,
    ngayCapNhat: formatVnTimestamp(receivedMs),
    updatedMs: Math.floor(receivedMs / 1000) * 1000,
  };
}

/** A record generator that keeps numbering across calls (used by live mode). */
export function createHanoiFactory(seed: number, firstSerial = 1) {
  const rng = createRng(seed);
  const serial: Serial = { next: firstSerial };
  return {
    rng,
    make: (receivedMs: number, previous: readonly HanoiRecord[]): HanoiRecord => {
      const last = previous.at(-1 - rng.int(0, Math.min(20, Math.max(previous.length - 1, 0))));
      if (last !== undefined && rng.chance(0.03)) return resubmit(last, serial, receivedMs);
      return makeHanoiRecord(rng, serial, receivedMs);
    },
  };
}

/** Generates `count` records received over the 400 days before `now`, oldest first. */
export function generateHanoiRecords(count: number, options: GenerateHanoiOptions): HanoiRecord[] {
  const factory = createHanoiFactory(options.seed);
  const end = options.now.getTime();
  const times = Array.from(
    { length: count },
    () => end - factory.rng.int(60, 400 * 86_400) * 1000,
  ).sort((a, b) => a - b);
  const out: HanoiRecord[] = [];
  for (const t of times) out.push(factory.make(t, out));
  return out;
}
