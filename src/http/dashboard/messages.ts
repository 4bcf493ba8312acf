/**
 * Every string the dashboard shows, in Vietnamese (the default) and English. A page asks for a
 * key; a missing English text falls back to Vietnamese. Language comes from ?lang= or the
 * `lang` cookie.
 */

/** A language of the dashboard. */
export type Lang = 'vi' | 'en';

import { CONSOLE_MESSAGES } from './messages-console.ts';
import { DEADLINE_MESSAGES } from './messages-deadlines.ts';
import { REVIEW_MESSAGES } from './messages-review.ts';

const BASE = {
  appName: ['Cổng kết nối KNTC', 'KNTC hub'],
  navOverview: ['Tổng quan', 'Overview'],
  navRuns: ['Lượt đồng bộ', 'Sync runs'],
  navPetitions: ['Tra cứu đơn', 'Petitions'],
  navSources: ['Nguồn dữ liệu', 'Sources'],
  navHealth: ['Vận hành', 'Operations'],
  navQueues: ['Hàng đợi', 'Queues'],
  logout: ['Đăng xuất', 'Sign out'],
  loginTitle: ['Đăng nhập', 'Sign in'],
  username: ['Tên đăng nhập', 'User name'],
  password: ['Mật khẩu', 'Password'],
  loginButton: ['Đăng nhập', 'Sign in'],
  loginFailed: ['Sai tên đăng nhập hoặc mật khẩu.', 'Wrong user name or password.'],
  loginLimited: [
    'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.',
    'Too many failed sign-ins. Try again in a few minutes.',
  ],
  roleAdmin: ['Quản trị (CNTT tỉnh)', 'Administrator (provincial IT)'],
  roleInspector: ['Thanh tra', 'Inspector'],
  roleViewer: ['Người xem', 'Viewer'],
  forbiddenTitle: ['Không có quyền truy cập', 'Access denied'],
  forbiddenText: [
    'Vai trò của bạn không được phép xem trang này. Hãy liên hệ quản trị CNTT tỉnh.',
    'Your role may not open this page. Ask a provincial IT administrator.',
  ],
  csrfText: [
    'Biểu mẫu đã hết hạn hoặc đến từ trang khác. Tải lại trang và thử lại.',
    'The form expired or came from another site. Reload the page and try again.',
  ],
  notFound: ['Không tìm thấy.', 'Not found.'],
  source: ['Nguồn', 'Source'],
  state: ['Trạng thái', 'State'],
  lastSuccess: ['Lần thành công gần nhất', 'Last success'],
  nextRun: ['Lần chạy tới', 'Next run'],
  today: ['Hôm nay', 'Today'],
  period: ['Kỳ báo cáo', 'Reporting period'],
  last30: ['30 ngày qua', 'Last 30 days'],
  pulled: ['Nhận', 'Pulled'],
  rejected: ['Bị loại', 'Rejected'],
  duplicates: ['Trùng đã liên kết', 'Duplicates linked'],
  pushed: ['Đã gửi', 'Pushed'],
  acknowledged: ['Đã xác nhận', 'Acknowledged'],
  deadLettered: ['Gửi thất bại', 'Dead-lettered'],
  pending: ['Đang chờ gửi', 'Pending'],
  stateHealthy: ['Ổn định', 'Healthy'],
  stateLate: ['Chậm', 'Late'],
  stateFailing: ['Lỗi', 'Failing'],
  statePaused: ['Tạm dừng', 'Paused'],
  stateRunning: ['Đang chạy', 'Running'],
  stateDisabled: ['Không dùng', 'Disabled'],
  stateNeverRun: ['Chưa chạy', 'Never run'],
  nationalTitle: ['Cơ sở dữ liệu quốc gia', 'National database'],
  chartLegend: ['Cột xanh: đã xác nhận; cột đỏ: bị loại', 'Green: acknowledged; red: rejected'],
  runsTitle: ['Lịch sử đồng bộ', 'Sync history'],
  filter: ['Lọc', 'Filter'],
  all: ['Tất cả', 'All'],
  from: ['Từ ngày', 'From'],
  to: ['Đến ngày', 'To'],
  started: ['Bắt đầu', 'Started'],
  finished: ['Kết thúc', 'Finished'],
  trigger: ['Khởi động bởi', 'Trigger'],
  stored: ['Lưu', 'Stored'],
  unchanged: ['Không đổi', 'Unchanged'],
  error: ['Lỗi', 'Error'],
  runTitle: ['Lượt đồng bộ', 'Sync run'],
  errorGroups: ['Lỗi theo loại', 'Errors by kind'],
  records: ['Số bản ghi', 'Records'],
  rejections: ['Bản ghi bị loại', 'Rejected records'],
  recordId: ['Mã bản ghi', 'Record id'],
  field: ['Trường', 'Field'],
  sourceField: ['Trường nguồn', 'Source field'],
  value: ['Giá trị', 'Value'],
  reason: ['Lý do', 'Reason'],
  remapFollowUp: [
    'Ánh xạ lại / gửi lại sau khi sửa: sẽ có khi API phát lại hoàn thành.',
    'Re-map / re-send after a fix: arrives with the replay API.',
  ],
  petitionLookup: ['Tra cứu đơn theo mã nguồn', 'Find a petition by source record id'],
  find: ['Tìm', 'Find'],
  recentPetitions: ['Đơn mới nhận', 'Latest petitions'],
  petitionTitle: ['Đơn', 'Petition'],
  lineage: ['Nguồn gốc dữ liệu', 'Lineage'],
  rawRecord: ['Bản ghi gốc', 'Raw source record'],
  mappingVersion: ['Phiên bản ánh xạ', 'Mapping version'],
  canonical: ['Bản ghi chuẩn hóa', 'Canonical record'],
  submissions: ['Gửi lên CSDL quốc gia', 'National submissions'],
  receipt: ['Biên nhận', 'Receipt'],
  nationalCase: ['Mã hồ sơ quốc gia', 'National case id'],
  protectedIdentity: [
    'Danh tính người tố cáo được giữ bí mật (Luật Tố cáo 2018, Điều 9, 56).',
    "The denouncer's identity is kept secret (Law on Denunciation 2018, arts. 9, 56).",
  ],
  maskedIdentity: [
    'Thông tin cá nhân được che theo vai trò của bạn.',
    'Personal data is masked for your role.',
  ],
  revealButton: ['Xem danh tính (ghi nhật ký)', 'Reveal identity (audited)'],
  revealReason: ['Lý do xem (bắt buộc)', 'Reason (required)'],
  revealed: [
    'Danh tính được hiển thị; lần xem này đã được ghi nhật ký.',
    'Identity shown; this reveal has been audited.',
  ],
  sourcesTitle: ['Quản lý nguồn dữ liệu', 'Sources console'],
  kind: ['Loại', 'Kind'],
  cursor: ['Con trỏ', 'Cursor'],
  runNow: ['Chạy ngay', 'Run now'],
  pause: ['Tạm dừng', 'Pause'],
  resume: ['Tiếp tục', 'Resume'],
  queued: ['Đã xếp lượt đồng bộ.', 'Sync queued.'],
  alreadyQueued: ['Đã có lượt đồng bộ đang chờ.', 'A sync is already waiting.'],
  healthTitle: ['Tình trạng hệ thống', 'System health'],
  ok: ['Tốt', 'OK'],
  notOk: ['Có lỗi', 'Failing'],
  database: ['Cơ sở dữ liệu', 'Database'],
  redis: ['Redis (hàng đợi)', 'Redis (queues)'],
  migrations: ['Cập nhật CSDL', 'Migrations'],
  queueCounts: ['Hàng đợi', 'Queues'],
  never: ['Chưa có', 'Never'],
  none: ['Không có', 'None'],
  back: ['Quay lại', 'Back'],
} as const satisfies Record<string, readonly [string, string]>;

// Each area keeps its strings in its own file; keys must not repeat across files.
const M = { ...BASE, ...CONSOLE_MESSAGES, ...REVIEW_MESSAGES, ...DEADLINE_MESSAGES };

/** A message key. */
export type MessageKey = keyof typeof M;

/** The text of a key in a language. */
export function t(lang: Lang, key: MessageKey): string {
  const [vi, en] = M[key];
  return lang === 'en' ? en : vi;
}

/** The language asked for by a query value or cookie value (default Vietnamese). */
export function pickLang(query: unknown, cookie: unknown): Lang {
  if (query === 'en' || query === 'vi') return query;
  return cookie === 'en' ? 'en' : 'vi';
}
