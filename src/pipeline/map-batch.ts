/**
 * Turns one page of raw source records into what the store commits: raw rows with their bytes'
 * hash, canonical petitions that passed mapping and schema validation (with content hashes), and
 * rejections with every field error. Pure CPU work, no I/O: the ingest benchmark measures it.
 */
import type { RawRecord } from '../../adapters/contract.ts';
import { petitionContentHash, sha256 } from '../core/content-hash.ts';
import type { FieldError } from '../core/field-error.ts';
import type { Petition } from '../core/petition-schema.ts';
import { validatePetition } from '../core/validate-petition.ts';
import type { CompiledMapping } from '../mapping/index.ts';

/** A mapped page, ready for `commitBatch`. */
export interface MappedBatch {
  readonly raws: {
    sourceRecordId: string;
    payload: unknown;
    bytesHash: string;
    original?: Buffer;
  }[];
  readonly petitions: {
    sourceRecordId: string;
    record: Petition;
    contentHash: string;
    mappingVersion: string;
    kind: string;
    receivedOn: string;
  }[];
  readonly rejections: { sourceRecordId: string; errors: readonly FieldError[] }[];
}

/** Maps and validates every record of a page; one bad record never stops the others. */
export function mapBatch(
  records: readonly RawRecord[],
  mapping: CompiledMapping,
  sourceId: string,
): MappedBatch {
  const out: MappedBatch = { raws: [], petitions: [], rejections: [] };
  for (const raw of records) {
    const bytesHash = sha256(raw.bytes);
    // A record without a readable id is still kept (and rejected) under its hash, so nothing vanishes.
    const sourceRecordId =
      mapping.recordKey(raw.payload) ?? raw.sourceRecordId ?? `sha256:${bytesHash}`;
    out.raws.push({
      sourceRecordId,
      payload: raw.payload,
      bytesHash,
      ...(raw.keepOriginal === true ? { original: raw.bytes } : {}),
    });
    const mapped = mapping.map(raw.payload, { sourceId });
    if (!mapped.ok) {
      out.rejections.push({ sourceRecordId, errors: mapped.errors });
      continue;
    }
    const valid = validatePetition(mapped.value);
    if (!valid.ok) {
      out.rejections.push({ sourceRecordId, errors: valid.errors });
      continue;
    }
    const record = valid.value;
    out.petitions.push({
      sourceRecordId,
      record,
      contentHash: petitionContentHash(record),
      mappingVersion: mapping.version,
      kind: record.kind,
      receivedOn: record.receipt.receivedAt,
    });
  }
  return out;
}
