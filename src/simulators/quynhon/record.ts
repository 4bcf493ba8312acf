/**
 * The record of Quy Nhơn's web petition software (2018) as its JSON API sends it, and the code
 * lists it uses. Field names are the system's own (Vietnamese without diacritics); nullable
 * fields are null in the real exports, not absent.
 */
import type { FieldAreaCode, PetitionKindCode, Weighted } from '../synth/index.ts';

/** One petitioner as the system records it. */
export interface QuyNhonPerson {
  hoTen: string;
  loaiGiayTo: 'CCCD' | 'CMND' | 'HC' | '';
  soGiayTo: string | null;
  namSinh: number | null;
  /** dd/MM/yyyy. */
  ngaySinh: string | null;
  gioiTinh: 'Nam' | 'Nữ' | null;
  diaChi: string;
  maTinhCu: string | null;
  maHuyenCu: string | null;
  maXaCu: string | null;
  dienThoai: string | null;
  laNguoiDaiDien: boolean;
}

/** One petition record (đơn thư) as served by GET /api/v1/don-thu. */
export interface QuyNhonRecord {
  /** "QN-<year>-<6 digits>", unique. */
  maDon: string;
  /** dd/MM/yyyy local date; may be an impossible date (planted fault). */
  ngayNhan: string;
  ngayVietDon: string | null;
  /** 01–06, or an unknown code (planted fault). */
  loaiDon: string;
  nguonDon: NguonDon;
  linhVuc: LinhVuc;
  coQuanNhan: { ma: string; ten: string };
  nguoiGui: QuyNhonPerson[];
  soNguoiKy: number;
  anDanh: boolean;
  noiDung: string;
  doiTuong: string | null;
  huongXuLy: HuongXuLy | null;
  ngayXuLy: string | null;
  /** ISO-8601, second precision, "+07:00". */
  ngayCapNhat: string;
}

/** Channel codes (nguồn đơn). */
export const NGUON_DON = ['TT', 'BC', 'DB', 'MT', 'BAO', 'CQK', 'LD', 'HT', 'TTUYEN'] as const;
/** A channel code. */
export type NguonDon = (typeof NGUON_DON)[number];

/** Field-area codes (lĩnh vực). */
export const LINH_VUC = ['CS', 'DD', 'CC', 'HCK', 'TP', 'TN', 'DDT', 'K'] as const;
/** A field-area code. */
export type LinhVuc = (typeof LINH_VUC)[number];

/** Handling-direction codes (hướng xử lý). */
export const HUONG_XU_LY = [
  'THULY',
  'HUONGDAN',
  'CHUYEN',
  'TRADON',
  'DONDOC',
  'LUU',
  'RUT',
] as const;
/** A handling-direction code. */
export type HuongXuLy = (typeof HUONG_XU_LY)[number];

/** Petition-kind codes the system accepts (loại đơn). */
export const LOAI_DON = ['01', '02', '03', '04', '05', '06'] as const;

/** Typical shares of channels. */
export const NGUON_DON_WEIGHTS: readonly Weighted<NguonDon>[] = [
  { value: 'TT', weight: 35 },
  { value: 'BC', weight: 20 },
  { value: 'DB', weight: 6 },
  { value: 'MT', weight: 5 },
  { value: 'BAO', weight: 3 },
  { value: 'CQK', weight: 12 },
  { value: 'LD', weight: 4 },
  { value: 'HT', weight: 3 },
  { value: 'TTUYEN', weight: 12 },
];

/** Typical shares of handling directions once a petition is handled. */
export const HUONG_XU_LY_WEIGHTS: readonly Weighted<HuongXuLy>[] = [
  { value: 'THULY', weight: 28 },
  { value: 'HUONGDAN', weight: 22 },
  { value: 'CHUYEN', weight: 22 },
  { value: 'TRADON', weight: 7 },
  { value: 'DONDOC', weight: 7 },
  { value: 'LUU', weight: 11 },
  { value: 'RUT', weight: 3 },
];

/** Source field-area code for a canonical field area. */
export const LINH_VUC_OF: Readonly<Record<FieldAreaCode, LinhVuc>> = {
  ADMIN_POLICY: 'CS',
  ADMIN_LAND_HOUSING: 'DD',
  ADMIN_CIVIL_SERVICE: 'CC',
  ADMIN_OTHER: 'HCK',
  JUDICIAL: 'TP',
  CORRUPTION: 'TN',
  PARTY_MASS_ORG: 'DDT',
  OTHER: 'K',
};

/** Source petition-kind code for a canonical kind; KNPA splits by the summary's first word. */
export function loaiDonOf(kind: PetitionKindCode, summary: string): string {
  switch (kind) {
    case 'KN':
      return '01';
    case 'TC':
      return '02';
    case 'KNPA':
      return summary.startsWith('Kiến nghị') ? '03' : '04';
    case 'MIXED':
      return '05';
    case 'TRANH_CHAP':
      return '06';
  }
}
