import { describe, expect, it } from 'vitest';
import { validatePetition } from '../../../src/core/validate-petition.ts';
import { petitionContentHash } from '../../../src/core/content-hash.ts';
import type { Petition } from '../../../src/core/petition-schema.ts';

const base: Petition = {
  schemaVersion: '1.0',
  provenance: { source: 'quynhon-web', sourceRecordId: 'QN-1' },
  receipt: { receivedAt: '2026-10-15', agency: { code: 'UBND-TPQN' }, channel: 'DIRECT' },
  petitioners: [{ kind: 'PERSON', name: 'Trần Văn Bình', sex: 'M', birthYear: 1980 }],
  signerCount: 1,
  kind: 'KN',
  content: { summary: 'Khiếu nại quyết định thu hồi đất', fieldArea: 'ADMIN_LAND_HOUSING' },
  confidentiality: { protectIdentity: false },
};

describe('validatePetition', () => {
  it('accepts a complete record', () => {
    expect(validatePetition(base)).toEqual({ ok: true, value: base });
  });

  it('names the missing field and never echoes values', () => {
    const { content: _c, ...noContent } = base;
    const r = validatePetition(noContent);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toContainEqual(
      expect.objectContaining({ field: 'content', code: 'KNTC_RECORD_FIELD_MISSING' }),
    );
  });

  it('rejects an impossible calendar date via the date format', () => {
    const r = validatePetition({ ...base, receipt: { ...base.receipt, receivedAt: '2024-02-31' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.field).toBe('receipt.receivedAt');
  });

  it('rejects an unknown kind code', () => {
    expect(validatePetition({ ...base, kind: 'XX' }).ok).toBe(false);
  });

  it('allows no petitioner only for an anonymous record', () => {
    expect(validatePetition({ ...base, petitioners: [] }).ok).toBe(false);
    expect(validatePetition({ ...base, petitioners: [], anonymous: true, kind: 'TC' }).ok).toBe(
      true,
    );
  });
});

describe('petitionContentHash', () => {
  it('ignores ids assigned later and key order, but not content', () => {
    const h = petitionContentHash(base);
    const withIds = {
      ...base,
      provenance: { ...base.provenance, nationalCaseId: 'QG-1', hubId: crypto.randomUUID() },
    };
    expect(petitionContentHash(withIds)).toBe(h);
    const remapped = { ...base, provenance: { ...base.provenance, mappingVersion: '2.0.0' } };
    expect(petitionContentHash(remapped)).toBe(h);
    const reordered = Object.fromEntries(Object.entries(base).reverse()) as Petition;
    expect(petitionContentHash(reordered)).toBe(h);
    expect(petitionContentHash({ ...base, signerCount: 2 })).not.toBe(h);
  });
});
