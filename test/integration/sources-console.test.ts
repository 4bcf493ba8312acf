// The sources console over the real PostgreSQL: create, list, edit with optimistic lock, secrets
// stored only encrypted, test and preview against the Quy Nhơn simulator, cursor, audit rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { ADAPTERS } from '../../adapters/index.ts';
import type { ResolvedSource } from '../../src/config/load-config.ts';
import { SecretKey } from '../../src/lib/secret-box.ts';
import {
  buildQuyNhonSimulator,
  type QuyNhonSimulator,
} from '../../src/simulators/quynhon/index.ts';
import type { SourceDraft, SourcesConsole } from '../../src/sources/console-contract.ts';
import { createSourcesConsole } from '../../src/sources/console-service.ts';
import { SourceRegistry } from '../../src/sources/registry.ts';
import { SecretStore } from '../../src/sources/secret-store.ts';
import { listAudit } from '../../src/store/audit-repo.ts';
import { createTestSchema, type TestSchema } from '../helpers/pg.ts';

const KEY = 'console-test-api-key-4417';
const silent = pino({ level: 'silent' });
const actor = { username: 'admin', role: 'admin', ip: '127.0.0.1' };
const fileSource: ResolvedSource = {
  id: 'file-source',
  name: 'From the deployment file',
  adapter: 'file-drop',
  mapping: 'mappings/commune-export.yaml',
  mappingPath: `${process.cwd()}/mappings/commune-export.yaml`,
  schedule: '0 0 1 1 *',
  enabled: true,
  config: { inbox: 'data/none' },
  secrets: {},
};

function consoleFor(db: TestSchema, key: SecretKey | null): SourcesConsole {
  const secrets = new SecretStore(db.pool, key);
  const registry = new SourceRegistry({
    pool: db.pool,
    fileSources: [fileSource],
    root: process.cwd(),
    secrets,
    log: silent,
  });
  return createSourcesConsole({
    pool: db.pool,
    registry,
    secrets,
    adapters: ADAPTERS,
    root: process.cwd(),
    configFile: 'config/test.yaml',
    log: silent,
  });
}

