// The kntc-hub command as a person runs it: unreachable services give one actionable line and a
// non-zero exit; migrate and sources list work against a real database.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSchema } from '../helpers/pg.ts';

const run = promisify(execFile);

async function cli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      timeout: 30_000,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const demoSecrets = {
  KNTC_NATIONAL_SECRET: 'x',
  QUYNHON_API_KEY: 'y',
  HANOI_KNTC_PASSWORD: 'z',
  DISTRICT_DB_URL: 'postgres://postgres@127.0.0.1:5432/none',
  KNTC_CONFIG: 'config/demo.yaml',
};

describe('kntc-hub CLI', () => {
  let db: Awaited<ReturnType<typeof createTestSchema>>;
  beforeAll(async () => {
    db = await createTestSchema();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('prints one line naming the PostgreSQL URL and how to fix it, and exits non-zero', async () => {
    const r = await cli(['migrate'], {
      DATABASE_URL: 'postgres://postgres:hunter2@127.0.0.1:5999/kntc_hub',
    });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('KNTC_DB_UNREACHABLE');
    expect(lines[0]).toContain('127.0.0.1:5999');
    expect(lines[0]).toContain('DATABASE_URL');
    expect(r.stderr).not.toContain('hunter2');
  });

  it('does the same for Redis', async () => {
    const r = await cli(['start'], {
      ...demoSecrets,
      DATABASE_URL: db.databaseUrl,
      DATABASE_SCHEMA: db.schema,
      REDIS_URL: 'redis://127.0.0.1:6390',
    });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('KNTC_REDIS_UNREACHABLE');
    expect(lines[0]).toContain('redis://127.0.0.1:6390');
    expect(lines[0]).toContain('REDIS_URL');
  });

  it('reports every deployment-file problem before touching any service', async () => {
    const r = await cli(['start'], { KNTC_CONFIG: 'config/demo.yaml' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('KNTC_CONFIG_INVALID');
    expect(r.stderr).toContain('QUYNHON_API_KEY is not set');
    expect(r.stderr).toContain('KNTC_NATIONAL_SECRET is not set');
  });

  it('migrates and lists sources', async () => {
    const env = { DATABASE_URL: db.databaseUrl, DATABASE_SCHEMA: db.schema };
    expect((await cli(['migrate'], env)).stdout).toContain('Database is up to date');
    const list = await cli(['sources', 'list', '--json'], env);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([]);
  });

  it('creates an account with the password piped on stdin, never as an argument', async () => {
    const env = { DATABASE_URL: db.databaseUrl, DATABASE_SCHEMA: db.schema };
    const password = 'correct-horse-battery-7';
    const r = await cliWithInput(
      ['users', 'add', 'thanhtra.an', '--role', 'inspector'],
      env,
      `${password}\n`,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Account thanhtra.an (inspector) created');
    const { rows } = await db.pool.query<{ role: string; password_hash: string }>(
      "SELECT role, password_hash FROM users WHERE username = 'thanhtra.an'",
    );
    expect(rows[0]?.role).toBe('inspector');
    expect(rows[0]?.password_hash).toMatch(/^scrypt\$/);
    expect(rows[0]?.password_hash).not.toContain(password);
    const bad = await cliWithInput(
      ['users', 'add', 'x.y.z', '--role', 'superuser'],
      env,
      `${password}\n`,
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--role must be one of admin, inspector, viewer');
  });

  it('exports the deduplication clusters as JSON lines', async () => {
    const env = { DATABASE_URL: db.databaseUrl, DATABASE_SCHEMA: db.schema };
    const r = await cli(['dedup', 'export', '--format', 'jsonl'], env);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('0 records exported');
  });
});

function cliWithInput(
  args: string[],
  env: Record<string, string>,
  input: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}
