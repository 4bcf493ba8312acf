/**
 * The simulated district document-management system's tables, in their own PostgreSQL schema:
 * letters (`don_thu`) and their senders (`nguoi_gui`, linked by so_don), as such systems keep
 * them, plus the integration view the hub's sql adapter reads: one row per letter with its
 * senders aggregated into a JSON array. Column names are the vendor's Vietnamese snake_case.
 */

/** Columns of don_thu, in insert order. */
export const DON_THU_COLUMNS = [
  'so_don',
  'ngay_nhan',
  'ngay_viet_don_text',
  'loai_don',
  'nguon_don',
  'linh_vuc',
  'co_quan_nhan_ma',
  'co_quan_nhan_ten',
  'noi_dung',
  'doi_tuong',
  'so_nguoi_ky',
  'an_danh',
  'huong_xu_ly',
  'ngay_xu_ly',
  'ngay_cap_nhat',
] as const;

/** Columns of nguoi_gui, in insert order (id is a bigserial). */
export const NGUOI_GUI_COLUMNS = [
  'so_don',
  'thu_tu',
  'ho_ten',
  'loai_giay_to',
  'so_cccd',
  'nam_sinh',
  'ngay_sinh',
  'gioi_tinh',
  'dia_chi',
  'ma_tinh_cu',
  'ma_huyen_cu',
  'ma_xa_cu',
  'dien_thoai',
  'la_dai_dien',
] as const;

/** Name of the integration view the adapter's query reads. */
export const INTEGRATION_VIEW = 'v_don_thu_tich_hop';

/** The statements creating the schema, both tables and the view (schema name pre-validated). */
export function createStatements(schema: string): string[] {
  const senderJson = NGUOI_GUI_COLUMNS.filter((c) => c !== 'so_don' && c !== 'thu_tu')
    .map((c) => `'${c}', n.${c}`)
    .join(', ');
  return [
    `CREATE SCHEMA IF NOT EXISTS ${schema}`,
    `CREATE TABLE ${schema}.don_thu (
       so_don text PRIMARY KEY,
       ngay_nhan date NOT NULL,
       -- Legacy free-text column from the 2012 version: dd/MM/yyyy as typed, never checked.
       ngay_viet_don_text text,
       loai_don text,
       nguon_don text,
       linh_vuc text,
       co_quan_nhan_ma text,
       co_quan_nhan_ten text,
       noi_dung text,
       doi_tuong text,
       so_nguoi_ky integer,
       an_danh boolean NOT NULL DEFAULT false,
       huong_xu_ly text,
       ngay_xu_ly date,
       ngay_cap_nhat timestamptz NOT NULL
     )`,
    `CREATE INDEX don_thu_cap_nhat ON ${schema}.don_thu (ngay_cap_nhat, so_don)`,
    `CREATE TABLE ${schema}.nguoi_gui (
       id bigserial PRIMARY KEY,
       so_don text NOT NULL REFERENCES ${schema}.don_thu (so_don) ON DELETE CASCADE,
       thu_tu smallint NOT NULL,
       ho_ten text,
       loai_giay_to text,
       so_cccd text,
       nam_sinh smallint,
       ngay_sinh date,
       gioi_tinh text,
       dia_chi text,
       ma_tinh_cu text,
       ma_huyen_cu text,
       ma_xa_cu text,
       dien_thoai text,
       la_dai_dien boolean
     )`,
    `CREATE INDEX nguoi_gui_so_don ON ${schema}.nguoi_gui (so_don, thu_tu)`,
    `CREATE VIEW ${schema}.${INTEGRATION_VIEW} AS
     SELECT ${DON_THU_COLUMNS.map((c) => `d.${c}`).join(', ')},
            COALESCE((SELECT json_agg(json_build_object(${senderJson}) ORDER BY n.thu_tu)
                      FROM ${schema}.nguoi_gui n WHERE n.so_don = d.so_don), '[]'::json) AS nguoi_gui
     FROM ${schema}.don_thu d`,
  ];
}
