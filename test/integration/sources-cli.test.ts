// The CLI finds sources created in the console: `kntc-hub sources test <id>` resolves a console
// source (its secret decrypted with KNTC_SECRETS_KEY) and says clearly when the key is missing;
// `sources cursor` needs no key (it never opens the secrets) and looking a source up writes
// nothing to the `sources` table.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../adapters/index.ts';
import { SecretKey } from '../../src/lib/secret-box.ts';
import {
  buildQuyNhonSimulator,
  type QuyNhonSimulator,
} from '../../src/simulators/quynhon/index.ts';
import { createSourcesConsole } from '../../src/sources/console-service.ts';
import { SourceRegistry } from '../../src/sources/registry.ts';
import { SecretStore } from '../../src/sources/secret-store.ts';
import { createTestSchema, type TestSchema } from '../helpers/pg.ts';
import { TEST_REDIS_URL } from '../helpers/redis.ts';

const run = promisify(execFile);
const SLOW = 300_000;
const KEY = 'cli-console-key-2208';

async function cli(args: string[], env: Record<string, string>) {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
      env: { ...process.env, ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('kntc-hub sources test on a console source', () => {
  let sim: QuyNhonSimulator;
  let db: TestSchema;
  let dir: string;
  let env: Record<string, string>;
  const key = SecretKey.generate();

  beforeAll(async () => {
    sim = buildQuyNhonSimulator({ apiKey: KEY, seed: 3, initialRecords: 12 });
    const url = await sim.listen({ host: '127.0.0.1', port: 0 });
    db = await createTestSchema();
    dir = await mkdtemp(path.join(tmpdir(), 'kntc-cli-console-'));
    await mkdir(path.join(dir, 'config'));
    await mkdir(path.join(dir, 'mappings'));
    await cp('mappings/quynhon-web.yaml', path.join(dir, 'mappings', 'quynhon-web.yaml'));
    const national = { baseUrl: 'http://127.0.0.1:9', clientId: 'x', secretEnv: 'C_NATIONAL' };
    await writeFile(path.join(dir, 'config', 'hub.yaml'), stringify({ national, sources: [] }));
    const log = pino({ level: 'silent' });
    const secrets = new SecretStore(db.pool, key);
    const registry = new SourceRegistry({
      pool: db.pool,
      fileSources: [],
      root: dir,
      secrets,
      log,
    });
    const svc = createSourcesConsole({
      pool: db.pool,
      registry,
      secrets,
      adapters: ADAPTERS,
      root: dir,
      configFile: path.join(dir, 'config', 'hub.yaml'),
      log,
    });
    const created = await svc.create(
      {
        id: 'phuong-cli',
        name: 'Phường (CLI)',
        adapter: 'rest-json',
        mapping: 'mappings/quynhon-web.yaml',
        schedule: null,
        enabled: true,
        config: {
          baseUrl: url,
          checkPath: '/api/v1/ping',
          listPath: '/api/v1/don-thu',
          auth: { type: 'apiKey', header: 'X-Api-Key' },
          params: { page: 'trang', pageSize: 'soBanGhi', modifiedSince: 'capNhatTu' },
          response: { items: 'duLieu', totalPages: 'tongSoTrang' },
          record: { id: 'maDon', modified: 'ngayCapNhat' },
        },
        secrets: { 'auth.secretEnv': KEY },
      },
      { username: 'admin', role: 'admin', ip: '127.0.0.1' },
    );
    if (!created.ok) throw new Error(JSON.stringify(created.problems));
    env = {
      KNTC_CONFIG: path.join(dir, 'config', 'hub.yaml'),
      C_NATIONAL: 'n',
      DATABASE_URL: db.databaseUrl,
      DATABASE_SCHEMA: db.schema,
      REDIS_URL: TEST_REDIS_URL,
      LOG_LEVEL: 'warn',
    };
  });
  afterAll(async () => {
    await sim.close();
    await db.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it(
    'tests it with the key, and without it says which key is missing',
    async () => {
      const ok = await cli(['sources', 'test', 'phuong-cli', '--json'], {
        ...env,
        KNTC_SECRETS_KEY: key.toBase64(),
      });
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.stdout)).toMatchObject({ sourceId: 'phuong-cli', ok: true });
      const noKey = await cli(['sources', 'test', 'phuong-cli'], env);
      expect(noKey.code).toBe(1);
      expect(noKey.stderr).toContain('KNTC_SECRETS_KEY');
      expect(noKey.stderr).not.toContain(KEY);
    },
    SLOW,
  );

  it(
    'shows the cursor without the key, and leaves the `sources` table as it was',
    async () => {
      // A marker the console's save never writes: a lookup that upserts `sources` would undo it.
      await db.pool.query("UPDATE sources SET name = 'đổi tay' WHERE id = 'phuong-cli'");
      const cursor = await cli(['sources', 'cursor', 'phuong-cli', '--json'], env);
      expect(cursor.stderr).toBe('');
      expect(cursor.code).toBe(0);
      expect(JSON.parse(cursor.stdout)).toMatchObject({ reset: false });
      const test = await cli(['sources', 'test', 'phuong-cli', '--json'], {
        ...env,
        KNTC_SECRETS_KEY: key.toBase64(),
      });
      expect(test.code).toBe(0);
      const { rows } = await db.pool.query("SELECT name FROM sources WHERE id = 'phuong-cli'");
      expect(rows).toEqual([{ name: 'đổi tay' }]);
    },
    SLOW,
  );
});
