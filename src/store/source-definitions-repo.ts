/**
 * Definitions of the sources created in the dashboard's sources console (migration
 * 1767225600007). Every edit bumps `version`; an update names the version it started from and
 * changes nothing if the row moved on meanwhile. A cheap fingerprint of the whole table lets each
 * hub process notice a change without re-reading every definition. A console source is also
 * registered in the `sources` table (runs, cursors and records point there) by the same
 * transaction that saves its definition.
 */
import type pg from 'pg';
import { isPgError } from './pool.ts';

/** A console source's definition as stored. */
export interface SourceDefinition {
  readonly id: string;
  readonly name: string;
  readonly adapter: string;
  readonly mapping: string;
  readonly schedule: string | null;
  readonly enabled: boolean;
  readonly config: Readonly<Record<string, unknown>>;
  readonly version: number;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

/** The fields an insert or update writes. */
export type DefinitionFields = Pick<
  SourceDefinition,
  'id' | 'name' | 'adapter' | 'mapping' | 'schedule' | 'enabled' | 'config'
>;

interface Row {
  id: string;
  name: string;
  adapter: string;
  mapping: string;
  schedule: string | null;
  enabled: boolean;
  config: Record<string, unknown>;
  version: number;
  created_at: Date;
  created_by: string;
  updated_at: Date;
  updated_by: string;
}

const COLUMNS = `id, name, adapter, mapping, schedule, enabled, config, version,
  created_at, created_by, updated_at, updated_by`;

function toDefinition(r: Row): SourceDefinition {
  return {
    id: r.id,
    name: r.name,
    adapter: r.adapter,
    mapping: r.mapping,
    schedule: r.schedule,
    enabled: r.enabled,
    config: r.config,
    version: r.version,
    createdAt: r.created_at.toISOString(),
    createdBy: r.created_by,
    updatedAt: r.updated_at.toISOString(),
    updatedBy: r.updated_by,
  };
}

/** Every definition, ordered by id. */
export async function listDefinitions(pool: pg.Pool): Promise<SourceDefinition[]> {
  const { rows } = await pool.query<Row>(`SELECT ${COLUMNS} FROM source_definitions ORDER BY id`);
  return rows.map(toDefinition);
}

/** One definition, or null. */
export async function getDefinition(
  db: pg.Pool | pg.PoolClient,
  id: string,
): Promise<SourceDefinition | null> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM source_definitions WHERE id = $1`, [
    id,
  ]);
  const row = rows[0];
  return row === undefined ? null : toDefinition(row);
}

/** Changes whenever a definition is added, edited or removed (count, versions, last edit). */
export async function definitionsFingerprint(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ fp: string }>(
    `SELECT count(*)::text || ':' || coalesce(sum(version), 0)::text || ':' ||
            coalesce(max(updated_at)::text, '') AS fp
       FROM source_definitions`,
  );
  return rows[0]?.fp ?? '';
}

/** Inserts a definition at version 1; null when the id is already taken. */
export async function insertDefinition(
  client: pg.PoolClient,
  fields: DefinitionFields,
  actor: string,
): Promise<SourceDefinition | null> {
  try {
    const { rows } = await client.query<Row>(
      `INSERT INTO source_definitions
              (id, name, adapter, mapping, schedule, enabled, config, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $8)
       RETURNING ${COLUMNS}`,
      [...fieldValues(fields), actor],
    );
    return rows[0] === undefined ? null : toDefinition(rows[0]);
  } catch (err) {
    if (isPgError(err, '23505')) return null;
    throw err;
  }
}

/** Updates a definition if it is still at `expectedVersion`; null when it moved on (or is gone). */
export async function updateDefinition(
  client: pg.PoolClient,
  fields: DefinitionFields,
  expectedVersion: number,
  actor: string,
): Promise<SourceDefinition | null> {
  const { rows } = await client.query<Row>(
    `UPDATE source_definitions
        SET name = $2, adapter = $3, mapping = $4, schedule = $5, enabled = $6, config = $7::jsonb,
            version = version + 1, updated_at = clock_timestamp(), updated_by = $8
      WHERE id = $1 AND version = $9
      RETURNING ${COLUMNS}`,
    [...fieldValues(fields), actor, expectedVersion],
  );
  return rows[0] === undefined ? null : toDefinition(rows[0]);
}

function fieldValues(f: DefinitionFields): unknown[] {
  return [f.id, f.name, f.adapter, f.mapping, f.schedule, f.enabled, JSON.stringify(f.config)];
}

/**
 * Registers a console source in `sources`, inside the save's transaction: a new source must not
 * find its id there (false: the id belongs to an earlier source, whose history it would take
 * over); an edited one updates its row.
 */
export async function registerSource(
  client: pg.PoolClient,
  f: DefinitionFields,
  isNew: boolean,
): Promise<boolean> {
  const values = [f.id, f.name, f.adapter, f.enabled];
  if (isNew) {
    const { rowCount } = await client.query(
      `INSERT INTO sources (id, name, kind, enabled) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO NOTHING`,
      values,
    );
    return rowCount === 1;
  }
  await client.query(
    `INSERT INTO sources AS s (id, name, kind, enabled) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO UPDATE
        SET name = EXCLUDED.name, kind = EXCLUDED.kind, enabled = EXCLUDED.enabled, updated_at = now()
      WHERE (s.name, s.kind, s.enabled) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.kind, EXCLUDED.enabled)`,
    values,
  );
  return true;
}

/**
 * Every id of the `sources` table, including sources no longer defined anywhere (their runs,
 * cursor and records are kept under the id).
 */
export async function sourceIdsInUse(db: pg.Pool | pg.PoolClient): Promise<Set<string>> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM sources');
  return new Set(rows.map((r) => r.id));
}
