/**
 * Templates of petition summaries by kind and field area, written the way reception officers
 * summarise letters. Placeholders in braces are filled by petition-content.ts; subjects are
 * bodies, companies or positions, never a real person's name.
 */
import type { FIELD_AREAS, PETITION_KINDS } from '../../../core/codes.ts';

/** Canonical petition kind code. */
export type PetitionKindCode = (typeof PETITION_KINDS)[number]['code'];
/** Canonical field-area code. */
export type FieldAreaCode = (typeof FIELD_AREAS)[number]['code'];

/** One kind of matter citizens write about. */
export interface PetitionTopic {
  readonly kind: Exclude<PetitionKindCode, 'MIXED'>;
  readonly fieldArea: FieldAreaCode;
  readonly weight: number;
  readonly summary: string;
  /** The body complained about or denounced; null when the letter names none. */
  readonly subject: string | null;
}

/** Fictitious companies for subjects and summaries. */
export const COMPANIES: readonly string[] = [
  'Công ty TNHH Xây dựng Hưng Phát',
  'Công ty CP Đầu tư Biển Xanh',
  'Công ty TNHH Thương mại Hoàng Long',
  'Công ty CP Chế biến Thủy sản Hải Thịnh',
  'Công ty TNHH MTV Vận tải Phú An',
  'Công ty CP Bê tông Thành Đạt',
  'Công ty TNHH Dịch vụ Giải trí Ánh Dương',
  'Công ty CP Địa ốc Sao Mai Miền Trung',
];

/** Project name patterns; {duong} and {phuongTen} are filled like summaries. */
export const PROJECTS: readonly string[] = [
  'dự án Khu dân cư phía Tây đường {duong}',
  'dự án nâng cấp, mở rộng đường {duong}',
  'dự án Khu tái định cư {phuongTen}',
  'dự án kè chắn sóng {phuongTen}',
  'dự án Khu đô thị mới {phuongTen}',
];

