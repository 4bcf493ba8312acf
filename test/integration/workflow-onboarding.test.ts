// Proves the worked example of docs/onboarding.md: its deployment entry and mapping, read from
// the doc itself, connect a never-seen REST API (served here from the doc's sample answer by a
// tiny Fastify app on port 0) with no code change, and map its records as the doc says.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTER_SCHEMAS, adapterFor } from '../../adapters/index.ts';
import { checkConfig, type ResolvedSource } from '../../src/config/load-config.ts';
import { checkMappings, previewMapping, testSource } from '../../src/workflow/index.ts';
import { silent } from './workflow-fixtures.ts';

const TOKEN = 'onboarding-token';

/** The fenced blocks of the doc marked `<!-- example: name -->`. */
async function docExamples(): Promise<Map<string, string>> {
  const doc = await readFile('docs/onboarding.md', 'utf8');
  const blocks = new Map<string, string>();
  for (const m of doc.matchAll(/<!-- example: ([\w-]+) -->\s*```\w+\n([\s\S]*?)```/g)) {
    blocks.set(m[1] ?? '', m[2] ?? '');
  }
  return blocks;
}

interface Item {
  soHoSo: string;
  thoiGianCapNhat: string;
}

/** The An Nhơn list API: sorted by (thoiGianCapNhat, soHoSo), keyset after (updatedFrom, afterCode). */
function fakeAnNhon(items: readonly Item[]): FastifyInstance {
  const app = Fastify();
  const sorted = [...items].sort(
    (a, b) =>
      Date.parse(a.thoiGianCapNhat) - Date.parse(b.thoiGianCapNhat) ||
      a.soHoSo.localeCompare(b.soHoSo),
  );
  app.addHook('onRequest', async (req, reply) => {
    if (req.headers.authorization !== `Bearer ${TOKEN}`)
      return reply.code(401).send({ message: 'token' });
  });
  app.get('/api/tcd/trang-thai', () => ({ ok: true }));
  app.get<{ Querystring: Record<string, string | undefined> }>('/api/tcd/don-thu', (req) => {
    const q = req.query;
    const page = Number(q['page'] ?? 1);
    const limit = Number(q['limit'] ?? 100);
    const from = q['updatedFrom'] === undefined ? null : Date.parse(q['updatedFrom']);
    const after = q['afterCode'];
    const rest = sorted.filter((r) => {
      if (from === null) return true;
      const t = Date.parse(r.thoiGianCapNhat);
      return after === undefined ? t >= from : t > from || (t === from && r.soHoSo > after);
    });
    return {
      data: {
        pages: Math.ceil(rest.length / limit),
        items: rest.slice((page - 1) * limit, page * limit),
      },
    };
  });
  return app;
}

describe('docs/onboarding.md worked example', () => {
  let app: FastifyInstance;
  let dir: string;
  let source: ResolvedSource;

  beforeAll(async () => {
    const blocks = await docExamples();
    const answer = JSON.parse(blocks.get('sample-answer') ?? 'null') as { data: { items: Item[] } };
    const entries = parseYaml(blocks.get('config-entry') ?? '') as {
      config: Record<string, unknown>;
    }[];
    const entry = entries[0];
    if (entry === undefined) throw new Error('no config entry in the doc');
    app = fakeAnNhon(answer.data.items);
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    dir = await mkdtemp(path.join(tmpdir(), 'kntc-onboarding-'));
    await mkdir(path.join(dir, 'mappings'));
    await writeFile(path.join(dir, 'mappings', 'annhon-tcd.yaml'), blocks.get('mapping') ?? '');
    const doc = {
      national: { baseUrl: 'http://127.0.0.1:9', clientId: 'x', secretEnv: 'N_SECRET' },
      sources: [{ ...entry, config: { ...entry.config, baseUrl: url } }],
    };
    const config = checkConfig(doc, path.join(dir, 'config', 'hub.yaml'), ADAPTER_SCHEMAS, {
      N_SECRET: 'n',
      ANNHON_TCD_TOKEN: TOKEN,
    });
    source = config.sources[0] ?? (undefined as never);
  });
  afterAll(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('has the three example blocks', async () => {
    expect([...(await docExamples()).keys()].sort()).toEqual([
      'config-entry',
      'mapping',
      'sample-answer',
    ]);
  });

  it('the mapping loads (mapping check)', async () => {
    const report = await checkMappings(path.join(dir, 'mappings'), path.join(dir, 'fixtures'));
    expect(report.files.map((f) => [f.source, f.ok, f.error?.message])).toEqual([
      ['annhon-tcd', true, undefined],
    ]);
  });

  it('sources test: reachable, one page, 2 of 3 mapped', async () => {
    const report = await testSource({ adapterFor, log: silent }, source);
    expect(report.steps.map((s) => s.status)).toEqual(['ok', 'ok', 'ok', 'warning']);
    expect(report.steps[3]?.summary).toContain('2 of 3 record(s) mapped');
  });

  it('mapping preview maps the records as the doc says', async () => {
    const preview = await previewMapping({ adapterFor, log: silent }, source, { limit: 3 });
    const [first, second, third] = preview.records;
    expect(preview.records.map((r) => r.sourceRecordId)).toEqual([
      'AN-2026-0001',
      'AN-2026-0002',
      'AN-2026-0003',
    ]);
    expect(first?.canonical).toMatchObject({
      kind: 'KN',
      receipt: { receivedAt: '2026-10-15', channel: 'DIRECT', agency: { code: 'UBND-TXAN' } },
      content: { fieldArea: 'ADMIN_LAND_HOUSING' },
      confidentiality: { protectIdentity: false },
      petitioners: [
        {
          kind: 'PERSON',
          name: 'Trần Văn Bình',
          phone: '02563835123',
          idDocument: { type: 'CCCD', number: '052090001234' },
          address: { text: 'Thôn Thanh Giang, xã Nhơn Hạnh' },
        },
      ],
      provenance: { source: 'annhon-tcd', sourceRecordId: 'AN-2026-0001', mappingVersion: '1.0.0' },
    });
    expect(second?.canonical).toMatchObject({
      kind: 'TC',
      receipt: { channel: 'POST' },
      confidentiality: { protectIdentity: true },
      content: { fieldArea: 'CORRUPTION' },
      petitioners: [{ name: 'Lê Thị Hoa', phone: '0905111222' }],
    });
    expect(second?.canonical?.petitioners[0]).not.toHaveProperty('idDocument');
    expect(third?.canonical).toBeNull();
    expect(third?.errors).toEqual([
      expect.objectContaining({
        field: 'receipt.receivedAt',
        sourceField: 'ngayTiepNhan',
        code: 'KNTC_RECORD_BAD_DATE',
      }),
    ]);
  });
});
