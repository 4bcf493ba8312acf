// Diagnoses of the soap-xml adapter: SOAP faults (1.1 and 1.2), HTTP errors, timeouts, the
// network, malformed and truncated XML, DTDs and entities (XXE, billion laughs), a 50 MB field
// and an oversized document. Every failure is a HubError with a stable code and never a secret.
import { Readable } from 'node:stream';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { soapXmlAdapter, type SoapXmlConfig } from '../../../../adapters/soap-xml/index.ts';
import { HubError } from '../../../../src/lib/errors.ts';
import { BASE, PATH, SECRET, collect, hanoiConfig, idsOf, makeCtx, rec } from './fake-service.ts';
import { envelope } from '../../../../src/simulators/hanoi/soap.ts';
import { renderRecord } from '../../../../src/simulators/hanoi/render-xml.ts';

afterEach(() => {
  nock.cleanAll();
});

async function failure(promise: Promise<unknown>): Promise<HubError> {
  const err: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof HubError)) throw new Error(`expected a HubError, got ${String(err)}`);
  expect(err.message).not.toContain(SECRET);
  return err;
}

const pull = (config: SoapXmlConfig = hanoiConfig()) =>
  collect(soapXmlAdapter.pull(makeCtx(config), null));
const answer = (status: number, body: string | Readable, type = 'text/xml; charset=utf-8') =>
  nock(BASE)
    .post(PATH)
    .reply(status, () => body, { 'content-type': type });
const page = (inner: string) =>
  envelope(
    '1.1',
    `<LayDanhSachDonResponse xmlns="http://thanhtra.hanoi.gov.vn/kntc/"><KetQua>${inner}</KetQua></LayDanhSachDonResponse>`,
  );
const fault11 = (code: string, text: string) =>
  envelope(
    '1.1',
    `<soap:Fault><faultcode>${code}</faultcode><faultstring>${text}</faultstring></soap:Fault>`,
  );
const fault12 = (code: string, text: string) =>
  envelope(
    '1.2',
    `<soap:Fault><soap:Code><soap:Value>${code}</soap:Value></soap:Code><soap:Reason><soap:Text xml:lang="vi">${text}</soap:Text></soap:Reason></soap:Fault>`,
  );

describe('SOAP faults', () => {
  it('a Client fault is permanent and carries the faultstring', async () => {
    answer(500, fault11('soap:Client', 'Tham số Trang không hợp lệ'));
    const err = await failure(pull());
    expect(err.code).toBe('KNTC_SOURCE_HTTP');
    expect(err.retryable).toBe(false);
    expect(err.message).toContain('Client');
    expect(err.message).toContain('Tham số Trang không hợp lệ');
  });

  it('a Server fault is retryable', async () => {
    answer(500, fault11('soap:Server', 'Hệ thống đang bận'));
    const err = await failure(pull());
    expect(err.retryable).toBe(true);
  });

  it('SOAP 1.2 Sender / Receiver faults are classified the same way', async () => {
    answer(400, fault12('soap:Sender', 'Sai tham số'));
    expect((await failure(pull(hanoiConfig({ protocol: 'soap1.2' })))).retryable).toBe(false);
    answer(500, fault12('soap:Receiver', 'Lỗi máy chủ'));
    expect((await failure(pull(hanoiConfig({ protocol: 'soap1.2' })))).retryable).toBe(true);
  });

  it('a WS-Security fault is an auth error, and an echoed secret is masked', async () => {
    answer(500, fault11('wsse:FailedAuthentication', `Mật khẩu ${SECRET} không đúng`));
    const err = await failure(pull());
    expect(err.code).toBe('KNTC_SOURCE_AUTH');
    expect(err.message).toContain('***');
  });
});

describe('HTTP and network', () => {
  it('500 with an HTML page (with a DOCTYPE) is a retryable HTTP error, not an unsafe XML', async () => {
    answer(500, '<!DOCTYPE html><html><body>Runtime Error</body></html>', 'text/html');
    const err = await failure(pull());
    expect(err.code).toBe('KNTC_SOURCE_HTTP');
    expect(err.retryable).toBe(true);
  });

  it('401 is an auth error', async () => {
    answer(401, 'Unauthorized', 'text/plain');
    expect((await failure(pull())).code).toBe('KNTC_SOURCE_AUTH');
  });

  it('a slow answer is a retryable timeout', async () => {
    nock(BASE).post(PATH).delay(1500).reply(200, page(''));
    const err = await failure(pull(hanoiConfig({ timeoutMs: 200 })));
    expect(err.code).toBe('KNTC_SOURCE_TIMEOUT');
    expect(err.retryable).toBe(true);
  });

  it('check() diagnoses a refused connection', async () => {
    nock(BASE)
      .post(PATH)
      .replyWithError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }));
    const err = await failure(soapXmlAdapter.check(makeCtx(hanoiConfig())));
    expect(err.code).toBe('KNTC_SOURCE_UNREACHABLE');
    // The cause may be logged: it must not carry the request (whose header holds the password).
    expect(JSON.stringify(err.cause)).not.toContain(SECRET);
    expect(String((err.cause as Error).stack)).not.toContain(SECRET);
    expect(err.message).toContain('connection refused');
  });

  it('check() passes on a well-formed answer, even an empty one', async () => {
    answer(200, page('<TongSoTrang>0</TongSoTrang>'));
    await expect(soapXmlAdapter.check(makeCtx(hanoiConfig()))).resolves.toBeUndefined();
  });

  it('an answer without the records path is a bad payload naming the path', async () => {
    answer(200, envelope('1.1', '<KhacResponse/>'));
    const err = await failure(pull());
    expect(err.code).toBe('KNTC_SOURCE_BAD_PAYLOAD');
    expect(err.message).toContain('LayDanhSachDonResponse');
  });
});

