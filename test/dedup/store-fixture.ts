/**
 * Puts labelled petitions into a test store's petitions table the way commitBatch leaves them
 * (canonical record, content hash, kind, receipt date), for dedup integration tests and the bench.
 */
import type pg from 'pg';
import { petitionContentHash } from '../../src/core/content-hash.ts';
import type { LabelledPetition } from './generator.ts';

/** Inserts the petitions with their generator hub ids. */
export async function insertPetitions(
  pool: pg.Pool,
  data: readonly LabelledPetition[],
): Promise<void> {
  for (let i = 0; i < data.length; i += 2000) {
    const chunk = data.slice(i, i + 2000);
    await pool.query(
      `INSERT INTO petitions (hub_id, source_id, source_record_id, record, content_hash, mapping_version, kind, received_on)
       SELECT u.h, u.s, u.r, u.rec::jsonb, u.ch, '1.0.0', u.k, u.d::date
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
              AS u(h, s, r, rec, ch, k, d)`,
      [
        chunk.map((d) => d.input.hubId),
        chunk.map((d) => d.input.source),
        chunk.map((d) => d.input.record.provenance.sourceRecordId),
        chunk.map((d) => JSON.stringify(d.input.record)),
        chunk.map((d) => petitionContentHash(d.input.record)),
        chunk.map((d) => d.input.record.kind),
        chunk.map((d) => d.input.record.receipt.receivedAt),
      ],
    );
  }
}
