// Chaos: 20,000 cases pushed through 30 % injected 503s, a quota that answers 429 with
// Retry-After, one token expiry in the middle of the run and a submission window that closes for
// part of it. Every case must reach the national simulator exactly once: no case created twice,
// no key even replayed, nothing left pending or dead. Size: PUSH_CHAOS_CASES (default 2,000 to keep CI inside its time; the figure is 20,000).
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../../../src/app/hub.ts';
import type { Settings } from '../../../src/config/settings.ts';
import {
  buildNationalSimulator,
  type NationalSimulator,
} from '../../../src/simulators/national/index.ts';
import { createPool } from '../../../src/store/index.ts';
import { createTestSchema, type TestSchema } from '../../helpers/pg.ts';
import { createTestPrefix, TEST_REDIS_URL } from '../../helpers/redis.ts';
import {
  deployment,
  NATIONAL_CLIENT,
  NATIONAL_SECRET,
  seedPetitions,
  waitDrained,
} from './harness.ts';

const CASES = Number(process.env['PUSH_CHAOS_CASES'] ?? 2_000);
// The quota is set below what this machine can push so that it really answers 429s.
const ALLOWED_PER_SEC = Number(process.env['PUSH_CHAOS_QUOTA'] ?? 100);

describe('push under chaos', () => {
  let db: TestSchema;
  let national: NationalSimulator;
  let hub: RunningHub;
  let cleanup: () => Promise<void>;
  let pool: ReturnType<typeof createPool>;

  beforeAll(async () => {
    db = await createTestSchema();
    const prefix = createTestPrefix();
    cleanup = prefix.cleanup;
    national = buildNationalSimulator({
      clients: [{ clientId: NATIONAL_CLIENT, secret: NATIONAL_SECRET }],
      faults: { errorRate: 0.3, ratePerSecond: ALLOWED_PER_SEC, retryAfterFormat: 'date' },
    });
    const url = await national.listen({ host: '127.0.0.1', port: 0 });
    // The hub's own limit is set above the quota on purpose, so the quota answers 429s.
    const config = deployment(url, { ratePerSecond: Math.ceil(ALLOWED_PER_SEC * 1.5) });
    const settings: Settings = {
      databaseUrl: db.databaseUrl,
      databaseSchema: db.schema,
      redisUrl: TEST_REDIS_URL,
      queuePrefix: prefix.prefix,
      configPath: 'config/push-test.yaml',
      host: '127.0.0.1',
      port: 0,
      logLevel: 'silent',
      logPretty: false,
    };
    await seedPetitions(db.pool, CASES);
    pool = createPool({ databaseUrl: db.databaseUrl, schema: db.schema, max: 20 });
    hub = await startHub(settings, config, pool, new Set(['worker']), pino({ level: 'silent' }));
  }, 120_000);

  afterAll(async () => {
    await hub?.close(5000);
    await national?.close();
    await pool?.end();
    await db?.drop();
    await cleanup?.();
  });

  it('acknowledges every case exactly once', async () => {
    let squeezed = false;
    let expired = false;
    let closed = false;
    const done = await waitDrained(
      () => db.pool,
      1_100_000,
      (c) => {
        // A burst of 429s whatever this machine's speed: the quota drops to 5/s for a while.
        if (!squeezed && c.withNationalId > c.petitions * 0.1) {
          squeezed = true;
          national.simulator.setFaults({ ratePerSecond: 5 });
        }
        if (squeezed && c.withNationalId > c.petitions * 0.15) {
          national.simulator.setFaults({ ratePerSecond: ALLOWED_PER_SEC });
        }
        if (!expired && c.withNationalId > c.petitions * 0.25) {
          expired = true;
          national.simulator.expireTokens();
        }
        if (!closed && c.withNationalId > c.petitions * 0.5) {
          closed = true;
          national.simulator.closeWindowFor(4000);
        }
      },
    );
    const s = national.simulator.stats();
    expect(done.withNationalId).toBe(done.petitions);
    expect(done.dead).toBe(0);
    expect(s.cases).toBe(done.petitions);
    expect(s.duplicateCases).toBe(0);
    expect(s.duplicates).toBe(0);
    expect(s.accepted).toBe(done.acknowledged);
    // The faults really happened.
    expect(s.faults.unavailable).toBeGreaterThan(done.petitions * 0.1);
    expect(s.faults.rateLimited).toBeGreaterThan(0);
    expect(s.faults.windowClosed).toBeGreaterThan(0);
    expect(expired && closed).toBe(true);
    process.stderr.write(`chaos test: ${JSON.stringify({ ...s, hub: done })}\n`);
  }, 1_200_000);
});
