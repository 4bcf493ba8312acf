// Checking a console source draft: every problem at once, per field, saying what to enter.
import { mkdir, mkdtemp, realpath, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTER_SCHEMAS } from '../../../adapters/index.ts';
import { HubError } from '../../../src/lib/errors.ts';
import type { SourceDraft } from '../../../src/sources/console-contract.ts';
import { englishOf } from '../../../src/sources/problem-text.ts';
import {
  applicableSecrets,
  checkDraft,
  type DraftContext,
} from '../../../src/sources/validate-draft.ts';

const SECRET = 'Sup3r-s3cret-key-value';

function context(over: Partial<DraftContext> = {}): DraftContext {
  return {
    adapterSchemas: ADAPTER_SCHEMAS,
    mappingFiles: ['mappings/quynhon-web.yaml', 'mappings/broken.yaml'],
    loadMapping: (rel) =>
      rel === 'mappings/broken.yaml'
        ? Promise.reject(
            new HubError(
              'KNTC_MAPPING_INVALID',
              'mappings/broken.yaml line 3: unknown key "feilds"',
            ),
          )
        : Promise.resolve({}),
    fileSourceIds: new Set(['quynhon-web']),
    consoleSourceIds: new Set(['phuong-b']),
    usedSourceIds: new Set(['quynhon-web', 'phuong-b', 'phuong-cu']),
    editing: null,
    storedSecrets: new Set(),
    canStoreSecrets: true,
    envSecret: () => undefined,
    dropRoot: path.join(tmpdir(), 'kntc-no-such-drop-root'),
    ...over,
  };
}

function draft(over: Partial<SourceDraft> = {}): SourceDraft {
  return {
    id: 'phuong-a',
    name: 'Sổ đơn thư phường A',
    adapter: 'rest-json',
    mapping: 'mappings/quynhon-web.yaml',
    schedule: '*/15 6-20 * * 1-6',
    enabled: true,
    config: {
      baseUrl: 'http://127.0.0.1:4101',
      checkPath: '/api/v1/ping',
      listPath: '/api/v1/don-thu',
      auth: { type: 'apiKey', header: 'X-Api-Key' },
      params: { page: 'trang', pageSize: 'soBanGhi', modifiedSince: 'capNhatTu' },
      response: { items: 'duLieu' },
      record: { id: 'maDon', modified: 'ngayCapNhat' },
    },
    secrets: { 'auth.secretEnv': SECRET },
    ...over,
  };
}

async function problems(d: SourceDraft, ctx = context()): Promise<Record<string, string>> {
  const r = await checkDraft(d, ctx);
  if (r.ok) return {};
  expect(JSON.stringify(r.problems)).not.toContain(SECRET);
  for (const p of r.problems) {
    // Said by message keys (the dashboard's languages), and in English from the same keys.
    expect(p.parts?.length, p.field).toBeGreaterThan(0);
    expect(p.message).toBe(englishOf(p.parts ?? []));
  }
  return Object.fromEntries(r.problems.map((p) => [p.field, p.message]));
}

/** The message keys of each problem, by field. */
async function keys(d: SourceDraft, ctx = context()): Promise<Record<string, string[]>> {
  const r = await checkDraft(d, ctx);
  if (r.ok) return {};
  return Object.fromEntries(r.problems.map((p) => [p.field, (p.parts ?? []).map((x) => x.key)]));
}

