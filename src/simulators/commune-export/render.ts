/**
 * Renders commune register rows as the files communes really send: CSV in Windows-1258, TCVN3
 * or VNI (old Excel and FoxPro installations), CSV in UTF-8 with a BOM (Excel's "CSV UTF-8"),
 * and XLSX with a title row above the headers. Encoding-dependent faults are applied here: NFD
 * text and the look-alike "Ð" only where the encoding can carry them (UTF-8, XLSX).
 */
import ExcelJS from 'exceljs';
import { encodeAs, type LegacyEncoding } from '../../lib/encodings/index.ts';
import { toNFD, wrongD, type Rng } from '../synth/index.ts';
import { COMMUNE_EXPORT_HEADERS, type CommuneExportRow } from './columns.ts';

/** The file formats a commune export comes in. */
export const COMMUNE_EXPORT_FORMATS = [
  'csv-windows-1258',
  'csv-tcvn3',
  'csv-utf8-bom',
  'xlsx',
  'csv-vni',
] as const;

/** One of COMMUNE_EXPORT_FORMATS. */
export type CommuneExportFormat = (typeof COMMUNE_EXPORT_FORMATS)[number];

/** Worksheet row of the headers in XLSX exports (row 1 is the register's title). */
export const XLSX_HEADER_ROW = 2;

const TEXT_COLUMNS = ['Họ tên người gửi', 'Địa chỉ', 'Nội dung', 'Cơ quan tiếp nhận'] as const;

/** Applies NFD or "Ð" to a row's free text (only for formats that can carry them). */
export function unicodeFaults(rng: Rng, row: CommuneExportRow): CommuneExportRow {
  let out = row;
  const each = (f: (s: string) => string): CommuneExportRow =>
    Object.fromEntries(
      Object.entries(out).map(([k, v]) =>
        (TEXT_COLUMNS as readonly string[]).includes(k) && typeof v === 'string'
          ? [k, f(v)]
          : [k, v],
      ),
    ) as CommuneExportRow;
  if (rng.chance(0.05)) out = each(wrongD);
  if (rng.chance(0.3)) out = each(toNFD);
  return out;
}

function csvField(value: string | number, delimiter: string): string {
  const s = String(value);
  return s.includes(delimiter) || /["\r\n]/u.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The CSV text of rows (header first, CRLF line ends, quoted where needed). */
export function csvText(rows: readonly CommuneExportRow[], delimiter: string): string {
  const line = (values: readonly (string | number)[]): string =>
    values.map((v) => csvField(v, delimiter)).join(delimiter);
  const body = rows.map((r) => line(COMMUNE_EXPORT_HEADERS.map((h) => r[h])));
  return [line(COMMUNE_EXPORT_HEADERS), ...body].join('\r\n') + '\r\n';
}

/**
 * CSV bytes in a legacy encoding (";" for TCVN3, as Vietnamese-locale Excel writes it). TCVN3
 * and VNI fonts have no "²": their users typed "m2".
 */
export function legacyCsv(rows: readonly CommuneExportRow[], encoding: LegacyEncoding): Buffer {
  const text = csvText(rows, encoding === 'tcvn3' ? ';' : ',');
  return encodeAs(encoding === 'windows-1258' ? text : text.replaceAll('²', '2'), encoding);
}

/** CSV bytes in UTF-8 with a byte-order mark. */
export function utf8BomCsv(rows: readonly CommuneExportRow[]): Buffer {
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvText(rows, ','), 'utf8')]);
}

/** XLSX bytes: a title row, the headers on row 2, dates as date cells when they are real. */
export async function xlsxBytes(rows: readonly CommuneExportRow[], title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sổ tiếp nhận');
  ws.addRow([title]);
  ws.addRow([...COMMUNE_EXPORT_HEADERS]);
  for (const r of rows) {
    ws.addRow(
      COMMUNE_EXPORT_HEADERS.map((h) => (h === 'Ngày nhận' ? excelDate(String(r[h])) : r[h])),
    );
  }
  ws.getColumn(3).numFmt = 'dd/mm/yyyy';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A real dd/MM/yyyy date as an Excel date (UTC midnight, as Excel stores days); else the text. */
function excelDate(ddmmyyyy: string): Date | string {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/u.exec(ddmmyyyy);
  if (m === null) return ddmmyyyy;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCDate() === d && date.getUTCMonth() === mo - 1 ? date : ddmmyyyy;
}
