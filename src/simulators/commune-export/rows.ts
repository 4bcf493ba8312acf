/**
 * Generates the rows of commune petition registers with the mess real ones have: names in
 * capitals without diacritics or with stray spaces, missing CCCD numbers, pre-2025 ward and
 * province names in addresses, impossible dates (31/02), labels the mapping does not know, and
 * the same letter twice (sent again under a new number, or exported again in a later file).
 * Text-level faults that depend on the file's encoding (NFD, "Ð") are applied by the writer.
 */
import {
  DAY_MS,
  QUYNHON_WARDS,
  extraSpaces,
  formatDdMmYyyy,
  formatQuyNhonAddressMessy,
  generatePerson,
  generatePetitionContent,
  upperNoDiacritics,
  vnDate,
  wardAgency,
  createSharedMatterPlanter,
  type QuyNhonWard,
  type Rng,
} from '../synth/index.ts';
import {
  CHANNEL_LABELS,
  FIELD_AREA_LABELS,
  KIND_LABELS,
  UNKNOWN_KIND_LABELS,
  type CommuneExportRow,
} from './columns.ts';

/** How often each planted fault occurs (share of rows). */
export interface CommuneFaultRates {
  readonly missingCccd: number;
  readonly upperNoDiacritics: number;
  readonly extraSpaces: number;
  readonly impossibleDate: number;
  readonly unknownKind: number;
  readonly resent: number;
  readonly reexported: number;
}

/** Default fault rates. */
export const DEFAULT_COMMUNE_FAULTS: CommuneFaultRates = {
  missingCccd: 0.12,
  upperNoDiacritics: 0.05,
  extraSpaces: 0.08,
  impossibleDate: 0.03,
  unknownKind: 0.03,
  resent: 0.04,
  reexported: 0.03,
};

/** Generates rows for one commune; remembers earlier rows to repeat some of them. */
export class CommuneRowFactory {
  private serial: number;
  private readonly earlier: CommuneExportRow[] = [];
  // Some new letters are matters the same citizen also sent to other offices (shared-matters.ts).
  private readonly planter = createSharedMatterPlanter();
  readonly ward: QuyNhonWard;

  constructor(
    private readonly rng: Rng,
    private readonly faults: CommuneFaultRates = DEFAULT_COMMUNE_FAULTS,
    ward?: QuyNhonWard,
  ) {
    this.ward = ward ?? rng.pick(QUYNHON_WARDS);
    this.serial = rng.int(10, 300);
  }

  /** `count` rows received in the days before nowMs, numbered from STT 1. */
  rows(count: number, nowMs: number): CommuneExportRow[] {
    const out: CommuneExportRow[] = [];
    for (let i = 0; i < count; i += 1) {
      const receivedMs = nowMs - this.rng.int(0, 20) * DAY_MS;
      const row = { ...this.next(receivedMs), STT: i + 1 };
      out.push(row);
      this.earlier.push(row);
    }
    return out;
  }

  private next(receivedMs: number): CommuneExportRow {
    const previous = this.earlier.length > 0 ? this.rng.pick(this.earlier) : undefined;
    if (previous !== undefined && this.rng.chance(this.faults.reexported)) return previous;
    if (previous !== undefined && this.rng.chance(this.faults.resent)) {
      return {
        ...previous,
        'Số đơn': this.nextNumber(receivedMs),
        'Ngày nhận': this.date(receivedMs),
      };
    }
    return this.fresh(receivedMs);
  }

  private fresh(receivedMs: number): CommuneExportRow {
    const { rng, faults, ward } = this;
    const year = vnDate(receivedMs).year;
    const shared = this.planter.next();
    const drawnPerson = generatePerson(rng, { referenceYear: year, ward });
    const drawnContent = generatePetitionContent(rng, { referenceMs: receivedMs - DAY_MS, ward });
    const person = shared?.person ?? drawnPerson;
    const content = shared?.content ?? drawnContent;
    const agency = wardAgency(ward);
    const many = rng.chance(0.05);
    let name = person.name.fullName;
    if (rng.chance(faults.upperNoDiacritics)) name = upperNoDiacritics(name);
    if (rng.chance(faults.extraSpaces)) name = extraSpaces(rng, name);
    return {
      STT: 0,
      'Số đơn': this.nextNumber(receivedMs),
      'Ngày nhận': this.date(receivedMs),
      'Họ tên người gửi': name,
      'Số CCCD': rng.chance(faults.missingCccd) ? '' : person.cccd,
      'Năm sinh': person.birthDate.year,
      'Giới tính': rng.chance(0.05) ? '' : person.sex === 'F' ? 'Nữ' : 'Nam',
      'Địa chỉ': formatQuyNhonAddressMessy(rng, person.address),
      'Loại đơn': rng.chance(faults.unknownKind)
        ? rng.pick(UNKNOWN_KIND_LABELS)
        : KIND_LABELS[content.kind],
      'Nguồn đơn': rng.weighted(CHANNEL_LABELS),
      'Lĩnh vực': FIELD_AREA_LABELS[content.fieldArea],
      'Nội dung': content.summary,
      'Số người ký': many ? rng.int(5, 40) : 1,
      'Mã cơ quan': agency.ma,
      'Cơ quan tiếp nhận': agency.ten,
    };
  }

  private nextNumber(receivedMs: number): string {
    this.serial += 1;
    return `${this.ward.code}-${vnDate(receivedMs).year}-${String(this.serial).padStart(4, '0')}`;
  }

  private date(receivedMs: number): string {
    const date = formatDdMmYyyy(vnDate(receivedMs));
    if (!this.rng.chance(this.faults.impossibleDate)) return date;
    return `${this.rng.pick(['31/02', '30/02', '31/04', '31/06', '31/09', '31/11'])}${date.slice(5)}`;
  }
}
