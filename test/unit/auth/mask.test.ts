import { describe, expect, it } from 'vitest';
import {
  foldText,
  isPersonalField,
  MASK,
  maskPetition,
  personalValues,
  redactRaw,
  shapeOf,
} from '../../../src/auth/mask.ts';
import { mayRevealProtected, seesIdentity } from '../../../src/auth/roles.ts';
import type { Petition } from '../../../src/core/petition-schema.ts';

const record: Petition = {
  schemaVersion: '1.0',
  provenance: { source: 'quynhon-web', sourceRecordId: 'QN-9' },
  receipt: { receivedAt: '2026-02-01', agency: { code: 'TT' }, channel: 'POST' },
  petitioners: [
    {
      kind: 'PERSON',
      name: 'Lê Thị Hoà',
      idDocument: { type: 'CCCD', number: '052190009876' },
      birthDate: '1990-03-04',
      phone: '+84905123456',
      address: { text: '5 Lê Lợi, Phường Quy Nhơn' },
      sex: 'F',
    },
  ],
  signerCount: 1,
  kind: 'TC',
  content: { summary: 'Tố cáo cán bộ' },
  confidentiality: { protectIdentity: true },
};

describe('masking', () => {
  it('keeps the record shape but no personal value', () => {
    const m = maskPetition(record);
    const text = JSON.stringify(m);
    for (const v of ['Lê Thị Hoà', '052190009876', '1990-03-04', '905123456', 'Lê Lợi']) {
      expect(text).not.toContain(v);
    }
    expect(m.petitioners[0]).toMatchObject({ kind: 'PERSON', name: MASK, sex: 'F' });
    expect(m.content.summary).toBe('Tố cáo cán bộ');
  });

  it('redacts raw records by value, whatever the spelling', () => {
    const secrets = personalValues(record);
    const raw = {
      HoTen: 'LE THI HOA',
      hoTenNfd: 'Lê Thị Hoà'.normalize('NFD'),
      cccd: 52190009876, // a number that lost its leading zero
      dt: '0905 123 456',
      nested: [{ diaChi: '5 Lê Lợi, Phường Quy Nhơn' }],
      loai: 'TC',
    };
    expect(redactRaw(raw, secrets)).toEqual({
      HoTen: MASK,
      hoTenNfd: MASK,
      cccd: MASK,
      dt: MASK,
      nested: [{ diaChi: MASK }],
      loai: 'TC',
    });
  });

  it('folds Vietnamese text for comparison', () => {
    expect(foldText('Đặng Thị Hoà')).toBe('dangthihoa');
    expect(foldText('ÐẶNG')).toBe('dang');
  });

  it('shows the shape of rejected personal values', () => {
    expect(shapeOf('05219A-0098')).toBe('99999X-9999');
    expect(shapeOf('Hoà')).toBe('Xxx');
    expect(isPersonalField('petitioners[0].phone', 'DienThoai')).toBe(true);
    expect(isPersonalField('receipt.channel', 'kenh')).toBe(false);
  });
});

describe('identity policy', () => {
  it('shows protected identities to nobody and lets only inspectors reveal them', () => {
    expect(seesIdentity('admin', true)).toBe(false);
    expect(seesIdentity('inspector', true)).toBe(false);
    expect(seesIdentity('viewer', false)).toBe(false);
    expect(seesIdentity('inspector', false)).toBe(true);
    expect(seesIdentity('admin', false)).toBe(true);
    expect(mayRevealProtected('inspector')).toBe(true);
    expect(mayRevealProtected('admin')).toBe(false);
    expect(mayRevealProtected('viewer')).toBe(false);
  });
});
