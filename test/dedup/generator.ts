/**
 * The labelled dedup generator: synthetic Quy Nhơn petitions with the truth kept beside them.
 * Matters (one per true case) are written by people drawn at realistic name frequencies; some
 * people write about several matters, some are namesakes living in the same ward, some letters
 * are anonymous. Each matter is received 1–4 times (commune, city, province, the same source
 * again) over weeks to months, each copy rendered with the faults of render.ts.
 */
import type { Petition, Petitioner } from '../../src/core/petition-schema.ts';
import type { PetitionInput } from '../../src/core/matching/engine.ts';
import {
  createRng,
  DAY_MS,
  formatIsoDate,
  generatePerson,
  generatePetitionContent,
  vnDate,
  type PetitionContent,
  type Rng,
  type SynthPerson,
} from '../../src/simulators/synth/index.ts';
import { pickTextStyle, renderPetitioner, retype } from './render.ts';

/** A generated petition with its truth. */
export interface LabelledPetition {
  readonly input: PetitionInput & { readonly record: Petition };
  /** True case id (the matter). */
  readonly truthCase: string;
  /** True person id of each petitioner, in order. */
  readonly truthPersons: readonly string[];
  /** Source system that sent this copy. */
  readonly source: string;
}

/** Options of the generator. */
export interface GeneratorOptions {
  readonly seed: number;
  readonly matters: number;
}

const SOURCES = ['quynhon-web', 'binhdinh-province', 'ward-nhon-binh', 'citizen-portal'];
const START = Date.UTC(2025, 0, 1);

interface Person {
  readonly id: string;
  readonly synth: SynthPerson;
}

interface Matter {
  readonly id: string;
  readonly people: readonly Person[];
  readonly content: PetitionContent;
  readonly receivedMs: number;
  readonly anonymous: boolean;
}

function namesake(rng: Rng, of: SynthPerson): SynthPerson {
  for (let i = 0; i < 50; i++) {
    const p = generatePerson(rng, { referenceYear: 2025, ward: of.address.ward });
    if (p.sex === of.sex) return { ...p, name: of.name };
  }
  return { ...generatePerson(rng, { referenceYear: 2025 }), name: of.name, sex: of.sex };
}

function pickPeople(rng: Rng, pool: Person[]): Person[] {
  const count = rng.chance(0.1) ? rng.int(2, 3) : 1;
  const people: Person[] = [];
  while (people.length < count) {
    let person: Person;
    if (pool.length > 0 && rng.chance(0.2))
      person = rng.pick(pool); // same person, another matter
    else if (pool.length > 0 && rng.chance(0.06)) {
      person = { id: `P${pool.length}`, synth: namesake(rng, rng.pick(pool).synth) };
      pool.push(person);
    } else {
      person = { id: `P${pool.length}`, synth: generatePerson(rng, { referenceYear: 2025 }) };
      pool.push(person);
    }
    if (!people.includes(person)) people.push(person);
  }
  return people;
}

function makeMatter(rng: Rng, index: number, pool: Person[]): Matter {
  const receivedMs = START + rng.int(0, 540) * DAY_MS;
  const content = generatePetitionContent(rng, { referenceMs: receivedMs });
  const anonymous = content.kind === 'TC' && rng.chance(0.15);
  return {
    id: `C${index}`,
    people: anonymous ? [] : pickPeople(rng, pool),
    content,
    receivedMs,
    anonymous,
  };
}

function copyCount(rng: Rng): number {
  const roll = rng.next();
  return roll < 0.55 ? 1 : roll < 0.8 ? 2 : roll < 0.92 ? 3 : 4;
}

function render(
  rng: Rng,
  m: Matter,
  copy: number,
  source: string,
  exactOf: Petition | null,
): Petition {
  const receivedMs = m.receivedMs + (copy === 0 ? 0 : rng.int(2, 150) * DAY_MS);
  if (exactOf !== null) {
    return {
      ...exactOf,
      receipt: { ...exactOf.receipt, receivedAt: formatIsoDate(vnDate(receivedMs)) },
    };
  }
  const style = pickTextStyle(rng);
  const summary = copy === 0 ? m.content.summary : retype(rng, m.content.summary);
  const petitioners: Petitioner[] = m.people.map((p) => renderPetitioner(rng, p.synth, style));
  return {
    schemaVersion: '1.0',
    provenance: { source, sourceRecordId: `${source}-${m.id}-${copy}` },
    receipt: {
      receivedAt: formatIsoDate(vnDate(receivedMs)),
      agency: { code: source },
      channel: 'POST',
    },
    petitioners,
    signerCount: petitioners.length,
    ...(m.anonymous ? { anonymous: true } : {}),
    kind: m.content.kind,
    content: {
      summary: style(summary),
      ...(m.content.subject === null ? {} : { subject: style(m.content.subject) }),
      ...(rng.chance(0.1) ? {} : { fieldArea: m.content.fieldArea }),
    },
    confidentiality: { protectIdentity: m.content.kind === 'TC' },
  };
}

/** Generates labelled petitions in order of receipt. */
export function generateLabelled(options: GeneratorOptions): LabelledPetition[] {
  const rng = createRng(options.seed);
  const pool: Person[] = [];
  const out: { at: string; p: LabelledPetition }[] = [];
  for (let i = 0; i < options.matters; i++) {
    const m = makeMatter(rng, i, pool);
    let previous: Petition | null = null;
    let previousSource = '';
    const copies = copyCount(rng);
    for (let c = 0; c < copies; c++) {
      // Now and then the very same source sends the very same letter again.
      const resend = previous !== null && rng.chance(0.15);
      const source = resend ? previousSource : rng.pick(SOURCES);
      const record = render(rng, m, c, source, resend ? previous : null);
      const hubId = `00000000-0000-4000-8000-${String(out.length).padStart(12, '0')}`;
      const rec: Petition = {
        ...record,
        provenance: { ...record.provenance, sourceRecordId: `${source}-${m.id}-${c}`, hubId },
      };
      out.push({
        at: `${rec.receipt.receivedAt}|${String(out.length).padStart(8, '0')}`,
        p: {
          input: { hubId, source, record: rec },
          truthCase: m.id,
          truthPersons: m.people.map((p) => p.id),
          source,
        },
      });
      previous = rec;
      previousSource = source;
    }
  }
  return out.sort((a, b) => (a.at < b.at ? -1 : 1)).map((x) => x.p);
}
