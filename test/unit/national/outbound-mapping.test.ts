// The outbound mapping (mappings/outbound/national-v1.yaml): golden canonical petitions and the
// national bodies they must give, every body valid against the contract's schemas, and load
// errors that name the file, the line and the key.
import { readFileSync, readdirSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { HubError } from '../../../src/lib/errors.ts';
import { compileOutbound } from '../../../src/mapping/outbound.ts';
import { STAGE_SCHEMAS, nationalCaseSchema } from '../../../src/national/national-case-schema.ts';
import {
  DEFAULT_OUTBOUND_MAPPING,
  NATIONAL_TARGETS,
  defaultOutbound,
  toNationalCase,
  toStageData,
} from '../../../src/national/outbound.ts';
import type { Petition } from '../../../src/core/petition-schema.ts';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validCase = ajv.compile(nationalCaseSchema);
const validStage = {
  2: ajv.compile(STAGE_SCHEMAS[2]),
  3: ajv.compile(STAGE_SCHEMAS[3]),
  4: ajv.compile(STAGE_SCHEMAS[4]),
  5: ajv.compile(STAGE_SCHEMAS[5]),
};

const GOLDEN = new URL('./golden/', import.meta.url);
const goldens = readdirSync(GOLDEN)
  .filter((f) => f.endsWith('.input.json'))
  .map((f) => f.replace('.input.json', ''));

function read<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, GOLDEN), 'utf8')) as T;
}

describe('outbound mapping national-v1: golden petitions', () => {
  it('has golden cases', () => {
    expect(goldens.length).toBeGreaterThanOrEqual(3);
  });

  for (const name of goldens) {
    it(`shapes ${name} as expected, and as the contract accepts`, () => {
      const input = read<{ hubId: string; record: Petition }>(`${name}.input.json`);
      const expected = read<{ case: unknown; stages: Record<string, unknown> }>(
        `${name}.expected.json`,
      );
      const body = toNationalCase(input.record, { hubId: input.hubId });
      expect(body).toEqual(expected.case);
      expect(validCase(body), JSON.stringify(validCase.errors)).toBe(true);
      const stages: Record<string, unknown> = {};
      for (const stage of [2, 3, 4, 5] as const) {
        const data = toStageData(input.record, stage, { hubId: input.hubId });
        if (data === null) continue;
        stages[stage] = data;
        expect(validStage[stage](data), JSON.stringify(validStage[stage].errors)).toBe(true);
      }
      expect(stages).toEqual(expected.stages);
      expect(JSON.stringify(body)).not.toContain('undefined');
    });
  }
});

describe('outbound mapping: loading', () => {
  const text = readFileSync(DEFAULT_OUTBOUND_MAPPING, 'utf8');
  const load = (yaml: string) =>
    compileOutbound(yaml, 'mappings/outbound/test.yaml', NATIONAL_TARGETS);
  const failure = (yaml: string): HubError => {
    try {
      load(yaml);
    } catch (err) {
      if (err instanceof HubError) return err;
      throw err;
    }
    throw new Error('expected the mapping to be refused');
  };
  const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

  it('is the mapping the hub uses, with its stages in order', () => {
    expect(defaultOutbound()).toMatchObject({
      version: '1.0.0',
      contract: '1.0',
      stages: [2, 3, 4, 5],
    });
    expect(load(text).stages).toEqual([2, 3, 4, 5]);
  });

  it('refuses a national field the contract does not have, at its line', () => {
    const e = failure(text.replace('  loaiDon: { from: kind }', '  loaiDonX: { from: kind }'));
    expect(e.code).toBe('KNTC_MAPPING_INVALID');
    expect(e.message).toContain(
      `mappings/outbound/test.yaml:${lineOf('loaiDon: { from: kind }')} (key case.loaiDonX)`,
    );
    expect(e.message).toContain('"loaiDonX" is not a field of the national case');
  });

  it('refuses a mapping that leaves a required national field without a rule', () => {
    const e = failure(text.replace(/^ {2}tomTatNoiDung: .*\n/m, ''));
    expect(e.message).toContain('the target requires tomTatNoiDung, but no rule writes it');
    const nested = failure(text.replace(/^ {6}hoTen: .*\n/m, ''));
    expect(nested.message).toContain('the target requires nguoiDungDon[n].hoTen');
  });

  it('refuses unknown keys, a yes/no transform on a field that is not yes/no, and bad constants', () => {
    expect(failure(text.replace('target: national', 'target: national\nextra: 1')).message).toMatch(
      /test\.yaml:\d+ \(key extra\): unknown key "extra"/,
    );
    expect(
      failure(
        text.replace(
          '  soNguoiKy: { from: signerCount }',
          '  soNguoiKy: { from: signerCount, atLeast: 5 }',
        ),
      ).message,
    ).toContain('atLeast gives yes/no but the target field cannot hold a boolean');
    expect(
      failure(text.replace('  nguonDon: { from: receipt.channel }', '  nguonDon: { const: FAX }'))
        .message,
    ).toContain(
      `test.yaml:${lineOf('nguonDon: { from: receipt.channel }')} (key case.nguonDon.const)`,
    );
    expect(
      failure(
        text.replace(
          "  '5':\n    when: [settlement.enforcement",
          "  '6':\n    when: [settlement.enforcement",
        ),
      ).message,
    ).toContain('unknown key "6"');
  });

  it('names the field a petition lacks, without its values, when the body cannot be shaped', () => {
    const m = load(text);
    const r = m.caseBody({ provenance: { hubId: 'h', source: 'x', sourceRecordId: 'y' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.field)).toContain('ngayTiepNhan');
    expect(r.errors.find((e) => e.field === 'ngayTiepNhan')?.sourceField).toBe(
      'receipt.receivedAt',
    );
  });
});
