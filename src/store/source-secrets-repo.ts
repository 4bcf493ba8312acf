/**
 * Sealed secrets of console sources (migration 1767225600007): only AES-256-GCM ciphertext, IV,
 * tag and key id are stored; sealing and opening happen in src/sources/secret-store.ts. Nothing
 * here ever sees a plaintext.
 */
import type pg from 'pg';
import type { SealedSecret } from '../lib/secret-box.ts';

/** A stored secret: its name, sealed value, and when and by whom it was set. */
export interface StoredSecret extends SealedSecret {
  readonly name: string;
  readonly setAt: string;
  readonly setBy: string;
}

interface Row {
  name: string;
  ciphertext: Buffer;
  iv: Buffer;
  tag: Buffer;
  key_id: string;
  set_at: Date;
  set_by: string;
}

/** The sealed secrets of one source. */
export async function listSecrets(
  db: pg.Pool | pg.PoolClient,
  sourceId: string,
): Promise<StoredSecret[]> {
  const { rows } = await db.query<Row>(
    `SELECT name, ciphertext, iv, tag, key_id, set_at, set_by
       FROM source_secrets WHERE source_id = $1 ORDER BY name`,
    [sourceId],
  );
  return rows.map((r) => ({
    name: r.name,
    ciphertext: r.ciphertext,
    iv: r.iv,
    tag: r.tag,
    keyId: r.key_id,
    setAt: r.set_at.toISOString(),
    setBy: r.set_by,
  }));
}

/** Names of the stored secrets of every console source, by source id (no values read). */
export async function secretNamesBySource(pool: pg.Pool): Promise<Map<string, Set<string>>> {
  const { rows } = await pool.query<{ source_id: string; name: string }>(
    'SELECT source_id, name FROM source_secrets',
  );
  const out = new Map<string, Set<string>>();
  for (const r of rows) out.set(r.source_id, (out.get(r.source_id) ?? new Set()).add(r.name));
  return out;
}

/** Stores (or replaces) one sealed secret. */
export async function putSecret(
  client: pg.PoolClient,
  sourceId: string,
  name: string,
  sealed: SealedSecret,
  actor: string,
): Promise<void> {
  await client.query(
    `INSERT INTO source_secrets (source_id, name, ciphertext, iv, tag, key_id, set_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (source_id, name) DO UPDATE
        SET ciphertext = EXCLUDED.ciphertext, iv = EXCLUDED.iv, tag = EXCLUDED.tag,
            key_id = EXCLUDED.key_id, set_at = clock_timestamp(), set_by = EXCLUDED.set_by`,
    [sourceId, name, sealed.ciphertext, sealed.iv, sealed.tag, sealed.keyId, actor],
  );
}

/** Removes the secrets of a source whose names are not in `keep`; returns the names removed. */
export async function removeSecretsExcept(
  client: pg.PoolClient,
  sourceId: string,
  keep: readonly string[],
): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `DELETE FROM source_secrets WHERE source_id = $1 AND NOT (name = ANY($2::text[]))
     RETURNING name`,
    [sourceId, keep],
  );
  return rows.map((r) => r.name).sort();
}
