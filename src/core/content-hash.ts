/**
 * Content hashes: a stable fingerprint of a canonical record (keys sorted, volatile
 * provenance left out) so an unchanged record is neither rewritten nor pushed again.
 */
import { createHash } from 'node:crypto';
import type { Petition } from './petition-schema.ts';

/** JSON with object keys sorted at every level, so equal content gives equal text. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(obj[k])}`).join(',')}}`;
}

/** SHA-256 (hex) of a byte string or text. */
export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Hash of a petition's content, ignoring ids the hub or the national side assign later and the
 * mapping version: a new mapping version that yields the same content must not re-send the case.
 */
export function petitionContentHash(p: Petition): string {
  const {
    hubId: _h,
    nationalCaseId: _n,
    originalPetitionId: _o,
    mappingVersion: _m,
    ...provenance
  } = p.provenance;
  return sha256(stableStringify({ ...p, provenance }));
}
