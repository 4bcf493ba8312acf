/**
 * `kntc-hub dedup export --format jsonl`: one JSON line per stored source record with the case
 * and person it belongs to: {"source","sourceId","caseId","personId"}. personId is the first
 * petitioner's person (null for an anonymous letter); caseId is null only for a petition the
 * matcher has not reached yet. Streams through a server-side cursor, so a million rows never sit
 * in memory.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type pg from 'pg';

/** One exported line. */
export interface ExportLine {
  readonly source: string;
  readonly sourceId: string;
  readonly caseId: string | null;
  readonly personId: string | null;
}

const EXPORT_SQL = `
DECLARE dedup_export NO SCROLL CURSOR FOR
SELECT p.source_id, p.source_record_id, c.case_id,
       (SELECT r.person_id FROM dedup_person_records r WHERE r.hub_id = p.hub_id ORDER BY r.idx LIMIT 1) AS person_id
  FROM petitions p LEFT JOIN dedup_case_members c ON c.hub_id = p.hub_id
 ORDER BY p.source_id, p.source_record_id`;

/** Writes the export to `out`; returns the number of lines. Does not end `out`. */
export async function exportDedup(pool: pg.Pool, out: Writable): Promise<number> {
  const client = await pool.connect();
  let lines = 0;
  try {
    await client.query('BEGIN READ ONLY');
    await client.query(EXPORT_SQL);
    for (;;) {
      const { rows } = await client.query<{
        source_id: string;
        source_record_id: string;
        case_id: string | null;
        person_id: string | null;
      }>('FETCH 5000 FROM dedup_export');
      if (rows.length === 0) break;
      const chunk = rows
        .map((r) => {
          const line: ExportLine = {
            source: r.source_id,
            sourceId: r.source_record_id,
            caseId: r.case_id,
            personId: r.person_id,
          };
          return JSON.stringify(line);
        })
        .join('\n');
      if (!out.write(`${chunk}\n`)) await once(out, 'drain');
      lines += rows.length;
    }
    await client.query('COMMIT');
    return lines;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