describe('checkDraft', () => {
  it('accepts a good draft, names its secret and keeps the value apart from the config', async () => {
    const r = await checkDraft(draft({ schedule: '  ' }), context());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.draft.fields.schedule).toBeNull();
    expect(r.draft.fields.config).toMatchObject({ auth: { secretEnv: 'KNTC_SRC_PHUONG_A_AUTH' } });
    expect(JSON.stringify(r.draft.fields)).not.toContain(SECRET);
    expect(r.draft.newSecrets).toEqual([
      { path: 'auth.secretEnv', name: 'KNTC_SRC_PHUONG_A_AUTH', value: SECRET },
    ]);
  });

  it('lists every problem of the top-level fields at once', async () => {
    const p = await problems(
      draft({
        id: 'Phường A',
        name: ' ',
        adapter: 'ftp',
        mapping: '../etc/passwd',
        schedule: '61 * * * *',
      }),
    );
    expect(Object.keys(p).sort()).toEqual(['adapter', 'id', 'mapping', 'name', 'schedule']);
    expect(p['id']).toMatch(/lower-case letters/);
    expect(p['adapter']).toContain('rest-json');
    expect(p['mapping']).toContain('mappings/quynhon-web.yaml');
    expect(p['schedule']).toMatch(/not a cron expression.*e\.g\./);
  });

  it('refuses the id of a source removed earlier, whose records are kept under it', async () => {
    expect(await keys(draft({ id: 'phuong-cu' }))).toEqual({ id: ['idUsedBefore'] });
    expect((await problems(draft({ id: 'phuong-cu' })))['id']).toMatch(
      /"phuong-cu" was used before .* Choose another id/,
    );
    // The deployment file's and the console's own ids keep their own, more precise, messages.
    expect(await keys(draft({ id: 'quynhon-web' }))).toEqual({ id: ['idInFile'] });
    expect(await keys(draft({ id: 'phuong-b' }))).toEqual({ id: ['idTaken'] });
  });

  it('refuses ids taken by the deployment file or another console source, and id changes', async () => {
    expect((await problems(draft({ id: 'quynhon-web' })))['id']).toMatch(/deployment file/);
    expect((await problems(draft({ id: 'phuong-b' })))['id']).toMatch(/already exists/);
    const editing = context({ editing: 'phuong-a', consoleSourceIds: new Set(['phuong-a']) });
    expect(await problems(draft(), editing)).toEqual({});
    expect((await problems(draft({ id: 'phuong-c' }), editing))['id']).toMatch(/cannot be changed/);
  });

  it('reports a mapping file that does not load with the loader message', async () => {
    expect((await problems(draft({ mapping: 'mappings/broken.yaml' })))['mapping']).toContain(
      'line 3',
    );
  });

  it('checks the adapter config against its schema, per field, without echoing values', async () => {
    const config = {
      baseUrl: SECRET,
      checkPath: 'no-slash',
      listPath: '/x',
      auth: { type: 'apiKey' },
      params: { page: 'p', pageSize: 's', modifiedSince: 'm' },
      response: { items: 'duLieu' },
      record: { id: 'id' },
      pageSize: 5000,
      colour: 'blue',
    };
    const p = await problems(draft({ config }));
    expect(p['config.baseUrl']).toBeDefined();
    expect(p['config.checkPath']).toMatch(/expected form/);
    expect(p['config.auth.header']).toMatch(/Required/);
    expect(p['config.auth.secretEnv']).toBeUndefined();
    expect(p['config.record.modified']).toMatch(/Required/);
    expect(p['config.pageSize']).toMatch(/at most 500/);
    expect(p['config.colour']).toMatch(/not a setting/);
  });

  it('names the choices when the authentication kind is unknown', async () => {
    const d = draft();
    const p = await problems(draft({ config: { ...d.config, auth: { type: 'oauth' } } }));
    expect(p['config.auth.type']).toMatch(/apiKey, basic, bearer, none/);
  });

  it('asks for a missing secret, and refuses to store one without a key, saying how to make one', async () => {
    expect((await problems(draft({ secrets: {} })))['config.auth.secretEnv']).toMatch(
      /Enter the secret/,
    );
    expect(await problems(draft({ secrets: {}, enabled: false }))).toEqual({});
    const stored = context({
      editing: 'phuong-a',
      storedSecrets: new Set(['KNTC_SRC_PHUONG_A_AUTH']),
    });
    expect(await problems(draft({ secrets: {} }), stored)).toEqual({});
    const fromEnv = context({
      envSecret: (n) => (n === 'KNTC_SRC_PHUONG_A_AUTH' ? 'v' : undefined),
    });
    expect(await problems(draft({ secrets: {} }), fromEnv)).toEqual({});
    const noKey = await problems(draft(), context({ canStoreSecrets: false }));
    expect(noKey['config.auth.secretEnv']).toContain('openssl rand -base64 32');
    expect((await problems(draft({ secrets: { baseUrl: SECRET } })))['config.baseUrl']).toMatch(
      /not a secret/,
    );
  });
});

describe('applicableSecrets', () => {
  it('drops a stored secret whose authentication kind changed', () => {
    const stored = new Set(['KNTC_SRC_A_AUTH', 'KNTC_SRC_A_CONNECTION_URL']);
    const previous = {
      auth: { type: 'apiKey', header: 'K', secretEnv: 'KNTC_SRC_A_AUTH' },
      connection: { urlSecretEnv: 'KNTC_SRC_A_CONNECTION_URL', sslmode: 'disable' },
    };
    const same = { ...previous, auth: { type: 'apiKey', header: 'X' } };
    const basic = { ...previous, auth: { type: 'basic', username: 'u' } };
    expect([...applicableSecrets(stored, previous, same)].sort()).toEqual([...stored].sort());
    expect([...applicableSecrets(stored, previous, basic)]).toEqual(['KNTC_SRC_A_CONNECTION_URL']);
  });
});

