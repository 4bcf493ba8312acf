// The provincial IT commands as an officer runs them (spawned `kntc-hub`), against the Quy Nhơn
// simulator on port 0, a fresh schema and BullMQ prefix: exit codes, and what stdout says.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuyNhonSimulator } from '../../src/simulators/quynhon/index.ts';
import { createTestPrefix, TEST_REDIS_URL } from '../helpers/redis.ts';
import type { TestSchema } from '../helpers/pg.ts';
import { KEY, registeredSchema, startSimulator } from './workflow-fixtures.ts';

const run = promisify(execFile);
// Each spawned command compiles the sources with tsx: seconds each on a shared machine.
const SLOW = 300_000;

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

let sim: QuyNhonSimulator;
let db: TestSchema;
let dir: string;
let env: Record<string, string>;
const prefix = createTestPrefix();

beforeAll(async () => {
  const started = await startSimulator(30);
  sim = started.sim;
  db = await registeredSchema();
  dir = await mkdtemp(path.join(tmpdir(), 'kntc-cli-'));
  await mkdir(path.join(dir, 'config'));
  await mkdir(path.join(dir, 'mappings'));
  await cp('mappings/quynhon-web.yaml', path.join(dir, 'mappings', 'quynhon-web.yaml'));
  const hubYaml = stringify({
    national: { baseUrl: 'http://127.0.0.1:9', clientId: 'x', secretEnv: 'C_NATIONAL' },
    sources: [
      {
        id: 'quynhon-web',
        name: 'Quy Nhơn (CLI test)',
        adapter: 'rest-json',
        mapping: 'mappings/quynhon-web.yaml',
        schedule: '0 0 1 1 *',
        config: {
          baseUrl: started.url,
          checkPath: '/api/v1/ping',
          listPath: '/api/v1/don-thu',
          auth: { type: 'apiKey', header: 'X-Api-Key', secretEnv: 'C_KEY' },
          params: {
            page: 'trang',
            pageSize: 'soBanGhi',
            modifiedSince: 'capNhatTu',
            afterId: 'sauMaDon',
          },
          response: { items: 'duLieu', totalPages: 'tongSoTrang' },
          record: { id: 'maDon', modified: 'ngayCapNhat' },
          pageSize: 10,
        },
      },
    ],
  });
  await writeFile(path.join(dir, 'config', 'hub.yaml'), hubYaml);
  env = {
    KNTC_CONFIG: path.join(dir, 'config', 'hub.yaml'),
    C_NATIONAL: 'n',
    C_KEY: KEY,
    DATABASE_URL: db.databaseUrl,
    DATABASE_SCHEMA: db.schema,
    REDIS_URL: TEST_REDIS_URL,
    KNTC_QUEUE_PREFIX: prefix.prefix,
    LOG_LEVEL: 'warn',
  };
});
afterAll(async () => {
  await sim.close();
  await db.drop();
  await prefix.cleanup();
  await rm(dir, { recursive: true, force: true });
});

describe('kntc-hub mapping check', () => {
  it(
    'passes on a good mapping with its golden fixtures, exit 0',
    async () => {
      const r = await cli(['mapping', 'check', '--mappings', path.join(dir, 'mappings')], env);
      expect(r.stdout).toContain('✓');
      expect(r.stdout).toContain('8 fixture(s) match');
      expect(r.code).toBe(0);
    },
    SLOW,
  );

  it(
    'exits 1 naming the line of a broken mapping, and the case of a changed one',
    async () => {
      const bad = path.join(dir, 'bad');
      await mkdir(bad);
      const text = await readFile('mappings/quynhon-web.yaml', 'utf8');
      await writeFile(
        path.join(bad, 'broken.yaml'),
        text.replace('date: dd/MM/yyyy }', 'form: dd/MM/yyyy }'),
      );
      await writeFile(path.join(bad, 'quynhon-web.yaml'), text.replace("'01': KN,", "'01': TC,"));
      const r = await cli(['mapping', 'check', '--mappings', bad, '--json'], env);
      expect(r.code).toBe(1);
      const report = JSON.parse(r.stdout) as {
        ok: boolean;
        files: {
          file: string;
          ok: boolean;
          error?: { code: string; message: string };
          fixtures: { name: string; ok: boolean; problem?: string }[];
        }[];
      };
      expect(report.ok).toBe(false);
      const [broken, changed] = report.files;
      expect(broken?.error?.code).toBe('KNTC_MAPPING_INVALID');
      expect(broken?.error?.message).toMatch(
        /broken\.yaml:\d+ \(key fields\.receipt\.receivedAt\.form\)/,
      );
      expect(changed?.fixtures.find((f) => f.name === '01-complaint-nfd-name')?.problem).toBe(
        'differs at value.kind',
      );
    },
    SLOW,
  );
});

