// End to end without mocks: the soap-xml adapter pulls the Hà Nội simulator listening on
// 127.0.0.1 (SOAP 1.2 with a WS-Security PasswordDigest, and plain XML with Basic), and every
// record it yields maps with mappings/hanoi-kntc.yaml or is rejected for a planted data error.
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdapterContext, RawBatch } from '../../adapters/contract.ts';
import { soapXmlAdapter, type SoapXmlConfig } from '../../adapters/soap-xml/index.ts';
import { validatePetition } from '../../src/core/validate-petition.ts';
import { loadMappingFile } from '../../src/mapping/index.ts';
import { buildHanoiSimulator, type HanoiSimulator } from '../../src/simulators/hanoi/index.ts';

let sim: HanoiSimulator;
let base = '';

beforeAll(async () => {
  sim = buildHanoiSimulator({
    credentials: { username: 'hub', password: 's3cret' },
    seed: 5,
    initialRecords: 230,
  });
  await sim.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(sim.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await sim.close();
});

const ctx = (config: SoapXmlConfig): AdapterContext<SoapXmlConfig> => ({
  sourceId: 'hanoi-kntc',
  config,
  secrets: { HANOI_PASSWORD: 's3cret' },
  log: pino({ level: 'silent' }),
  signal: new AbortController().signal,
});

async function drain(config: SoapXmlConfig): Promise<RawBatch[]> {
  const out: RawBatch[] = [];
  for await (const b of soapXmlAdapter.pull(ctx(config), null)) out.push(b);
  return out;
}

describe('soap-xml ↔ Hà Nội simulator over HTTP', () => {
  it('SOAP 1.2 + PasswordDigest: every record once, and they map', async () => {
    const config: SoapXmlConfig = {
      endpoint: `${base}/KNTCService.asmx`,
      protocol: 'soap1.2',
      soapAction: 'http://thanhtra.hanoi.gov.vn/kntc/LayDanhSachDon',
      body: '<LayDanhSachDon xmlns="http://thanhtra.hanoi.gov.vn/kntc/"><TuNgayCapNhat>{{modifiedSince}}</TuNgayCapNhat><SauSoDon>{{afterId}}</SauSoDon><Trang>{{page}}</Trang><SoBanGhi>{{pageSize}}</SoBanGhi></LayDanhSachDon>',
      keyset: true,
      auth: {
        type: 'wsse',
        username: 'hub',
        secretEnv: 'HANOI_PASSWORD',
        passwordType: 'PasswordDigest',
      },
      records: 'Envelope.Body.LayDanhSachDonResponse.KetQua.Don',
      totalPages: 'Envelope.Body.LayDanhSachDonResponse.KetQua.TongSoTrang',
      record: { id: 'SoDon', modified: 'NgayCapNhat' },
      pageSize: 50,
    };
    await expect(soapXmlAdapter.check(ctx(config))).resolves.toBeUndefined();
    const batches = await drain(config);
    const ids = batches.flatMap((b) => b.records.map((r) => r.sourceRecordId));
    expect(ids).toHaveLength(230);
    expect(new Set(ids).size).toBe(230);
    const mapping = await loadMappingFile('mappings/hanoi-kntc.yaml');
    let ok = 0;
    for (const r of batches.flatMap((b) => b.records)) {
      const m = mapping.map(r.payload, { sourceId: 'hanoi-kntc' });
      const v = m.ok ? validatePetition(m.value) : m;
      if (v.ok) ok += 1;
      else
        for (const e of v.errors)
          expect(['KNTC_RECORD_BAD_DATE', 'KNTC_RECORD_UNKNOWN_CODE']).toContain(e.code);
    }
    expect(ok).toBeGreaterThan(200);
  });

  it('plain XML over GET with Basic, resuming from a saved cursor', async () => {
    const config: SoapXmlConfig = {
      endpoint: `${base}/api/xml/don-thu`,
      protocol: 'xml-get',
      query: {
        tuNgayCapNhat: '{{modifiedSince}}',
        sauSoDon: '{{afterId}}',
        trang: '{{page}}',
        soBanGhi: '{{pageSize}}',
      },
      keyset: true,
      auth: { type: 'basic', username: 'hub', secretEnv: 'HANOI_PASSWORD' },
      records: 'DanhSachDon.Don',
      record: { id: 'SoDon', modified: 'NgayCapNhat' },
      pageSize: 100,
    };
    const first = await drain(config);
    const cursor = first.at(-1)?.cursor ?? null;
    sim.sim.tick();
    const next: RawBatch[] = [];
    for await (const b of soapXmlAdapter.pull(ctx(config), cursor)) next.push(b);
    // One new record and one updated one.
    expect(next.flatMap((b) => b.records)).toHaveLength(2);
  });
});
