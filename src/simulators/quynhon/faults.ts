/**
 * Rates of the messiness the simulator plants in records, with the defaults the API brief
 * states. Each is a probability in [0, 1]; the unit (per record or per person) is given.
 */

/** Probabilities of each planted fault or quirk. */
export interface RecordFaultRates {
  /** Per record: all its text in decomposed Unicode (NFD). */
  readonly nfd: number;
  /** Per record: "Ð" (U+00D0) typed for "Đ" in all its text. */
  readonly wrongD: number;
  /** Per person: name in upper case without diacritics ("NGUYEN THI HOA"). */
  readonly upperNoDiacritics: number;
  /** Per person name and per summary: stray spaces. */
  readonly extraSpaces: number;
  /** Per record: old tone placement (hòa, thủy) instead of the new one (hoà, thuỷ). */
  readonly oldTonePlacement: number;
  /** Per person: no identity document (loaiGiayTo "", soGiayTo "" or null). */
  readonly missingId: number;
  /** Per person who holds an old 9-digit CMND (born before 1990): gives it instead of the CCCD. */
  readonly oldCmnd: number;
  /** Per record: the same letter re-submitted under a new maDon a few days after an earlier one. */
  readonly resubmission: number;
  /** Per record: one impossible date (31/02/2026) in ngayNhan, ngayVietDon or a ngaySinh. */
  readonly impossibleDate: number;
  /** Per record: loaiDon outside 01–06. */
  readonly unknownLoaiDon: number;
  /** Per record: the first petitioner's hoTen is empty. */
  readonly emptyHoTen: number;
  /** Per record: many-signer petition (soNguoiKy 5–40, 1–3 representatives listed). */
  readonly manySigner: number;
  /** Per denunciation (loaiDon 02): anonymous, no petitioner listed. */
  readonly anonymousDenunciation: number;
  /** Per person: maTinhCu/maHuyenCu/maXaCu all null. */
  readonly missingCodes: number;
  /** Per record: ngayCapNhat equal to the previous record's, to exercise keyset paging ties. */
  readonly sameSecond: number;
}

/** The rates stated in the API brief (and plausible ones where it states none). */
export const DEFAULT_RECORD_FAULT_RATES: RecordFaultRates = {
  nfd: 0.05,
  wrongD: 0.03,
  upperNoDiacritics: 0.05,
  extraSpaces: 0.05,
  oldTonePlacement: 0.3,
  missingId: 0.15,
  oldCmnd: 0.5,
  resubmission: 0.03,
  impossibleDate: 0.02,
  unknownLoaiDon: 0.01,
  emptyHoTen: 0.01,
  manySigner: 0.04,
  anonymousDenunciation: 0.2,
  missingCodes: 0.1,
  sameSecond: 0.05,
};

/** Defaults overridden by the given rates. */
export function resolveFaultRates(rates: Partial<RecordFaultRates> = {}): RecordFaultRates {
  return { ...DEFAULT_RECORD_FAULT_RATES, ...rates };
}
