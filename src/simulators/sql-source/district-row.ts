/**
 * Turns a synthetic letter (made by the Quy Nhơn record factory, which already plants the
 * messiness real data has: NFD text, "Ð" for "Đ", missing CCCD, old CMND, unknown codes,
 * impossible dates, re-submissions) into the rows the district document-management system
 * stores. That system has its own code lists, typed `date` columns (so an impossible date can
 * only survive in the legacy free-text column ngay_viet_don_text) and one planted quirk of its
 * own: an occasional field-area code outside its list.
 */
import { isRealDate, type Rng } from '../synth/index.ts';
import type { QuyNhonPerson, QuyNhonRecord } from '../quynhon/record.ts';

/** A row of don_thu. */
export interface DonThuRow {
  so_don: string;
  /** YYYY-MM-DD. */
  ngay_nhan: string;
  ngay_viet_don_text: string | null;
  loai_don: string;
  nguon_don: string;
  linh_vuc: string;
  co_quan_nhan_ma: string;
  co_quan_nhan_ten: string;
  noi_dung: string;
  doi_tuong: string | null;
  so_nguoi_ky: number;
  an_danh: boolean;
  huong_xu_ly: string | null;
  ngay_xu_ly: string | null;
  /** ISO-8601 with offset, microseconds. */
  ngay_cap_nhat: string;
}

/** A row of nguoi_gui. */
export interface NguoiGuiRow {
  so_don: string;
  thu_tu: number;
  ho_ten: string;
  loai_giay_to: string | null;
  so_cccd: string | null;
  nam_sinh: number | null;
  ngay_sinh: string | null;
  gioi_tinh: string | null;
  dia_chi: string;
  ma_tinh_cu: string | null;
  ma_huyen_cu: string | null;
  ma_xa_cu: string | null;
  dien_thoai: string | null;
  la_dai_dien: boolean;
}

/** One letter with its senders. */
export interface DistrictLetter {
  readonly donThu: DonThuRow;
  readonly nguoiGui: readonly NguoiGuiRow[];
}

/** The district system's petition-kind codes (loai_don). */
export const LOAI_DON: Readonly<Record<string, string>> = {
  '01': 'KN',
  '02': 'TC',
  '03': 'KNG',
  '04': 'PA',
  '05': 'NHIEU_ND',
  '06': 'TCH',
};
/** Its channel codes (nguon_don). */
export const NGUON_DON: Readonly<Record<string, string>> = {
  TT: 'TRUC_TIEP',
  BC: 'BUU_CHINH',
  DB: 'DBQH',
  MT: 'MTTQ',
  BAO: 'BAO_CHI',
  CQK: 'CQ_KHAC',
  LD: 'LANH_DAO',
  HT: 'HOM_THU',
  TTUYEN: 'TRUC_TUYEN',
};
/** Its field-area codes (linh_vuc). */
export const LINH_VUC: Readonly<Record<string, string>> = {
  CS: 'HC-CS',
  DD: 'HC-DD',
  CC: 'HC-CC',
  HCK: 'HC-K',
  TP: 'TP',
  TN: 'TN',
  DDT: 'DANG-DT',
  K: 'KHAC',
};
/** Its handling-direction codes (huong_xu_ly). */
export const HUONG_XU_LY: Readonly<Record<string, string>> = {
  THULY: 'THU_LY',
  HUONGDAN: 'HUONG_DAN',
  CHUYEN: 'CHUYEN_DON',
  TRADON: 'TRA_DON',
  DONDOC: 'DON_DOC',
  LUU: 'LUU_DON',
  RUT: 'RUT_DON',
};

const DMY = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/** dd/MM/yyyy → YYYY-MM-DD when it is a real day, else null. */
export function isoDay(text: string | null): string | null {
  const m = text === null ? null : DMY.exec(text);
  if (m === null || m === undefined) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isRealDate({ year, month, day }) ? `${m[3]}-${m[2]}-${m[1]}` : null;
}

function sender(soDon: string, p: QuyNhonPerson, index: number): NguoiGuiRow {
  return {
    so_don: soDon,
    thu_tu: index + 1,
    ho_ten: p.hoTen,
    loai_giay_to: p.loaiGiayTo === '' ? null : p.loaiGiayTo,
    so_cccd: p.soGiayTo,
    nam_sinh: p.namSinh,
    ngay_sinh: isoDay(p.ngaySinh),
    gioi_tinh: p.gioiTinh,
    dia_chi: p.diaChi,
    ma_tinh_cu: p.maTinhCu,
    ma_huyen_cu: p.maHuyenCu,
    ma_xa_cu: p.maXaCu,
    dien_thoai: p.dienThoai,
    la_dai_dien: p.laNguoiDaiDien,
  };
}

/** The district rows of a synthetic letter, stamped ngay_cap_nhat = `stamp`. */
export function toDistrictLetter(
  rng: Rng,
  record: QuyNhonRecord,
  stamp: string,
  unknownLinhVucRate: number,
): DistrictLetter {
  const soDon = record.maDon.replace(/^QN-/, 'DT-');
  const received = isoDay(record.ngayNhan);
  const donThu: DonThuRow = {
    so_don: soDon,
    // A typed date column cannot hold 31/02: the impossible value lives on in the legacy column.
    ngay_nhan: received ?? stamp.slice(0, 10),
    ngay_viet_don_text: received === null ? record.ngayNhan : record.ngayVietDon,
    loai_don: LOAI_DON[record.loaiDon] ?? record.loaiDon,
    nguon_don: NGUON_DON[record.nguonDon] ?? record.nguonDon,
    linh_vuc: rng.chance(unknownLinhVucRate)
      ? 'HC-09'
      : (LINH_VUC[record.linhVuc] ?? record.linhVuc),
    co_quan_nhan_ma: record.coQuanNhan.ma,
    co_quan_nhan_ten: record.coQuanNhan.ten,
    noi_dung: record.noiDung,
    doi_tuong: record.doiTuong,
    so_nguoi_ky: record.soNguoiKy,
    an_danh: record.anDanh,
    huong_xu_ly: record.huongXuLy === null ? null : (HUONG_XU_LY[record.huongXuLy] ?? null),
    ngay_xu_ly: isoDay(record.ngayXuLy),
    ngay_cap_nhat: stamp,
  };
  return { donThu, nguoiGui: record.nguoiGui.map((p, i) => sender(soDon, p, i)) };
}
