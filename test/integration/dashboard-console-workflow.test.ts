// The sources console's IT workflow pages through app.inject, with a fake SourcesConsole: test
// connection (steps, diagnosis, hint), mapping preview (a CSRF-checked POST: raw next to
// canonical, errors per field, a protected denouncer masked even for admins, the page kept
// under 200 KB), the cursor (checked, audited with the actor, a refusal shown at its field), and
// the "not configured" pages without the service.
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { Petition } from '../../src/core/petition-schema.ts';
import { HubError } from '../../src/lib/errors.ts';
import { ConsolePages, consoleView, FakeSourcesConsole } from './dashboard-console-fake.ts';
import { signIn, startDashboard, type DashboardFixture } from './dashboard-fixture.ts';

let f: DashboardFixture;
let fake: FakeSourcesConsole;
let pages: ConsolePages;

beforeAll(async () => {
  fake = new FakeSourcesConsole();
  fake.views.set('phuong-thu', consoleView('phuong-thu'));
  f = await startDashboard({ sourcesConsole: fake });
  pages = new ConsolePages(f.app, await signIn(f.app, 'admin'));
});
afterAll(async () => {
  await f?.close();
});

const get = (url: string) => pages.get(url);
const post = (url: string, form: Record<string, string>) => pages.post(url, form);

describe('test connection', () => {
  it('shows each step with its status, and the diagnosis and hint of a failure', async () => {
    fake.testReport = {
      sourceId: '',
      adapter: 'rest-json',
      ok: false,
      failedStep: 'check',
      steps: [
        {
          step: 'check',
          status: 'failed',
          summary: 'failed: auth',
          ms: 12,
          error: {
            code: 'KNTC_SOURCE_AUTH',
            message: 'HTTP 401 from /api/v1/ping',
            hint: 'Check the API key.',
            retryable: false,
            cause: 'auth',
            explanation: 'The local system refused the hub credentials.',
          },
        },
        { step: 'sample-page', status: 'skipped', summary: 'skipped: the check failed', ms: 0 },
        { step: 'mapping-file', status: 'ok', summary: 'mappings/quynhon-web.yaml', ms: 3 },
        { step: 'sample-mapping', status: 'warning', summary: 'no sample', ms: 0 },
      ],
      sample: null,
      errorGroups: [],
    };
    const res = await post('/sources/phuong-thu/test', {});
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-ok="false"');
    expect(res.body).toMatch(/data-step="check"\s+data-status="failed"/);
    expect(res.body).toMatch(/data-step="sample-page"\s+data-status="skipped"/);
    expect(res.body).toMatch(/data-step="sample-mapping"\s+data-status="warning"/);
    expect(res.body).toContain('The local system refused the hub credentials.');
    expect(res.body).toContain('Check the API key.');
    expect(res.body).toContain('Kết nối và xác thực');
  });
});

function petition(protect: boolean, name: string): Petition {
  return {
    schemaVersion: '1.0',
    provenance: { source: 'phuong-thu', sourceRecordId: 'QN-9' },
    receipt: { receivedAt: '2026-01-05', agency: { code: 'TTTP-QN' }, channel: 'DIRECT' },
    petitioners: [{ kind: 'PERSON', name, phone: protect ? '0905123456' : '0914000111' }],
    signerCount: 1,
    kind: protect ? 'TC' : 'KN',
    content: { summary: 'Phản ánh việc thu phí' },
    confidentiality: { protectIdentity: protect },
  };
}