describe('sources console', () => {
  let db: TestSchema;
  let sim: QuyNhonSimulator;
  let url: string;
  let key: SecretKey;
  let svc: SourcesConsole;
  const draft = (over: Partial<SourceDraft> = {}): SourceDraft => ({
    id: 'phuong-thu',
    name: 'Phường thử nghiệm',
    adapter: 'rest-json',
    mapping: 'mappings/quynhon-web.yaml',
    schedule: null,
    enabled: true,
    config: {
      baseUrl: url,
      checkPath: '/api/v1/ping',
      listPath: '/api/v1/don-thu',
      auth: { type: 'apiKey', header: 'X-Api-Key', secretEnv: '' },
      params: {
        page: 'trang',
        pageSize: 'soBanGhi',
        modifiedSince: 'capNhatTu',
        afterId: 'sauMaDon',
      },
      response: { items: 'duLieu', totalPages: 'tongSoTrang' },
      record: { id: 'maDon', modified: 'ngayCapNhat' },
      pageSize: 20,
      timeoutMs: 5000,
    },
    secrets: { 'auth.secretEnv': KEY },
    ...over,
  });

  beforeAll(async () => {
    db = await createTestSchema();
    sim = buildQuyNhonSimulator({ apiKey: KEY, seed: 5, initialRecords: 30 });
    url = await sim.listen({ host: '127.0.0.1', port: 0 });
    key = SecretKey.generate();
    svc = consoleFor(db, key);
  });
  afterAll(async () => {
    await sim.close();
    await db.drop();
  });

  it('creates a source, shows it next to the file sources, and never shows the secret', async () => {
    const r = await svc.create(draft(), actor);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.source).toMatchObject({
      id: 'phuong-thu',
      origin: 'console',
      version: 1,
      updatedBy: 'admin',
      secretsSet: ['auth.secretEnv'],
      config: { auth: { secretEnv: 'KNTC_SRC_PHUONG_THU_AUTH' } },
    });
    const list = await svc.list();
    expect(list.map((s) => [s.id, s.origin])).toEqual([
      ['file-source', 'config-file'],
      ['phuong-thu', 'console'],
    ]);
    expect(JSON.stringify(list)).not.toContain(KEY);
    expect(JSON.stringify(await svc.get('phuong-thu'))).not.toContain(KEY);
    const registered = await db.pool.query(
      "SELECT kind, enabled FROM sources WHERE id = 'phuong-thu'",
    );
    expect(registered.rows).toEqual([{ kind: 'rest-json', enabled: true }]);
  });

  it('stores the secret only encrypted, with the key id', async () => {
    const { rows } = await db.pool.query<{ name: string; ciphertext: Buffer; key_id: string }>(
      'SELECT name, ciphertext, key_id FROM source_secrets',
    );
    expect(rows.map((r) => [r.name, r.key_id])).toEqual([['KNTC_SRC_PHUONG_THU_AUTH', key.id]]);
    expect(rows[0]?.ciphertext.includes(Buffer.from(KEY))).toBe(false);
    const dump = await db.pool.query<{ t: string }>(
      `SELECT (SELECT string_agg(t::text, ' ') FROM source_definitions t) ||
              (SELECT string_agg(encode(ciphertext, 'escape'), ' ') FROM source_secrets) AS t`,
    );
    expect(dump.rows[0]?.t).not.toContain(KEY);
  });

  it('refuses a taken id, a file source edit and a stale version', async () => {
    const again = await svc.create(draft(), actor);
    expect(again.ok ? [] : again.problems.map((p) => p.field)).toEqual(['id']);
    const clash = await svc.create(draft({ id: 'file-source' }), actor);
    expect(clash.ok ? '' : clash.problems[0]?.message).toMatch(/deployment file/);
    const file = await svc.update('file-source', draft({ id: 'file-source' }), 0, actor);
    expect(file.ok ? '' : file.problems[0]?.message).toMatch(/config\/test\.yaml/);
    const stale = await svc.update('phuong-thu', draft({ name: 'Tên mới' }), 7, actor);
    expect(stale.ok ? '' : stale.problems[0]?.message).toMatch(/version 1; you edited version 7/);
    expect((await svc.get('phuong-thu'))?.name).toBe('Phường thử nghiệm');
  });

  it('edits a source at its version and keeps the stored secret when none is entered', async () => {
    const r = await svc.update(
      'phuong-thu',
      draft({ name: 'Phường thử nghiệm (sửa)', schedule: '*/5 * * * *', secrets: {} }),
      1,
      actor,
    );
    expect(r.ok && r.source).toMatchObject({
      version: 2,
      schedule: '*/5 * * * *',
      secretsSet: ['auth.secretEnv'],
    });
    const again = await svc.update('phuong-thu', draft({ name: 'x' }), 1, actor);
    expect(again.ok).toBe(false);
  });

  it('tests the connection and previews the mapping with the decrypted secret', async () => {
    const report = await svc.test('phuong-thu', AbortSignal.timeout(30_000));
    expect(report.failedStep).toBeNull();
    expect(report.steps.map((s) => s.step)).toEqual([
      'check',
      'sample-page',
      'mapping-file',
      'sample-mapping',
    ]);
    expect(report.sample?.length).toBeGreaterThan(0);
    const preview = await svc.preview('phuong-thu', 5, AbortSignal.timeout(30_000));
    expect(preview.records).toHaveLength(5);
    expect(preview.sourceId).toBe('phuong-thu');
  });

  it('reports a wrong secret, and a changed key, as a failed check saying why', async () => {
    const wrong = await svc.update(
      'phuong-thu',
      draft({ secrets: { 'auth.secretEnv': 'wrong' } }),
      2,
      actor,
    );
    expect(wrong.ok).toBe(true);
    const refused = await svc.test('phuong-thu', AbortSignal.timeout(30_000));
    expect(refused.failedStep).toBe('check');
    expect(refused.steps[0]?.error?.cause).toBe('auth');
    await svc.update('phuong-thu', draft(), 3, actor);
    const rotated = await consoleFor(db, SecretKey.generate()).test(
      'phuong-thu',
      AbortSignal.timeout(30_000),
    );
    expect(rotated.failedStep).toBe('check');
    expect(rotated.steps[0]?.error?.message).toMatch(/the key was changed/);
    const none = consoleFor(db, null);
    const noKey = await none.create(draft({ id: 'phuong-khac' }), actor);
    expect(noKey.ok ? '' : noKey.problems[0]?.message).toContain('openssl rand -base64 32');
  });

  it('shows and replaces the cursor under the source lock', async () => {
    expect(await svc.cursor('phuong-thu', actor)).toBeNull();
    await svc.setCursor(
      'phuong-thu',
      { modifiedSince: '2026-01-01T00:00:00+07:00', lastId: null },
      actor,
    );
    expect(await svc.cursor('phuong-thu', actor)).toEqual({
      modifiedSince: '2026-01-01T00:00:00+07:00',
      lastId: null,
    });
    await expect(
      svc.setCursor('phuong-thu', { bad: { nested: 1 } } as never, actor),
    ).rejects.toThrow(/JSON object whose values are text, numbers or null/);
    await svc.setCursor('phuong-thu', null, actor);
    expect(await svc.cursor('phuong-thu', actor)).toBeNull();
  });

  it('audits every change with the actor, never with the secret', async () => {
    const audit = await listAudit(db.pool, { targetType: 'source', targetId: 'phuong-thu' });
    const actions = audit.map((a) => a.action).reverse();
    expect(actions.slice(0, 3)).toEqual(['source.secret-set', 'source.created', 'source.updated']);
    expect(actions).toContain('source.cursor-viewed');
    expect(actions.filter((a) => a === 'source.cursor-changed')).toHaveLength(2);
    expect(audit.every((a) => a.actor === 'admin' && a.ip === '127.0.0.1')).toBe(true);
    const updated = audit.find(
      (a) => a.action === 'source.updated' && a.details?.['version'] === 2,
    );
    expect(updated?.details?.['changed']).toBe('name, schedule');
    const raw = await db.pool.query<{ t: string }>(
      "SELECT string_agg(details::text, ' ') AS t FROM audit_log",
    );
    expect(raw.rows[0]?.t).not.toContain(KEY);
    expect(raw.rows[0]?.t).not.toContain('wrong');
  });
});
