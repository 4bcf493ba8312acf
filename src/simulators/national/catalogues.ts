/**
 * The simulator's catalogues (danh mục), served by GET /api/v1/catalogues/{type}. Code values
 * are the hub's canonical codes (src/core/codes.ts): the real TTCP code lists are not public,
 * so the simulator publishes these as its own. Administrative units and agencies are small
 * samples (Hà Nội, Gia Lai with the Quy Nhơn wards, Hồ Chí Minh City), not the official lists.
 */
import {
  CHANNELS,
  FIELD_AREAS,
  HANDLING_OUTCOMES,
  PETITION_KINDS,
  SETTLEMENT_RESULTS,
  type CodeEntry,
} from '../../core/codes.ts';

/** Catalogue types, in the national API's URL spelling. */
export const CATALOGUE_TYPES = [
  'don-vi-hanh-chinh',
  'co-quan',
  'nguon-don',
  'loai-don',
  'linh-vuc',
  'ket-qua-giai-quyet',
  'huong-xu-ly',
] as const;

/** One catalogue type. */
export type CatalogueType = (typeof CATALOGUE_TYPES)[number];

/** One catalogue entry: code, Vietnamese name, and the parent code where there is one. */
export interface CatalogueItem {
  readonly ma: string;
  readonly ten: string;
  readonly maCapTren?: string;
}

const ADMIN_UNITS: readonly CatalogueItem[] = [
  { ma: '01', ten: 'Thành phố Hà Nội' },
  { ma: '52', ten: 'Tỉnh Gia Lai' },
  { ma: '79', ten: 'Thành phố Hồ Chí Minh' },
  { ma: '21553', ten: 'Phường Quy Nhơn Bắc', maCapTren: '52' },
  { ma: '21583', ten: 'Phường Quy Nhơn', maCapTren: '52' },
  { ma: '21589', ten: 'Phường Quy Nhơn Tây', maCapTren: '52' },
  { ma: '21592', ten: 'Phường Quy Nhơn Nam', maCapTren: '52' },
  { ma: '21601', ten: 'Phường Quy Nhơn Đông', maCapTren: '52' },
];

const AGENCIES: readonly CatalogueItem[] = [
  { ma: 'TTCP', ten: 'Thanh tra Chính phủ' },
  { ma: 'UBND-TPQN', ten: 'UBND thành phố Quy Nhơn', maCapTren: '52' },
  { ma: 'BTCD-TPQN', ten: 'Ban Tiếp công dân thành phố Quy Nhơn', maCapTren: '52' },
  { ma: 'TTRA-TPQN', ten: 'Thanh tra thành phố Quy Nhơn', maCapTren: '52' },
  { ma: 'TTRA-HN', ten: 'Thanh tra thành phố Hà Nội', maCapTren: '01' },
];

function fromCodes(list: readonly CodeEntry[]): readonly CatalogueItem[] {
  return list.map((e) => ({ ma: e.code, ten: e.vi }));
}

/** Every catalogue by type. */
export const CATALOGUES: Readonly<Record<CatalogueType, readonly CatalogueItem[]>> = {
  'don-vi-hanh-chinh': ADMIN_UNITS,
  'co-quan': AGENCIES,
  'nguon-don': fromCodes(CHANNELS),
  'loai-don': fromCodes(PETITION_KINDS),
  'linh-vuc': fromCodes(FIELD_AREAS),
  'ket-qua-giai-quyet': fromCodes(SETTLEMENT_RESULTS),
  'huong-xu-ly': fromCodes(HANDLING_OUTCOMES),
};

/** True when `type` names a catalogue. */
export function isCatalogueType(type: string): type is CatalogueType {
  return (CATALOGUE_TYPES as readonly string[]).includes(type);
}
