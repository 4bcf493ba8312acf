/**
 * Reads an Excel (.xlsx) export into a Table with exceljs. Cells keep their Excel type: text
 * stays text (a code typed as text "01" keeps its zero), numbers stay numbers, booleans stay
 * booleans. Excel stores dates as zone-less day numbers (exceljs reads them as UTC instants), so
 * a date cell becomes a local calendar date: "dd/MM/yyyy" by default, or ISO "yyyy-MM-dd" (with
 * "THH:mm:ss" when the cell has a time). A formula gives its cached result; an Excel error
 * (#N/A, #REF!) makes the row defective. XLSX text is already Unicode and is passed as written
 * (an NFD cell stays NFD: the mapping's nfc transform composes it), so nothing needs keeping.
 */
import ExcelJS from 'exceljs';
import { HubError } from '../../src/lib/errors.ts';
import { fileInvalidError, type FileRef } from './csv-table.ts';
import type { FileDropSettings } from './settings.ts';
import { isBlankRow, type CellValue, type Table, type TableRow } from './table.ts';

type Dates = FileDropSettings['xlsx']['dates'];

/** Reads an .xlsx file; throws KNTC_SOURCE_FILE_INVALID naming the file when it is unreadable. */
export async function readXlsxTable(
  bytes: Buffer,
  file: FileRef,
  settings: FileDropSettings,
): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as its own `Buffer extends ArrayBuffer`; a Node Buffer is what it reads.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    const e = fileInvalidError(
      file,
      'is not a readable Excel .xlsx file (damaged, truncated, or an old .xls renamed)',
    );
    throw new HubError(e.code, e.message, { cause: err, details: e.details });
  }
  const { sheet, headerRow, dates } = settings.xlsx;
  const ws =
    typeof sheet === 'number' ? workbook.worksheets[sheet - 1] : workbook.getWorksheet(sheet);
  if (ws === undefined) {
    throw fileInvalidError(
      file,
      `has no worksheet ${typeof sheet === 'number' ? `number ${sheet}` : `"${sheet}"`}`,
    );
  }
  const width = ws.columnCount;
  const headers = rowValues(ws.getRow(headerRow), width, dates).cells.map((c) => String(c).trim());
  if (headers.every((h) => h === '')) {
    throw fileInvalidError(
      file,
      `has an empty header row at row ${headerRow} of worksheet "${ws.name}"`,
    );
  }
  const rows: TableRow[] = [];
  for (let n = headerRow + 1; n <= ws.rowCount; n += 1) {
    const { cells, defect } = rowValues(ws.getRow(n), width, dates);
    if (isBlankRow(cells)) continue;
    rows.push({
      line: n,
      cells,
      bytes: null,
      keepOriginal: false,
      defect: defect && `Excel row ${n}: ${defect}`,
    });
  }
  return { headers, rows, readAs: `xlsx worksheet "${ws.name}"` };
}

function rowValues(
  row: ExcelJS.Row,
  width: number,
  dates: Dates,
): { cells: CellValue[]; defect: string | null } {
  const cells: CellValue[] = [];
  let defect: string | null = null;
  for (let c = 1; c <= width; c += 1) {
    const cell = row.getCell(c);
    const value = cellValue(cell.value, dates);
    if (typeof value === 'object') {
      defect ??= `cell ${cell.address} holds the Excel error ${value.error}`;
      cells.push('');
    } else cells.push(value);
  }
  return { cells, defect };
}

function cellValue(v: ExcelJS.CellValue, dates: Dates): CellValue | { error: string } {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return formatDate(v, dates);
  if ('error' in v) return { error: String(v.error) };
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('hyperlink' in v) return cellValue(v.text, dates);
  if ('formula' in v || 'sharedFormula' in v) {
    return cellValue((v as { result?: ExcelJS.CellValue }).result ?? null, dates);
  }
  return '';
}

function formatDate(d: Date, dates: Dates): string {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  if (dates === 'dd/MM/yyyy') return `${p(day)}/${p(m)}/${p(y, 4)}`;
  const date = `${p(y, 4)}-${p(m)}-${p(day)}`;
  const time = [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()];
  return time.every((t) => t === 0) ? date : `${date}T${time.map((t) => p(t)).join(':')}`;
}
