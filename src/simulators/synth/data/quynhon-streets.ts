/**
 * Street names of Quy Nhơn used in synthetic addresses. Streets are not tied to the ward they
 * really run through: the generator only needs plausible text, not a gazetteer.
 */

/** Quy Nhơn streets (without the "đường" prefix). */
export const QUYNHON_STREETS: readonly string[] = [
  'Trần Hưng Đạo',
  'Lê Lợi',
  'Nguyễn Huệ',
  'Ngô Mây',
  'Hai Bà Trưng',
  'Xuân Diệu',
  'An Dương Vương',
  'Tây Sơn',
  'Nguyễn Thái Học',
  'Lý Thường Kiệt',
  'Phan Bội Châu',
  'Trần Phú',
  'Bạch Đằng',
  'Lê Hồng Phong',
  'Nguyễn Tất Thành',
  'Hùng Vương',
  'Điện Biên Phủ',
  'Quang Trung',
  'Võ Thị Sáu',
  'Chương Dương',
  'Đống Đa',
  'Lạc Long Quân',
  'Phạm Hùng',
  'Nguyễn Lữ',
  'Tăng Bạt Hổ',
  'Mai Xuân Thưởng',
  'Trần Thị Kỷ',
  'Lê Duẩn',
  'Hoàng Văn Thụ',
  'Nguyễn Trãi',
  'Bà Triệu',
  'Phan Đình Phùng',
  'Diên Hồng',
  'Tô Hiến Thành',
];

/** Hamlet names used for addresses in the rural communes (xã), where streets are rare. */
export const RURAL_HAMLETS: readonly string[] = [
  'thôn Đông',
  'thôn Tây',
  'thôn Nam',
  'thôn Bắc',
  'thôn Trung',
  'thôn 1',
  'thôn 2',
  'thôn 3',
];
