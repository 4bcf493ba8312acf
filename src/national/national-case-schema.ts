/**
 * The national case body (hồ sơ vụ việc) and the stage bodies the hub sends to the national
 * database on complaints and denunciations. No public TTCP specification exists, so this is the
 * hub's own contract (docs/national-api.md), written with the Vietnamese field names a TTCP
 * system would use. The simulator validates against these same schemas, so hub and simulator
 * cannot drift; code values are the hub's canonical codes (src/core/codes.ts), served by the
 * simulator as its catalogues.
 */
import type { FromSchema } from 'json-schema-to-ts';
import {
  CHANNELS,
  ENFORCEMENT_STATES,
  FIELD_AREAS,
  HANDLING_OUTCOMES,
  ID_DOCUMENT_TYPES,
  PETITION_KINDS,
  PETITIONER_KINDS,
  RECEPTION_KINDS,
  SETTLEMENT_RESULTS,
  SEXES,
  codesOf,
} from '../core/codes.ts';
import {
  communeCode,
  date,
  districtCode,
  provinceCode,
  shortText,
  text,
} from '../core/schema-fragments.ts';

/** Version of the national contract the hub speaks. */
export const NATIONAL_CONTRACT_VERSION = '1.0';

/** Địa chỉ: free text plus current (2025) and pre-merger unit codes. */
const diaChi = {
  type: 'object',
  additionalProperties: false,
  required: ['chiTiet'],
  properties: {
    chiTiet: shortText,
    maTinh: provinceCode,
    maXa: communeCode,
    maTinhCu: provinceCode,
    maHuyenCu: districtCode,
    maXaCu: communeCode,
  },
} as const;

/** Người đứng đơn: one petitioner (person or organisation). */
const nguoiDungDon = {
  type: 'object',
  additionalProperties: false,
  required: ['loai', 'hoTen'],
  properties: {
    loai: { enum: codesOf(PETITIONER_KINDS) },
    hoTen: shortText,
    giayToTuyThan: {
      type: 'object',
      additionalProperties: false,
      required: ['loai', 'so'],
      properties: {
        loai: { enum: codesOf(ID_DOCUMENT_TYPES) },
        so: { type: 'string', pattern: '^[0-9A-Z]{6,20}$' },
      },
    },
    namSinh: { type: 'integer', minimum: 1900, maximum: 2100 },
    ngaySinh: date,
    gioiTinh: { enum: codesOf(SEXES) },
    diaChi,
    soDienThoai: { type: 'string', pattern: '^\\+?[0-9]{8,15}$' },
    laNguoiDaiDien: { type: 'boolean' },
  },
} as const;

/** JSON Schema of the national case body (stage 1: tiếp nhận vụ việc). */
export const nationalCaseSchema = {
  $id: 'https://kntc-hub.example/schemas/national-case-1.0.json',
  title: 'Hồ sơ vụ việc gửi Cơ sở dữ liệu quốc gia về khiếu nại, tố cáo (giai đoạn 1)',
  type: 'object',
  additionalProperties: false,
  required: [
    'maHoSoNguon',
    'heThongGoc',
    'maDonHeThongGoc',
    'ngayTiepNhan',
    'coQuanTiepNhan',
    'nguonDon',
    'loaiDon',
    'nguoiDungDon',
    'soNguoiKy',
    'donDongNguoi',
    'anDanh',
    'tomTatNoiDung',
    'baoMatDanhTinh',
  ],
  properties: {
    maHoSoNguon: shortText,
    heThongGoc: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{1,62}$' },
    maDonHeThongGoc: shortText,
    maHoSoMotCua: shortText,
    trungVoiMaHoSoNguon: shortText,
    ngayTiepNhan: date,
    ngayVietDon: date,
    coQuanTiepNhan: {
      type: 'object',
      additionalProperties: false,
      required: ['maCoQuan'],
      properties: { maCoQuan: shortText, tenCoQuan: shortText, maDonViHanhChinh: communeCode },
    },
    nguonDon: { enum: codesOf(CHANNELS) },
    hinhThucTiepCongDan: { enum: codesOf(RECEPTION_KINDS) },
    loaiDon: { enum: codesOf(PETITION_KINDS) },
    linhVuc: { enum: codesOf(FIELD_AREAS) },
    nguoiDungDon: { type: 'array', maxItems: 1000, items: nguoiDungDon },
    soNguoiKy: { type: 'integer', minimum: 0 },
    donDongNguoi: { type: 'boolean' },
    anDanh: { type: 'boolean' },
    tomTatNoiDung: text,
    doiTuongBiKhieuNaiToCao: shortText,
    noiPhatSinh: diaChi,
    huongXuLy: { enum: codesOf(HANDLING_OUTCOMES) },
    thongTinXuLy: {
      type: 'object',
      additionalProperties: false,
      properties: {
        duDieuKienXuLy: { type: 'boolean' },
        lyDoKhongDuDieuKien: shortText,
        thuocThamQuyen: { type: 'boolean' },
        ngayXuLy: date,
        chuyenDenCoQuan: shortText,
      },
    },
    baoMatDanhTinh: { type: 'boolean' },
    lyDoBaoMat: shortText,
  },
} as const;

