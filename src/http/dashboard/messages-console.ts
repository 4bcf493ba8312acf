/**
 * Strings of the console pages, [Vietnamese, English], merged into messages.ts; and the sources
 * service's problems (src/sources/problem-text.ts) in both languages, with problemText() to say
 * one in the page's language.
 */
import type { DraftProblem } from '../../sources/console-contract.ts';
import { fillTemplate, PROBLEM_EN, type ProblemKey } from '../../sources/problem-text.ts';
import type { Lang } from './messages.ts';

/** Strings of the console pages, [Vietnamese, English]; merged into messages.ts. */
export const CONSOLE_MESSAGES = {
  // Generated config forms (src/http/dashboard/forms/).
  formNotNumber: ['Hãy nhập một số.', 'Enter a number.'],
  formNotInteger: ['Hãy nhập một số nguyên.', 'Enter a whole number.'],
  formNotInList: ['Hãy chọn một giá trị trong danh sách.', 'Choose a value from the list.'],
  formBadJson: [
    'JSON không hợp lệ: kiểm tra dấu ngoặc, dấu phẩy và dấu nháy kép',
    'Invalid JSON: check brackets, commas and double quotes',
  ],
  formJsonWhere: ['dòng {line}, cột {column}', 'line {line}, column {column}'],
  formRange: ['từ {min} đến {max}', 'from {min} to {max}'],
  formDefault: ['mặc định', 'default'],
  formFormat: ['định dạng', 'format'],
  formPattern: ['mẫu', 'pattern'],
  formOnePerLine: ['mỗi dòng một giá trị', 'one value per line'],
  formJsonHint: ['viết bằng JSON', 'written as JSON'],
  formVariant: ['Kiểu', 'Type'],
  formVariantOnly: ['Chỉ dùng khi chọn kiểu', 'Used only when the type is'],
  secretValue: ['giá trị bí mật', 'secret value'],
  secretKept: ['đã lưu — để trống để giữ nguyên', 'stored — leave empty to keep it'],
  secretClear: ['Xóa giá trị đã lưu', 'Clear the stored value'],
  formSecretHelp: [
    'được mã hóa khi lưu và không bao giờ hiển thị lại',
    'stored encrypted and never shown again',
  ],
  // Sources list.
  newSource: ['Thêm nguồn', 'New source'],
  viewSource: ['Cấu hình', 'Configuration'],
  testConnection: ['Kiểm tra kết nối', 'Test connection'],
  previewMapping: ['Xem trước ánh xạ', 'Preview mapping'],
  viewCursor: ['Con trỏ', 'Cursor'],
  backToSources: ['Về danh sách nguồn', 'Back to sources'],
  // Not configured.
  consoleOffTitle: ['Chưa bật quản lý nguồn', 'Sources console not configured'],
  consoleOffText: [
    'Máy chủ hub này chưa bật dịch vụ quản lý nguồn (thêm/sửa nguồn, kiểm tra kết nối, xem trước ánh xạ, con trỏ). Hãy liên hệ người vận hành hub; các nguồn trong config/hub.yaml vẫn chạy bình thường.',
    'This hub was started without the sources console service (create/edit, test connection, preview mapping, cursor). Ask the hub operator; the sources in config/hub.yaml keep running.',
  ],
  // Choose an adapter.
  newSourceTitle: ['Thêm nguồn dữ liệu', 'New source'],
  chooseAdapter: [
    'Chọn cách hub đọc hệ thống của địa phương:',
    'Choose how the hub reads the local system:',
  ],
  adapterRestJson: ['Ứng dụng web có API JSON', 'Web application with a JSON API'],
  adapterSoapXml: [
    'Dịch vụ web XML (SOAP hoặc XML qua GET)',
    'XML web service (SOAP or XML over GET)',
  ],
  adapterFileDrop: [
    'Tệp CSV/Excel được đặt vào một thư mục',
    'CSV/Excel export files dropped in a folder',
  ],
  adapterSql: ['Đọc trực tiếp cơ sở dữ liệu PostgreSQL', 'Reads a PostgreSQL database directly'],
  unknownAdapter: [
    'Loại nguồn này không có trong hub. Hãy chọn một loại trong danh sách.',
    'The hub has no adapter of this kind. Choose one from the list.',
  ],
  // Create / edit form.
  editSourceTitle: ['Sửa nguồn', 'Edit source'],
  viewSourceTitle: ['Cấu hình nguồn', 'Source configuration'],
  generalFields: ['Thông tin chung', 'General'],
  configFields: ['Cấu hình kết nối', 'Connection settings'],
  sourceId: ['Mã nguồn', 'Source id'],
  sourceIdHelp: [
    'chữ thường, chữ số và dấu gạch ngang (ví dụ: quynhon-web); không đổi được sau khi tạo',
    'lower-case letters, digits and hyphens (e.g. quynhon-web); cannot change once created',
  ],
  sourceName: ['Tên hiển thị', 'Display name'],
  mappingFile: ['Tệp ánh xạ', 'Mapping file'],
  chooseMapping: ['— chọn tệp ánh xạ —', '— choose a mapping file —'],
  sourceSchedule: ['Lịch chạy (cron, giờ Việt Nam)', 'Schedule (cron, Vietnam time)'],
  sourceScheduleHelp: [
    'để trống: chỉ chạy khi bấm “Chạy ngay”; ví dụ */15 * * * * là mỗi 15 phút',
    'empty: runs only on “Run now”; e.g. */15 * * * * is every 15 minutes',
  ],
  sourceEnabled: ['Đang dùng', 'Enabled'],
  sourceSave: ['Lưu', 'Save'],
  problemsTitle: ['Chưa lưu được — hãy sửa các mục sau:', 'Not saved — fix the following:'],
  configFileNote: [
    'Nguồn này được khai báo trong tệp cấu hình triển khai (config/hub.yaml): sửa tại đó rồi khởi động lại hub. Trang này chỉ để xem.',
    'This source is defined in the deployment file (config/hub.yaml): edit it there and restart the hub. This page is read-only.',
  ],
  lastChanged: ['Sửa lần cuối', 'Last changed'],
  sourceCreated: [
    'Đã tạo nguồn. Bước tiếp theo: kiểm tra kết nối.',
    'Source created. Next: test the connection.',
  ],
  sourceSaved: ['Đã lưu thay đổi.', 'Changes saved.'],
  // Test connection.
  testTitle: ['Kiểm tra kết nối', 'Connection test'],
  testOk: ['Nguồn dùng được: không bước nào thất bại.', 'The source is usable: no step failed.'],
  testFailed: ['Có bước thất bại:', 'A step failed:'],
  testStep: ['Bước', 'Step'],
  stepResult: ['Kết quả', 'Result'],
  stepSummary: ['Tóm tắt', 'Summary'],
  stepMs: ['Thời gian (ms)', 'Time (ms)'],
  stepCheck: ['Kết nối và xác thực', 'Reachability and credentials'],
  stepSamplePage: ['Lấy một trang dữ liệu', 'One page of records'],
  stepMappingFile: ['Tệp ánh xạ', 'Mapping file'],
  stepSampleMapping: ['Ánh xạ trang mẫu', 'Mapping the sample'],
  statusOk: ['Đạt', 'OK'],
  statusWarning: ['Cảnh báo', 'Warning'],
  statusFailed: ['Thất bại', 'Failed'],
  statusSkipped: ['Bỏ qua', 'Skipped'],
  errorDiagnosis: ['Chẩn đoán', 'Diagnosis'],
  errorHint: ['Cách xử lý', 'What to do'],
  errorCodeLabel: ['Mã lỗi', 'Error code'],
  groupCount: ['Số lần', 'Count'],
  groupExamples: ['Ví dụ', 'Examples'],
  sampleSize: ['Trang mẫu', 'Sample page'],
  // Preview mapping.
  previewTitle: ['Xem trước ánh xạ', 'Mapping preview'],
  previewNote: [
    'Lấy vài bản ghi từ đầu nguồn và ánh xạ thử; không lưu gì, con trỏ không đổi.',
    'Takes a few records from the start of the source and maps them; nothing is stored, the cursor does not move.',
  ],
  previewLimit: ['Số bản ghi', 'Records'],
  previewShow: ['Xem', 'Show'],
  previewFailed: ['Không lấy được dữ liệu từ nguồn.', 'Could not read records from the source.'],
  previewShapes: [
    'Bản ghi bị loại: giá trị gốc chỉ hiện dạng ký tự (chữ → x, số → 9), vì chưa biết đơn có phải giữ bí mật danh tính người tố cáo hay không.',
    'Rejected record: source values are shown by their shape only (letters → x, digits → 9), since it is not known whether a denouncer’s identity must be kept secret.',
  ],
  previewNone: ['Nguồn chưa có bản ghi nào.', 'The source has no records yet.'],
  previewTrimmed: [
    'Chỉ hiện {shown}/{total} bản ghi để trang không quá 200 KB; hãy xem ít bản ghi hơn mỗi lần, hoặc dùng lệnh `kntc-hub mapping preview` trên máy chủ.',
    'Showing {shown} of {total} records to keep the page under 200 KB; preview fewer at a time, or use `kntc-hub mapping preview` on the server.',
  ],
  mappedOk: ['Ánh xạ được', 'Mapped'],
  mappedRejected: ['Bị loại', 'Rejected'],
  // Cursor.
  cursorTitle: ['Con trỏ đồng bộ', 'Sync cursor'],
  cursorNote: [
    'Lần kéo tới bắt đầu sau vị trí này. Chỉ sửa khi cần kéo lại dữ liệu cũ hoặc bỏ qua một đoạn; mọi lần xem và sửa đều được ghi nhật ký.',
    'The next pull resumes after this position. Change it only to pull old records again or to skip a stretch; every view and change is audited.',
  ],
  cursorJson: ['Con trỏ (JSON)', 'Cursor (JSON)'],
  cursorHelp: [
    'một đối tượng JSON, mỗi giá trị là chuỗi, số hoặc null; để trống hoặc null: kéo lại từ đầu',
    'a JSON object whose values are strings, numbers or null; empty or null: pull from the beginning',
  ],
  cursorBadShape: [
    'Con trỏ phải là một đối tượng JSON có từ 1 đến 50 mục, mỗi giá trị là chuỗi (tối đa 2.000 ký tự), số hoặc null (ví dụ {"modifiedSince": "2026-01-05T00:00:00Z"}).',
    'The cursor must be a JSON object of 1 to 50 settings whose values are strings (up to 2,000 characters), numbers or null (e.g. {"modifiedSince": "2026-01-05T00:00:00Z"}).',
  ],
  cursorBusy: [
    'Nguồn đang được đồng bộ hoặc chạy lại ngay lúc này nên con trỏ chưa được đổi. Hãy chờ lượt chạy kết thúc rồi lưu lại.',
    'The source is being synchronised or replayed right now, so its cursor was not changed. Wait for the run to finish, then save again.',
  ],
  cursorSave: ['Lưu con trỏ', 'Save cursor'],
  cursorReset: ['Kéo lại từ đầu (xóa con trỏ)', 'Pull from the beginning (clear the cursor)'],
  cursorSaved: ['Đã lưu con trỏ.', 'Cursor saved.'],
} as const satisfies Record<string, readonly [string, string]>;

