/**
 * JSON Schemas of the simulator's routes. Fastify validates query strings with them and
 * serialises responses with them, so the response schemas list every record field: a field
 * missing here would silently vanish from the output.
 */
import type { FromSchema } from 'json-schema-to-ts';

const nullableString = { type: ['string', 'null'] } as const;

const errorBody = {
  type: 'object',
  required: ['error', 'message'],
  properties: { error: { type: 'string' }, message: { type: 'string' } },
} as const;

/** Error body of every non-200 answer. */
export const errorSchema = errorBody;

/** Query string of GET /api/v1/don-thu. */
export const donThuQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    capNhatTu: { type: 'string', minLength: 1, maxLength: 64 },
    sauMaDon: { type: 'string', minLength: 1, maxLength: 64 },
    trang: { type: 'integer', minimum: 1, default: 1 },
    soBanGhi: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
  },
} as const;

/** Parsed query string of GET /api/v1/don-thu. */
export type DonThuQuery = FromSchema<typeof donThuQuerySchema>;

const personSchema = {
  type: 'object',
  properties: {
    hoTen: { type: 'string' },
    loaiGiayTo: { type: 'string' },
    soGiayTo: nullableString,
    namSinh: { type: ['integer', 'null'] },
    ngaySinh: nullableString,
    gioiTinh: nullableString,
    diaChi: { type: 'string' },
    maTinhCu: nullableString,
    maHuyenCu: nullableString,
    maXaCu: nullableString,
    dienThoai: nullableString,
    laNguoiDaiDien: { type: 'boolean' },
  },
} as const;

const recordSchema = {
  type: 'object',
  properties: {
    maDon: { type: 'string' },
    ngayNhan: { type: 'string' },
    ngayVietDon: nullableString,
    loaiDon: { type: 'string' },
    nguonDon: { type: 'string' },
    linhVuc: { type: 'string' },
    coQuanNhan: {
      type: 'object',
      properties: { ma: { type: 'string' }, ten: { type: 'string' } },
    },
    nguoiGui: { type: 'array', items: personSchema },
    soNguoiKy: { type: 'integer' },
    anDanh: { type: 'boolean' },
    noiDung: { type: 'string' },
    doiTuong: nullableString,
    huongXuLy: nullableString,
    ngayXuLy: nullableString,
    ngayCapNhat: { type: 'string' },
  },
} as const;

/** 200 body of GET /api/v1/don-thu. */
export const donThuPageSchema = {
  type: 'object',
  required: ['trang', 'soBanGhi', 'tongSoTrang', 'tongSoBanGhi', 'duLieu'],
  properties: {
    trang: { type: 'integer' },
    soBanGhi: { type: 'integer' },
    tongSoTrang: { type: 'integer' },
    tongSoBanGhi: { type: 'integer' },
    duLieu: { type: 'array', items: recordSchema },
  },
} as const;

/** 200 body of GET /api/v1/ping. */
export const pingSchema = {
  type: 'object',
  properties: {
    status: { type: 'string' },
    heThong: { type: 'string' },
    phienBan: { type: 'string' },
  },
} as const;

/** Server-side faults, as read and written by /_sim/faults. */
export const serverFaultsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    errorRate: { type: 'number', minimum: 0, maximum: 1 },
    latencyMs: { type: 'integer', minimum: 0, maximum: 60_000 },
  },
} as const;

/** Body of PUT /_sim/faults (each field optional). */
export type ServerFaultsPatch = FromSchema<typeof serverFaultsSchema>;
