// What the soap-xml adapter sends: SOAP 1.1 and 1.2 envelopes and headers, the WS-Security
// UsernameToken (PasswordText and PasswordDigest), HTTP Basic, plain-XML GET with a query,
// XML-escaped placeholders, and config rules checked before any request.
import nock from 'nock';
import xml2js from 'xml2js';
import { afterEach, describe, expect, it } from 'vitest';
import { passwordDigest, soapXmlAdapter } from '../../../../adapters/soap-xml/index.ts';
import { HubError } from '../../../../src/lib/errors.ts';
import {
  BASE,
  SECRET,
  collect,
  hanoiConfig,
  makeCtx,
  rec,
  serve,
  storeOf,
} from './fake-service.ts';

afterEach(() => {
  nock.cleanAll();
});

type Tree = Record<string, unknown>;
const at = (tree: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((v, k) => (v as Tree | undefined)?.[k], tree);
const parse = (xml: string): Promise<unknown> =>
  xml2js.parseStringPromise(xml, {
    explicitArray: false,
    tagNameProcessors: [xml2js.processors.stripPrefix],
  });

describe('envelopes', () => {
  it('SOAP 1.1: text/xml, quoted SOAPAction, the 1.1 namespace, PasswordText token', async () => {
    const seen = serve(storeOf([rec(1, '08:00:00')]));
    await collect(soapXmlAdapter.pull(makeCtx(hanoiConfig()), null));
    const req = seen[0];
    expect(req?.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(req?.headers['soapaction']).toBe('"http://thanhtra.hanoi.gov.vn/kntc/LayDanhSachDon"');
    expect(req?.body).toContain('xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"');
    const token = at(
      await parse(req?.body ?? ''),
      'Envelope',
      'Header',
      'Security',
      'UsernameToken',
    );
    expect(at(token, 'Username')).toBe('hub');
    expect(at(token, 'Password', '_')).toBe(SECRET);
    expect(String(at(token, 'Password', '$', 'Type'))).toMatch(/#PasswordText$/);
  });

  it('SOAP 1.2: application/soap+xml with the action parameter, PasswordDigest token that verifies', async () => {
    const seen = serve(storeOf([rec(1, '08:00:00')]), '1.2');
    const config = hanoiConfig({
      protocol: 'soap1.2',
      auth: {
        type: 'wsse',
        username: 'hub',
        secretEnv: 'HANOI_PASSWORD',
        passwordType: 'PasswordDigest',
      },
    });
    const batches = await collect(soapXmlAdapter.pull(makeCtx(config), null));
    expect(batches).toHaveLength(1);
    const req = seen[0];
    expect(req?.headers['content-type']).toBe(
      'application/soap+xml; charset=utf-8; action="http://thanhtra.hanoi.gov.vn/kntc/LayDanhSachDon"',
    );
    expect(req?.body).toContain('xmlns:soap="http://www.w3.org/2003/05/soap-envelope"');
    expect(req?.body).not.toContain(SECRET);
    const token = at(
      await parse(req?.body ?? ''),
      'Envelope',
      'Header',
      'Security',
      'UsernameToken',
    );
    const nonce = Buffer.from(String(at(token, 'Nonce', '_')), 'base64');
    const created = String(at(token, 'Created'));
    expect(nonce).toHaveLength(16);
    expect(Math.abs(Date.parse(created) - Date.now())).toBeLessThan(60_000);
    expect(at(token, 'Password', '_')).toBe(passwordDigest(nonce, created, SECRET));
  });

  it('Basic auth goes in the Authorization header and no Security header is sent', async () => {
    const seen = serve(storeOf([rec(1, '08:00:00')]));
    const config = hanoiConfig({
      auth: { type: 'basic', username: 'hub', secretEnv: 'HANOI_PASSWORD' },
    });
    await collect(soapXmlAdapter.pull(makeCtx(config), null));
    expect(seen[0]?.headers['authorization']).toBe(
      `Basic ${Buffer.from(`hub:${SECRET}`).toString('base64')}`,
    );
    expect(seen[0]?.body).not.toContain('Security');
  });

  it('placeholders are XML-escaped in the body', async () => {
    const seen = serve(storeOf([]));
    const from = { modifiedSince: '2024-03-15T08:00:00+07:00', lastId: 'A&B<1>' };
    await collect(soapXmlAdapter.pull(makeCtx(hanoiConfig()), from));
    expect(seen[0]?.body).toContain('<SauSoDon>A&amp;B&lt;1&gt;</SauSoDon>');
  });

  it('xml-get sends the query template with Basic auth and reads a plain XML answer', async () => {
    const scope = nock(BASE)
      .get('/api/xml/don-thu')
      .query({ trang: '1', soBanGhi: '3' })
      .matchHeader('authorization', `Basic ${Buffer.from(`hub:${SECRET}`).toString('base64')}`)
      .reply(
        200,
        '<?xml version="1.0"?><DanhSachDon><TongSoTrang>1</TongSoTrang><Don><SoDon>HN-1</SoDon><NgayCapNhat>2024-03-15T08:00:00+07:00</NgayCapNhat></Don></DanhSachDon>',
        { 'content-type': 'application/xml' },
      );
    const config = hanoiConfig({
      protocol: 'xml-get',
      endpoint: `${BASE}/api/xml/don-thu`,
      query: {
        tuNgayCapNhat: '{{modifiedSince}}',
        sauSoDon: '{{afterId}}',
        trang: '{{page}}',
        soBanGhi: '{{pageSize}}',
      },
      auth: { type: 'basic', username: 'hub', secretEnv: 'HANOI_PASSWORD' },
      records: 'DanhSachDon.Don',
      totalPages: 'DanhSachDon.TongSoTrang',
    });
    const batches = await collect(soapXmlAdapter.pull(makeCtx(config), null));
    expect(scope.isDone()).toBe(true);
    expect(batches[0]?.records[0]?.sourceRecordId).toBe('HN-1');
    expect(batches[0]?.records[0]?.payload).toEqual({
      SoDon: 'HN-1',
      NgayCapNhat: '2024-03-15T08:00:00+07:00',
    });
  });
});

describe('config rules', () => {
  it('refuses keyset without {{afterId}}, SOAP without soapAction, a missing secret', async () => {
    const noAfter = hanoiConfig({ body: '<X>{{modifiedSince}}</X>' });
    await expect(soapXmlAdapter.check(makeCtx(noAfter))).rejects.toThrow(/afterId/);
    const { soapAction: _drop, ...noAction } = hanoiConfig();
    await expect(soapXmlAdapter.check(makeCtx(noAction))).rejects.toThrow(/soapAction/);
    const ctx = { ...makeCtx(hanoiConfig()), secrets: {} };
    const err: unknown = await soapXmlAdapter.check(ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HubError);
    expect((err as HubError).message).toContain('HANOI_PASSWORD');
  });
});