describe('preview', () => {
  it('shows raw next to canonical and errors per field, masking a protected denouncer', async () => {
    const raw = { maDon: 'QN-9', hoTen: 'LÊ THỊ TỐ GIÁC', dienThoai: '0905 123 456' };
    fake.previewResult = {
      sourceId: 'phuong-thu',
      mappingVersion: 'quynhon-web@3',
      from: 'start',
      cursor: null,
      mapped: 2,
      rejected: 1,
      exhausted: true,
      records: [
        {
          sourceRecordId: 'QN-8',
          raw: { maDon: 'QN-8', note: 'Công khai' },
          canonical: petition(false, 'Trần Văn Công Khai'),
          errors: [],
        },
        { sourceRecordId: 'QN-9', raw, canonical: petition(true, 'Lê Thị Tố Giác'), errors: [] },
        {
          sourceRecordId: 'QN-10',
          raw: { maDon: 'QN-10', hoTen: 'Nguyễn Văn Bị Loại', ngayNhan: '31/02/2026' },
          canonical: null,
          errors: [
            {
              field: 'receipt.receivedAt',
              sourceField: 'ngayNhan',
              value: '31/02/2026',
              code: 'KNTC_RECORD_BAD_DATE',
              message: 'No such date.',
            },
          ],
        },
      ],
    };
    const res = await post('/sources/phuong-thu/preview', { limit: '500' });
    expect(res.statusCode).toBe(200);
    expect(fake.calls.at(-1)?.method).toBe('preview:25');
    expect(res.body).toContain('data-mapped="2"');
    expect(res.body).toMatch(/data-record="QN-8" data-ok="true"/);
    expect(res.body).toContain('Công khai');
    expect(res.body).toContain('Trần Văn Công Khai');
    expect(res.body).toContain('Phản ánh việc thu phí');
    expect(res.body).not.toContain('Tố Giác');
    expect(res.body).not.toContain('TỐ GIÁC');
    expect(res.body).not.toContain('0905');
    expect(res.body).not.toContain('Bị Loại');
    expect(res.body).toMatch(/data-error-field="receipt.receivedAt"/);
    expect(res.body).toContain('31/02/2026');
    expect(res.body).toContain('No such date.');
    expect(res.body.length).toBeLessThan(200_000);
  });

  it('says why the source could not be read', async () => {
    fake.previewResult = new HubError(
      'KNTC_SOURCE_UNREACHABLE',
      'Connection refused by 127.0.0.1:9',
      {
        hint: 'Start the local system.',
      },
    );
    const res = await post('/sources/phuong-thu/preview', {});
    expect(res.statusCode).toBe(200);
    expect(fake.calls.at(-1)?.method).toBe('preview:10');
    expect(res.body).toContain('data-code="KNTC_SOURCE_UNREACHABLE"');
    expect(res.body).toContain('Start the local system.');
  });
});

describe('preview is a POST', () => {
  it('never calls the source on a GET or without the CSRF token', async () => {
    const before = fake.calls.length;
    expect((await get('/sources/phuong-thu/preview')).statusCode).toBe(404);
    const forged = await pages.post('/sources/phuong-thu/preview', { limit: '5' }, 'forged');
    expect(forged.statusCode).toBe(403);
    const none = await pages.post('/sources/phuong-thu/preview', { limit: '5' }, null);
    expect(none.statusCode).toBe(403);
    expect(fake.calls.length).toBe(before);
  });

  it('offers preview as a form with the token on every console page', async () => {
    const page = await get('/sources/phuong-thu/cursor');
    expect(page.body).toMatch(
      /<form\s+method="post"\s+action="\/sources\/phuong-thu\/preview"[^>]*>\s*<input type="hidden" name="_csrf"/,
    );
    expect(page.body).not.toContain('href="/sources/phuong-thu/preview"');
  });

  it('keeps the page under 200 KB, saying how many records it left out', async () => {
    const big = (i: number) => ({
      sourceRecordId: `QN-${i}`,
      raw: { maDon: `QN-${i}`, noiDung: 'Nội dung đơn rất dài. '.repeat(1500) },
      canonical: null,
      errors: [],
    });
    fake.previewResult = {
      sourceId: 'phuong-thu',
      mappingVersion: 'quynhon-web@3',
      from: 'start',
      cursor: null,
      mapped: 0,
      rejected: 10,
      exhausted: true,
      records: Array.from({ length: 10 }, (_, i) => big(i)),
    };
    const res = await post('/sources/phuong-thu/preview', { limit: '10' });
    expect(res.statusCode).toBe(200);
    expect(Buffer.byteLength(res.body)).toBeLessThanOrEqual(200_000);
    const shown = (res.body.match(/class="preview-record"/g) ?? []).length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(10);
    expect(res.body).toContain(`data-trimmed="${10 - shown}"`);
    expect(res.body).toContain(`Chỉ hiện ${shown}/10 bản ghi`);
  });
});

