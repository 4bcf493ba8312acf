/**
 * Some pre-2025 wards and communes of Hà Nội (old province 01) in four old districts, with
 * their OLD codes, copied from the statistics office's conversion table (shared admin-units
 * data, conversion-2025.csv, rows with old_province_code 01) so the simulator runs without it.
 * Hà Nội's 2017 petition software still writes these old units in addresses.
 */

/** One pre-2025 Hà Nội ward or commune. */
export interface HanoiWard {
  /** Old 5-digit commune code. */
  readonly code: string;
  /** Full name with its unit type, e.g. "Phường Trúc Bạch". */
  readonly name: string;
  /** Old 3-digit district code. */
  readonly districtCode: string;
  readonly districtName: string;
}

/** Old Hà Nội province code (pre-2025, also after). */
export const HANOI_PROVINCE_CODE = '01';

/** The wards and communes the simulator draws addresses from. */
export const HANOI_WARDS: readonly HanoiWard[] = [
  { code: '00001', name: 'Phường Phúc Xá', districtCode: '001', districtName: 'Quận Ba Đình' },
  { code: '00004', name: 'Phường Trúc Bạch', districtCode: '001', districtName: 'Quận Ba Đình' },
  { code: '00006', name: 'Phường Vĩnh Phúc', districtCode: '001', districtName: 'Quận Ba Đình' },
  { code: '00007', name: 'Phường Cống Vị', districtCode: '001', districtName: 'Quận Ba Đình' },
  { code: '00008', name: 'Phường Liễu Giai', districtCode: '001', districtName: 'Quận Ba Đình' },
  { code: '00013', name: 'Phường Quán Thánh', districtCode: '001', districtName: 'Quận Ba Đình' },
  { code: '00016', name: 'Phường Ngọc Hà', districtCode: '001', districtName: 'Quận Ba Đình' },
  { code: '00019', name: 'Phường Điện Biên', districtCode: '001', districtName: 'Quận Ba Đình' },
  { code: '00022', name: 'Phường Đội Cấn', districtCode: '001', districtName: 'Quận Ba Đình' },
  { code: '00037', name: 'Phường Phúc Tân', districtCode: '002', districtName: 'Quận Hoàn Kiếm' },
  { code: '00040', name: 'Phường Đồng Xuân', districtCode: '002', districtName: 'Quận Hoàn Kiếm' },
  { code: '00043', name: 'Phường Hàng Mã', districtCode: '002', districtName: 'Quận Hoàn Kiếm' },
  { code: '00046', name: 'Phường Hàng Buồm', districtCode: '002', districtName: 'Quận Hoàn Kiếm' },
  { code: '00049', name: 'Phường Hàng Đào', districtCode: '002', districtName: 'Quận Hoàn Kiếm' },
  { code: '00052', name: 'Phường Hàng Bồ', districtCode: '002', districtName: 'Quận Hoàn Kiếm' },
  { code: '00055', name: 'Phường Cửa Đông', districtCode: '002', districtName: 'Quận Hoàn Kiếm' },
  { code: '00058', name: 'Phường Lý Thái Tổ', districtCode: '002', districtName: 'Quận Hoàn Kiếm' },
  { code: '00061', name: 'Phường Hàng Bạc', districtCode: '002', districtName: 'Quận Hoàn Kiếm' },
  { code: '00178', name: 'Phường Cát Linh', districtCode: '006', districtName: 'Quận Đống Đa' },
  {
    code: '00181',
    name: 'Phường Văn Miếu - Quốc Tử Giám',
    districtCode: '006',
    districtName: 'Quận Đống Đa',
  },
  { code: '00187', name: 'Phường Láng Thượng', districtCode: '006', districtName: 'Quận Đống Đa' },
  { code: '00190', name: 'Phường Ô Chợ Dừa', districtCode: '006', districtName: 'Quận Đống Đa' },
  { code: '00193', name: 'Phường Văn Chương', districtCode: '006', districtName: 'Quận Đống Đa' },
  { code: '00196', name: 'Phường Hàng Bột', districtCode: '006', districtName: 'Quận Đống Đa' },
  { code: '00199', name: 'Phường Láng Hạ', districtCode: '006', districtName: 'Quận Đống Đa' },
  { code: '00202', name: 'Phường Khâm Thiên', districtCode: '006', districtName: 'Quận Đống Đa' },
  { code: '00205', name: 'Phường Thổ Quan', districtCode: '006', districtName: 'Quận Đống Đa' },
  { code: '00526', name: 'Thị trấn Yên Viên', districtCode: '018', districtName: 'Huyện Gia Lâm' },
  { code: '00529', name: 'Xã Yên Thường', districtCode: '018', districtName: 'Huyện Gia Lâm' },
  { code: '00532', name: 'Xã Yên Viên', districtCode: '018', districtName: 'Huyện Gia Lâm' },
  { code: '00535', name: 'Xã Ninh Hiệp', districtCode: '018', districtName: 'Huyện Gia Lâm' },
  { code: '00541', name: 'Xã Thiên Đức', districtCode: '018', districtName: 'Huyện Gia Lâm' },
  { code: '00544', name: 'Xã Phù Đổng', districtCode: '018', districtName: 'Huyện Gia Lâm' },
  { code: '00550', name: 'Xã Lệ Chi', districtCode: '018', districtName: 'Huyện Gia Lâm' },
  { code: '00553', name: 'Xã Cổ Bi', districtCode: '018', districtName: 'Huyện Gia Lâm' },
  { code: '00556', name: 'Xã Đặng Xá', districtCode: '018', districtName: 'Huyện Gia Lâm' },
];

/** Streets by old district code, for house-number addresses. */
export const HANOI_STREETS: Readonly<Record<string, readonly string[]>> = {
  '001': ['Phan Đình Phùng', 'Hoàng Hoa Thám', 'Đội Cấn', 'Liễu Giai', 'Kim Mã', 'Quán Thánh'],
  '002': ['Hàng Bạc', 'Hàng Đào', 'Lý Thái Tổ', 'Hàng Bồ', 'Đinh Tiên Hoàng', 'Hàng Mã'],
  '006': ['Tôn Đức Thắng', 'Khâm Thiên', 'Láng Hạ', 'Nguyễn Lương Bằng', 'Xã Đàn', 'Hào Nam'],
  '018': ['Ngô Xuân Quảng', 'Hà Huy Tập', 'Nguyễn Đức Thuận', 'Cổ Bi', 'Thiên Đức', 'Dốc Lã'],
};
