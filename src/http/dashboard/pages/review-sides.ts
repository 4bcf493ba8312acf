/**
 * What a role may see of a review pair. A pair links two records, so when EITHER petition
 * protects a denouncer's identity, both sides are masked: showing the unprotected side in clear
 * would tell who the protected denouncer is (Law on Denunciation 2018, arts. 9, 56). Otherwise the
 * sides are clear for the roles that see identities (src/auth/roles.ts). An inspector may reveal
 * a protected pair with a reason (audited by the caller). Masking works as on the petition page:
 * personal fields replaced, and every string holding one of the two petitions' personal values
 * (a case summary naming the petitioner) redacted.
 */
import type pg from 'pg';
import { maskPetition, personalValues, redactRaw } from '../../../auth/mask.ts';
import { mayRevealProtected, seesIdentity, type Role } from '../../../auth/roles.ts';
import type { Petition } from '../../../core/petition-schema.ts';
import { withSides, type ReviewSide, type ReviewView } from '../../../dedup/review-view.ts';
import type { ReviewItem } from '../../../store/dedup-review-repo.ts';
import { petitionRecords } from '../../../store/lineage-repo.ts';

/** A review pair as one role sees it. */
export interface ShownPair extends ReviewView {
  /** One of the two petitions protects a denouncer's identity. */
  readonly protectedIdentity: boolean;
  /** Identities are shown in clear. */
  readonly clear: boolean;
  /** The role may reveal (protected, not yet revealed). */
  readonly canReveal: boolean;
}

/** The hub id and petitioner index of a side's ref ("<hub id>:<idx>" for persons). */
export function refParts(
  kind: 'person' | 'case',
  ref: string,
): { hubId: string; idx: number | null } {
  if (kind === 'case') return { hubId: ref, idx: null };
  const at = ref.lastIndexOf(':');
  return { hubId: ref.slice(0, at), idx: Number(ref.slice(at + 1)) };
}

function maskSide(
  kind: 'person' | 'case',
  side: ReviewSide,
  petition: Petition | undefined,
  secrets: readonly string[],
): ReviewSide {
  if (side.record === null) return side;
  const { idx } = refParts(kind, side.ref);
  const structured =
    kind === 'person' && petition !== undefined && idx !== null
      ? (maskPetition(petition).petitioners[idx] ?? side.record)
      : side.record;
  return { ...side, record: redactRaw(structured, secrets) };
}

/** One pair as `role` may see it, given both petitions' records. */
export function showPair(
  view: ReviewView,
  records: ReadonlyMap<string, Petition>,
  role: Role,
  revealed = false,
): ShownPair {
  const left = records.get(refParts(view.kind, view.leftRef).hubId);
  const right = records.get(refParts(view.kind, view.rightRef).hubId);
  const both = [left, right].filter((p): p is Petition => p !== undefined);
  const protectedIdentity = both.some((p) => p.confidentiality.protectIdentity);
  const clear = protectedIdentity
    ? revealed && mayRevealProtected(role)
    : seesIdentity(role, false);
  const canReveal = protectedIdentity && !clear && mayRevealProtected(role);
  if (clear) return { ...view, protectedIdentity, clear, canReveal };
  const secrets = [...new Set(both.flatMap(personalValues))];
  return {
    ...view,
    left: maskSide(view.kind, view.left, left, secrets),
    right: maskSide(view.kind, view.right, right, secrets),
    protectedIdentity,
    clear,
    canReveal,
  };
}

/** Review items with both sides, masked for `role` (`revealed` only after an audited reveal). */
export async function shownPairs(
  pool: pg.Pool,
  items: readonly ReviewItem[],
  role: Role,
  revealed = false,
): Promise<ShownPair[]> {
  if (items.length === 0) return [];
  const views = await withSides(pool, items);
  const hubIds = items.flatMap((i) => [
    refParts(i.kind, i.leftRef).hubId,
    refParts(i.kind, i.rightRef).hubId,
  ]);
  const records = await petitionRecords(pool, hubIds);
  return views.map((v) => showPair(v, records, role, revealed));
}
