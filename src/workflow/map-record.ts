/**
 * Maps and validates one source record exactly as the sync pipeline does (mapBatch), but keeps
 * the raw record next to its outcome so a person can compare them field by field.
 */
import type { RawRecord } from '../../adapters/contract.ts';
import { sha256 } from '../core/content-hash.ts';
import type { FieldError } from '../core/field-error.ts';
import type { Petition } from '../core/petition-schema.ts';
import { validatePetition } from '../core/validate-petition.ts';
import type { CompiledMapping } from '../mapping/index.ts';

/** One record: the source's payload, the canonical record (null when rejected), the errors. */
export interface MappedRecord {
  readonly sourceRecordId: string;
  readonly raw: unknown;
  readonly canonical: Petition | null;
  readonly errors: readonly FieldError[];
}

/** Maps one record; the id follows mapBatch (mapping key, then adapter id, then bytes hash). */
export function mapRecord(
  raw: RawRecord,
  mapping: CompiledMapping,
  sourceId: string,
): MappedRecord {
  const sourceRecordId =
    mapping.recordKey(raw.payload) ?? raw.sourceRecordId ?? `sha256:${sha256(raw.bytes)}`;
  const mapped = mapping.map(raw.payload, { sourceId });
  if (!mapped.ok)
    return { sourceRecordId, raw: raw.payload, canonical: null, errors: mapped.errors };
  const valid = validatePetition(mapped.value);
  if (!valid.ok) return { sourceRecordId, raw: raw.payload, canonical: null, errors: valid.errors };
  return { sourceRecordId, raw: raw.payload, canonical: valid.value, errors: [] };
}
