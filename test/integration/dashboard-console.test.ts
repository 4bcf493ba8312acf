// The sources console's create and edit pages through app.inject, with a fake SourcesConsole:
// the generated form, create with problems (values kept, each problem at its field, secrets
// never echoed), edit with the optimistic lock, read-only config-file sources, CSRF, and the
// links of the sources list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsolePages, FakeSourcesConsole } from './dashboard-console-fake.ts';
import { signIn, startDashboard, type DashboardFixture } from './dashboard-fixture.ts';

const SECRET = 'khoa-bi-mat-QN-7f3a9c';
let f: DashboardFixture;
let fake: FakeSourcesConsole;
let pages: ConsolePages;

beforeAll(async () => {
  fake = new FakeSourcesConsole();
  f = await startDashboard({ sourcesConsole: fake });
  pages = new ConsolePages(f.app, await signIn(f.app, 'admin'));
});
afterAll(async () => {
  // No answer of any test may carry the secret an admin typed.
  expect(pages.bodies.length).toBeGreaterThan(10);
  for (const b of pages.bodies) expect(b).not.toContain(SECRET);
  await f?.close();
});

const get = (url: string, cookie?: string) => pages.get(url, cookie);
const post = (url: string, form: Record<string, string>, csrf?: string | null) =>
  pages.post(url, form, csrf);

const REST_FORM = {
  adapter: 'rest-json',
  id: 'phuong-thu',
  name: 'Phường thử <nghiệm>',
  mapping: 'mappings/quynhon-web.yaml',
  schedule: '*/30 * * * *',
  enabled: 'true',
  'config.baseUrl': 'ftp://sai-dia-chi',
  'config.checkPath': '/api/v1/ping',
  'config.listPath': '/api/v1/don-thu',
  'config.auth#': 'apiKey',
  'config.auth#apiKey.header': 'X-Api-Key',
  'secret:config.auth#apiKey.secretEnv': SECRET,
  'config.params.page': 'trang',
  'config.params.pageSize': 'soBanGhi',
  'config.params.modifiedSince': 'capNhatTu',
  'config.response.items': 'duLieu',
  'config.record.id': 'maDon',
  'config.record.modified': 'ngayCapNhat',
  'config.pageSize': '200',
};

function fieldBlock(page: string, field: string): string {
  const at = new RegExp(`<div\\s+class="field[^"]*"\\s+data-field="${field}"`).exec(page);
  expect(at, `no field ${field}`).not.toBeNull();
  const start = at?.index ?? 0;
  return page.slice(start, page.indexOf('</div>', start));
}

