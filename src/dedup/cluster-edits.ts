/**
 * Reviewer edits applied to the stored clusters, inside the decision's transaction: merge one
 * record's cluster into another's, or move one record out into a cluster of its own. Case edits
 * keep each case's original (the earliest received petition) and petitions.original_hub_id right.
 */
import type pg from 'pg';
import { HubError } from '../lib/errors.ts';
import { queueLinkChanges } from '../store/dedup-push-repo.ts';

/** Splits a person ref "<hubId>:<idx>". */
export function parsePersonRef(ref: string): { hubId: string; idx: number } {
  const m = /^([0-9a-f-]{36}):(\d{1,4})$/u.exec(ref);
  if (m === null)
    throw new HubError('KNTC_BAD_REQUEST', `Person reference "${ref}" is not "<hub id>:<index>".`);
  return { hubId: m[1] as string, idx: Number(m[2]) };
}

async function personIdOf(client: pg.PoolClient, ref: string): Promise<string> {
  const { hubId, idx } = parsePersonRef(ref);
  const { rows } = await client.query<{ person_id: string }>(
    'SELECT person_id FROM dedup_person_records WHERE hub_id = $1 AND idx = $2',
    [hubId, idx],
  );
  const id = rows[0]?.person_id;
  if (id === undefined) throw new HubError('KNTC_NOT_FOUND', `No resolved petitioner ${ref}.`);
  return id;
}

/** Moves every record of left's person cluster into right's. */
export async function mergePersons(
  client: pg.PoolClient,
  leftRef: string,
  rightRef: string,
): Promise<void> {
  const [from, into] = [await personIdOf(client, leftRef), await personIdOf(client, rightRef)];
  await client.query(
    'UPDATE dedup_person_records SET person_id = $2, updated_at = now() WHERE person_id = $1',
    [from, into],
  );
}

/** Moves one record into a new person cluster `newId`. */
export async function splitPerson(
  client: pg.PoolClient,
  ref: string,
  newId: string,
): Promise<void> {
  const { hubId, idx } = parsePersonRef(ref);
  await client.query(
    'UPDATE dedup_person_records SET person_id = $3, linked_to = NULL, updated_at = now() WHERE hub_id = $1 AND idx = $2',
    [hubId, idx, newId],
  );
}

/** True when two person refs are in one cluster now. */
export async function samePerson(client: pg.PoolClient, a: string, b: string): Promise<boolean> {
  return (await personIdOf(client, a)) === (await personIdOf(client, b));
}

async function caseIdOf(client: pg.PoolClient, hubId: string): Promise<string> {
  const { rows } = await client.query<{ case_id: string }>(
    'SELECT case_id FROM dedup_case_members WHERE hub_id = $1',
    [hubId],
  );
  const id = rows[0]?.case_id;
  if (id === undefined) throw new HubError('KNTC_NOT_FOUND', `Petition ${hubId} has no case yet.`);
  return id;
}

/**
 * Re-elects the original of a case (earliest received) and updates its members and petitions;
 * a petition whose original changed is queued for the national push (dedup-push-repo.ts).
 */
async function refreshOriginal(client: pg.PoolClient, caseId: string): Promise<void> {
  const { rows } = await client.query<{ hub_id: string }>(
    `WITH o AS (
       SELECT m.hub_id FROM dedup_case_members m JOIN petitions p ON p.hub_id = m.hub_id
        WHERE m.case_id = $1 ORDER BY p.received_on, p.created_at, p.hub_id LIMIT 1
     ), m AS (
       UPDATE dedup_case_members SET original_hub_id = (SELECT hub_id FROM o), updated_at = now()
        WHERE case_id = $1 RETURNING hub_id, original_hub_id
     )
     UPDATE petitions p SET original_hub_id = NULLIF(m.original_hub_id, p.hub_id)
       FROM m WHERE p.hub_id = m.hub_id AND p.original_hub_id IS DISTINCT FROM NULLIF(m.original_hub_id, p.hub_id)
     RETURNING p.hub_id`,
    [caseId],
  );
  await queueLinkChanges(
    client,
    rows.map((r) => r.hub_id),
  );
}

/** Moves every petition of left's case into right's case. */
export async function mergeCases(
  client: pg.PoolClient,
  leftHubId: string,
  rightHubId: string,
): Promise<void> {
  const [from, into] = [await caseIdOf(client, leftHubId), await caseIdOf(client, rightHubId)];
  await client.query('UPDATE dedup_case_members SET case_id = $2 WHERE case_id = $1', [from, into]);
  await refreshOriginal(client, into);
}

/** Moves one petition into a new case `newId` of which it is the original. */
export async function splitCase(
  client: pg.PoolClient,
  hubId: string,
  newId: string,
): Promise<void> {
  const old = await caseIdOf(client, hubId);
  await client.query(
    'UPDATE dedup_case_members SET case_id = $2, linked_to = NULL WHERE hub_id = $1',
    [hubId, newId],
  );
  await refreshOriginal(client, newId);
  await refreshOriginal(client, old);
}

/** True when two petitions are in one case now. */
export async function sameCase(client: pg.PoolClient, a: string, b: string): Promise<boolean> {
  return (await caseIdOf(client, a)) === (await caseIdOf(client, b));
}
