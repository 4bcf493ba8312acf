/**
 * Loads the shared admin-unit reference files (test data only; the product imports them into
 * PostgreSQL through importAdminUnits) into the matching index.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildAdminUnitIndex, type AdminUnitIndex } from '../../src/core/normalise/admin-units.ts';
import { parseCommunesCsv, parseConversionCsv } from '../../src/dedup/admin-units-csv.ts';

/** Folder of the shared admin-unit CSV files. */
export const ADMIN_UNITS_DIR =
  process.env['KNTC_ADMIN_UNITS_DIR'] ??
  fileURLToPath(new URL('../../../shared/data/admin-units', import.meta.url));

let cached: AdminUnitIndex | undefined;

/** The admin-unit index built from the shared CSV files (cached per process). */
export function testAdminUnits(): AdminUnitIndex {
  cached ??= buildAdminUnitIndex(
    parseConversionCsv(readFileSync(`${ADMIN_UNITS_DIR}/conversion-2025.csv`, 'utf8')),
    parseCommunesCsv(
      readFileSync(`${ADMIN_UNITS_DIR}/communes-2025.csv`, 'utf8'),
      readFileSync(`${ADMIN_UNITS_DIR}/provinces-2025.csv`, 'utf8'),
    ),
  );
  return cached;
}
