// The Hà Nội XML web service simulator through app.inject: SOAP 1.1 and 1.2, WSDL, plain-XML
// GET, Basic and WS-Security (text and digest, freshness), keyset paging, planted Server
// faults; and the generator's determinism and messiness.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildHanoiSimulator,
  generateHanoiRecords,
  LAY_DANH_SACH_DON_ACTION,
  type HanoiSimulator,
} from '../../../src/simulators/hanoi/index.ts';

const NOW = new Date('2025-03-01T03:00:00Z');
const creds = { username: 'hub', password: 'pw-hanoi' };
const basic = `Basic ${Buffer.from('hub:pw-hanoi').toString('base64')}`;
let app: HanoiSimulator | null = null;

afterEach(async () => {
  await app?.close();
  app = null;
});

const build = (extra: Partial<Parameters<typeof buildHanoiSimulator>[0]> = {}) =>
  (app = buildHanoiSimulator({
    credentials: creds,
    seed: 3,
    initialRecords: 25,
    now: () => NOW,
    ...extra,
  }));

const ns11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const ns12 = 'http://www.w3.org/2003/05/soap-envelope';

function token(
  kind: 'text' | 'digest',
  password = creds.password,
  created = NOW.toISOString(),
): string {
  const profile =
    'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0';
  if (kind === 'text') {
    return `<wsse:UsernameToken><wsse:Username>hub</wsse:Username><wsse:Password Type="${profile}#PasswordText">${password}</wsse:Password></wsse:UsernameToken>`;
  }
  const nonce = Buffer.from('0123456789abcdef');
  const digest = createHash('sha1')
    .update(Buffer.concat([nonce, Buffer.from(created + password)]))
    .digest('base64');
  return `<wsse:UsernameToken><wsse:Username>hub</wsse:Username><wsse:Password Type="${profile}#PasswordDigest">${digest}</wsse:Password><wsse:Nonce>${nonce.toString('base64')}</wsse:Nonce><wsu:Created>${created}</wsu:Created></wsse:UsernameToken>`;
}

function soap(ns: string, params: string, header = ''): string {
  const security =
    header === ''
      ? ''
      : `<soap:Header><wsse:Security xmlns:wsse="x" xmlns:wsu="y">${header}</wsse:Security></soap:Header>`;
  return `<?xml version="1.0"?><soap:Envelope xmlns:soap="${ns}">${security}<soap:Body><LayDanhSachDon xmlns="http://thanhtra.hanoi.gov.vn/kntc/">${params}</LayDanhSachDon></soap:Body></soap:Envelope>`;
}

const post11 = (a: HanoiSimulator, body: string, headers: Record<string, string> = {}) =>
  a.inject({
    method: 'POST',
    url: '/KNTCService.asmx',
    headers: {
      'content-type': 'text/xml; charset=utf-8',
      soapaction: `"${LAY_DANH_SACH_DON_ACTION}"`,
      ...headers,
    },
    payload: body,
  });

const ids = (xml: string): string[] =>
  [...xml.matchAll(/<SoDon>([^<]+)<\/SoDon>/g)].map((m) => m[1] ?? '');

