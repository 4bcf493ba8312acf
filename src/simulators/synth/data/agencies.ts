/**
 * Agencies of Quy Nhơn that receive petitions, with the codes the city's web petition software
 * used. Ward-level People's Committees are built from the ward list ("UBND-<old ward code>").
 */
import type { Weighted } from '../rng.ts';

/** A receiving agency: code and full name. */
export interface Agency {
  readonly ma: string;
  readonly ten: string;
}

/** City-level receiving agencies weighted by how many petitions each receives. */
export const QUYNHON_CITY_AGENCIES: readonly Weighted<Agency>[] = [
  { value: { ma: 'UBND-TPQN', ten: 'UBND thành phố Quy Nhơn' }, weight: 40 },
  { value: { ma: 'BTCD-TPQN', ten: 'Ban Tiếp công dân thành phố Quy Nhơn' }, weight: 30 },
  { value: { ma: 'TTRA-TPQN', ten: 'Thanh tra thành phố Quy Nhơn' }, weight: 15 },
];

/** The ward- or commune-level People's Committee of an old Quy Nhơn ward, e.g. "UBND-21556". */
export function wardAgency(ward: {
  readonly code: string;
  readonly name: string;
  readonly type: string;
}): Agency {
  const unit = ward.type === 'Xã' ? 'xã' : 'phường';
  return { ma: `UBND-${ward.code}`, ten: `UBND ${unit} ${ward.name}` };
}
