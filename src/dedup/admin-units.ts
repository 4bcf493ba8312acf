/**
 * Operator import of the official administrative-unit tables (the statistics office's old→new
 * conversion table and the current communes) from a folder of CSV files, replacing what was
 * imported before. Matching reads them at start; nothing is baked into the code.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { replaceAdminUnits } from '../store/dedup-admin-units-repo.ts';
import { parseCommunesCsv, parseConversionCsv } from './admin-units-csv.ts';

/**
 * Imports conversion-2025.csv, communes-2025.csv and provinces-2025.csv from `dir` (the layout of
 * the published tables); returns the row counts stored.
 */
export async function importAdminUnits(
  pool: pg.Pool,
  dir: string,
): Promise<{ conversions: number; communes: number }> {
  const read = (f: string): Promise<string> => readFile(path.join(dir, f), 'utf8');
  const conversion = parseConversionCsv(await read('conversion-2025.csv'), 'conversion-2025.csv');
  const communes = parseCommunesCsv(
    await read('communes-2025.csv'),
    await read('provinces-2025.csv'),
    'communes-2025.csv',
  );
  return replaceAdminUnits(pool, conversion, communes);
}
