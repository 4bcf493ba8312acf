/**
 * Reads the statistics office's administrative-unit files (the old→new conversion table, the
 * current communes and provinces) as published in CSV: UTF-8, one header row, codes as
 * zero-padded strings. Rows missing a required column are an error naming the line.
 */
import { parse } from 'csv-parse/sync';
import type { CommuneRow, ConversionRow } from '../core/normalise/admin-units.ts';
import { HubError } from '../lib/errors.ts';

type Row = Record<string, string>;

function rows(text: string, file: string, required: readonly string[]): Row[] {
  const out = parse<Row>(text, {
    columns: true,
    skip_empty_lines: true,
    bom: true,
    trim: true,
  });
  for (const [i, r] of out.entries()) {
    const missing = required.filter((c) => (r[c] ?? '') === '');
    if (missing.length > 0) {
      throw new HubError(
        'KNTC_SOURCE_FILE_INVALID',
        `Administrative-unit file ${file}, line ${i + 2}: column(s) ${missing.join(', ')} empty or missing.`,
        { hint: 'Use the official table with its header row (see the admin-units README).' },
      );
    }
  }
  return out;
}

/**
 * Parses conversion-2025.csv. Rows without an old commune (districts without communes that
 * became a special zone whole) have nothing to convert and are left out.
 */
export function parseConversionCsv(text: string, file = 'conversion'): ConversionRow[] {
  const required = [
    'old_province_name',
    'new_province_name',
    'new_commune_code',
    'new_commune_name',
  ];
  return rows(text, file, required)
    .filter((r) => (r['old_commune_code'] ?? '') !== '')
    .map((r) => ({
      oldProvinceName: r['old_province_name'] ?? '',
      oldDistrictName: r['old_district_name'] ?? '',
      oldCommuneCode: r['old_commune_code'] ?? '',
      oldCommuneName: r['old_commune_name'] ?? '',
      newProvinceName: r['new_province_name'] ?? '',
      newCommuneCode: r['new_commune_code'] ?? '',
      newCommuneName: r['new_commune_name'] ?? '',
    }));
}

/** Parses communes-2025.csv with provinces-2025.csv (for the province names). */
export function parseCommunesCsv(
  communes: string,
  provinces: string,
  file = 'communes',
): CommuneRow[] {
  const names = new Map(
    rows(provinces, 'provinces', ['code', 'name']).map((r) => [r['code'], r['name'] ?? '']),
  );
  return rows(communes, file, ['code', 'name', 'province_code']).map((r) => ({
    code: r['code'] ?? '',
    name: r['name'] ?? '',
    provinceName: names.get(r['province_code']) ?? '',
  }));
}
