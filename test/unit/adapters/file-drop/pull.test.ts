// The file-drop pull on real temporary folders: each file exactly once by content hash (also
// renamed or copied back), moves only at the start of the next pull, failed/ with an
// explanation, partial files keep their good rows, resume within a file after a crash.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeAs } from '../../../../src/lib/encodings/index.ts';
import { HubError } from '../../../../src/lib/errors.ts';
import { fileDropAdapter } from '../../../../adapters/file-drop/index.ts';
import { contextFor, dropFolder, payloadOf, pullAll, type DropFolder } from './helpers.ts';

const HEADER = 'Số đơn,Ngày nhận,Họ tên người gửi,Nội dung';
const csv = (...rows: string[]): string => [HEADER, ...rows].join('\r\n') + '\r\n';
const ROWS = [
  'D-1,01/03/2026,Nguyễn Thị Hoà,Khiếu nại về việc bồi thường đất',
  'D-2,02/03/2026,Trần Văn Ước,"Tố cáo cán bộ địa chính, phường Ghềnh Ráng"',
  'D-3,03/03/2026,Đặng Thuỷ,Kiến nghị sửa đường',
  'D-4,04/03/2026,Lê Văn Lâm,Phản ánh tiếng ồn',
  'D-5,05/03/2026,Phạm Thị Lan,Khiếu nại quyết định xử phạt',
];

let f: DropFolder;
beforeEach(async () => {
  f = await dropFolder();
});
afterEach(async () => {
  await f.remove();
});

describe('exactly once, by content hash', () => {
  it('reads a file once and moves it only at the start of the next pull', async () => {
    await f.drop('a.csv', encodeAs(csv(...ROWS), 'windows-1258'));
    const ctx = contextFor(f, { idColumns: ['Số đơn'] });
    const first = await pullAll(ctx, null);
    expect(first.error).toBeNull();
    expect(first.records.map((r) => r.sourceRecordId)).toEqual(['D-1', 'D-2', 'D-3', 'D-4', 'D-5']);
    // The last page's cursor lists the file; it is still in the inbox (the page may not be stored yet).
    expect(await f.list(f.inbox)).toEqual(['a.csv']);
    const second = await pullAll(ctx, first.cursor);
    expect(second.records).toEqual([]);
    expect(await f.list(f.inbox)).toEqual([]);
    expect(await f.list(f.processed)).toEqual(['a.csv']);
  });

  it('reads again a file whose last page was never stored (cursor not saved)', async () => {
    await f.drop('a.csv', csv(...ROWS));
    const ctx = contextFor(f);
    await pullAll(ctx, null);
    const again = await pullAll(ctx, null);
    expect(again.records).toHaveLength(5);
    expect(await f.list(f.inbox)).toEqual(['a.csv']);
  });

  it('does not read a processed file dropped again under another name', async () => {
    const bytes = encodeAs(csv(...ROWS), 'tcvn3');
    await f.drop('a.csv', bytes);
    const ctx = contextFor(f);
    const first = await pullAll(ctx, null);
    await pullAll(ctx, first.cursor);
    await f.drop('a-copy.csv', bytes);
    await f.drop('a.csv', bytes);
    // Long after: the cursor no longer lists the file (null stands for any later cursor).
    const third = await pullAll(ctx, null);
    expect(third.records).toEqual([]);
    expect(await f.list(f.inbox)).toEqual([]);
    expect(await f.list(f.processed)).toHaveLength(3);
  });

  it('reads two copies in one inbox once', async () => {
    await f.drop('a.csv', csv(...ROWS));
    await f.drop('b.csv', csv(...ROWS));
    const ctx = contextFor(f);
    const first = await pullAll(ctx, null);
    expect(first.records).toHaveLength(5);
    const second = await pullAll(ctx, first.cursor);
    expect(second.records).toEqual([]);
    expect(await f.list(f.inbox)).toEqual([]);
  });

  it('gives nothing for an empty inbox, and moves a header-only file at once, with no batch', async () => {
    const ctx = contextFor(f);
    expect((await pullAll(ctx, null)).batches).toEqual([]);
    await f.drop('empty.csv', `${HEADER}\r\n`);
    const r = await pullAll(ctx, null);
    expect(r.batches).toEqual([]);
    expect(await f.list(f.processed)).toEqual(['empty.csv']);
    expect(await f.list(f.inbox)).toEqual([]);
    // The same empty export dropped again is recognised by its hash and not read twice.
    await f.drop('empty-again.csv', `${HEADER}\r\n`);
    expect((await pullAll(ctx, r.cursor)).batches).toEqual([]);
  });
});

