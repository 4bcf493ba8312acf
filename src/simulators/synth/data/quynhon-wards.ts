/**
 * The wards and communes of Thành phố Quy Nhơn before 1/7/2025 (old district 540, old province
 * 52 Bình Định) with their old 5-digit codes and the new 2025 ward each was merged into.
 * Copied from the statistics office's conversion table (shared admin-units data,
 * conversion-2025.csv, rows with old_district_code 540) so the simulator runs without it.
 */

/** One pre-2025 Quy Nhơn ward or commune and its 2025 successor. */
export interface QuyNhonWard {
  /** Old 5-digit commune code. */
  readonly code: string;
  /** Short name without the unit type, e.g. "Đống Đa". */
  readonly name: string;
  readonly type: 'Phường' | 'Xã';
  /** 2025 commune code of the unit it was merged into (province 52, Gia Lai). */
  readonly newCode: string;
  readonly newName: string;
}

/** Old Quy Nhơn district code (pre-2025). */
export const QUYNHON_OLD_DISTRICT_CODE = '540';
/** Old Bình Định province code (pre-2025). */
export const BINH_DINH_OLD_PROVINCE_CODE = '52';

/** The 17 old wards and communes of Quy Nhơn. */
export const QUYNHON_WARDS: readonly QuyNhonWard[] = [
  {
    code: '21553',
    name: 'Nhơn Phú',
    type: 'Phường',
    newCode: '21553',
    newName: 'Phường Quy Nhơn Bắc',
  },
  {
    code: '21559',
    name: 'Trần Quang Diệu',
    type: 'Phường',
    newCode: '21553',
    newName: 'Phường Quy Nhơn Bắc',
  },
  { code: '21556', name: 'Đống Đa', type: 'Phường', newCode: '21583', newName: 'Phường Quy Nhơn' },
  { code: '21562', name: 'Hải Cảng', type: 'Phường', newCode: '21583', newName: 'Phường Quy Nhơn' },
  { code: '21580', name: 'Trần Phú', type: 'Phường', newCode: '21583', newName: 'Phường Quy Nhơn' },
  { code: '21583', name: 'Thị Nại', type: 'Phường', newCode: '21583', newName: 'Phường Quy Nhơn' },
  {
    code: '21589',
    name: 'Bùi Thị Xuân',
    type: 'Phường',
    newCode: '21589',
    newName: 'Phường Quy Nhơn Tây',
  },
  { code: '21991', name: 'Phước Mỹ', type: 'Xã', newCode: '21589', newName: 'Phường Quy Nhơn Tây' },
  {
    code: '21565',
    name: 'Quang Trung',
    type: 'Phường',
    newCode: '21592',
    newName: 'Phường Quy Nhơn Nam',
  },
  {
    code: '21577',
    name: 'Ngô Mây',
    type: 'Phường',
    newCode: '21592',
    newName: 'Phường Quy Nhơn Nam',
  },
  {
    code: '21592',
    name: 'Nguyễn Văn Cừ',
    type: 'Phường',
    newCode: '21592',
    newName: 'Phường Quy Nhơn Nam',
  },
  {
    code: '21595',
    name: 'Ghềnh Ráng',
    type: 'Phường',
    newCode: '21592',
    newName: 'Phường Quy Nhơn Nam',
  },
  {
    code: '21550',
    name: 'Nhơn Bình',
    type: 'Phường',
    newCode: '21601',
    newName: 'Phường Quy Nhơn Đông',
  },
  { code: '21598', name: 'Nhơn Lý', type: 'Xã', newCode: '21601', newName: 'Phường Quy Nhơn Đông' },
  {
    code: '21601',
    name: 'Nhơn Hội',
    type: 'Xã',
    newCode: '21601',
    newName: 'Phường Quy Nhơn Đông',
  },
  {
    code: '21604',
    name: 'Nhơn Hải',
    type: 'Xã',
    newCode: '21601',
    newName: 'Phường Quy Nhơn Đông',
  },
  { code: '21607', name: 'Nhơn Châu', type: 'Xã', newCode: '21607', newName: 'Xã Nhơn Châu' },
];
