/**
 * The write side of the sources console: one transaction per save holding the definition, the
 * source's row in the `sources` table, its sealed secrets and the audit rows, so a save is all
 * or nothing. Audit details carry setting paths and secret names, never values.
 */
import type pg from 'pg';
import { appendAudit, type AuditEntry } from '../store/audit-repo.ts';
import {
  insertDefinition,
  registerSource,
  updateDefinition,
  type DefinitionFields,
  type SourceDefinition,
} from '../store/source-definitions-repo.ts';
import { putSecret, removeSecretsExcept } from '../store/source-secrets-repo.ts';
import { withTransaction } from '../store/tx.ts';
import type { ConsoleActor } from './console-contract.ts';
import { changedFields } from './console-views.ts';
import { getPath } from './secret-fields.ts';
import type { SecretStore } from './secret-store.ts';
import type { CheckedDraft } from './validate-draft.ts';

/** What a save needs. */
export interface SaveDeps {
  readonly pool: pg.Pool;
  readonly secrets: SecretStore;
}

/** Thrown inside a save transaction to roll it back. */
class Refused extends Error {}

/** An audit entry about a source, by the console's actor. */
export function auditEntry(
  actor: ConsoleActor,
  action: AuditEntry['action'],
  sourceId: string,
  details: NonNullable<AuditEntry['details']>,
): AuditEntry {
  const { username, role, ip } = actor;
  return {
    actor: username,
    actorRole: role,
    action,
    targetType: 'source',
    targetId: sourceId,
    ip,
    details,
  };
}

/** Inserts a new console source with its secrets; false when the id was taken meanwhile. */
export async function insertSource(
  deps: SaveDeps,
  draft: CheckedDraft,
  actor: ConsoleActor,
): Promise<boolean> {
  const { fields } = draft;
  return saving(deps.pool, async (c) => {
    const def = await insertDefinition(c, fields, actor.username);
    if (def === null || !(await registerSource(c, fields, true))) throw new Refused();
    await storeSecrets(deps, c, draft, actor);
    const details = { ...summary(fields), version: def.version };
    await appendAudit(c, auditEntry(actor, 'source.created', fields.id, details));
  });
}

/**
 * Updates a console source if it is still at `expectedVersion`: definition, new secrets, and the
 * removal of secrets its config no longer names; false when someone saved it meanwhile.
 */
export async function updateSource(
  deps: SaveDeps,
  before: SourceDefinition,
  draft: CheckedDraft,
  expectedVersion: number,
  actor: ConsoleActor,
): Promise<boolean> {
  const { fields } = draft;
  return saving(deps.pool, async (c) => {
    const after = await updateDefinition(c, fields, expectedVersion, actor.username);
    if (after === null) throw new Refused();
    await registerSource(c, fields, false);
    await storeSecrets(deps, c, draft, actor);
    const keep = draft.secretPaths.map((p) => String(getPath(fields.config, p)));
    const removed = await removeSecretsExcept(c, fields.id, keep);
    const changed = changedFields({ ...before }, { ...before, ...fields }).join(', ');
    const details = { ...summary(fields), version: after.version, changed };
    await appendAudit(c, auditEntry(actor, 'source.updated', fields.id, details));
    for (const secret of removed)
      await appendAudit(c, auditEntry(actor, 'source.secret-removed', fields.id, { secret }));
  });
}

async function saving(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<void>): Promise<boolean> {
  try {
    await withTransaction(pool, fn);
    return true;
  } catch (err) {
    if (err instanceof Refused) return false;
    throw err;
  }
}

async function storeSecrets(
  deps: SaveDeps,
  c: pg.PoolClient,
  draft: CheckedDraft,
  actor: ConsoleActor,
): Promise<void> {
  const id = draft.fields.id;
  for (const s of draft.newSecrets) {
    await putSecret(c, id, s.name, deps.secrets.seal(id, s.name, s.value), actor.username);
    const details = { field: s.path, secret: s.name };
    await appendAudit(c, auditEntry(actor, 'source.secret-set', id, details));
  }
}

function summary(f: DefinitionFields): Record<string, string | boolean | null> {
  return { adapter: f.adapter, mapping: f.mapping, schedule: f.schedule, enabled: f.enabled };
}
