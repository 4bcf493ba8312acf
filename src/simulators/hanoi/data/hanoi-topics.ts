/**
 * Petition summaries written the way Hà Nội reception officers summarise letters, with the
 * old Hà Nội districts and wards as places. Placeholders in braces are filled by generate.ts;
 * subjects are bodies or positions, never a real person's name.
 */

/** One kind of matter, with the Hà Nội system's own codes (LoaiDon, LinhVuc). */
export interface HanoiTopic {
  readonly loaiDon: '01' | '02' | '03' | '04';
  readonly linhVuc: string;
  readonly summary: string;
  readonly subject: string | null;
}

/** Templates; {phuong} {quan} {duong} {soQD} {ngay} {dienTich} {soTien} are filled in. */
export const HANOI_TOPICS: readonly HanoiTopic[] = [
  {
    loaiDon: '01',
    linhVuc: '02',
    summary:
      'Khiếu nại Quyết định số {soQD} ngày {ngay} của UBND {quan} về việc thu hồi {dienTich} đất tại {phuong} để thực hiện dự án mở rộng phố {duong}; đề nghị xem xét lại giá bồi thường.',
    subject: 'UBND {quan}',
  },
  {
    loaiDon: '01',
    linhVuc: '01',
    summary:
      'Khiếu nại việc UBND {phuong} không xác nhận hồ sơ hưởng trợ cấp người có công của gia đình nộp từ ngày {ngay}.',
    subject: 'UBND {phuong}',
  },
  {
    loaiDon: '02',
    linhVuc: '06',
    summary:
      'Tố cáo cán bộ địa chính {phuong} nhận tiền ({soTien}) để hợp thức hóa việc xây dựng trái phép tại số {soNha} phố {duong}.',
    subject: 'Cán bộ địa chính {phuong}',
  },
  {
    loaiDon: '02',
    linhVuc: '03',
    summary:
      'Tố cáo Chủ tịch UBND {phuong} không xử lý công trình xây dựng sai phép tại số {soNha} phố {duong} dù đã có Quyết định số {soQD}.',
    subject: 'Chủ tịch UBND {phuong}',
  },
  {
    loaiDon: '03',
    linhVuc: '04',
    summary:
      'Kiến nghị xử lý tình trạng lấn chiếm vỉa hè, tập kết vật liệu xây dựng trên phố {duong}, {phuong}, {quan} kéo dài từ {ngay}.',
    subject: null,
  },
  {
    loaiDon: '03',
    linhVuc: '02',
    summary:
      'Phản ánh việc chậm cấp Giấy chứng nhận quyền sử dụng đất cho {dienTich} đất tại {phuong}, hồ sơ nộp tại Bộ phận một cửa {quan} từ ngày {ngay}.',
    subject: 'Văn phòng Đăng ký đất đai Hà Nội – Chi nhánh {quan}',
  },
  {
    loaiDon: '03',
    linhVuc: '99',
    summary:
      'Phản ánh tiếng ồn và khói bụi từ cơ sở sản xuất tại số {soNha} phố {duong}, {phuong} ảnh hưởng đến sinh hoạt của các hộ dân xung quanh.',
    subject: null,
  },
  {
    loaiDon: '04',
    linhVuc: '02',
    summary:
      'Đề nghị giải quyết tranh chấp ranh giới {dienTich} đất giữa hai hộ gia đình tại số {soNha} phố {duong}, {phuong}.',
    subject: null,
  },
];
