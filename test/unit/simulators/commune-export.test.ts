// The commune export simulator: deterministic files in every format, the planted mess, and the
// round trip through the file-drop adapter back to the rows the commune meant.
import fs from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  COMMUNE_EXPORT_FORMATS,
  XLSX_HEADER_ROW,
  startCommuneExportSimulator,
  writeCommuneExports,
} from '../../../src/simulators/commune-export/index.ts';
import { detectEncoding } from '../../../src/lib/encodings/index.ts';
import {
  contextFor,
  dropFolder,
  payloadOf,
  pullAll,
  type DropFolder,
} from '../adapters/file-drop/helpers.ts';

const now = new Date('2026-03-10T03:00:00Z');
let f: DropFolder;
beforeEach(async () => {
  f = await dropFolder();
});
afterEach(async () => {
  await f.remove();
});

describe('writeCommuneExports', () => {
  it('writes the same files for the same seed, cycling through the formats', async () => {
    const a = await writeCommuneExports(`${f.root}/a`, { seed: 3, files: 5, rowsPerFile: 10, now });
    const b = await writeCommuneExports(`${f.root}/b`, { seed: 3, files: 5, rowsPerFile: 10, now });
    expect(a.map((x) => x.format)).toEqual([...COMMUNE_EXPORT_FORMATS]);
    expect(a.map((x) => x.rows)).toEqual(b.map((x) => x.rows));
    // XLSX zips carry the time they were written: only the CSV files are byte-identical.
    for (const [i, x] of a.entries()) {
      if (x.format !== 'xlsx')
        expect(await fs.readFile(x.path)).toEqual(await fs.readFile(b[i]!.path));
    }
    const encodings = await Promise.all(
      a
        .filter((x) => x.format !== 'xlsx')
        .map(async (x) => detectEncoding(await fs.readFile(x.path))?.encoding),
    );
    expect(encodings).toEqual(['windows-1258', 'tcvn3', 'utf-8', 'vni']);
  });

  it('plants the mess: missing CCCD, impossible dates, unknown kinds, letters twice', async () => {
    const files = await writeCommuneExports(f.inbox, { seed: 11, files: 5, rowsPerFile: 80, now });
    const rows = files.flatMap((x) => x.rows);
    expect(rows.some((r) => r['Số CCCD'] === '')).toBe(true);
    expect(rows.some((r) => /^3[01]\/(02|04|06|09|11)\//u.test(String(r['Ngày nhận'])))).toBe(true);
    expect(
      rows.some((r) => ['Khiếu kiện', 'Đơn khác', 'KN-TC'].includes(String(r['Loại đơn']))),
    ).toBe(true);
    const numbers = rows.map((r) => r['Số đơn']);
    expect(new Set(numbers).size).toBeLessThan(numbers.length);
  });

  it('comes back through the file-drop adapter as the rows the commune meant', async () => {
    const files = await writeCommuneExports(f.inbox, { seed: 5, files: 5, rowsPerFile: 12, now });
    const ctx = contextFor(f, { xlsx: { headerRow: XLSX_HEADER_ROW } });
    const { records, error } = await pullAll(ctx, null);
    expect(error).toBeNull();
    expect(records).toHaveLength(60);
    const meant = files.flatMap((x) => x.rows);
    for (const [i, r] of records.entries()) {
      const p = payloadOf(r);
      const want = meant[i]!;
      expect(p['soDon']).toBe(want['Số đơn']);
      // TCVN3 has no capitals with tones: names differ at most by the case of such a letter.
      const name = String(p['hoTenNguoiGui']).normalize('NFC').replace(/Ð/gu, 'Đ');
      expect(name.toLowerCase()).toBe(String(want['Họ tên người gửi']).toLowerCase());
      const text = (v: unknown): string =>
        String(v).normalize('NFC').replace(/Ð/gu, 'Đ').replace(/²/gu, '2');
      expect(text(p['noiDung'])).toBe(text(want['Nội dung']));
    }
  });
});

describe('startCommuneExportSimulator', () => {
  it('drops files now and then until stopped', async () => {
    const sim = startCommuneExportSimulator({ folder: f.inbox, intervalMs: 20, rowsPerFile: 3 });
    const deadline = Date.now() + 20_000;
    while ((await f.list(f.inbox)).length < 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 25));
    }
    await sim.stop();
    const dropped = await f.list(f.inbox);
    expect(dropped.length).toBeGreaterThanOrEqual(2);
    await new Promise((r) => setTimeout(r, 60));
    expect(await f.list(f.inbox)).toEqual(dropped);
  });
});
