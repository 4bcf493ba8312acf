// Crash: the real hub (`node --import tsx src/main.ts start --roles worker`) is killed with
// SIGKILL in the middle of a push, three times, and started again each time. Every case must end
// acknowledged, none created twice on the national side. A kill between sending and recording
// makes the restarted hub send those submission keys again: the simulator answers "duplicate"
// with the same national id, so such replays are allowed (at most what one hub has in flight,
// per kill) but a second case never is. The national quota stretches the push over about half a
// minute whatever this machine's speed, so each kill lands mid-run. Size: PUSH_CRASH_CASES
// (default 2,000 to keep CI inside its time; the figure is 20,000: `npm run test:push-full`).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { BATCH_MAX_ITEMS } from '../../../src/national/contract.ts';
import { BATCHES_IN_FLIGHT } from '../../../src/pipeline/push-submission.ts';
import {
  deploymentDoc,
  expectDeliveredOnce,
  preparePushRun,
  pushCounts,
  quotaFor,
  report,
  SECRETS_ENV,
  waitDrained,
  type PushRun,
} from './harness.ts';

const CASES = Number(process.env['PUSH_CRASH_CASES'] ?? 2_000);
const QUOTA = quotaFor(CASES, 30);
/** Kill when this share of the petitions is known nationally (plus up to a second more). */
const KILL_AT = [0.1, 0.35, 0.6];

describe('push survives kill -9 of the hub', () => {
  let run: PushRun;
  let dir: string;
  let child: ChildProcess | null = null;

  function startHubProcess(configPath: string): ChildProcess {
    const settings = run.settings();
    const env = {
      ...process.env,
      ...SECRETS_ENV,
      DATABASE_URL: settings.databaseUrl,
      DATABASE_SCHEMA: settings.databaseSchema,
      REDIS_URL: settings.redisUrl,
      KNTC_QUEUE_PREFIX: settings.queuePrefix,
      KNTC_CONFIG: configPath,
      LOG_LEVEL: 'error',
    };
    const args = ['--import', 'tsx', 'src/main.ts', 'start', '--roles', 'worker'];
    return spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
  }

  async function kill9(proc: ChildProcess): Promise<void> {
    if (proc.exitCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGKILL');
    await exited;
  }

  /** Polls (with a deadline) until `share` of the petitions are known nationally. */
  async function progressTo(share: number, life: number): Promise<void> {
    const deadline = Date.now() + 300_000;
    for (;;) {
      const c = await pushCounts(run.db.pool);
      if (c.withNationalId >= c.petitions * share) return;
      if (Date.now() > deadline)
        throw new Error(`hub life ${life} made no progress: ${JSON.stringify(c)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  beforeAll(async () => {
    run = await preparePushRun({ cases: CASES, faults: { ratePerSecond: QUOTA, errorRate: 0.1 } });
    dir = await mkdtemp(path.join(tmpdir(), 'kntc-crash-'));
    const doc = deploymentDoc(run.nationalUrl, { ratePerSecond: QUOTA, jobLockSeconds: 3 });
    await writeFile(path.join(dir, 'hub.yaml'), stringify(doc));
  }, 300_000);

  afterAll(async () => {
    if (child !== null) await kill9(child);
    await run?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('acknowledges every case once after three kills', async () => {
    const started = Date.now();
    const config = path.join(dir, 'hub.yaml');
    for (const [k, share] of KILL_AT.entries()) {
      child = startHubProcess(config);
      await progressTo(share, k + 1);
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 1000)));
      await kill9(child);
    }
    child = startHubProcess(config);
    const done = await waitDrained(() => run.db.pool, 1_800_000);
    report('crash test', started, run.national, done);
    expectDeliveredOnce(done, run.national);
    const inFlight = BATCHES_IN_FLIGHT * BATCH_MAX_ITEMS;
    expect(run.national.simulator.stats().duplicates).toBeLessThanOrEqual(
      KILL_AT.length * inFlight,
    );
  }, 2_000_000);
});