describe('unusable XML', () => {
  it('malformed XML is a permanent bad payload with line and column', async () => {
    answer(
      200,
      '<?xml version="1.0"?>\n<soap:Envelope xmlns:soap="x">\n<soap:Body><A></B></soap:Body></soap:Envelope>',
    );
    const err = await failure(pull());
    expect(err.code).toBe('KNTC_SOURCE_BAD_PAYLOAD');
    expect(err.retryable).toBe(false);
    expect(err.message).toMatch(/line 3, column \d+/);
  });

  it('a truncated document is a bad payload', async () => {
    const full = page(renderRecord(rec(1, '08:00:00')));
    answer(200, full.slice(0, full.length - 60));
    expect((await failure(pull())).code).toBe('KNTC_SOURCE_BAD_PAYLOAD');
  });

  it.each([
    ['a DTD', '<?xml version="1.0"?><!DOCTYPE Envelope [<!ELEMENT Envelope ANY>]><Envelope/>'],
    [
      'an external entity',
      '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><r>&xxe;</r>',
    ],
    [
      'billion laughs',
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('')}]><lolz>&lol9;</lolz>`,
    ],
    [
      'a declaration split across chunks',
      Readable.from(
        ['<?xml version="1.0"?><!DO', 'CTYPE x [', ']><x/>'].map((s) => Buffer.from(s)),
      ),
    ],
  ])('%s is refused before parsing', async (_name, body) => {
    answer(200, body);
    const err = await failure(pull());
    expect(err.code).toBe('KNTC_SOURCE_XML_UNSAFE');
    expect(err.retryable).toBe(false);
  });
});

/** A 50 MB text generated lazily, so neither the test nor the adapter holds it. */
function hugeFieldAnswer(bytes: number): Readable {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const head = page(
    `${renderRecord(rec(1, '08:00:00'))}<Don><SoDon>HN-0000002</SoDon><NoiDungDon>`,
  );
  const before = head.slice(0, head.indexOf('</KetQua>'));
  const tail = `</NoiDungDon><NgayCapNhat>2024-03-15T08:01:00+07:00</NgayCapNhat></Don>${renderRecord(rec(3, '08:02:00'))}</KetQua></LayDanhSachDonResponse></soap:Body></soap:Envelope>`;
  let sent = 0;
  return new Readable({
    read() {
      if (sent === 0) this.push(Buffer.from(before));
      if (sent >= bytes) {
        this.push(Buffer.from(tail));
        this.push(null);
        return;
      }
      sent += chunk.length;
      this.push(chunk);
    },
  });
}

describe('sizes', () => {
  it('a 50 MB field rejects its record only, without being held in memory', async () => {
    answer(200, hugeFieldAnswer(50 * 1024 * 1024));
    // maxDocumentBytes 4 MB: had the filter kept the field, the whole answer would be refused.
    const config = hanoiConfig({
      maxDocumentBytes: 4 * 1024 * 1024,
      maxFieldBytes: 1024 * 1024,
      pageSize: 10,
    });
    const batches = await pull(config);
    expect(idsOf(batches)).toEqual(['HN-0000001', 'HN-0000002', 'HN-0000003']);
    const big = batches[0]?.records[1]?.payload as Record<string, unknown>;
    expect(big['NoiDungDon']).toBeNull();
    expect(big['#defects']).toEqual([
      expect.objectContaining({ path: 'Don.NoiDungDon', code: 'KNTC_SOURCE_TOO_LARGE' }),
    ]);
    expect(batches[0]?.records[1]?.bytes.length).toBeLessThan(10_000);
  }, 60_000);

  it('an answer over maxDocumentBytes is refused as too large', async () => {
    const records = Array.from({ length: 40 }, (_, i) => renderRecord(rec(i + 1, '08:00:00'))).join(
      '',
    );
    answer(200, page(records));
    const err = await failure(pull(hanoiConfig({ maxDocumentBytes: 4096, pageSize: 50 })));
    expect(err.code).toBe('KNTC_SOURCE_TOO_LARGE');
    expect(err.message).toContain('maxDocumentBytes');
  });
});
