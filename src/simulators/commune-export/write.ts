/**
 * Writes a commune's register exports into a folder, cycling through the formats communes
 * really send. Each file is written under a hidden temporary name and renamed when complete,
 * as a careful copy does, so a reader never sees half a file. Deterministic for (seed, now).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { createRng, vnDate, type QuyNhonWard } from '../synth/index.ts';
import {
  COMMUNE_EXPORT_FORMATS,
  legacyCsv,
  unicodeFaults,
  utf8BomCsv,
  xlsxBytes,
  type CommuneExportFormat,
} from './render.ts';
import { CommuneRowFactory, type CommuneFaultRates } from './rows.ts';
import type { CommuneExportRow } from './columns.ts';

/** Options of writeCommuneExports. */
export interface CommuneExportOptions {
  readonly seed: number;
  /** How many files to write. */
  readonly files: number;
  readonly rowsPerFile: number;
  /** The export time (file names, received dates before it). */
  readonly now: Date;
  /** Formats to cycle through (default: all of COMMUNE_EXPORT_FORMATS). */
  readonly formats?: readonly CommuneExportFormat[];
  readonly faults?: CommuneFaultRates;
  /** The commune; drawn from Quy Nhơn's old wards by default. */
  readonly ward?: QuyNhonWard;
  /** Number of the first file (file names, format cycle); default 1. */
  readonly firstFileNumber?: number;
}

/** One written file. */
export interface WrittenExport {
  readonly path: string;
  readonly format: CommuneExportFormat;
  /** The rows as the commune meant them (before encoding-specific faults). */
  readonly rows: readonly CommuneExportRow[];
}

/** Writes `files` export files into `folder` (created if missing). */
export async function writeCommuneExports(
  folder: string,
  options: CommuneExportOptions,
): Promise<WrittenExport[]> {
  await fs.mkdir(folder, { recursive: true });
  const rng = createRng(options.seed);
  const factory = new CommuneRowFactory(rng.fork(), options.faults, options.ward);
  const formats = options.formats ?? COMMUNE_EXPORT_FORMATS;
  const first = options.firstFileNumber ?? 1;
  const written: WrittenExport[] = [];
  for (let i = 0; i < options.files; i += 1) {
    const n = first + i;
    const format = formats[(n - 1) % formats.length] ?? 'csv-utf8-bom';
    const rows = factory.rows(options.rowsPerFile, options.now.getTime());
    const name = fileName(factory.ward.code, options.now, n, format);
    const bytes = await render(format, rows, rng, factory.ward.name);
    const target = path.join(folder, name);
    const temp = path.join(folder, `.${name}.tmp`);
    await fs.writeFile(temp, bytes);
    await fs.rename(temp, target);
    written.push({ path: target, format, rows });
  }
  return written;
}

function fileName(wardCode: string, now: Date, n: number, format: CommuneExportFormat): string {
  const d = vnDate(now.getTime());
  const day = `${d.year}${String(d.month).padStart(2, '0')}${String(d.day).padStart(2, '0')}`;
  const ext = format === 'xlsx' ? 'xlsx' : 'csv';
  return `don-thu-${wardCode}-${day}-${String(n).padStart(3, '0')}.${ext}`;
}

async function render(
  format: CommuneExportFormat,
  rows: readonly CommuneExportRow[],
  rng: ReturnType<typeof createRng>,
  wardName: string,
): Promise<Buffer> {
  switch (format) {
    case 'csv-windows-1258':
      return legacyCsv(rows, 'windows-1258');
    case 'csv-tcvn3':
      return legacyCsv(rows, 'tcvn3');
    case 'csv-vni':
      return legacyCsv(rows, 'vni');
    case 'csv-utf8-bom':
      return utf8BomCsv(rows.map((r) => unicodeFaults(rng, r)));
    case 'xlsx':
      return xlsxBytes(
        rows.map((r) => unicodeFaults(rng, r)),
        `SỔ THEO DÕI ĐƠN THƯ - ${wardName.toUpperCase()}`,
      );
    default: {
      const unknown: never = format;
      throw new TypeError(`unknown export format ${String(unknown)}`);
    }
  }
}
