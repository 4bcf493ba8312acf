// The sources console's rules over the real PostgreSQL: an id kept by a removed source is not
// reused, a console file-drop source keeps its folders inside the drop root, a stored optional
// secret can be cleared (audited), each save registers the source in `sources` in its own
// transaction, and the table refuses a mapping outside mappings/.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../adapters/index.ts';
import { SecretKey } from '../../src/lib/secret-box.ts';
import type { SourceDraft, SourcesConsole } from '../../src/sources/console-contract.ts';
import { insertSource } from '../../src/sources/console-save.ts';
import { createSourcesConsole } from '../../src/sources/console-service.ts';
import { SourceRegistry } from '../../src/sources/registry.ts';
import { SecretStore } from '../../src/sources/secret-store.ts';
import { listAudit } from '../../src/store/audit-repo.ts';
import { isPgError } from '../../src/store/pool.ts';
import { createTestSchema, type TestSchema } from '../helpers/pg.ts';

const silent = pino({ level: 'silent' });
const actor = { username: 'admin', role: 'admin', ip: '127.0.0.1' };
const PASSWORD = 'mat-khau-csdl-quan-9d2e';

const sqlDraft = (over: Partial<SourceDraft> = {}): SourceDraft => ({
  id: 'quan-csdl',
  name: 'Hệ thống văn bản quận (đọc CSDL)',
  adapter: 'sql',
  mapping: 'mappings/district-sql.yaml',
  schedule: null,
  enabled: true,
  config: {
    connection: { host: '127.0.0.1', database: 'quan', user: 'hub', sslmode: 'disable' },
    query: 'SELECT * FROM v_don_thu_tich_hop',
    watermark: { column: 'ngay_cap_nhat', type: 'timestamptz' },
    key: { column: 'so_don', type: 'text' },
  },
  secrets: { 'connection.passwordSecretEnv': PASSWORD },
  ...over,
});

const dropDraft = (inbox: string, id = 'xa-moi'): SourceDraft => ({
  id,
  name: 'Sổ đơn thư xã mới (tệp)',
  adapter: 'file-drop',
  mapping: 'mappings/commune-export.yaml',
  schedule: null,
  enabled: true,
  config: { inbox },
  secrets: {},
});

