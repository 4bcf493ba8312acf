/**
 * The audit log: who signed in, changed configuration, replayed, decided a review or revealed a
 * protected identity, when, from where and why. Append-only; details never carry identities.
 */
import type pg from 'pg';

/** What is audited. New kinds go here (one line each). */
export type AuditAction =
  | 'login.succeeded'
  | 'login.failed'
  | 'login.rate-limited'
  | 'logout'
  | 'user.created'
  | 'source.paused'
  | 'source.resumed'
  | 'source.sync-requested'
  | 'source.cursor-viewed'
  | 'source.cursor-changed'
  | 'source.created'
  | 'source.updated'
  | 'source.secret-set'
  | 'source.secret-removed'
  | 'run.replayed'
  | 'review.decided'
  | 'identity.revealed';

/** One audit entry to append. */
export interface AuditEntry {
  readonly actor: string | null;
  readonly actorRole: string | null;
  readonly action: AuditAction;
  readonly targetType?: string;
  readonly targetId?: string;
  readonly reason?: string;
  readonly ip?: string;
  readonly details?: Readonly<Record<string, string | number | boolean | null>>;
}

/** An entry as stored. */
export interface AuditRecord extends AuditEntry {
  readonly id: string;
  readonly at: string;
}

/** Appends an entry; returns its id. */
export async function appendAudit(
  pool: pg.Pool | pg.PoolClient,
  entry: AuditEntry,
): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO audit_log (actor, actor_role, action, target_type, target_id, reason, ip, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb) RETURNING id::text AS id`,
    [
      entry.actor,
      entry.actorRole,
      entry.action,
      entry.targetType ?? null,
      entry.targetId ?? null,
      entry.reason ?? null,
      entry.ip ?? null,
      JSON.stringify(entry.details ?? {}),
    ],
  );
  return rows[0]?.id ?? '';
}

interface Row {
  id: string;
  at: Date;
  actor: string | null;
  actor_role: string | null;
  action: AuditAction;
  target_type: string | null;
  target_id: string | null;
  reason: string | null;
  ip: string | null;
  details: Record<string, string | number | boolean | null>;
}

/** Latest entries first, optionally of one action or one target. */
export async function listAudit(
  pool: pg.Pool,
  filter: { action?: AuditAction; targetType?: string; targetId?: string; limit?: number } = {},
): Promise<AuditRecord[]> {
  const { rows } = await pool.query<Row>(
    `SELECT id::text AS id, at, actor, actor_role, action, target_type, target_id, reason, ip, details
       FROM audit_log
      WHERE ($1::text IS NULL OR action = $1) AND ($2::text IS NULL OR target_type = $2)
        AND ($3::text IS NULL OR target_id = $3)
      ORDER BY at DESC, id DESC LIMIT $4`,
    [
      filter.action ?? null,
      filter.targetType ?? null,
      filter.targetId ?? null,
      filter.limit ?? 100,
    ],
  );
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actor: r.actor,
    actorRole: r.actor_role,
    action: r.action,
    ...(r.target_type === null ? {} : { targetType: r.target_type }),
    ...(r.target_id === null ? {} : { targetId: r.target_id }),
    ...(r.reason === null ? {} : { reason: r.reason }),
    ...(r.ip === null ? {} : { ip: r.ip }),
    details: r.details,
  }));
}