describe('create', () => {
  it('offers the adapters, then the generated form', async () => {
    const choose = await get('/sources/new');
    expect(choose.statusCode).toBe(200);
    for (const k of ['rest-json', 'soap-xml', 'file-drop', 'sql']) {
      expect(choose.body).toContain(`data-adapter="${k}"`);
    }
    const form = await get('/sources/new?adapter=rest-json');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="config.baseUrl"');
    expect(form.body).toContain('name="secret:config.auth#apiKey.secretEnv"');
    expect(form.body).toContain('<option value="mappings/quynhon-web.yaml"');
    expect((await get('/sources/new?adapter=ldap')).statusCode).toBe(404);
    for (const kind of ['soap-xml', 'file-drop', 'sql']) {
      const page = await get(`/sources/new?adapter=${kind}&lang=en`);
      expect(page.statusCode, kind).toBe(200);
      expect(page.body, kind).toContain('Connection settings');
      expect(page.body.length, kind).toBeLessThan(200_000);
    }
  });

  it('re-renders with values kept, each problem at its field, the secret not echoed', async () => {
    const res = await post('/sources', { ...REST_FORM, 'config.pageSize': 'hai trăm' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('value="Phường thử &lt;nghiệm&gt;"');
    expect(res.body).toContain('value="ftp://sai-dia-chi"');
    expect(fieldBlock(res.body, 'config.pageSize')).toContain('Hãy nhập một số.');
    expect(fake.calls.filter((c) => c.method === 'create')).toHaveLength(0);

    const again = await post('/sources', { ...REST_FORM, mapping: '' });
    expect(again.statusCode).toBe(422);
    expect(fieldBlock(again.body, 'config.baseUrl')).toContain('Enter an address starting with');
    expect(fieldBlock(again.body, 'mapping')).toContain('Choose a mapping file.');
    expect(again.body).toContain('data-problems="2"');
    expect(again.body).toMatch(/<option value="apiKey"\s+selected/);
    expect(fake.calls.at(-1)).toMatchObject({ method: 'create', actor: { username: 'admin' } });
  });

  it('creates with the secret in SourceDraft.secrets, then shows the source with the secret kept', async () => {
    const res = await post('/sources', { ...REST_FORM, 'config.baseUrl': 'http://127.0.0.1:4101' });
    expect(res.statusCode).toBe(303);
    expect(res.headers['location']).toBe('/sources/phuong-thu/edit?done=sourceCreated');
    expect(fake.secrets.get('phuong-thu auth.secretEnv')).toBe(SECRET);
    const stored = fake.views.get('phuong-thu');
    expect(stored?.config).toMatchObject({ baseUrl: 'http://127.0.0.1:4101', pageSize: 200 });
    expect(stored?.schedule).toBe('*/30 * * * *');

    const edit = await get('/sources/phuong-thu/edit?done=sourceCreated');
    expect(edit.body).toContain('Đã tạo nguồn');
    expect(edit.body).toContain('value="http://127.0.0.1:4101"');
    expect(edit.body).toContain('đã lưu — để trống để giữ nguyên');
    expect(edit.body).not.toContain('KNTC_SRC_X_AUTH');
    expect(edit.body).toContain('name="version" value="1"');
  });
});

describe('edit', () => {
  it('updates with the version, keeping the secret when the box is left empty', async () => {
    const form = { ...REST_FORM, 'config.baseUrl': 'http://127.0.0.1:4102', version: '1' };
    const res = await post('/sources/phuong-thu', {
      ...form,
      'secret:config.auth#apiKey.secretEnv': '',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers['location']).toBe('/sources/phuong-thu/edit?done=sourceSaved');
    expect(fake.views.get('phuong-thu')?.version).toBe(2);
    expect(fake.secrets.get('phuong-thu auth.secretEnv')).toBe(SECRET);
  });

  it('refuses a stale version and keeps what was typed', async () => {
    const res = await post('/sources/phuong-thu', {
      ...REST_FORM,
      'config.baseUrl': 'http://127.0.0.1:4999',
      version: '1',
    });
    expect(res.statusCode).toBe(422);
    expect(fieldBlock(res.body, 'id')).toContain(
      'Người khác vừa lưu nguồn này (hiện là phiên bản 2; bạn sửa từ phiên bản 1)',
    );
    expect(res.body).not.toContain('Someone else saved this source');
    expect(res.body).toContain('value="http://127.0.0.1:4999"');
    expect(res.body).toContain('name="version" value="1"');
    expect(fake.views.get('phuong-thu')?.config['baseUrl']).toBe('http://127.0.0.1:4102');
  });

  it('says the service problems in the language of the page', async () => {
    const res = await post('/sources/phuong-thu?lang=en', {
      ...REST_FORM,
      'config.baseUrl': 'http://127.0.0.1:4999',
      version: '1',
    });
    expect(res.statusCode).toBe(422);
    expect(fieldBlock(res.body, 'id')).toContain(
      'Someone else saved this source meanwhile (it is now at version 2; you edited version 1)',
    );
  });

  it('offers to clear a stored secret and passes the ticked box to the service', async () => {
    const edit = await get('/sources/phuong-thu/edit');
    expect(edit.body).toContain('name="clear:config.auth#apiKey.secretEnv"');
    const res = await post('/sources/phuong-thu', {
      ...REST_FORM,
      'config.baseUrl': 'http://127.0.0.1:4102',
      'secret:config.auth#apiKey.secretEnv': '',
      'clear:config.auth#apiKey.secretEnv': 'true',
      version: '2',
    });
    expect(res.statusCode).toBe(303);
    expect(fake.lastDraft?.clearSecrets).toEqual(['auth.secretEnv']);
    expect(fake.lastDraft?.secrets).toEqual({});
  });

  it('shows a config-file source read-only and never saves it', async () => {
    const view = await get('/sources/quynhon-web/edit');
    expect(view.statusCode).toBe(200);
    expect(view.body).toContain('data-origin="config-file"');
    expect(view.body).toContain('config/hub.yaml');
    expect(view.body).not.toContain('data-action="save"');
    expect(view.body).toContain('value="QUYNHON_API_KEY"');
    expect(view.body).not.toMatch(/<(input|select|textarea)(?![^>]*disabled)[^>]*name="config/);
    const before = fake.calls.length;
    const res = await post('/sources/quynhon-web', { ...REST_FORM, version: '0' });
    expect(res.statusCode).toBe(409);
    expect(fake.calls.length).toBe(before);
  });

  it('refuses a form without the CSRF token', async () => {
    const res = await post('/sources', { ...REST_FORM, id: 'khong-token' }, null);
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('data-code="KNTC_CSRF"');
    expect(fake.views.has('khong-token')).toBe(false);
    const upd = await post('/sources/phuong-thu', { ...REST_FORM, version: '2' }, 'forged');
    expect(upd.statusCode).toBe(403);
  });

  it('answers 404 for an unknown source and 403 to a viewer', async () => {
    expect((await get('/sources/khong-co/edit')).statusCode).toBe(404);
    expect((await post('/sources/khong-co/test', {})).statusCode).toBe(404);
    const viewer = await signIn(f.app, 'viewer');
    expect((await get('/sources/phuong-thu/edit', viewer.cookie)).statusCode).toBe(403);
  });
});

describe('sources list', () => {
  it("links to the new-source form and each source's console pages", async () => {
    const res = await get('/sources');
    expect(res.body).toContain('href="/sources/new"');
    expect(res.body).toContain('href="/sources/quynhon-web/edit"');
    expect(res.body).toContain('action="/sources/quynhon-web/test"');
    expect(res.body).toContain('action="/sources/quynhon-web/preview"');
    expect(res.body).not.toContain('href="/sources/quynhon-web/preview"');
    expect(res.body).toContain('href="/sources/quynhon-web/cursor"');
    expect(res.body).not.toContain('sẽ có khi API quản lý nguồn hoàn thành');
  });
});