/** The sources service's problems: [Vietnamese, English] for every key of problem-text.ts. */
export const PROBLEM_MESSAGES = {
  idFixed: ['Không đổi được mã của nguồn: hãy giữ "{id}".', PROBLEM_EN.idFixed],
  idPattern: [
    'Nhập từ 2 đến 63 ký tự: chữ thường a–z, chữ số và dấu gạch ngang, bắt đầu bằng chữ hoặc số (ví dụ phuong-ghenh-rang).',
    PROBLEM_EN.idPattern,
  ],
  idInFile: [
    '"{id}" đã là một nguồn trong tệp cấu hình triển khai: hãy chọn mã khác.',
    PROBLEM_EN.idInFile,
  ],
  idTaken: ['Đã có nguồn "{id}": hãy chọn mã khác.', PROBLEM_EN.idTaken],
  idUsedBefore: [
    'Mã "{id}" đã được một nguồn trước đây dùng (nguồn đó đã bị gỡ, nhưng bản ghi, lượt đồng bộ và con trỏ của nó vẫn được giữ theo mã này). Hãy chọn mã khác.',
    PROBLEM_EN.idUsedBefore,
  ],
  idReadOnly: [
    '"{id}" được khai báo trong tệp cấu hình triển khai {file}: hãy sửa ở đó rồi khởi động lại hub.',
    PROBLEM_EN.idReadOnly,
  ],
  stale: [
    'Người khác vừa lưu nguồn này (hiện là phiên bản {current}; bạn sửa từ phiên bản {expected}). Hãy tải lại trang, sửa lại rồi lưu.',
    PROBLEM_EN.stale,
  ],
  nameEmpty: [
    'Nhập tên của hệ thống địa phương (ví dụ "Sổ đơn thư phường Ghềnh Ráng").',
    PROBLEM_EN.nameEmpty,
  ],
  nameTooLong: ['Nhập tối đa {max} ký tự.', PROBLEM_EN.nameTooLong],
  mappingUnknown: [
    'Chọn một tệp ánh xạ trong thư mục mappings/ ({known}); muốn thêm tệp mới, xem docs/onboarding.md.',
    PROBLEM_EN.mappingUnknown,
  ],
  mappingBroken: [
    'Tệp ánh xạ không nạp được: {detail}. Hãy sửa tệp (kiểm tra bằng `kntc-hub mapping check`) hoặc chọn tệp khác.',
    PROBLEM_EN.mappingBroken,
  ],
  scheduleInvalid: [
    'Đây không phải biểu thức cron ({reason}). Nhập năm trường — phút, giờ, ngày trong tháng, tháng, thứ trong tuần, theo giờ Việt Nam — ví dụ "*/15 6-20 * * 1-6" (15 phút một lần từ 6:00 đến 20:59, thứ Hai đến thứ Bảy), hoặc để trống để chỉ kéo khi được yêu cầu.',
    PROBLEM_EN.scheduleInvalid,
  ],
  adapterUnknown: ['Chọn loại nguồn: {kinds}.', PROBLEM_EN.adapterUnknown],
  configMissing: ['Nhập cấu hình kết nối.', PROBLEM_EN.configMissing],
  secretNotSecret: [
    'Mục này không phải là giá trị bí mật của cấu hình: hãy để trống.',
    PROBLEM_EN.secretNotSecret,
  ],
  secretNoKey: [
    'Hub chưa có khóa bí mật nên không lưu được giá trị bí mật. Tạo khóa bằng `openssl rand -base64 32`, đặt nó vào biến KNTC_SECRETS_KEY trong môi trường của hub (mọi tiến trình hub và CLI phải dùng cùng một khóa) rồi khởi động lại hub.',
    PROBLEM_EN.secretNoKey,
  ],
  secretTooLong: ['Nhập tối đa {max} ký tự.', PROBLEM_EN.secretTooLong],
  secretMissing: [
    'Nhập giá trị bí mật (mật khẩu, khóa API hoặc URL kết nối): giá trị được mã hóa khi lưu và không bao giờ hiển thị lại.',
    PROBLEM_EN.secretMissing,
  ],
  secretMissingNoKey: [
    'Nhập giá trị bí mật (mật khẩu, khóa API hoặc URL kết nối). Hub chưa có khóa bí mật: tạo khóa bằng `openssl rand -base64 32`, đặt vào biến KNTC_SECRETS_KEY trong môi trường của hub (mọi tiến trình hub và CLI phải dùng cùng một khóa) rồi khởi động lại hub.',
    PROBLEM_EN.secretMissingNoKey,
  ],
  secretClearOrEnter: [
    'Hoặc nhập giá trị mới, hoặc đánh dấu "Xóa giá trị đã lưu", không làm cả hai.',
    PROBLEM_EN.secretClearOrEnter,
  ],
  folderOutside: [
    'Chọn một thư mục nằm trong {root}: nguồn tạo trên giao diện quản lý chỉ được đọc và chuyển tệp ở đó. Người vận hành hub đặt thư mục này bằng biến KNTC_DROP_ROOT.',
    PROBLEM_EN.folderOutside,
  ],
  folderDefaultOutside: [
    'Thư mục processed và failed mặc định nằm cạnh thư mục nhận, tức là ngoài {root}. Hãy chọn thư mục nhận là một thư mục con (ví dụ {example}), hoặc đặt processedDir và failedDir trong {root}. Người vận hành hub đặt thư mục này bằng biến KNTC_DROP_ROOT.',
    PROBLEM_EN.folderDefaultOutside,
  ],
  chooseOne: ['Chọn một trong: {values}.', PROBLEM_EN.chooseOne],
  fillOneOf: ['Điền một trong các nhóm cấu hình sau: {forms}.', PROBLEM_EN.fillOneOf],
  required: ['Bắt buộc: hãy nhập giá trị.', PROBLEM_EN.required],
  notASetting: [
    '"{name}" không phải là mục cấu hình của loại nguồn này: hãy bỏ đi (kiểm tra chính tả).',
    PROBLEM_EN.notASetting,
  ],
  typeInteger: ['Nhập một số nguyên.', PROBLEM_EN.typeInteger],
  typeNumber: ['Nhập một số.', PROBLEM_EN.typeNumber],
  typeString: ['Nhập văn bản.', PROBLEM_EN.typeString],
  typeBoolean: ['Chọn có hoặc không (true/false).', PROBLEM_EN.typeBoolean],
  typeArray: ['Nhập một danh sách.', PROBLEM_EN.typeArray],
  typeObject: ['Nhập một nhóm cấu hình.', PROBLEM_EN.typeObject],
  typeOther: ['Nhập giá trị kiểu {type}.', PROBLEM_EN.typeOther],
  minimum: ['Nhập một số không nhỏ hơn {limit}.', PROBLEM_EN.minimum],
  exclusiveMinimum: ['Nhập một số lớn hơn {limit}.', PROBLEM_EN.exclusiveMinimum],
  maximum: ['Nhập một số không lớn hơn {limit}.', PROBLEM_EN.maximum],
  exclusiveMaximum: ['Nhập một số nhỏ hơn {limit}.', PROBLEM_EN.exclusiveMaximum],
  enterValue: ['Hãy nhập giá trị.', PROBLEM_EN.enterValue],
  minLength: ['Nhập ít nhất {limit} ký tự.', PROBLEM_EN.minLength],
  maxLength: ['Nhập tối đa {limit} ký tự.', PROBLEM_EN.maxLength],
  pattern: ['Không đúng dạng yêu cầu (phải khớp mẫu {pattern}).', PROBLEM_EN.pattern],
  formatUri: ['Nhập địa chỉ đầy đủ, ví dụ https://dondu.example.vn.', PROBLEM_EN.formatUri],
  formatDateTime: ['Nhập ngày giờ, ví dụ 2026-01-31T08:00:00+07:00.', PROBLEM_EN.formatDateTime],
  formatOther: ['Nhập một giá trị {format} hợp lệ.', PROBLEM_EN.formatOther],
  enum: ['Chọn một trong: {values}.', PROBLEM_EN.enum],
  const: ['Giá trị phải là {value}.', PROBLEM_EN.const],
  minItems: ['Nhập ít nhất {limit} mục.', PROBLEM_EN.minItems],
  notAccepted: ['Giá trị không được chấp nhận ({keyword}).', PROBLEM_EN.notAccepted],
  schemaNote: ['{text}', PROBLEM_EN.schemaNote],
} as const satisfies Record<ProblemKey, readonly [string, string]>;

/** A problem of the sources service in the page's language (its own message when it has no keys). */
export function problemText(lang: Lang, p: DraftProblem): string {
  if (p.parts === undefined) return p.message;
  return p.parts
    .map((part) => {
      const [vi, en] = PROBLEM_MESSAGES[part.key];
      return fillTemplate(lang === 'en' ? en : vi, part.params);
    })
    .join(' ');
}
