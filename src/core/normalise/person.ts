/**
 * One petitioner reduced to the keys matching needs, beside the original record (which is never
 * changed): parsed name, checked identity number, birth year and sex (filled from a valid CCCD
 * when the record lacks them), phone, parsed address and the ward resolved to its 2025 code.
 */
import type { Petitioner } from '../petition-schema.ts';
import type { AdminUnitIndex } from './admin-units.ts';
import { parseAddress, type AddressParts } from './address.ts';
import { checkIdentity, type IdentityCheck, type Sex } from './identity.ts';
import { parseName, type NameParts } from './name.ts';
import { normalisePhone } from './phone.ts';

/** The matching keys of one petitioner. */
export interface PersonFeatures {
  readonly name: NameParts | null;
  readonly id: IdentityCheck | null;
  readonly birthYear: number | null;
  readonly sex: Sex | null;
  readonly phone: string | null;
  readonly address: AddressParts | null;
  /** 2025 commune code, or "n:" + folded ward name when the tables cannot resolve it. */
  readonly ward: string | null;
  /** Folded house + street, or tổ/khu vực/thôn text. */
  readonly local: string | null;
}

function birthYearOf(p: Petitioner): number | undefined {
  if (p.birthYear !== undefined) return p.birthYear;
  return p.birthDate === undefined ? undefined : Number(p.birthDate.slice(0, 4));
}

function wardOf(
  address: AddressParts | null,
  legacyCommune: string | undefined,
  current: string | undefined,
  units: AdminUnitIndex | null,
): string | null {
  if (current !== undefined) return current;
  if (units !== null && legacyCommune !== undefined) {
    const code = units.newCodeOfOld(legacyCommune);
    if (code !== null) return code;
  }
  if (address?.ward == null) return null;
  const byName = units?.newCodeOfName(address.ward, [address.district, address.province]) ?? null;
  return byName ?? `n:${address.ward}`;
}

function localOf(a: AddressParts | null): string | null {
  if (a === null) return null;
  if (a.street !== null) return [a.house, a.street].filter((x) => x !== null).join(' ');
  return a.locality;
}

/** Normalises one petitioner for matching. */
export function personFeatures(p: Petitioner, units: AdminUnitIndex | null): PersonFeatures {
  const recordYear = birthYearOf(p);
  const facts = {
    ...(recordYear === undefined ? {} : { birthYear: recordYear }),
    ...(p.sex === undefined ? {} : { sex: p.sex }),
  };
  const id =
    p.idDocument === undefined
      ? null
      : checkIdentity(p.idDocument.number, p.idDocument.type, facts);
  const decoded = id?.validCccd === true ? id.decoded : null;
  const address = p.address === undefined ? null : parseAddress(p.address.text);
  return {
    name: parseName(p.name),
    id,
    birthYear: recordYear ?? decoded?.birthYear ?? null,
    sex: p.sex ?? decoded?.sex ?? null,
    phone: p.phone === undefined ? null : normalisePhone(p.phone),
    address,
    ward: wardOf(address, p.address?.legacyCommuneCode, p.address?.communeCode, units),
    local: localOf(address),
  };
}