describe('resume within a file', () => {
  it('continues after the last stored page: no loss, no duplicate', async () => {
    await f.drop('a.csv', csv(...ROWS));
    const ctx = contextFor(f, { batchSize: 2, idColumns: ['Số đơn'] });
    // The run crashes after its first page is stored.
    const crashed = await pullAll(ctx, null, 1);
    expect(crashed.records.map((r) => r.sourceRecordId)).toEqual(['D-1', 'D-2']);
    expect(crashed.cursor).toMatchObject({ row: 2 });
    const resumed = await pullAll(ctx, crashed.cursor);
    expect(resumed.records.map((r) => r.sourceRecordId)).toEqual(['D-3', 'D-4', 'D-5']);
    expect(await f.list(f.inbox)).toEqual(['a.csv']);
  });

  it('does not move a file while its last page may still be uncommitted (read-ahead)', async () => {
    await f.drop('a.csv', csv(...ROWS.slice(0, 2)));
    await f.drop('b.csv', csv(...ROWS.slice(2)));
    const it = fileDropAdapter.pull(contextFor(f), null)[Symbol.asyncIterator]();
    await it.next(); // a.csv, last page
    await it.next(); // read ahead: b.csv is read before a.csv's page is committed
    expect(await f.list(f.inbox)).toEqual(['a.csv', 'b.csv']);
    await it.return?.();
  });
});

describe('files that cannot be read', () => {
  it('moves an unrecognisable file to failed/ with an explanation, after the good files', async () => {
    await f.drop('good.csv', csv(...ROWS));
    const noise = Buffer.from(Array.from({ length: 300 }, (_, i) => 0x80 + ((i * 37) % 128)));
    await f.drop('bad.csv', Buffer.concat([Buffer.from(`${HEADER}\r\n`), noise]));
    const r = await pullAll(contextFor(f), null);
    expect(r.records).toHaveLength(5);
    expect(r.error).toBeInstanceOf(HubError);
    expect((r.error as HubError).code).toBe('KNTC_SOURCE_ENCODING');
    expect((r.error as HubError).message).toContain('"bad.csv"');
    expect(await f.list(f.failed)).toEqual(['bad.csv', 'bad.csv.error.txt']);
    const note = await fs.readFile(path.join(f.failed, 'bad.csv.error.txt'), 'utf8');
    expect(note).toContain('Không nhận dạng được bảng mã');
    expect(note).toContain('KNTC_SOURCE_ENCODING');
    expect(note).toContain('What is wrong and what to do');
  });

  it('fails a truncated XLSX as invalid', async () => {
    const { xlsxBytes } = await import('../../../../src/simulators/commune-export/render.ts');
    const full = await xlsxBytes([], 'title');
    await f.drop('cut.xlsx', full.subarray(0, Math.floor(full.length / 2)));
    const r = await pullAll(contextFor(f), null);
    expect((r.error as HubError).code).toBe('KNTC_SOURCE_FILE_INVALID');
    expect(await f.list(f.failed)).toEqual(['cut.xlsx', 'cut.xlsx.error.txt']);
  });

  it('fails a binary file named .csv, and a file over maxFileBytes', async () => {
    await f.drop('photo.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    await f.drop('huge.csv', csv(...ROWS, ...ROWS, ...ROWS));
    const r = await pullAll(contextFor(f, { maxFileBytes: 300 }), null);
    expect((r.error as HubError).message).toMatch(/2 files could not be read/u);
    expect(await f.list(f.failed)).toHaveLength(4);
  });

  it('fails a file that is not in the encoding the config declares', async () => {
    await f.drop('a.csv', encodeAs(csv(...ROWS), 'tcvn3'));
    const r = await pullAll(contextFor(f, { csv: { encoding: 'utf-8' } }), null);
    expect((r.error as HubError).code).toBe('KNTC_SOURCE_ENCODING');
  });

  it('reads a file in an unexpected legacy encoding by detection', async () => {
    await f.drop('a.csv', encodeAs(csv(...ROWS), 'windows-1258'));
    await f.drop('b.csv', encodeAs(csv(...ROWS), 'vni'));
    const r = await pullAll(contextFor(f), null);
    const names = r.records.map((x) => payloadOf(x)['hoTenNguoiGui']);
    expect(names.slice(5)).toEqual(names.slice(0, 5));
    expect(names[1]).toBe('Trần Văn Ước');
  });

  it('throws KNTC_SOURCE_UNREACHABLE when the inbox is missing', async () => {
    await fs.rm(f.inbox, { recursive: true });
    const r = await pullAll(contextFor(f), null);
    expect((r.error as HubError).code).toBe('KNTC_SOURCE_UNREACHABLE');
    await expect(fileDropAdapter.check(contextFor(f))).rejects.toThrow(/cannot be read/u);
  });
});

describe('a file with some bad rows', () => {
  it('keeps the good rows and marks each bad row for the mapping to reject', async () => {
    const text = csv(
      ROWS[0] ?? '',
      'D-2,02/03/2026,Trần Văn Ước,Tố cáo, cán bộ, địa chính', // unquoted delimiters
      'D-3,03/03/2026,"Đặng "Thuỷ",x', // malformed quotes
      ROWS[3] ?? '',
      'D-5,05/03/2026,"Phạm Thị Lan,never closed',
    );
    await f.drop('a.csv', encodeAs(text, 'windows-1258'));
    const r = await pullAll(contextFor(f, { idColumns: ['Số đơn'] }), null);
    expect(r.error).toBeNull();
    const defects = r.records.map((x) => payloadOf(x)['#defects'] !== undefined);
    expect(defects).toEqual([false, true, true, false, true]);
    expect(payloadOf(r.records[3]!)).toMatchObject({ soDon: 'D-4', _row: 5 });
    expect(JSON.stringify(payloadOf(r.records[1]!)['#defects'])).toContain('header has 4 columns');
  });
});
