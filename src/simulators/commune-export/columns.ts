/**
 * What a commune's petition register export looks like: the column headers as Vietnamese staff
 * write them, and the labels the register uses for kind, channel and field area (words, not
 * codes: these registers are spreadsheets kept by hand). mappings/commune-export.yaml maps
 * exactly these labels.
 */

/** The columns, in export order. */
export const COMMUNE_EXPORT_HEADERS = [
  'STT',
  'Số đơn',
  'Ngày nhận',
  'Họ tên người gửi',
  'Số CCCD',
  'Năm sinh',
  'Giới tính',
  'Địa chỉ',
  'Loại đơn',
  'Nguồn đơn',
  'Lĩnh vực',
  'Nội dung',
  'Số người ký',
  'Mã cơ quan',
  'Cơ quan tiếp nhận',
] as const;

/** One column header. */
export type CommuneExportHeader = (typeof COMMUNE_EXPORT_HEADERS)[number];

/** One exported row: text, or a number where a spreadsheet holds one. */
export type CommuneExportRow = Readonly<Record<CommuneExportHeader, string | number>>;

/** Petition kind labels by canonical kind code. */
export const KIND_LABELS = {
  KN: 'Khiếu nại',
  TC: 'Tố cáo',
  KNPA: 'Kiến nghị, phản ánh',
  MIXED: 'Nhiều nội dung',
  TRANH_CHAP: 'Tranh chấp',
} as const;

/** Labels that are not in the mapping (planted unknown codes). */
export const UNKNOWN_KIND_LABELS = ['Khiếu kiện', 'Đơn khác', 'KN-TC'] as const;

/** Channel labels by canonical channel code, with how often each occurs. */
export const CHANNEL_LABELS = [
  { value: 'Trực tiếp', weight: 40 },
  { value: 'Bưu chính', weight: 20 },
  { value: 'Đại biểu chuyển', weight: 5 },
  { value: 'Mặt trận chuyển', weight: 6 },
  { value: 'Báo chí chuyển', weight: 2 },
  { value: 'Cơ quan khác chuyển', weight: 12 },
  { value: 'Lãnh đạo chuyển', weight: 5 },
  { value: 'Hòm thư góp ý', weight: 4 },
  { value: 'Trực tuyến', weight: 6 },
] as const;

/** Field-area labels by canonical field-area code. */
export const FIELD_AREA_LABELS = {
  ADMIN_POLICY: 'Chế độ, chính sách',
  ADMIN_LAND_HOUSING: 'Đất đai, nhà cửa',
  ADMIN_CIVIL_SERVICE: 'Chế độ công chức',
  ADMIN_OTHER: 'Hành chính khác',
  JUDICIAL: 'Tư pháp',
  CORRUPTION: 'Tham nhũng',
  PARTY_MASS_ORG: 'Đảng, đoàn thể',
  OTHER: 'Khác',
} as const;
