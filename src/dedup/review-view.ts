/**
 * What a reviewer sees of a pair: both records side by side (the petitioner for a person pair,
 * the petition's summary, kind, dates and petitioners for a case pair), read from the canonical
 * records, with the pair's score and reasons.
 */
import type pg from 'pg';
import type { Petition } from '../core/petition-schema.ts';
import type { ReviewItem } from '../store/dedup-review-repo.ts';
import { parsePersonRef } from './cluster-edits.ts';

/** One side of a pair. */
export interface ReviewSide {
  readonly ref: string;
  readonly source: string | null;
  readonly sourceRecordId: string | null;
  readonly record: unknown;
}

/** A pair with both sides. */
export interface ReviewView extends ReviewItem {
  readonly left: ReviewSide;
  readonly right: ReviewSide;
}

function hubOf(item: ReviewItem, ref: string): string {
  return item.kind === 'person' ? parsePersonRef(ref).hubId : ref;
}

function sideOf(
  item: ReviewItem,
  ref: string,
  row: { source_id: string; source_record_id: string; record: Petition } | undefined,
): ReviewSide {
  if (row === undefined) return { ref, source: null, sourceRecordId: null, record: null };
  const r = row.record;
  const record =
    item.kind === 'person'
      ? (r.petitioners[parsePersonRef(ref).idx] ?? null)
      : {
          kind: r.kind,
          receivedAt: r.receipt.receivedAt,
          agency: r.receipt.agency,
          summary: r.content.summary,
          fieldArea: r.content.fieldArea ?? null,
          petitioners: r.petitioners.map((p) => p.name),
        };
  return { ref, source: row.source_id, sourceRecordId: row.source_record_id, record };
}

/** Adds both sides to each review item. */
export async function withSides(
  pool: pg.Pool,
  items: readonly ReviewItem[],
): Promise<ReviewView[]> {
  const hubIds = [...new Set(items.flatMap((i) => [hubOf(i, i.leftRef), hubOf(i, i.rightRef)]))];
  const { rows } = await pool.query<{
    hub_id: string;
    source_id: string;
    source_record_id: string;
    record: Petition;
  }>(
    'SELECT hub_id, source_id, source_record_id, record FROM petitions WHERE hub_id = ANY($1::uuid[])',
    [hubIds],
  );
  const byHub = new Map(rows.map((r) => [r.hub_id, r]));
  return items.map((i) => ({
    ...i,
    left: sideOf(i, i.leftRef, byHub.get(hubOf(i, i.leftRef))),
    right: sideOf(i, i.rightRef, byHub.get(hubOf(i, i.rightRef))),
  }));
}