describe('sources console rules', () => {
  let db: TestSchema;
  let dropRoot: string;
  let secrets: SecretStore;
  let registry: SourceRegistry;
  let svc: SourcesConsole;

  beforeAll(async () => {
    db = await createTestSchema();
    dropRoot = await mkdtemp(path.join(tmpdir(), 'kntc-drop-root-'));
    secrets = new SecretStore(db.pool, SecretKey.generate());
    registry = new SourceRegistry({
      pool: db.pool,
      fileSources: [],
      root: process.cwd(),
      secrets,
      log: silent,
    });
    svc = createSourcesConsole({
      pool: db.pool,
      registry,
      secrets,
      adapters: ADAPTERS,
      root: process.cwd(),
      configFile: 'config/test.yaml',
      dropRoot,
      log: silent,
    });
  });
  afterAll(async () => {
    await db.drop();
    await rm(dropRoot, { recursive: true, force: true });
  });

  it('refuses the id of a source that is only left in `sources` (removed from the deployment file)', async () => {
    await db.pool.query(
      "INSERT INTO sources (id, name, kind, enabled) VALUES ('phuong-cu', 'Phường cũ', 'rest-json', false)",
    );
    const r = await svc.create(sqlDraft({ id: 'phuong-cu' }), actor);
    expect(r.ok ? [] : r.problems.map((p) => [p.field, p.parts?.[0]?.key])).toEqual([
      ['id', 'idUsedBefore'],
    ]);
    expect(r.ok ? '' : r.problems[0]?.message).toMatch(/used before/);
    const defs = await db.pool.query("SELECT 1 FROM source_definitions WHERE id = 'phuong-cu'");
    expect(defs.rowCount).toBe(0);
  });

  it('refuses, in the save itself, an id that reached `sources` after the check', async () => {
    await db.pool.query(
      "INSERT INTO sources (id, name, kind, enabled) VALUES ('vua-dung', 'Vừa dùng', 'sql', true)",
    );
    const fields = { ...sqlDraft({ id: 'vua-dung' }), schedule: null, config: {} };
    const saved = await insertSource(
      { pool: db.pool, secrets },
      { fields, secretPaths: [], newSecrets: [] },
      actor,
    );
    expect(saved).toBe(false);
    const defs = await db.pool.query("SELECT 1 FROM source_definitions WHERE id = 'vua-dung'");
    expect(defs.rowCount).toBe(0);
  });

  it('keeps a console file-drop source inside the drop root', async () => {
    const outside = await svc.create(dropDraft('/etc'), actor);
    expect(outside.ok ? [] : outside.problems.map((p) => p.field)).toEqual(['config.inbox']);
    expect(outside.ok ? '' : outside.problems[0]?.message).toContain(dropRoot);
    const inside = await svc.create(dropDraft(path.join(dropRoot, 'xa-moi', 'inbox')), actor);
    expect(inside.ok).toBe(true);
  });

  it('registers each save in `sources` (name, kind, enabled) with the definition', async () => {
    const created = await svc.create(sqlDraft(), actor);
    expect(created.ok).toBe(true);
    const renamed = await svc.update(
      'quan-csdl',
      sqlDraft({ name: 'Quận (tạm dừng)', enabled: false, secrets: {} }),
      1,
      actor,
    );
    expect(renamed.ok).toBe(true);
    const row = await db.pool.query(
      "SELECT name, kind, enabled FROM sources WHERE id = 'quan-csdl'",
    );
    expect(row.rows).toEqual([{ name: 'Quận (tạm dừng)', kind: 'sql', enabled: false }]);
  });

  it('clears a stored optional password when asked, and audits the removal', async () => {
    expect((await svc.get('quan-csdl'))?.secretsSet).toEqual(['connection.passwordSecretEnv']);
    const kept = await svc.update('quan-csdl', sqlDraft({ secrets: {} }), 2, actor);
    expect(kept.ok && kept.source.secretsSet).toEqual(['connection.passwordSecretEnv']);
    const cleared = await svc.update(
      'quan-csdl',
      sqlDraft({ secrets: {}, clearSecrets: ['connection.passwordSecretEnv'] }),
      3,
      actor,
    );
    expect(cleared.ok && cleared.source.secretsSet).toEqual([]);
    expect(cleared.ok && cleared.source.config['connection']).not.toHaveProperty(
      'passwordSecretEnv',
    );
    const stored = await db.pool.query(
      "SELECT name FROM source_secrets WHERE source_id = 'quan-csdl'",
    );
    expect(stored.rowCount).toBe(0);
    const audit = await listAudit(db.pool, { targetType: 'source', targetId: 'quan-csdl' });
    const removed = audit.filter((a) => a.action === 'source.secret-removed');
    expect(removed.map((a) => a.details?.['secret'])).toEqual([
      'KNTC_SRC_QUAN_CSDL_CONNECTION_PASSWORD',
    ]);
    expect(JSON.stringify(audit)).not.toContain(PASSWORD);
  });

  it('refuses in the table a mapping outside mappings/ or in a sub-folder', async () => {
    for (const mapping of [
      'mappings/../config/hub.yaml',
      'mappings/sub/x.yaml',
      'mappings/x.txt',
    ]) {
      const err = await db.pool
        .query(
          `INSERT INTO source_definitions (id, name, adapter, mapping, config, created_by, updated_by)
           VALUES ('sai-anh-xa', 'x', 'sql', $1, '{}', 'admin', 'admin')`,
          [mapping],
        )
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(isPgError(err, '23514'), mapping).toBe(true);
    }
  });
});