describe('cursor', () => {
  it('shows the cursor (audited with the actor) and replaces it after checking it', async () => {
    fake.cursors.set('phuong-thu', { modifiedSince: '2026-01-05T00:00:00Z' });
    const page = await get('/sources/phuong-thu/cursor');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('&quot;modifiedSince&quot;: &quot;2026-01-05T00:00:00Z&quot;');
    expect(fake.calls.at(-1)).toMatchObject({ method: 'cursor', actor: { role: 'admin' } });

    const bad = await post('/sources/phuong-thu/cursor', { cursor: '{"modifiedSince": [1]}' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Con trỏ phải là một đối tượng JSON');
    expect(bad.body).toContain('{&quot;modifiedSince&quot;: [1]}');
    expect(fake.cursors.get('phuong-thu')).toEqual({ modifiedSince: '2026-01-05T00:00:00Z' });

    const ok = await post('/sources/phuong-thu/cursor', {
      cursor: '{"modifiedSince": "2026-01-01T00:00:00Z"}',
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers['location']).toBe('/sources/phuong-thu/cursor?done=cursorSaved');
    expect(fake.cursors.get('phuong-thu')).toEqual({ modifiedSince: '2026-01-01T00:00:00Z' });
    expect(fake.calls.at(-1)).toMatchObject({ method: 'setCursor', actor: { username: 'admin' } });

    await post('/sources/phuong-thu/cursor', { cursor: 'null' });
    expect(fake.cursors.get('phuong-thu')).toBeNull();
  });

  it('shows a refusal of the service at the cursor box, in the page language', async () => {
    fake.cursors.set('phuong-thu', { modifiedSince: '2026-01-05T00:00:00Z' });
    const text = '{"modifiedSince": "2026-02-01T00:00:00Z"}';
    try {
      fake.cursorRefusal = 'KNTC_CONFLICT';
      const busy = await post('/sources/phuong-thu/cursor', { cursor: text });
      expect(busy.statusCode).toBe(409);
      expect(busy.headers['content-type']).toContain('text/html');
      expect(busy.body).toMatch(/data-field="cursor"[\s\S]*Nguồn đang được đồng bộ hoặc chạy lại/);
      expect(busy.body).toContain('{&quot;modifiedSince&quot;: &quot;2026-02-01T00:00:00Z&quot;}');
      fake.cursorRefusal = 'KNTC_BAD_REQUEST';
      const bad = await post('/sources/phuong-thu/cursor?lang=en', { cursor: text });
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toContain('The cursor must be a JSON object');
    } finally {
      fake.cursorRefusal = null;
    }
    expect(fake.cursors.get('phuong-thu')).toEqual({ modifiedSince: '2026-01-05T00:00:00Z' });
  });
});

describe('without the console service', () => {
  it('answers every console page with "not configured"', async () => {
    const bare = await startDashboard({ sourcesConsole: null });
    try {
      const s = await signIn(bare.app, 'admin');
      const pages = [
        { method: 'GET' as const, url: '/sources/new' },
        { method: 'GET' as const, url: '/sources/quynhon-web/edit' },
        { method: 'POST' as const, url: '/sources/quynhon-web/preview' },
        { method: 'GET' as const, url: '/sources/quynhon-web/cursor' },
        { method: 'POST' as const, url: '/sources' },
        { method: 'POST' as const, url: '/sources/quynhon-web/test' },
      ];
      for (const p of pages) {
        const res = await bare.app.inject({
          method: p.method,
          url: p.url,
          headers: { cookie: s.cookie, accept: 'text/html', 'csrf-token': s.csrf },
        });
        expect(res.statusCode, p.url).toBe(503);
        expect(res.body, p.url).toContain('data-code="console-off"');
      }
      const list = await bare.app.inject({
        url: '/sources',
        headers: { cookie: s.cookie, accept: 'text/html' },
      });
      expect(list.statusCode).toBe(200);
    } finally {
      await bare.close();
    }
  });
});
