/**
 * Pre-2025 Quy Nhơn addresses (TP. Quy Nhơn, tỉnh Bình Định) and the styles people write them
 * in: abbreviations (P., TP., Tp), full words, dashes, with or without the province. Urban
 * addresses have a house number and street or a tổ/khu vực; rural communes have a hamlet.
 */
import { QUYNHON_STREETS, RURAL_HAMLETS } from './data/quynhon-streets.ts';
import {
  BINH_DINH_OLD_PROVINCE_CODE,
  QUYNHON_OLD_DISTRICT_CODE,
  QUYNHON_WARDS,
  type QuyNhonWard,
} from './data/quynhon-wards.ts';
import type { Rng } from './rng.ts';

/** A structured Quy Nhơn address with its pre-2025 codes. */
export interface SynthAddress {
  /** "12", "45A", "K12/5"; null when the address is a tổ/khu vực or a hamlet. */
  readonly houseNumber: string | null;
  readonly street: string | null;
  /** Tổ dân phố and khu vực numbers, for urban addresses without a street. */
  readonly group: number | null;
  readonly area: number | null;
  /** Hamlet, for rural communes. */
  readonly hamlet: string | null;
  readonly ward: QuyNhonWard;
  readonly oldProvinceCode: string;
  readonly oldDistrictCode: string;
}

/** How an address is written. */
export type AddressStyle = 'abbrev' | 'full' | 'dashes' | 'compact' | 'noProvince';

/** All address styles, for random choice. */
export const ADDRESS_STYLES: readonly AddressStyle[] = [
  'abbrev',
  'full',
  'dashes',
  'compact',
  'noProvince',
];

function houseNumber(rng: Rng): string {
  const n = rng.int(1, 480);
  const roll = rng.next();
  if (roll < 0.65) return String(n);
  if (roll < 0.8) return `${n}/${rng.int(1, 40)}`;
  if (roll < 0.9) return `${n}${rng.pick(['A', 'B', 'C'])}`;
  return `K${n}/${rng.int(1, 30)}`;
}

/** Generates an address in one of Quy Nhơn's old wards (or the given one). */
export function generateQuyNhonAddress(rng: Rng, ward?: QuyNhonWard): SynthAddress {
  const w = ward ?? rng.pick(QUYNHON_WARDS);
  const base = {
    ward: w,
    oldProvinceCode: BINH_DINH_OLD_PROVINCE_CODE,
    oldDistrictCode: QUYNHON_OLD_DISTRICT_CODE,
  };
  if (w.type === 'Xã') {
    const hamlet = rng.pick(RURAL_HAMLETS);
    return { ...base, houseNumber: null, street: null, group: null, area: null, hamlet };
  }
  if (rng.chance(0.25)) {
    const [group, area] = [rng.int(1, 40), rng.int(1, 9)];
    return { ...base, houseNumber: null, street: null, group, area, hamlet: null };
  }
  return {
    ...base,
    houseNumber: houseNumber(rng),
    street: rng.pick(QUYNHON_STREETS),
    group: null,
    area: null,
    hamlet: null,
  };
}

function wardLabel(ward: QuyNhonWard, style: AddressStyle): string {
  const urban = ward.type === 'Phường';
  switch (style) {
    case 'abbrev':
      return `${urban ? 'P.' : 'X.'} ${ward.name}`;
    case 'full':
      return `${urban ? 'phường' : 'xã'} ${ward.name}`;
    case 'dashes':
      return ward.name;
    case 'compact':
      return `${urban ? 'P.' : 'X.'}${ward.name}`;
    case 'noProvince':
      return `${ward.type} ${ward.name}`;
  }
}

function localPart(address: SynthAddress, style: AddressStyle): string {
  if (address.hamlet !== null) return address.hamlet;
  if (address.street !== null && address.houseNumber !== null) {
    return style === 'full'
      ? `số ${address.houseNumber} đường ${address.street}`
      : `${address.houseNumber} ${address.street}`;
  }
  const group = String(address.group ?? 1);
  const area = String(address.area ?? 1);
  return style === 'full' || style === 'noProvince'
    ? `tổ ${group}, khu vực ${area}`
    : `Tổ ${group}, KV ${area}`;
}

const CITY_AND_PROVINCE: Record<AddressStyle, readonly string[]> = {
  abbrev: ['TP. Quy Nhơn', 'Bình Định'],
  full: ['thành phố Quy Nhơn', 'tỉnh Bình Định'],
  dashes: ['Quy Nhơn', 'Bình Định'],
  compact: ['Tp Quy Nhơn', 'BĐ'],
  noProvince: ['Tp. Quy Nhơn'],
};

/** Writes an address in a style, e.g. "12 Trần Hưng Đạo, P. Đống Đa, TP. Quy Nhơn, Bình Định". */
export function formatQuyNhonAddress(address: SynthAddress, style: AddressStyle): string {
  const parts = [localPart(address, style), wardLabel(address.ward, style)];
  parts.push(...CITY_AND_PROVINCE[style]);
  return parts.join(style === 'dashes' ? ' - ' : ', ');
}

/** Writes an address in a randomly chosen style. */
export function formatQuyNhonAddressMessy(rng: Rng, address: SynthAddress): string {
  return formatQuyNhonAddress(address, rng.pick(ADDRESS_STYLES));
}