/** Petition topics; MIXED letters are built by joining a complaint and a denunciation. */
export const PETITION_TOPICS: readonly PetitionTopic[] = [
  {
    kind: 'KN',
    fieldArea: 'ADMIN_LAND_HOUSING',
    weight: 10,
    summary:
      'Khiếu nại Quyết định số {soQD} ngày {ngay} của UBND thành phố Quy Nhơn về việc thu hồi {dienTich} đất của gia đình tại tổ {to}, khu vực {kv}, {phuong} để thực hiện {duAn}; đề nghị xem xét lại đơn giá bồi thường.',
    subject: 'UBND thành phố Quy Nhơn',
  },
  {
    kind: 'KN',
    fieldArea: 'ADMIN_LAND_HOUSING',
    weight: 6,
    summary:
      'Khiếu nại việc không được bố trí đất tái định cư khi Nhà nước thu hồi {dienTich} đất ở tại tổ {to} để thực hiện {duAn}, trong khi các hộ liền kề tại khu vực {kv}, {phuong} đã được bố trí.',
    subject: 'Trung tâm Phát triển quỹ đất thành phố Quy Nhơn',
  },
  {
    kind: 'KN',
    fieldArea: 'ADMIN_LAND_HOUSING',
    weight: 5,
    summary:
      'Khiếu nại việc UBND {phuong} không xác nhận nguồn gốc, thời điểm sử dụng thửa đất số {thua}, tờ bản đồ số {toBanDo} để làm thủ tục cấp Giấy chứng nhận quyền sử dụng đất.',
    subject: 'UBND {phuong}',
  },
  {
    kind: 'KN',
    fieldArea: 'ADMIN_OTHER',
    weight: 4,
    summary:
      'Khiếu nại Quyết định xử phạt vi phạm hành chính số {soQD} ngày {ngay} về trật tự xây dựng đối với công trình tại số {soNha} đường {duong}, {phuong}.',
    subject: 'Chủ tịch UBND {phuong}',
  },
  {
    kind: 'KN',
    fieldArea: 'ADMIN_POLICY',
    weight: 4,
    summary:
      'Khiếu nại việc bị cắt trợ cấp xã hội hàng tháng (mức {mucTroCap} đồng/tháng) từ tháng {thang} mà không được thông báo lý do; gia đình ở tổ {to}, khu vực {kv}, đề nghị {phuong} xem xét khôi phục chế độ.',
    subject: 'UBND {phuong}',
  },
  {
    kind: 'KN',
    fieldArea: 'ADMIN_CIVIL_SERVICE',
    weight: 2,
    summary:
      'Khiếu nại Quyết định số {soQD} ngày {ngay} về việc kỷ luật khiển trách đối với viên chức, cho rằng việc xem xét kỷ luật không đúng trình tự.',
    subject: 'Phòng Giáo dục và Đào tạo thành phố Quy Nhơn',
  },
  {
    kind: 'KN',
    fieldArea: 'JUDICIAL',
    weight: 2,
    summary:
      'Khiếu nại việc chậm tổ chức thi hành Bản án dân sự số {soBanAn} của Tòa án nhân dân thành phố Quy Nhơn, đã quá {soThangCho} tháng chưa được thi hành.',
    subject: 'Chi cục Thi hành án dân sự thành phố Quy Nhơn',
  },
  {
    kind: 'TC',
    fieldArea: 'CORRUPTION',
    weight: 4,
    summary:
      'Tố cáo cán bộ địa chính {phuong} có dấu hiệu nhận tiền của người dân để hợp thức hóa hồ sơ cấp Giấy chứng nhận quyền sử dụng đất đối với thửa đất số {thua}, tờ bản đồ số {toBanDo} tại khu vực {kv}.',
    subject: 'cán bộ địa chính {phuong}',
  },
  {
    kind: 'TC',
    fieldArea: 'CORRUPTION',
    weight: 3,
    summary:
      'Tố cáo sai phạm trong việc lập phương án bồi thường, hỗ trợ tại {duAn}: kê khống diện tích, áp sai đơn giá, gây thất thoát khoảng {soTien}.',
    subject: 'Trung tâm Phát triển quỹ đất thành phố Quy Nhơn',
  },
  {
    kind: 'TC',
    fieldArea: 'ADMIN_CIVIL_SERVICE',
    weight: 3,
    summary:
      'Tố cáo cán bộ Bộ phận tiếp nhận và trả kết quả {phuong} gây phiền hà, yêu cầu nộp thêm giấy tờ không có trong quy định khi làm thủ tục chứng thực ngày {ngay} (phiếu hẹn số {soHoSo}).',
    subject: 'cán bộ Bộ phận một cửa {phuong}',
  },
  {
    kind: 'TC',
    fieldArea: 'ADMIN_OTHER',
    weight: 3,
    summary:
      'Tố cáo {congTy} xây dựng công trình không phép, lấn chiếm hành lang an toàn đường bộ tại số {soNha} đường {duong}, {phuong}; chính quyền địa phương biết nhưng không xử lý.',
    subject: '{congTy}',
  },
  {
    kind: 'TC',
    fieldArea: 'PARTY_MASS_ORG',
    weight: 1,
    summary:
      'Tố cáo Bí thư Chi bộ khu vực {kv}, {phuong} vi phạm quy định về những điều đảng viên không được làm trong việc quản lý quỹ khu vực năm {namNop} (khoảng {soTienNho}).',
    subject: 'Bí thư Chi bộ khu vực {kv}, {phuong}',
  },
  {
    kind: 'KNPA',
    fieldArea: 'ADMIN_OTHER',
    weight: 6,
    summary:
      'Phản ánh tiếng ồn kéo dài đến khuya từ cơ sở kinh doanh karaoke của {congTy} tại số {soNha} đường {duong}, {phuong}, ảnh hưởng đến sinh hoạt của các hộ dân xung quanh.',
    subject: '{congTy}',
  },
  {
    kind: 'KNPA',
    fieldArea: 'ADMIN_OTHER',
    weight: 5,
    summary:
      'Phản ánh {congTy} xả nước thải chưa qua xử lý ra mương thoát nước gần số {soNha} đường {duong}, khu vực {kv}, {phuong} từ tháng {thang}, gây mùi hôi và ô nhiễm môi trường.',
    subject: '{congTy}',
  },
  {
    kind: 'KNPA',
    fieldArea: 'ADMIN_LAND_HOUSING',
    weight: 5,
    summary:
      'Kiến nghị sớm cấp Giấy chứng nhận quyền sử dụng đất cho {soHo} hộ dân tại tổ {to}, khu vực {kv}, {phuong} đã nộp hồ sơ từ năm {namNop}.',
    subject: null,
  },
  {
    kind: 'KNPA',
    fieldArea: 'ADMIN_POLICY',
    weight: 4,
    summary:
      'Kiến nghị xem xét đưa gia đình vào danh sách hộ cận nghèo năm {namNop} và hỗ trợ thẻ bảo hiểm y tế; gia đình {soNhanKhau} nhân khẩu, có người khuyết tật, ở tổ {to}, khu vực {kv}, {phuong}.',
    subject: null,
  },
  {
    kind: 'KNPA',
    fieldArea: 'ADMIN_OTHER',
    weight: 4,
    summary:
      'Phản ánh tình trạng ngập úng kéo dài mỗi khi mưa lớn tại đoạn đường {duong} từ số nhà {soNha} đến số nhà {soNha2} thuộc {phuong} do hệ thống thoát nước xuống cấp.',
    subject: 'UBND {phuong}',
  },
  {
    kind: 'KNPA',
    fieldArea: 'ADMIN_LAND_HOUSING',
    weight: 3,
    summary:
      'Phản ánh việc chậm giải quyết hồ sơ chuyển mục đích sử dụng đất nộp ngày {ngay} tại Bộ phận một cửa thành phố (phiếu hẹn số {soHoSo}), đã quá hạn hẹn trả kết quả.',
    subject: 'Phòng Tài nguyên và Môi trường thành phố Quy Nhơn',
  },
  {
    kind: 'KNPA',
    fieldArea: 'OTHER',
    weight: 2,
    summary:
      'Phản ánh việc thu phí vệ sinh môi trường {mucPhi} đồng/hộ/tháng, cao hơn mức quy định, tại tổ {to}, khu vực {kv}, {phuong}.',
    subject: 'Tổ dân phố {to}, khu vực {kv}, {phuong}',
  },
  {
    kind: 'TRANH_CHAP',
    fieldArea: 'ADMIN_LAND_HOUSING',
    weight: 5,
    summary:
      'Đề nghị giải quyết tranh chấp ranh giới thửa đất số {thua}, tờ bản đồ số {toBanDo} tại khu vực {kv}, {phuong} với hộ liền kề; hộ liền kề xây tường rào lấn sang khoảng {dienTichNho}.',
    subject: 'hộ liền kề tại khu vực {kv}, {phuong}',
  },
  {
    kind: 'TRANH_CHAP',
    fieldArea: 'ADMIN_LAND_HOUSING',
    weight: 3,
    summary:
      'Đề nghị giải quyết tranh chấp lối đi chung rộng {rongLoiDi} m tại tổ {to}, khu vực {kv}, {phuong}; hộ liền kề tự ý rào chắn từ tháng {thang}.',
    subject: 'hộ liền kề tại tổ {to}, {phuong}',
  },
];
