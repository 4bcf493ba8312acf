/**
 * Turns a read file (Table) into raw records. The payload is the row as an object keyed by
 * header (header-keys.ts) plus where it came from: `_file` (the file's name when read) and
 * `_row` (its CSV line or Excel row number). A row the reader could not read as written carries
 * its reason under "#defects", so the mapping rejects that row alone. `bytes` are the row's
 * original bytes (CSV) or its JSON (XLSX); `keepOriginal` marks bytes the NFC payload cannot
 * rebuild, which the store keeps in raw_records.original.
 */
import type { RawRecord } from '../contract.ts';
import { SOURCE_DEFECTS_KEY, type SourceDefect } from '../../src/mapping/source-defects.ts';
import { fileInvalidError, type FileRef } from './csv-table.ts';
import { headerKeys } from './header-keys.ts';
import type { FileDropSettings } from './settings.ts';
import type { Table, TableRow } from './table.ts';

/** A raw record of this adapter: bytes may be worth keeping (see adapters/contract.ts proposal). */
export interface FileRawRecord extends RawRecord {
  readonly keepOriginal: boolean;
}

/** The file a table came from. */
export interface ReadFile extends FileRef {
  /** SHA-256 (hex) of the file's bytes. */
  readonly hash: string;
}

/** Every data row of the table as a raw record, in file order. */
export function tableRecords(
  table: Table,
  file: ReadFile,
  settings: Pick<FileDropSettings, 'headerKeys' | 'idColumns'>,
): FileRawRecord[] {
  const keys = headerKeys(table.headers, settings.headerKeys);
  const idIndexes = settings.idColumns.map((col) => columnIndex(table, keys, col, file));
  return table.rows.map((row) => toRecord(row, keys, idIndexes, file));
}

function columnIndex(table: Table, keys: readonly string[], column: string, file: FileRef): number {
  const wanted = column.normalize('NFC').trim().toLowerCase();
  const i = table.headers.findIndex((h, j) => h.toLowerCase() === wanted || keys[j] === column);
  if (i === -1) {
    throw fileInvalidError(
      file,
      `has no column "${column}" (named in idColumns of the source config); its columns are: ${table.headers.join(', ')}`,
    );
  }
  return i;
}

function toRecord(
  row: TableRow,
  keys: readonly string[],
  idIndexes: readonly number[],
  file: ReadFile,
): FileRawRecord {
  const payload: Record<string, unknown> = { _file: file.fileName, _row: row.line };
  keys.forEach((key, i) => {
    payload[key] = row.cells[i] ?? '';
  });
  if (row.defect !== null) {
    const defect: SourceDefect = {
      path: `${file.fileName}:${row.line}`,
      code: 'KNTC_SOURCE_BAD_PAYLOAD',
      message: row.defect,
    };
    payload[SOURCE_DEFECTS_KEY] = [defect];
  }
  return {
    sourceRecordId: recordId(row, idIndexes, file),
    payload,
    bytes: row.bytes ?? Buffer.from(JSON.stringify(payload), 'utf8'),
    keepOriginal: row.keepOriginal,
  };
}

/** The id column(s) joined with "/", or "<file hash prefix>:<row>" when one is empty. */
function recordId(row: TableRow, idIndexes: readonly number[], file: ReadFile): string {
  const parts = idIndexes.map((i) => String(row.cells[i] ?? '').trim());
  if (parts.length > 0 && parts.every((p) => p !== '')) return parts.join('/');
  return `${file.hash.slice(0, 12)}:${row.line}`;
}
