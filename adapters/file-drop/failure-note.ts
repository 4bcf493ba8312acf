/**
 * The `<file>.error.txt` written next to a file moved to failed/: what is wrong and what to do,
 * in Vietnamese for the unit that exported the file and in English for the hub's operators.
 * No personal data: the file's name and hash, the error code and the hub's own message.
 */
import type { HubError } from '../../src/lib/errors.ts';

const ADVICE_VI: Readonly<Record<string, string>> = {
  KNTC_SOURCE_ENCODING:
    'Không nhận dạng được bảng mã tiếng Việt của tệp. Hãy xuất lại tệp với bảng mã Unicode (UTF-8), ' +
    'hoặc đề nghị quản trị hệ thống khai báo bảng mã của tệp (tcvn3, vni, windows-1258) trong cấu hình nguồn.',
  KNTC_SOURCE_FILE_INVALID:
    'Tệp bị hỏng, không đầy đủ hoặc không đúng định dạng (CSV hoặc Excel .xlsx). ' +
    'Hãy xuất lại tệp từ phần mềm và đặt lại vào thư mục nhận.',
  KNTC_SOURCE_TOO_LARGE:
    'Tệp lớn hơn giới hạn cho phép. Hãy chia tệp thành nhiều tệp nhỏ hơn, ' +
    'hoặc đề nghị quản trị hệ thống tăng giới hạn maxFileBytes.',
};
const FALLBACK_VI = 'Không đọc được tệp. Hãy liên hệ quản trị hệ thống và gửi kèm tệp này.';

/** The text of the sidecar for a file that could not be read. */
export function failureNote(
  fileName: string,
  hash: string | null,
  error: HubError,
  at: Date,
): string {
  return [
    `Tệp / File: ${fileName}`,
    ...(hash === null ? [] : [`SHA-256: ${hash}`]),
    `Thời điểm / Time: ${at.toISOString()}`,
    `Mã lỗi / Error code: ${error.code}`,
    '',
    'Vấn đề và cách khắc phục:',
    ADVICE_VI[error.code] ?? FALLBACK_VI,
    'Sau khi sửa, hãy đặt tệp mới vào thư mục nhận (inbox); tệp này có thể xoá.',
    '',
    'What is wrong and what to do:',
    error.message,
    error.hint,
    'Once fixed, drop the new file into the inbox; this one may be deleted.',
    '',
  ].join('\n');
}
