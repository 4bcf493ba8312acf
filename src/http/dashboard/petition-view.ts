/**
 * What of a petition's lineage a role may see. Clear when the role sees identities of this
 * petition (src/auth/roles.ts), or when an inspector revealed a protected identity with a reason
 * (audited by the caller). Otherwise the canonical record is masked, and in it and in the raw
 * records every string containing one of the petitioners' personal values is replaced.
 */
import { maskPetition, personalValues, redactRaw } from '../../auth/mask.ts';
import { mayRevealProtected, seesIdentity, type Role } from '../../auth/roles.ts';
import type { Petition } from '../../core/petition-schema.ts';
import type { Lineage } from '../../store/lineage-repo.ts';

/** A lineage as shown to one role. */
export interface PetitionView {
  readonly lineage: Lineage;
  readonly protectedIdentity: boolean;
  /** Identities are shown in clear. */
  readonly clear: boolean;
  /** The role may reveal (protected identity, not yet revealed). */
  readonly canReveal: boolean;
}

/** The lineage as `role` may see it; `revealed` only after an audited reveal. */
export function petitionView(lineage: Lineage, role: Role, revealed = false): PetitionView {
  const protectedIdentity = lineage.record.confidentiality.protectIdentity;
  const clear =
    seesIdentity(role, protectedIdentity) ||
    (revealed && protectedIdentity && mayRevealProtected(role));
  const canReveal = protectedIdentity && !clear && mayRevealProtected(role);
  if (clear) return { lineage, protectedIdentity, clear, canReveal };
  const secrets = personalValues(lineage.record);
  const masked: Lineage = {
    ...lineage,
    record: redactRaw(maskPetition(lineage.record), secrets) as Petition,
    raws: lineage.raws.map((r) => ({ ...r, payload: redactRaw(r.payload, secrets) })),
  };
  return { lineage: masked, protectedIdentity, clear, canReveal };
}
