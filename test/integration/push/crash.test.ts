// Crash: the real hub (`node --import tsx src/main.ts start --roles worker`) is killed with
// SIGKILL at random moments of a push, three times, and started again each time. Every case must
// end acknowledged, none created twice on the national side. A kill between sending and recording
// makes the restarted hub send that submission key again: the simulator answers "duplicate" with
// the same national id, so such replays are allowed (bounded by kills × concurrency) but a second
// case never is. Size: PUSH_CRASH_CASES (default 2,000 to keep CI inside its time; the figure is 20,000).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  buildNationalSimulator,
  type NationalSimulator,
} from '../../../src/simulators/national/index.ts';
import { createTestSchema, type TestSchema } from '../../helpers/pg.ts';
import { createTestPrefix, TEST_REDIS_URL } from '../../helpers/redis.ts';
import {
  deploymentDoc,
  NATIONAL_CLIENT,
  NATIONAL_SECRET,
  pushCounts,
  SECRETS_ENV,
  seedPetitions,
  waitDrained,
} from './harness.ts';

const CASES = Number(process.env['PUSH_CRASH_CASES'] ?? 2_000);
const KILLS = 3;
const CONCURRENCY = 16;

describe('push survives kill -9 of the hub', () => {
  let db: TestSchema;
  let national: NationalSimulator;
  let dir: string;
  let prefix: { prefix: string; cleanup: () => Promise<void> };
  let child: ChildProcess | null = null;

  function startHubProcess(configPath: string): ChildProcess {
    const env = {
      ...process.env,
      ...SECRETS_ENV,
      DATABASE_URL: db.databaseUrl,
      DATABASE_SCHEMA: db.schema,
      REDIS_URL: TEST_REDIS_URL,
      KNTC_QUEUE_PREFIX: prefix.prefix,
      KNTC_CONFIG: configPath,
      LOG_LEVEL: 'error',
    };
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/main.ts', 'start', '--roles', 'worker'],
      {
        env,
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    return proc;
  }

  async function kill9(proc: ChildProcess): Promise<void> {
    if (proc.exitCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGKILL');
    await exited;
  }

  beforeAll(async () => {
    db = await createTestSchema();
    prefix = createTestPrefix();
    national = buildNationalSimulator({
      clients: [{ clientId: NATIONAL_CLIENT, secret: NATIONAL_SECRET }],
      faults: { ratePerSecond: 500, errorRate: 0.1 },
    });
    const url = await national.listen({ host: '127.0.0.1', port: 0 });
    dir = await mkdtemp(path.join(tmpdir(), 'kntc-crash-'));
    const doc = deploymentDoc(url, {
      ratePerSecond: 500,
      concurrency: CONCURRENCY,
      jobLockSeconds: 3,
    });
    await writeFile(path.join(dir, 'hub.yaml'), stringify(doc));
    await seedPetitions(db.pool, CASES);
  }, 180_000);

  afterAll(async () => {
    if (child !== null) await kill9(child);
    await national?.close();
    await db?.drop();
    await prefix?.cleanup();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('acknowledges every case once after three kills', async () => {
    const config = path.join(dir, 'hub.yaml');
    const total = (await pushCounts(db.pool)).petitions;
    for (let k = 0; k < KILLS; k++) {
      child = startHubProcess(config);
      // Kill once the hub made some progress in this life, at a random moment after that.
      const before = (await pushCounts(db.pool)).acknowledged;
      const deadline = Date.now() + 120_000;
      while ((await pushCounts(db.pool)).acknowledged < before + total * 0.05) {
        if (Date.now() > deadline) throw new Error(`hub life ${k + 1} made no progress`);
        await new Promise((r) => setTimeout(r, 200));
      }
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 3000)));
      await kill9(child);
    }
    child = startHubProcess(config);
    const done = await waitDrained(() => db.pool, 900_000);
    const s = national.simulator.stats();
    expect(done.withNationalId).toBe(done.petitions);
    expect(done.dead).toBe(0);
    expect(s.cases).toBe(done.petitions);
    expect(s.duplicateCases).toBe(0);
    expect(s.duplicates).toBeLessThanOrEqual(KILLS * CONCURRENCY);
    process.stderr.write(`crash test: ${JSON.stringify({ ...s, hub: done })}\n`);
  }, 1_200_000);
});
