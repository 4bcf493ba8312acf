/**
 * A file read into rows, whatever its format: the headers, and per data row its cells, where it
 * was in the file, the bytes it arrived as and whether those bytes must be kept. CSV and XLSX
 * readers produce this; rows.ts turns it into raw records.
 */

/** One cell as handed to the mapping: text, a number or boolean from Excel, or empty. */
export type CellValue = string | number | boolean;

/** One data row. */
export interface TableRow {
  /** Where the row starts: the CSV line number, or the Excel row number (1-based). */
  readonly line: number;
  readonly cells: readonly CellValue[];
  /** The row's original bytes (CSV line without its line break), or null (XLSX). */
  readonly bytes: Buffer | null;
  /** True when the payload (NFC Unicode) cannot reproduce the bytes: keep them. */
  readonly keepOriginal: boolean;
  /** Why the row could not be read as written (the mapping then rejects it), or null. */
  readonly defect: string | null;
}

/** A whole file. */
export interface Table {
  /** Headers as written (NFC, trimmed). */
  readonly headers: readonly string[];
  readonly rows: readonly TableRow[];
  /** How the text was read, for logs: "tcvn3 (scored)", "xlsx sheet 1"… */
  readonly readAs: string;
}

/** True when every cell is empty text (a blank line, a row of empty Excel cells). */
export function isBlankRow(cells: readonly CellValue[]): boolean {
  return cells.every((c) => typeof c === 'string' && c.trim() === '');
}
