/**
 * The dashboard's roles and who may see what. Provincial IT (admin) run the hub; inspectors
 * (thanh tra) follow petitions and may, with a stated reason, see a protected denouncer's
 * identity; viewers see figures only, never a petitioner's identity.
 */

/** A role an account holds. */
export type Role = 'admin' | 'inspector' | 'viewer';

/** Every role, most powerful first. */
export const ROLES: readonly Role[] = ['admin', 'inspector', 'viewer'];

/** Who may call a route: 'public' (no sign-in) or the roles allowed. */
export type RouteRoles = 'public' | readonly Role[];

/** Shorthands for route declarations. */
export const ANY_ROLE: readonly Role[] = ROLES;
/** Admin only (provincial IT). */
export const ADMIN_ONLY: readonly Role[] = ['admin'];
/** Inspectors and admins. */
export const STAFF: readonly Role[] = ['admin', 'inspector'];

/** True when `value` names a role. */
export function isRole(value: unknown): value is Role {
  return value === 'admin' || value === 'inspector' || value === 'viewer';
}

/**
 * Whether a role sees petitioners' identities in clear, before any reveal.
 * - a protected identity (confidentiality.protectIdentity, a denouncer): nobody; an inspector
 *   may reveal it with a reason, audited (Law on Denunciation 2018 arts. 9, 56);
 * - other petitioners: admin and inspector (they fix mappings and follow cases); viewer never.
 */
export function seesIdentity(role: Role, protectedIdentity: boolean): boolean {
  if (protectedIdentity) return false;
  switch (role) {
    case 'admin':
    case 'inspector':
      return true;
    case 'viewer':
      return false;
  }
}

/** Whether a role may reveal a protected identity (with a reason; every reveal is audited). */
export function mayRevealProtected(role: Role): boolean {
  switch (role) {
    case 'inspector':
      return true;
    case 'admin':
    case 'viewer':
      return false;
  }
}
