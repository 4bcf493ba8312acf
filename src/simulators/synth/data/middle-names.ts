/**
 * Vietnamese middle names (tên đệm) by sex. Văn and Thị dominate among people born before
 * 1990; younger people more often carry a descriptive middle name, which the weights reflect
 * only roughly.
 */
import type { Weighted } from '../rng.ts';

/** Middle names commonly given to men. */
export const MALE_MIDDLE_NAMES: readonly Weighted<string>[] = [
  { value: 'Văn', weight: 40 },
  { value: 'Đức', weight: 8 },
  { value: 'Minh', weight: 10 },
  { value: 'Hữu', weight: 8 },
  { value: 'Quang', weight: 7 },
  { value: 'Thanh', weight: 6 },
  { value: 'Xuân', weight: 4 },
  { value: 'Công', weight: 5 },
  { value: 'Ngọc', weight: 4 },
  { value: 'Đình', weight: 5 },
  { value: 'Quốc', weight: 5 },
  { value: 'Anh', weight: 3 },
];

/** Middle names commonly given to women. */
export const FEMALE_MIDDLE_NAMES: readonly Weighted<string>[] = [
  { value: 'Thị', weight: 50 },
  { value: 'Ngọc', weight: 10 },
  { value: 'Thanh', weight: 8 },
  { value: 'Thu', weight: 7 },
  { value: 'Minh', weight: 5 },
  { value: 'Xuân', weight: 5 },
  { value: 'Kim', weight: 5 },
  { value: 'Mỹ', weight: 4 },
  { value: 'Bích', weight: 3 },
  { value: 'Hồng', weight: 3 },
];
