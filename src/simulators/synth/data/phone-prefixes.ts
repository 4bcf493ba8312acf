/**
 * Vietnamese telephone number prefixes. Mobile prefixes are the 10-digit forms used since the
 * 2018 renumbering (090x, 091x, 098x, 03x…); landlines in Bình Định/Quy Nhơn use area code
 * 0256 followed by 7 digits.
 */
import type { Weighted } from '../rng.ts';

/** Three-digit mobile prefixes weighted roughly by network share. */
export const MOBILE_PREFIXES: readonly Weighted<string>[] = [
  { value: '090', weight: 8 },
  { value: '093', weight: 5 },
  { value: '089', weight: 2 },
  { value: '070', weight: 2 },
  { value: '076', weight: 2 },
  { value: '077', weight: 2 },
  { value: '079', weight: 2 },
  { value: '091', weight: 7 },
  { value: '094', weight: 4 },
  { value: '088', weight: 2 },
  { value: '083', weight: 2 },
  { value: '084', weight: 2 },
  { value: '085', weight: 2 },
  { value: '096', weight: 6 },
  { value: '097', weight: 6 },
  { value: '098', weight: 8 },
  { value: '086', weight: 3 },
  { value: '032', weight: 3 },
  { value: '033', weight: 3 },
  { value: '034', weight: 3 },
  { value: '035', weight: 3 },
  { value: '036', weight: 3 },
  { value: '037', weight: 3 },
  { value: '038', weight: 3 },
  { value: '039', weight: 3 },
];

/** Area code of Bình Định landlines (kept after the 2025 merger). */
export const QUYNHON_LANDLINE_AREA_CODE = '0256';
