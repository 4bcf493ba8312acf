// Reading one file: header keys, CSV record cutting, the original bytes kept per row, record
// ids, and Excel cell types (text codes, numbers, dates, title rows).
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { camelKey } from '../../../../adapters/file-drop/index.ts';
import { headerKeys } from '../../../../adapters/file-drop/header-keys.ts';
import { guessDelimiter, splitCsvRecords } from '../../../../adapters/file-drop/csv-split.ts';
import { encodeAs } from '../../../../src/lib/encodings/index.ts';
import { contextFor, dropFolder, payloadOf, pullAll, type DropFolder } from './helpers.ts';

let f: DropFolder;
beforeEach(async () => {
  f = await dropFolder();
});
afterEach(async () => {
  await f.remove();
});

describe('header keys', () => {
  it('makes camelCase keys without diacritics, unique, never empty', () => {
    expect(camelKey('Họ tên người gửi')).toBe('hoTenNguoiGui');
    expect(camelKey('Số CCCD')).toBe('soCccd');
    expect(camelKey('Ðịa chỉ')).toBe('diaChi');
    expect(headerKeys(['Ghi chú', 'Ghi chú', ''], 'camelCase')).toEqual([
      'ghiChu',
      'ghiChu2',
      'col3',
    ]);
    expect(headerKeys([' Số đơn '], 'verbatim')).toEqual(['Số đơn']);
  });
});

describe('CSV record cutting', () => {
  it('keeps line breaks inside quoted fields and numbers lines', () => {
    const chunks = splitCsvRecords('a,b\r\n1,"x\r\ny"\r\n2,z', ',');
    expect(chunks.map((c) => [c.text, c.line])).toEqual([
      ['a,b', 1],
      ['1,"x\r\ny"', 2],
      ['2,z', 4],
    ]);
  });

  it('cuts an unclosed quote to its line and goes on', () => {
    const chunks = splitCsvRecords('1,"open\n2,b\n3,c', ',');
    expect(chunks.map((c) => [c.text, c.unclosed])).toEqual([
      ['1,"open', true],
      ['2,b', false],
      ['3,c', false],
    ]);
  });

  it('guesses the delimiter from the header line', () => {
    expect(guessDelimiter('Số đơn;Ngày nhận;"Họ, tên"')).toBe(';');
    expect(guessDelimiter('a\tb\tc')).toBe('\t');
    expect(guessDelimiter('abc')).toBe(',');
  });
});

describe('CSV rows', () => {
  it("keeps each legacy row's original bytes and yields NFC text", async () => {
    const line = 'D-1;Nguyễn Thị Hoà;Khiếu nại';
    await f.drop('a.csv', encodeAs(`Số đơn;Họ tên;Nội dung\r\n${line}\r\n`, 'tcvn3'));
    const [r] = (await pullAll(contextFor(f), null)).records;
    expect(r?.bytes).toEqual(encodeAs(line, 'tcvn3'));
    expect(r?.keepOriginal).toBe(true);
    expect(payloadOf(r!)).toEqual({
      _file: 'a.csv',
      _row: 2,
      soDon: 'D-1',
      hoTen: 'Nguyễn Thị Hoà',
      noiDung: 'Khiếu nại',
    });
  });

  it('keeps the bytes of an NFD UTF-8 row, not of an NFC one', async () => {
    const text = `Họ tên,x\r\n${'Nguyễn Văn Ân'.normalize('NFD')},1\r\nNguyễn Văn Ân,2\r\n`;
    await f.drop('a.csv', Buffer.from(text, 'utf8'));
    const rs = (await pullAll(contextFor(f), null)).records;
    expect(rs.map((r) => r.keepOriginal)).toEqual([true, false]);
    expect(rs.map((r) => payloadOf(r)['hoTen'])).toEqual(['Nguyễn Văn Ân', 'Nguyễn Văn Ân']);
  });

  it('uses the id columns, joined, or the file hash and row when one is empty', async () => {
    await f.drop('a.csv', 'Xã,Số đơn,Nội dung\r\nNL,12,a\r\nNL,,b\r\n');
    const ctx = contextFor(f, { idColumns: ['Xã', 'soDon'] });
    const ids = (await pullAll(ctx, null)).records.map((r) => r.sourceRecordId);
    expect(ids[0]).toBe('NL/12');
    expect(ids[1]).toMatch(/^[0-9a-f]{12}:3$/u);
  });

  it('skips title rows above the header and blank lines', async () => {
    await f.drop('a.csv', 'SỔ THEO DÕI ĐƠN\r\n\r\nSố đơn;Nội dung\r\n1;a\r\n;\r\n\r\n2;b\r\n');
    const r = await pullAll(contextFor(f, { csv: { headerRow: 3 } }), null);
    expect(r.records.map((x) => payloadOf(x)['soDon'])).toEqual(['1', '2']);
  });
});