describe('Hà Nội simulator', () => {
  it('serves SOAP 1.1 with a PasswordText token, in (NgayCapNhat, SoDon) order', async () => {
    const res = await post11(
      build(),
      soap(ns11, '<Trang>1</Trang><SoBanGhi>10</SoBanGhi>', token('text')),
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/xml');
    expect(res.body).toContain('<LayDanhSachDonResponse');
    expect(ids(res.body)).toHaveLength(10);
    expect(res.body).toContain('<TongSoBanGhi>25</TongSoBanGhi><TongSoTrang>3</TongSoTrang>');
  });

  it('serves SOAP 1.2 with a PasswordDigest token; refuses a stale or wrong one with a fault', async () => {
    const a = build();
    const post12 = (header: string) =>
      a.inject({
        method: 'POST',
        url: '/KNTCService.asmx',
        headers: {
          'content-type': `application/soap+xml; charset=utf-8; action="${LAY_DANH_SACH_DON_ACTION}"`,
        },
        payload: soap(ns12, '<SoBanGhi>5</SoBanGhi>', header),
      });
    const ok = await post12(token('digest'));
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toContain('application/soap+xml');
    expect(ids(ok.body)).toHaveLength(5);
    const stale = await post12(token('digest', creds.password, '2025-03-01T02:00:00Z'));
    expect(stale.body).toContain('wsse:FailedAuthentication');
    expect((await post12(token('digest', 'sai'))).body).toContain('soap:Sender');
  });

  it('accepts HTTP Basic; without credentials answers 401', async () => {
    const a = build();
    expect((await post11(a, soap(ns11, ''), { authorization: basic })).statusCode).toBe(200);
    expect((await post11(a, soap(ns11, ''))).statusCode).toBe(401);
  });

  it('keyset paging: strictly after (TuNgayCapNhat, SauSoDon), walking the whole list once', async () => {
    const a = build();
    const seen: string[] = [];
    let since = '';
    let after = '';
    for (let i = 0; i < 20; i++) {
      const res = await post11(
        a,
        soap(
          ns11,
          `<TuNgayCapNhat>${since}</TuNgayCapNhat><SauSoDon>${after}</SauSoDon><SoBanGhi>7</SoBanGhi>`,
        ),
        { authorization: basic },
      );
      const page = ids(res.body);
      if (page.length === 0) break;
      seen.push(...page);
      since = [...res.body.matchAll(/<NgayCapNhat>([^<]+)</g)].at(-1)?.[1] ?? '';
      after = page.at(-1) ?? '';
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
  });

  it('answers a Server fault when the planted error rate hits, and a Client fault on bad input', async () => {
    const a = build({ faults: { errorRate: 1 } });
    const busy = await post11(a, soap(ns11, ''), { authorization: basic });
    expect(busy.statusCode).toBe(500);
    expect(busy.body).toContain('<faultcode>soap:Server</faultcode>');
    a.sim.setFaults({ errorRate: 0 });
    const bad = await post11(a, soap(ns11, '<TuNgayCapNhat>hôm qua</TuNgayCapNhat>'), {
      authorization: basic,
    });
    expect(bad.body).toContain('<faultcode>soap:Client</faultcode>');
  });

  it('serves a WSDL and the plain-XML list', async () => {
    const a = build();
    const wsdl = await a.inject({ method: 'GET', url: '/KNTCService.asmx?wsdl' });
    expect(wsdl.body).toContain(`soapAction="${LAY_DANH_SACH_DON_ACTION}"`);
    const list = await a.inject({
      method: 'GET',
      url: '/api/xml/don-thu?soBanGhi=4',
      headers: { authorization: basic },
    });
    expect(list.statusCode).toBe(200);
    expect(list.body).toMatch(/^<\?xml[^>]*\?><DanhSachDon/);
    expect(ids(list.body)).toHaveLength(4);
  });

  it('live tick adds and updates records', () => {
    const a = build();
    expect(a.sim.tick()).toEqual({ added: 1, updated: 1 });
    expect(a.sim.store.all()).toHaveLength(26);
  });
});

describe('generateHanoiRecords', () => {
  const records = generateHanoiRecords(2000, { seed: 11, now: NOW });

  it('is deterministic for a seed', () => {
    expect(generateHanoiRecords(2000, { seed: 11, now: NOW })).toEqual(records);
    expect(generateHanoiRecords(50, { seed: 12, now: NOW })).not.toEqual(records.slice(0, 50));
  });

  it('plants the messiness of the real system at about the documented rates', () => {
    const share = (n: number) => n / records.length;
    const impossible = records.filter((r) =>
      /^(3[01]\/0?[24]|29\/02\/2023|00\/)/.test(r.ngayNhanDon),
    ).length;
    expect(share(impossible)).toBeGreaterThan(0.01);
    expect(share(impossible)).toBeLessThan(0.035);
    const unknown = records.filter((r) => r.loaiDon.ma === '09').length;
    expect(share(unknown)).toBeGreaterThan(0.003);
    expect(share(unknown)).toBeLessThan(0.02);
    const senders = records.flatMap((r) => r.nguoiGui);
    expect(senders.some((s) => s.hoTen !== s.hoTen.normalize('NFC'))).toBe(true);
    expect(senders.some((s) => s.soCCCD === null)).toBe(true);
    const hanoiBorn = senders.filter((s) => s.soCCCD?.startsWith('001')).length;
    expect(hanoiBorn / senders.filter((s) => s.soCCCD !== null).length).toBeGreaterThan(0.6);
    expect(senders.every((s) => s.diaChi === null || s.diaChi.maTinh === '01')).toBe(true);
    const summaries = records.map((r) => r.noiDungDon);
    expect(new Set(summaries).size).toBeLessThan(summaries.length); // re-submissions
  });
});
