/**
 * Code lists of the canonical petition record, kept as data: each code with its Vietnamese
 * label (shown to inspectors) and an English gloss (for developers and the English UI).
 * The JSON Schema's enums are derived from these lists, so a code exists in exactly one place.
 */

/** One entry of a code list. */
export interface CodeEntry {
  readonly code: string;
  readonly vi: string;
  readonly en: string;
}

type CodesOf<L extends readonly CodeEntry[]> = { readonly [K in keyof L]: L[K]['code'] };

/** The codes of a list, typed as a literal tuple so JSON Schema enums keep their literal types. */
export function codesOf<const L extends readonly CodeEntry[]>(list: L): CodesOf<L> {
  return list.map((e) => e.code) as unknown as CodesOf<L>;
}

/** Petition kind, classified by content (not by the letter's title). */
export const PETITION_KINDS = [
  { code: 'KN', vi: 'Khiếu nại', en: 'Complaint' },
  { code: 'TC', vi: 'Tố cáo', en: 'Denunciation' },
  { code: 'KNPA', vi: 'Kiến nghị, phản ánh', en: 'Recommendation / reflection' },
  { code: 'MIXED', vi: 'Đơn có nhiều nội dung', en: 'Several contents in one letter' },
  { code: 'TRANH_CHAP', vi: 'Tranh chấp', en: 'Dispute (e.g. land boundary)' },
] as const satisfies readonly CodeEntry[];

/** How the petition reached the receiving agency (Law 136/2025 adds ONLINE from 1/7/2026). */
export const CHANNELS = [
  {
    code: 'DIRECT',
    vi: 'Trực tiếp tại nơi tiếp công dân',
    en: 'In person at the reception office',
  },
  { code: 'POST', vi: 'Qua dịch vụ bưu chính', en: 'By post' },
  { code: 'DEPUTY', vi: 'Đại biểu Quốc hội, HĐND chuyển đến', en: 'Forwarded by a deputy' },
  {
    code: 'FATHERLAND_FRONT',
    vi: 'Mặt trận Tổ quốc chuyển đến',
    en: 'Forwarded by the Fatherland Front',
  },
  { code: 'PRESS', vi: 'Cơ quan báo chí chuyển đến', en: 'Forwarded by the press' },
  {
    code: 'OTHER_AGENCY',
    vi: 'Cơ quan, tổ chức khác chuyển đến',
    en: 'Forwarded by another agency',
  },
  { code: 'LEADER', vi: 'Lãnh đạo chuyển đến', en: 'Forwarded by a leader' },
  { code: 'SUGGESTION_BOX', vi: 'Hòm thư góp ý', en: 'Suggestion box' },
  { code: 'ONLINE', vi: 'Trực tuyến', en: 'Online' },
] as const satisfies readonly CodeEntry[];

/** Kind of citizen reception during which the petition was received. */
export const RECEPTION_KINDS = [
  { code: 'REGULAR', vi: 'Tiếp thường xuyên', en: 'Regular' },
  { code: 'PERIODIC', vi: 'Thủ trưởng tiếp định kỳ', en: 'Periodic, by the head of agency' },
  { code: 'AD_HOC', vi: 'Tiếp đột xuất', en: 'Ad hoc' },
] as const satisfies readonly CodeEntry[];

/** Identity document type. CMND stopped being valid after 31/12/2024 but old records carry it. */
export const ID_DOCUMENT_TYPES = [
  { code: 'CCCD', vi: 'Căn cước công dân / Căn cước', en: 'Citizen identity card (12 digits)' },
  { code: 'CMND', vi: 'Chứng minh nhân dân', en: 'Old identity card (9 or 12 digits)' },
  { code: 'PASSPORT', vi: 'Hộ chiếu', en: 'Passport' },
  { code: 'OTHER', vi: 'Giấy tờ khác', en: 'Other document' },
] as const satisfies readonly CodeEntry[];

/** Sex as recorded on the identity document. */
export const SEXES = [
  { code: 'M', vi: 'Nam', en: 'Male' },
  { code: 'F', vi: 'Nữ', en: 'Female' },
] as const satisfies readonly CodeEntry[];

