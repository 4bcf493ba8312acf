/**
 * Province-of-birth codes (old 63-province list, 3-digit CCCD form) for people living in
 * Quy Nhơn: mostly born in Bình Định, some in neighbouring provinces and the two big cities.
 */
import type { Weighted } from '../rng.ts';

/** A pre-2025 province as it appears in the first three CCCD digits. */
export interface BirthProvince {
  readonly code: string;
  readonly name: string;
}

/** Birth provinces weighted for residents of Quy Nhơn. */
export const QUYNHON_BIRTH_PROVINCES: readonly Weighted<BirthProvince>[] = [
  { value: { code: '052', name: 'Tỉnh Bình Định' }, weight: 80 },
  { value: { code: '051', name: 'Tỉnh Quảng Ngãi' }, weight: 5 },
  { value: { code: '054', name: 'Tỉnh Phú Yên' }, weight: 4 },
  { value: { code: '064', name: 'Tỉnh Gia Lai' }, weight: 4 },
  { value: { code: '079', name: 'Thành phố Hồ Chí Minh' }, weight: 4 },
  { value: { code: '001', name: 'Thành phố Hà Nội' }, weight: 3 },
];