describe('XLSX rows', () => {
  it('keeps text codes as text, numbers as numbers, dates as dd/MM/yyyy or ISO', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Đơn');
    ws.addRow(['DANH SÁCH ĐƠN THƯ']);
    ws.addRow(['Số đơn', 'Mã xã', 'Ngày nhận', 'Số người ký', 'Họ tên', 'Ghi chú']);
    ws.addRow([
      'D-1',
      '01',
      new Date(Date.UTC(2026, 1, 28)),
      12,
      'Nguyễn Văn A'.normalize('NFD'),
      { formula: '1+1', result: 2 },
    ]);
    ws.addRow([]);
    ws.addRow([
      'D-2',
      '02',
      '31/02/2026',
      1,
      { richText: [{ text: 'Lê ' }, { text: 'Thị B' }] },
      { error: '#N/A' },
    ]);
    await f.drop('a.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const ctx = contextFor(f, { xlsx: { headerRow: 2 } });
    const [a, b] = (await pullAll(ctx, null)).records;
    expect(payloadOf(a!)).toEqual({
      _file: 'a.xlsx',
      _row: 3,
      soDon: 'D-1',
      maXa: '01',
      ngayNhan: '28/02/2026',
      soNguoiKy: 12,
      hoTen: 'Nguyễn Văn A'.normalize('NFD'),
      ghiChu: 2,
    });
    expect(a?.keepOriginal).toBe(false);
    expect(a?.bytes.toString('utf8')).toBe(JSON.stringify(a?.payload));
    expect(payloadOf(b!)).toMatchObject({ _row: 5, ngayNhan: '31/02/2026', hoTen: 'Lê Thị B' });
    expect(JSON.stringify(payloadOf(b!)['#defects'])).toContain('#N/A');
    const iso = await pullAll(contextFor(f, { xlsx: { headerRow: 2, dates: 'iso' } }), null);
    expect(payloadOf(iso.records[0]!)['ngayNhan']).toBe('2026-02-28');
  });

  it('picks a worksheet by name, and fails on a missing one', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Khác').addRow(['x']);
    const ws = wb.addWorksheet('Đơn thư');
    ws.addRow(['Số đơn']);
    ws.addRow(['D-9']);
    await f.drop('a.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const byName = await pullAll(contextFor(f, { xlsx: { sheet: 'Đơn thư' } }), null);
    expect(byName.records.map((r) => payloadOf(r)['soDon'])).toEqual(['D-9']);
    const missing = await pullAll(contextFor(f, { xlsx: { sheet: 'Không có' } }), null);
    expect(String(missing.error)).toMatch(/no worksheet "Không có"/u);
  });
});

describe('check', () => {
  it('counts the files waiting and creates processed/ and failed/', async () => {
    await f.drop('a.csv', 'x\r\n1\r\n');
    await f.drop('notes.txt', 'not a pattern');
    const { fileDropAdapter } = await import('../../../../adapters/file-drop/index.ts');
    await expect(fileDropAdapter.check(contextFor(f))).resolves.toBeUndefined();
    expect(await f.list(f.root)).toEqual(['failed', 'inbox', 'processed']);
  });
});
