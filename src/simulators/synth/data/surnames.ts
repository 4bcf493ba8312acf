/**
 * Vietnamese surnames with their approximate share of the population (percent), from published
 * surname frequency estimates. Hoàng/Huỳnh and Vũ/Võ are one name spelt by region; the central
 * coast (Quy Nhơn) leans to Huỳnh and Võ, so they get the larger part of each pair.
 */
import type { Weighted } from '../rng.ts';

/** Surnames weighted by approximate percentage of the population. */
export const SURNAMES: readonly Weighted<string>[] = [
  { value: 'Nguyễn', weight: 38 },
  { value: 'Trần', weight: 11 },
  { value: 'Lê', weight: 9.5 },
  { value: 'Phạm', weight: 7 },
  { value: 'Huỳnh', weight: 3 },
  { value: 'Hoàng', weight: 2 },
  { value: 'Phan', weight: 4.5 },
  { value: 'Võ', weight: 2.6 },
  { value: 'Vũ', weight: 1.3 },
  { value: 'Đặng', weight: 2.1 },
  { value: 'Bùi', weight: 2 },
  { value: 'Đỗ', weight: 1.4 },
  { value: 'Hồ', weight: 1.3 },
  { value: 'Ngô', weight: 1.3 },
  { value: 'Dương', weight: 1 },
  { value: 'Lý', weight: 0.5 },
  { value: 'Đào', weight: 1 },
  { value: 'Đoàn', weight: 1 },
  { value: 'Trương', weight: 1 },
  { value: 'Lâm', weight: 0.8 },
  { value: 'Mai', weight: 0.8 },
  { value: 'Cao', weight: 0.8 },
  { value: 'Đinh', weight: 0.8 },
  { value: 'Lương', weight: 0.7 },
  { value: 'Hà', weight: 0.7 },
  { value: 'Châu', weight: 0.6 },
  { value: 'Tô', weight: 0.5 },
  { value: 'Thái', weight: 0.5 },
  { value: 'Tạ', weight: 0.4 },
  { value: 'La', weight: 0.3 },
];