/** The national case body: what the hub sends at stage 1 and on an update of stage-1 data. */
export type NationalCase = FromSchema<typeof nationalCaseSchema>;
/** One petitioner in the national shape. */
export type NguoiDungDon = NationalCase['nguoiDungDon'][number];
/** An address in the national shape. */
export type DiaChi = NonNullable<NationalCase['noiPhatSinh']>;

/** Stage 2 body: kết quả xử lý đơn (handling result). */
export const stage2Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['huongXuLy', 'ngayXuLy'],
  properties: {
    huongXuLy: { enum: codesOf(HANDLING_OUTCOMES) },
    ngayXuLy: date,
    duDieuKienXuLy: { type: 'boolean' },
    lyDoKhongDuDieuKien: shortText,
    thuocThamQuyen: { type: 'boolean' },
    chuyenDenCoQuan: shortText,
  },
} as const;

/** Stage 3 body: thông tin giải quyết (settlement information). */
export const stage3Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['lanGiaiQuyet', 'ngayThuLy', 'hanGiaiQuyet'],
  properties: {
    lanGiaiQuyet: { enum: [1, 2] },
    ngayThuLy: date,
    hanGiaiQuyet: date,
    giaHanDen: date,
    vuViecPhucTap: { type: 'boolean' },
    vungKhoKhan: { type: 'boolean' },
  },
} as const;

/** Stage 4 body: kết quả giải quyết (settlement result). */
export const stage4Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['ketQua', 'ngayBanHanh'],
  properties: {
    ketQua: { enum: codesOf(SETTLEMENT_RESULTS) },
    ngayBanHanh: date,
    thuHoiTienTrieuDong: { type: 'number', minimum: 0 },
    thuHoiDatM2: { type: 'number', minimum: 0 },
  },
} as const;

/** Stage 5 body: thi hành quyết định giải quyết (enforcement). */
export const stage5Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['trangThai', 'ngayCapNhat'],
  properties: {
    trangThai: { enum: codesOf(ENFORCEMENT_STATES) },
    ngayCapNhat: date,
  },
} as const;

/** The sync stages reached through POST /api/v1/cases/{id}/stages/{stage}. */
export const STAGE_SCHEMAS = { 2: stage2Schema, 3: stage3Schema, 4: stage4Schema, 5: stage5Schema };

/** A stage number sent through the stage route (stage 1 is the case creation itself). */
export type LaterStage = keyof typeof STAGE_SCHEMAS;

/** Body of each later stage. */
export interface StageData {
  2: FromSchema<typeof stage2Schema>;
  3: FromSchema<typeof stage3Schema>;
  4: FromSchema<typeof stage4Schema>;
  5: FromSchema<typeof stage5Schema>;
}
