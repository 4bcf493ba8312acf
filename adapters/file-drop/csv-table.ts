/**
 * Reads a CSV export into a Table. The encoding is declared or detected on the whole file
 * (src/lib/encodings). Records are cut on the file's bytes read one-to-one as latin1 (the
 * delimiters, quotes and line breaks are ASCII in UTF-8 and in every single-byte legacy
 * encoding), so each row keeps its exact original bytes; each row is then parsed by csv-parse
 * and each field decoded to NFC. UTF-16 is decoded first and cut as text.
 */
import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { HubError } from '../../src/lib/errors.ts';
import {
  decodeAs,
  looksBinary,
  resolveEncoding,
  type TextEncoding,
} from '../../src/lib/encodings/index.ts';
import { guessDelimiter, splitCsvRecords, type CsvChunk } from './csv-split.ts';
import type { FileDropSettings } from './settings.ts';
import { isBlankRow, type Table, type TableRow } from './table.ts';

/** Which file is read, for error messages. */
export interface FileRef {
  readonly sourceId: string;
  readonly fileName: string;
}

/** How chunk text maps back to bytes and forward to NFC text. */
interface TextView {
  readonly text: string;
  readonly decode: (chunk: string) => string;
  readonly bytesOf: (chunk: string) => Buffer;
  /** True when the NFC payload cannot rebuild the chunk's bytes (legacy encoding, or NFD). */
  readonly mustKeep: (chunk: string) => boolean;
}

function viewOf(bytes: Buffer, encoding: TextEncoding, bomLength: number): TextView {
  const body = bytes.subarray(bomLength);
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    return {
      text: iconv.decode(body, encoding),
      decode: (s) => s.normalize('NFC'),
      bytesOf: (s) => iconv.encode(s, encoding),
      mustKeep: (s) => !isNfc(s),
    };
  }
  return {
    text: body.toString('latin1'),
    decode: (s) => decodeAs(Buffer.from(s, 'latin1'), encoding),
    bytesOf: (s) => Buffer.from(s, 'latin1'),
    mustKeep: (s) => encoding !== 'utf-8' || !isNfc(Buffer.from(s, 'latin1').toString('utf8')),
  };
}

/** Reads a CSV file; throws KNTC_SOURCE_ENCODING or KNTC_SOURCE_FILE_INVALID naming the file. */
export function readCsvTable(bytes: Buffer, file: FileRef, settings: FileDropSettings): Table {
  if (looksBinary(bytes)) {
    throw invalid(file, 'is not a text file (it contains NUL bytes): is it really a CSV export?');
  }
  const detection = resolveEncoding(bytes, { ...file, encoding: settings.csv.encoding });
  const view = viewOf(bytes, detection.encoding, detection.bomLength);
  const { headerRow } = settings.csv;
  const firstLines = view.text.split('\n', headerRow);
  const delimiter =
    settings.csv.delimiter === 'auto'
      ? guessDelimiter(firstLines[headerRow - 1] ?? '')
      : settings.csv.delimiter;
  const chunks = splitCsvRecords(view.text, delimiter);
  const header = chunks[headerRow - 1];
  if (header === undefined || header.unclosed) {
    throw invalid(file, `has no header row at row ${headerRow}`);
  }
  const headers = parseFields(view.decode(header.text), delimiter);
  if (headers === null || headers.every((h) => h.trim() === '')) {
    throw invalid(file, `has an unreadable or empty header row at row ${headerRow}`);
  }
  const rows: TableRow[] = [];
  for (const chunk of chunks.slice(headerRow)) {
    const row = readRow(chunk, view, delimiter, headers.length);
    if (row !== null) rows.push(row);
  }
  return {
    headers: headers.map((h) => h.trim()),
    rows,
    readAs: `csv ${detection.encoding} (${detection.how}), delimiter ${JSON.stringify(delimiter)}`,
  };
}

function readRow(
  chunk: CsvChunk,
  view: TextView,
  delimiter: string,
  width: number,
): TableRow | null {
  const decoded = view.decode(chunk.text);
  const bytes = view.bytesOf(chunk.text);
  const keepOriginal = view.mustKeep(chunk.text);
  const base = { line: chunk.line, bytes, keepOriginal };
  if (chunk.unclosed) {
    return { ...base, cells: [], defect: `CSV line ${chunk.line}: a quoted field is never closed` };
  }
  const cells = parseFields(decoded, delimiter);
  if (cells === null) {
    return { ...base, cells: [], defect: `CSV line ${chunk.line}: malformed quotes` };
  }
  if (isBlankRow(cells)) return null;
  const extra = cells.slice(width);
  if (extra.some((c) => c.trim() !== '')) {
    const defect = `CSV line ${chunk.line} has ${cells.length} values but the header has ${width} columns (a delimiter inside an unquoted value?)`;
    return { ...base, cells: cells.slice(0, width), defect };
  }
  // A row shorter than the header (trailing empty values left out) is padded.
  const padded = [
    ...cells.slice(0, width),
    ...Array<string>(Math.max(0, width - cells.length)).fill(''),
  ];
  return { ...base, cells: padded, defect: null };
}

function isNfc(s: string): boolean {
  return s === s.normalize('NFC');
}

/** One record's fields, or null when csv-parse finds its quoting malformed. */
function parseFields(text: string, delimiter: string): string[] | null {
  try {
    const records: string[][] = parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
    });
    return records[0] ?? [''];
  } catch {
    return null;
  }
}

function invalid(file: FileRef, what: string): HubError {
  return new HubError(
    'KNTC_SOURCE_FILE_INVALID',
    `source "${file.sourceId}": file "${file.fileName}" ${what}`,
    { details: { sourceId: file.sourceId, file: file.fileName } },
  );
}

export { invalid as fileInvalidError };