/** Whether a petitioner is a person or an organisation. */
export const PETITIONER_KINDS = [
  { code: 'PERSON', vi: 'Cá nhân', en: 'Person' },
  { code: 'ORGANISATION', vi: 'Cơ quan, tổ chức', en: 'Organisation' },
] as const satisfies readonly CodeEntry[];

/** Field area of the petition's content (lĩnh vực). */
export const FIELD_AREAS = [
  { code: 'ADMIN_POLICY', vi: 'Hành chính: chế độ, chính sách', en: 'Administrative: policy' },
  {
    code: 'ADMIN_LAND_HOUSING',
    vi: 'Hành chính: đất đai, nhà cửa',
    en: 'Administrative: land and housing',
  },
  {
    code: 'ADMIN_CIVIL_SERVICE',
    vi: 'Hành chính: chế độ công chức, viên chức',
    en: 'Administrative: civil-service regime',
  },
  { code: 'ADMIN_OTHER', vi: 'Hành chính: lĩnh vực khác', en: 'Administrative: other' },
  { code: 'JUDICIAL', vi: 'Tư pháp', en: 'Judicial' },
  { code: 'CORRUPTION', vi: 'Tham nhũng', en: 'Corruption' },
  { code: 'PARTY_MASS_ORG', vi: 'Đảng, đoàn thể', en: 'Party and mass organisations' },
  { code: 'OTHER', vi: 'Lĩnh vực khác', en: 'Other' },
] as const satisfies readonly CodeEntry[];

/** Outcome of handling a received petition (xử lý đơn). */
export const HANDLING_OUTCOMES = [
  { code: 'ACCEPT', vi: 'Thụ lý', en: 'Accepted for settlement' },
  { code: 'GUIDE', vi: 'Hướng dẫn', en: 'Citizen guided (once for the same content)' },
  { code: 'TRANSFER', vi: 'Chuyển đơn', en: 'Transferred to the competent body' },
  { code: 'RETURN', vi: 'Trả lại đơn', en: 'Returned' },
  { code: 'URGE', vi: 'Đôn đốc', en: 'Urged' },
  { code: 'FILE', vi: 'Xếp lưu đơn', en: 'Filed without action (kept one year)' },
  { code: 'WITHDRAWN', vi: 'Rút đơn', en: 'Withdrawn' },
] as const satisfies readonly CodeEntry[];

/** Result of settling a complaint or denunciation. */
export const SETTLEMENT_RESULTS = [
  { code: 'RIGHT', vi: 'Đúng', en: 'Right' },
  { code: 'PARTLY_RIGHT', vi: 'Có đúng, có sai', en: 'Partly right' },
  { code: 'WRONG', vi: 'Sai', en: 'Wrong' },
  { code: 'UPHOLD', vi: 'Công nhận quyết định lần đầu', en: 'Round 2 upholds the first decision' },
  { code: 'AMEND', vi: 'Sửa đổi, hủy bỏ quyết định lần đầu', en: 'Round 2 amends or cancels' },
] as const satisfies readonly CodeEntry[];

/** State of enforcing a settlement decision. */
export const ENFORCEMENT_STATES = [
  { code: 'NOT_STARTED', vi: 'Chưa thực hiện', en: 'Not started' },
  { code: 'IN_PROGRESS', vi: 'Đang thực hiện', en: 'In progress' },
  { code: 'DONE', vi: 'Đã thực hiện xong', en: 'Done' },
] as const satisfies readonly CodeEntry[];

/** Every code list by name, for documentation, the dashboard and mapping lookups. */
export const CODE_LISTS = {
  kind: PETITION_KINDS,
  channel: CHANNELS,
  receptionKind: RECEPTION_KINDS,
  idDocumentType: ID_DOCUMENT_TYPES,
  sex: SEXES,
  petitionerKind: PETITIONER_KINDS,
  fieldArea: FIELD_AREAS,
  handlingOutcome: HANDLING_OUTCOMES,
  settlementResult: SETTLEMENT_RESULTS,
  enforcementState: ENFORCEMENT_STATES,
} as const;

/** Vietnamese label of a code in a list, or the code itself when unknown. */
export function labelOf(list: readonly CodeEntry[], code: string): string {
  return list.find((e) => e.code === code)?.vi ?? code;
}
