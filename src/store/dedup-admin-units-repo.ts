/**
 * The operator-imported administrative-unit tables (old→new conversion, current communes):
 * replace them wholesale from parsed rows, and read them back for the matcher.
 */
import type pg from 'pg';
import type { CommuneRow, ConversionRow } from '../core/normalise/admin-units.ts';
import { withTransaction } from './tx.ts';

const CHUNK = 5000;

/** Replaces both tables in one transaction; returns the row counts stored. */
export async function replaceAdminUnits(
  pool: pg.Pool,
  conversion: readonly ConversionRow[],
  communes: readonly CommuneRow[],
): Promise<{ conversions: number; communes: number }> {
  return withTransaction(pool, async (client) => {
    await client.query('DELETE FROM admin_unit_conversions');
    await client.query('DELETE FROM admin_unit_communes');
    for (let i = 0; i < conversion.length; i += CHUNK) {
      const c = conversion.slice(i, i + CHUNK);
      await client.query(
        `INSERT INTO admin_unit_conversions (old_commune_code, old_commune_name, old_district_name,
           old_province_name, new_commune_code, new_commune_name, new_province_name)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
         ON CONFLICT DO NOTHING`,
        [
          c.map((r) => r.oldCommuneCode),
          c.map((r) => r.oldCommuneName),
          c.map((r) => r.oldDistrictName),
          c.map((r) => r.oldProvinceName),
          c.map((r) => r.newCommuneCode),
          c.map((r) => r.newCommuneName),
          c.map((r) => r.newProvinceName),
        ],
      );
    }
    for (let i = 0; i < communes.length; i += CHUNK) {
      const c = communes.slice(i, i + CHUNK);
      await client.query(
        `INSERT INTO admin_unit_communes (code, name, province_name)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`,
        [c.map((r) => r.code), c.map((r) => r.name), c.map((r) => r.provinceName)],
      );
    }
    const { rows } = await client.query<{ a: number; b: number }>(
      'SELECT (SELECT count(*) FROM admin_unit_conversions)::int AS a, (SELECT count(*) FROM admin_unit_communes)::int AS b',
    );
    return { conversions: rows[0]?.a ?? 0, communes: rows[0]?.b ?? 0 };
  });
}

/** Reads both tables (empty arrays when never imported). */
export async function loadAdminUnits(
  pool: pg.Pool,
): Promise<{ conversion: ConversionRow[]; communes: CommuneRow[] }> {
  const conv = await pool.query<{
    a: string;
    b: string;
    c: string;
    d: string;
    e: string;
    f: string;
    g: string;
  }>(
    `SELECT old_commune_code a, old_commune_name b, old_district_name c, old_province_name d,
            new_commune_code e, new_commune_name f, new_province_name g FROM admin_unit_conversions`,
  );
  const com = await pool.query<{ code: string; name: string; province_name: string }>(
    'SELECT code, name, province_name FROM admin_unit_communes',
  );
  return {
    conversion: conv.rows.map((r) => ({
      oldCommuneCode: r.a,
      oldCommuneName: r.b,
      oldDistrictName: r.c,
      oldProvinceName: r.d,
      newCommuneCode: r.e,
      newCommuneName: r.f,
      newProvinceName: r.g,
    })),
    communes: com.rows.map((r) => ({ code: r.code, name: r.name, provinceName: r.province_name })),
  };
}
