/**
 * A large synthetic store for the dedup benchmark, built fast: petitions generated in chunks
 * (Quy Nhơn residents at realistic name frequencies, rendered with the generator's faults; a
 * third are people seen before writing about another matter, some re-send a matter) and written
 * with one INSERT … SELECT FROM jsonb_array_elements per chunk in hub id order, two chunks in flight
 * so PostgreSQL stores one while Node generates the next. No dedup rows: a re-cluster makes them.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Petition } from '../../src/core/petition-schema.ts';
import {
  createRng,
  DAY_MS,
  formatIsoDate,
  generatePerson,
  generatePetitionContent,
  vnDate,
  type PetitionContent,
  type Rng,
  type SynthPerson,
} from '../../src/simulators/synth/index.ts';
import { renderPetitioner } from './render.ts';

const CHUNK = 10_000;
const START = Date.UTC(2023, 0, 1);
const SOURCES = ['quynhon-web', 'binhdinh-province', 'ward-nhon-binh', 'district-sql'];

interface Seen {
  readonly person: SynthPerson;
  readonly content: PetitionContent;
}

function petition(rng: Rng, i: number, seen: Seen[]): Petition {
  const earlier = seen.length > 0 && rng.chance(0.3) ? rng.pick(seen) : null;
  const receivedMs = START + rng.int(0, 720) * DAY_MS;
  const person = earlier?.person ?? generatePerson(rng, { referenceYear: 2024 });
  const content =
    earlier !== null && rng.chance(0.2)
      ? earlier.content
      : generatePetitionContent(rng, { referenceMs: receivedMs });
  if (seen.length < 100_000) seen.push({ person, content });
  else seen[rng.int(0, seen.length - 1)] = { person, content };
  const source = rng.pick(SOURCES);
  return {
    schemaVersion: '1.0',
    provenance: { source, sourceRecordId: `bulk-${i}` },
    receipt: {
      receivedAt: formatIsoDate(vnDate(receivedMs)),
      agency: { code: source },
      channel: 'POST',
    },
    petitioners: [renderPetitioner(rng, person, (s) => s)],
    signerCount: 1,
    kind: content.kind,
    content: {
      summary: content.summary,
      ...(content.subject === null ? {} : { subject: content.subject }),
      fieldArea: content.fieldArea,
    },
    confidentiality: { protectIdentity: content.kind === 'TC' },
  };
}

/**
 * Hub ids in ascending order under a random prefix (valid v4-shaped UUIDs): the primary-key index
 * grows at its end instead of splitting random pages, which is most of the cost of a bulk insert.
 */
function hubIds(prefix: string, from: number, n: number): string[] {
  return Array.from(
    { length: n },
    (_, k) => `${prefix}-4000-8000-${(from + k).toString(16).padStart(12, '0')}`,
  );
}

async function insertChunk(
  pool: pg.Pool,
  ids: readonly string[],
  records: readonly Petition[],
): Promise<void> {
  // One JSON document per chunk: serialised natively, parsed once by PostgreSQL (an array
  // parameter of a million JSON strings costs more to escape than to generate).
  const rows = records.map((r, i) => ({
    h: ids[i],
    s: r.provenance.source,
    r: r.provenance.sourceRecordId,
    rec: r,
    // Unique per row in the column's format; nothing compares them (no ingest runs on this store).
    ch: (ids[i] ?? '').replaceAll('-', '').padEnd(64, '0'),
    k: r.kind,
    d: r.receipt.receivedAt,
  }));
  await pool.query(
    `INSERT INTO petitions (hub_id, source_id, source_record_id, record, content_hash, mapping_version, kind, received_on)
     SELECT (e ->> 'h')::uuid, e ->> 's', e ->> 'r', e -> 'rec', e ->> 'ch', '1.0.0', e ->> 'k',
            (e ->> 'd')::date
       FROM jsonb_array_elements($1::jsonb) AS e`,
    [JSON.stringify(rows)],
  );
}

/** Inserts `size` synthetic petitions (one petitioner each); returns the seconds it took. */
export async function buildBulkStore(pool: pg.Pool, size: number, seed = 99): Promise<number> {
  const t0 = performance.now();
  const rng = createRng(seed);
  const prefix = randomUUID().slice(0, 13);
  const seen: Seen[] = [];
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < size; i += CHUNK) {
    const records: Petition[] = [];
    for (let k = i; k < Math.min(i + CHUNK, size); k++) records.push(petition(rng, k, seen));
    if (inFlight.length >= 2) await inFlight.shift();
    const insert = insertChunk(pool, hubIds(prefix, i, records.length), records);
    insert.catch(() => undefined); // observed when awaited below
    inFlight.push(insert);
  }
  await Promise.all(inFlight);
  await pool.query('ANALYZE petitions');
  return (performance.now() - t0) / 1000;
}