describe('kntc-hub sources test / mapping preview', () => {
  it(
    'sources test prints each step and exits 0 on a usable source',
    async () => {
      const r = await cli(['sources', 'test', 'quynhon-web'], env);
      expect(r.stdout).toMatch(/✓ check/);
      expect(r.stdout).toMatch(/first page read: 10 record\(s\)/);
      expect(r.code).toBe(0);
    },
    SLOW,
  );

  it(
    'sources test exits 1 and names the credentials with a wrong key',
    async () => {
      const r = await cli(['sources', 'test', 'quynhon-web'], { ...env, C_KEY: 'wrong' });
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('KNTC_SOURCE_AUTH');
      expect(r.stdout).toContain('FAILED at step "check"');
    },
    SLOW,
  );

  it(
    'mapping preview shows source and canonical fields side by side per record',
    async () => {
      const r = await cli(['mapping', 'preview', 'quynhon-web', '--limit', '3', '--json'], env);
      const preview = JSON.parse(r.stdout) as {
        records: { sourceRecordId: string; raw: { maDon: string } }[];
      };
      expect(preview.records).toHaveLength(3);
      for (const rec of preview.records) expect(rec.raw.maDon).toBe(rec.sourceRecordId);
      const text = await cli(['mapping', 'preview', 'quynhon-web', '--limit', '2'], env);
      expect(text.stdout).toContain('source record:');
      expect(text.stdout).toMatch(/maDon\s+"/);
      expect(text.stdout).toContain('2 record(s):');
    },
    SLOW,
  );
});

describe('kntc-hub replay / sources cursor', () => {
  it(
    'replays rejected records after a sync, keeping the cursor',
    async () => {
      expect((await cli(['sources', 'sync', 'quynhon-web'], env)).code).toBe(0);
      const before = await cli(['sources', 'cursor', 'quynhon-web', '--json'], env);
      const r = await cli(['replay', 'quynhon-web', '--rejected'], env);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/replayed \d+ \/ \d+ record\(s\)/);
      expect(r.stdout).toMatch(/still rejected\s+\d+/);
      expect(r.stdout).toContain('mapping version 1.0.0');
      // Same position; the row now names the replay run as its last writer.
      const after = await cli(['sources', 'cursor', 'quynhon-web', '--json'], env);
      const position = (out: string): unknown =>
        (JSON.parse(out) as { cursor: { cursor: unknown } }).cursor.cursor;
      expect(position(after.stdout)).toEqual(position(before.stdout));
    },
    SLOW,
  );

  it(
    'cursor --reset without --yes only says what would happen; with --yes it resets',
    async () => {
      const plan = await cli(['sources', 'cursor', 'quynhon-web', '--reset'], env);
      expect(plan.code).toBe(0);
      expect(plan.stdout).toContain('--reset --yes');
      expect(plan.stdout).toContain('modifiedSince');
      const still = await cli(['sources', 'cursor', 'quynhon-web', '--json'], env);
      const kept = JSON.parse(still.stdout) as { cursor: { cursor: { lastId: unknown } } | null };
      expect(typeof kept.cursor?.cursor.lastId).toBe('string');
      const done = await cli(['sources', 'cursor', 'quynhon-web', '--reset', '--yes'], env);
      expect(done.stdout).toContain('the next sync starts from the beginning');
      expect((await cli(['sources', 'cursor', 'quynhon-web'], env)).stdout).toContain(
        'has no saved cursor',
      );
    },
    SLOW,
  );
});
