/**
 * A record of Hà Nội's petition-management software (Phần mềm quản lý đơn thư, built by the
 * city inspectorate in 2015, rolled out in 2017) as its XML web service serves it: Vietnamese
 * element names, dd/MM/yyyy days, the system's own codes, last-modified as ISO-8601 +07:00.
 * Values are already rendered (messiness included): this is what goes on the wire.
 */

/** LoaiDon codes of the Hà Nội system (the label goes in the element's text). */
export const HANOI_LOAI_DON = {
  '01': 'Khiếu nại',
  '02': 'Tố cáo',
  '03': 'Kiến nghị, phản ánh',
  '04': 'Tranh chấp',
  '05': 'Đơn nhiều nội dung',
} as const;

/** NguonDon codes: how the letter arrived. */
export const HANOI_NGUON_DON = [
  'TRUC_TIEP',
  'BUU_CHINH',
  'DBQH',
  'MTTQ',
  'BAO_CHI',
  'CQ_KHAC',
  'TRUC_TUYEN',
] as const;

/** LinhVuc codes (field areas). */
export const HANOI_LINH_VUC = ['01', '02', '03', '04', '05', '06', '07', '99'] as const;

/** HuongXuLy codes (what the reception unit decided). */
export const HANOI_HUONG_XU_LY = [
  'THU_LY',
  'HUONG_DAN',
  'CHUYEN_DON',
  'TRA_DON',
  'LUU_DON',
] as const;

/** The old-unit address of a petitioner: text as written, and its old codes (attributes). */
export interface HanoiAddress {
  readonly text: string;
  readonly maTinh: string;
  readonly maHuyen: string;
  readonly maXa: string;
}

/** How a missing CCCD is written: an empty element, xsi:nil, or no element at all. */
export type MissingStyle = 'empty' | 'nil' | 'absent';

/** One sender (NguoiGui). */
export interface HanoiSender {
  readonly hoTen: string;
  /** null: missing, written in `missingCccd` style. */
  readonly soCCCD: string | null;
  readonly missingCccd: MissingStyle;
  readonly namSinh: number | null;
  readonly gioiTinh: 'Nam' | 'Nữ' | null;
  readonly diaChi: HanoiAddress | null;
  readonly dienThoai: string | null;
}

/** One petition record (Don). */
export interface HanoiRecord {
  readonly soDon: string;
  readonly ngayNhanDon: string;
  readonly ngayVietDon: string | null;
  /** LoaiDon code (attribute ma) and label (text); an unknown code is possible (messiness). */
  readonly loaiDon: { readonly ma: string; readonly ten: string };
  readonly nguonDon: string;
  readonly linhVuc: string;
  readonly coQuanTiepNhan: { readonly ma: string; readonly ten: string };
  readonly nguoiGui: readonly HanoiSender[];
  readonly soNguoiKy: number;
  readonly anDanh: boolean;
  readonly noiDungDon: string;
  readonly doiTuongBiKhieuNai: string | null;
  readonly ketQuaXuLy: { readonly huongXuLy: string; readonly ngayXuLy: string } | null;
  /** ISO-8601 with +07:00, whole seconds. */
  readonly ngayCapNhat: string;
  /** The same instant in ms, for ordering. */
  readonly updatedMs: number;
}