describe('checkDraft of a file-drop source', () => {
  let root: string;
  let outside: string;
  beforeAll(async () => {
    root = await realpath(await mkdtemp(path.join(tmpdir(), 'kntc-drop-root-')));
    outside = await realpath(await mkdtemp(path.join(tmpdir(), 'kntc-drop-outside-')));
    await mkdir(path.join(root, 'phuong-a'));
    await symlink(outside, path.join(root, 'escape'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });
  const drop = (config: Record<string, unknown>): SourceDraft =>
    draft({ adapter: 'file-drop', config, secrets: {} });
  const inRoot = () => context({ dropRoot: root });

  it('accepts folders inside the drop root, existing or not', async () => {
    expect(await problems(drop({ inbox: path.join(root, 'phuong-a', 'inbox') }), inRoot())).toEqual(
      {},
    );
    const all = {
      inbox: path.join(root, 'phuong-a', 'in'),
      processedDir: path.join(root, 'phuong-a', 'done'),
      failedDir: path.join(root, 'x', 'y', 'failed'),
    };
    expect(await problems(drop(all), inRoot())).toEqual({});
  });

  it('refuses any folder outside it, saying which folder is allowed and how to change it', async () => {
    const p = await problems(
      drop({
        inbox: '/etc',
        processedDir: path.join(root, '..', 'processed'),
        failedDir: path.join(root, 'phuong-a', 'failed'),
      }),
      inRoot(),
    );
    expect(Object.keys(p).sort()).toEqual(['config.inbox', 'config.processedDir']);
    expect(p['config.inbox']).toContain(`Choose a folder inside ${root}`);
    expect(p['config.inbox']).toContain('KNTC_DROP_ROOT');
  });

  it('follows symbolic links out of the drop root', async () => {
    const p = await problems(drop({ inbox: path.join(root, 'escape', 'inbox') }), inRoot());
    expect(Object.keys(p)).toEqual(['config.inbox']);
    expect(p['config.inbox']).toMatch(/inside/);
  });

  it('reports on the inbox when the default processed and failed folders fall outside', async () => {
    const r = await keys(drop({ inbox: root }), inRoot());
    expect(r).toEqual({ 'config.inbox': ['folderDefaultOutside'] });
    const fixed = {
      inbox: root,
      processedDir: path.join(root, 'processed'),
      failedDir: path.join(root, 'failed'),
    };
    expect(await problems(drop(fixed), inRoot())).toEqual({});
  });

  it('resolves relative folders against the working directory, like the adapter', async () => {
    const ctx = context({ dropRoot: path.resolve('data/inbox') });
    expect(await problems(drop({ inbox: 'data/inbox/phuong-a/inbox' }), ctx)).toEqual({});
    expect(await keys(drop({ inbox: 'data/inbox/../../.env-folder/inbox' }), ctx)).toEqual({
      'config.inbox': ['folderOutside'],
    });
  });
});

describe('clearing a stored secret', () => {
  const sql = (over: Partial<SourceDraft> = {}): SourceDraft =>
    draft({
      adapter: 'sql',
      config: {
        connection: { host: 'db.local', database: 'don', user: 'hub', sslmode: 'disable' },
        query: 'SELECT * FROM v_don',
        watermark: { column: 'ngay', type: 'timestamptz' },
        key: { column: 'so_don' },
      },
      secrets: {},
      ...over,
    });
  const stored = context({
    editing: 'phuong-a',
    storedSecrets: new Set(['KNTC_SRC_PHUONG_A_CONNECTION_PASSWORD', 'KNTC_SRC_PHUONG_A_AUTH']),
  });

  it('keeps an optional stored password unless asked to clear it, then drops it', async () => {
    const kept = await checkDraft(sql(), stored);
    expect(kept.ok && kept.draft.secretPaths).toEqual(['connection.passwordSecretEnv']);
    const cleared = await checkDraft(
      sql({ clearSecrets: ['connection.passwordSecretEnv'] }),
      stored,
    );
    expect(cleared.ok && cleared.draft.secretPaths).toEqual([]);
    expect(cleared.ok && cleared.draft.fields.config['connection']).not.toHaveProperty(
      'passwordSecretEnv',
    );
  });

  it('refuses clearing and entering at once, and asks again for a required secret', async () => {
    const both = sql({
      clearSecrets: ['connection.passwordSecretEnv'],
      secrets: { 'connection.passwordSecretEnv': SECRET },
    });
    expect(await keys(both, stored)).toEqual({
      'config.connection.passwordSecretEnv': ['secretClearOrEnter'],
    });
    const apiKey = draft({ secrets: {}, clearSecrets: ['auth.secretEnv'] });
    expect(await keys(apiKey, stored)).toEqual({ 'config.auth.secretEnv': ['secretMissing'] });
  });
});
