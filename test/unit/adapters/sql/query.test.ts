// Query wrapping: the officer's SELECT becomes a subquery; cursor values and the page size
// travel only as bind parameters, so a hostile or odd key can never change the statement.
import { describe, expect, it } from 'vitest';
import {
  pageQuery,
  probeQuery,
  quoteIdent,
  type QueryShape,
} from '../../../../adapters/sql/query.ts';

const shape: QueryShape = {
  query: 'SELECT * FROM sim_district.v_don_thu_tich_hop -- the integration view',
  watermark: { column: 'ngay_cap_nhat', type: 'timestamptz' },
  key: { column: 'so_don', type: 'text' },
};

describe('pageQuery', () => {
  it('reads from the start without a cursor condition', () => {
    const q = pageQuery(shape, null, 100);
    expect(q.values).toEqual([100]);
    expect(q.text).toContain('WHERE src."ngay_cap_nhat" IS NOT NULL AND src."so_don" IS NOT NULL');
    expect(q.text).toContain('ORDER BY src."ngay_cap_nhat", src."so_don" COLLATE "C"');
    expect(q.text).toMatch(/LIMIT \$1$/);
  });

  it('puts the officer query on its own lines so a trailing comment cannot swallow the wrapper', () => {
    const q = pageQuery(shape, null, 10);
    expect(q.text.startsWith(`SELECT * FROM (\n${shape.query}\n) AS src\n`)).toBe(true);
  });

  it('pages by keyset strictly after (watermark, key), both as typed parameters', () => {
    const after = { watermark: '2026-10-20T09:15:00.123456+07:00', key: 'DT-2026-000123' };
    const q = pageQuery(shape, after, 100);
    expect(q.values).toEqual([after.watermark, after.key, 100]);
    expect(q.text).toContain('src."ngay_cap_nhat" >= $1::timestamptz');
    expect(q.text).toContain(
      '(src."ngay_cap_nhat", src."so_don" COLLATE "C") > ($1::timestamptz, $2::text COLLATE "C")',
    );
    expect(q.text).toMatch(/LIMIT \$3$/);
  });

  it('never interpolates cursor values into the SQL text', () => {
    const hostile = { watermark: "2026-01-01'; DROP TABLE don_thu; --", key: "x' OR '1'='1" };
    const q = pageQuery(shape, hostile, 5);
    expect(q.text).not.toContain('DROP');
    expect(q.text).not.toContain("'1'='1");
    expect(q.values).toContain(hostile.key);
  });

  it('starts at a watermark before every key after a lookback (null key)', () => {
    const q = pageQuery(shape, { watermark: '2026-10-20T02:00:00.000000Z', key: null }, 50);
    expect(q.values).toEqual(['2026-10-20T02:00:00.000000Z', 50]);
    expect(q.text).not.toContain('$2::text');
    expect(q.text).toMatch(/LIMIT \$2$/);
  });

  it('casts to bigint for integer watermarks and keys, without a collation', () => {
    const ints: QueryShape = {
      query: 'SELECT id, phien_ban FROM don',
      watermark: { column: 'phien_ban', type: 'bigint' },
      key: { column: 'id', type: 'bigint' },
    };
    const q = pageQuery(ints, { watermark: '42', key: '7' }, 10);
    expect(q.text).toContain('(src."phien_ban", src."id") > ($1::bigint, $2::bigint)');
    expect(q.text).not.toContain('COLLATE');
  });
});

describe('probeQuery and identifiers', () => {
  it('asks for no rows but names both columns', () => {
    const q = probeQuery(shape);
    expect(q.values).toEqual([]);
    expect(q.text).toMatch(/ORDER BY src\."ngay_cap_nhat", src\."so_don" COLLATE "C"\nLIMIT 0$/);
  });

  it('quotes identifiers, doubling quotes', () => {
    expect(quoteIdent('NgayCapNhat')).toBe('"NgayCapNhat"');
    expect(quoteIdent('a"b')).toBe('"a""b"');
  });
});
