/**
 * Realistic petition contents: a summary in Vietnamese, the body complained about, the kind and
 * the field area, drawn from the topic templates and filled with Quy Nhơn places, decision
 * numbers and amounts. Random numbers make two independent letters almost never identical, so
 * identical content is a re-submission signal in tests.
 */
import { QUYNHON_STREETS } from './data/quynhon-streets.ts';
import { QUYNHON_WARDS, type QuyNhonWard } from './data/quynhon-wards.ts';
import {
  COMPANIES,
  PETITION_TOPICS,
  PROJECTS,
  type FieldAreaCode,
  type PetitionKindCode,
  type PetitionTopic,
} from './data/petition-topics.ts';
import { DAY_MS, formatDdMmYyyy, vnDate } from './local-time.ts';
import type { Rng, Weighted } from './rng.ts';

export type { FieldAreaCode, PetitionKindCode } from './data/petition-topics.ts';

/** A generated petition content. */
export interface PetitionContent {
  readonly kind: PetitionKindCode;
  readonly fieldArea: FieldAreaCode;
  readonly summary: string;
  /** Body, company or position complained about; null when none is named. */
  readonly subject: string | null;
}

/** Options of generatePetitionContent. */
export interface PetitionContentOptions {
  /** Instant the letter is written; dates in the text fall before it. */
  readonly referenceMs: number;
  /** Force a kind; otherwise drawn at typical shares. */
  readonly kind?: PetitionKindCode;
  /** The ward the matter arose in; otherwise random. */
  readonly ward?: QuyNhonWard;
}

/** Typical shares of petition kinds at city level. */
export const KIND_WEIGHTS: readonly Weighted<PetitionKindCode>[] = [
  { value: 'KN', weight: 35 },
  { value: 'KNPA', weight: 35 },
  { value: 'TC', weight: 15 },
  { value: 'MIXED', weight: 7 },
  { value: 'TRANH_CHAP', weight: 8 },
];

function placeholders(rng: Rng, ward: QuyNhonWard, referenceMs: number): Record<string, string> {
  const pastDate = vnDate(referenceMs - rng.int(20, 700) * DAY_MS);
  const phuongTen = ward.name;
  const duong = rng.pick(QUYNHON_STREETS);
  const project = rng.pick(PROJECTS).replace('{duong}', duong).replace('{phuongTen}', phuongTen);
  return {
    phuong: `${ward.type === 'Phường' ? 'phường' : 'xã'} ${ward.name}`,
    phuongTen,
    duong,
    duAn: project,
    soQD: `${rng.int(1, 4999)}/QĐ-UBND`,
    ngay: formatDdMmYyyy(pastDate),
    thang: `${pastDate.month}/${pastDate.year}`,
    namNop: String(pastDate.year - rng.int(0, 6)),
    dienTich: `${rng.int(40, 900)},${rng.int(0, 9)} m²`,
    dienTichNho: `${rng.int(2, 25)},${rng.int(0, 9)} m²`,
    rongLoiDi: `${rng.int(1, 3)},${rng.int(0, 9)}`,
    to: String(rng.int(1, 40)),
    kv: String(rng.int(1, 9)),
    thua: String(rng.int(1, 999)),
    toBanDo: String(rng.int(1, 60)),
    soNha: String(rng.int(1, 240)),
    soNha2: String(rng.int(241, 480)),
    soHoSo: `${rng.int(1, 9999)}/${pastDate.year}`,
    soNhanKhau: String(rng.int(2, 9)),
    mucTroCap: `${rng.int(36, 108) * 10}.000`,
    soBanAn: `${rng.int(1, 300)}/${pastDate.year}/DS-ST`,
    soThangCho: String(rng.int(6, 30)),
    mucPhi: `${rng.int(15, 60)}.000`,
    soTienNho: `${rng.int(5, 300)} triệu đồng`,
    soTien: `${rng.int(120, 4800)} triệu đồng`,
    soHo: String(rng.int(3, 60)),
    congTy: rng.pick(COMPANIES),
  };
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

type SingleKind = Exclude<PetitionKindCode, 'MIXED'>;

const TOPICS_BY_KIND = new Map<SingleKind, Weighted<PetitionTopic>[]>();
for (const topic of PETITION_TOPICS) {
  const list = TOPICS_BY_KIND.get(topic.kind) ?? [];
  list.push({ value: topic, weight: topic.weight });
  TOPICS_BY_KIND.set(topic.kind, list);
}

function pickTopic(rng: Rng, kind: SingleKind): PetitionTopic {
  return rng.weighted(TOPICS_BY_KIND.get(kind) ?? []);
}

/** Generates one petition content. */
export function generatePetitionContent(
  rng: Rng,
  options: PetitionContentOptions,
): PetitionContent {
  const kind = options.kind ?? rng.weighted(KIND_WEIGHTS);
  const values = placeholders(rng, options.ward ?? rng.pick(QUYNHON_WARDS), options.referenceMs);
  if (kind !== 'MIXED') {
    const topic = pickTopic(rng, kind);
    const subject = topic.subject === null ? null : fill(topic.subject, values);
    return { kind, fieldArea: topic.fieldArea, summary: fill(topic.summary, values), subject };
  }
  const complaint = pickTopic(rng, 'KN');
  const denunciation = pickTopic(rng, 'TC');
  const first = fill(complaint.summary, values).replace(/\.$/, '');
  const second = fill(denunciation.summary, values).replace(/^Tố cáo /, '');
  return {
    kind,
    fieldArea: complaint.fieldArea,
    summary: `${first}; đồng thời tố cáo ${second}`,
    subject: complaint.subject === null ? null : fill(complaint.subject, values),
  };
}
