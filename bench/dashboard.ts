/**
 * Dashboard benchmark: the overview page's server time with N petitions in the store (default
 * 1,000,000; BENCH_DASHBOARD_PETITIONS), five sources, 90 days of runs every 15 minutes, outbox
 * rows for every petition and unresolved rejections. Seeded set-based in SQL, in a schema of its
 * own (dropped afterwards); the page is fetched through Fastify's inject as a signed-in inspector.
 */
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { addUser } from '../src/auth/users.ts';
import { registerDashboard } from '../src/http/dashboard/index.ts';
import { createPool, ensureDatabase, migrateUp } from '../src/store/index.ts';

const PETITIONS = Number(process.env['BENCH_DASHBOARD_PETITIONS'] ?? 1_000_000);
const DATABASE_URL =
  process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/kntc_hub_bench';
const SAMPLES = 40;

const SEED_SQL = (n: number) => [
  `INSERT INTO sources (id, name, kind)
   SELECT 'src-' || i, 'Đơn vị ' || i, 'rest-json' FROM generate_series(1, 5) i`,
  `INSERT INTO sync_runs (source_id, trigger, status, started_at, finished_at, pulled, stored, rejected)
   SELECT 'src-' || (1 + g % 5), 'schedule', 'succeeded', now() - g * interval '3 minutes',
          now() - g * interval '3 minutes' + interval '20 seconds', 50, 45, 1
     FROM generate_series(1, 43200) g`,
  `INSERT INTO petitions (source_id, source_record_id, record, content_hash, mapping_version, kind, received_on)
   SELECT 'src-' || (1 + g % 5), 'R' || g,
          jsonb_build_object('schemaVersion', '1.0', 'kind', 'KN', 'signerCount', 1,
            'petitioners', jsonb_build_array(jsonb_build_object('kind', 'PERSON', 'name', 'Nguyễn Văn ' || g)),
            'content', jsonb_build_object('summary', 'Nội dung đơn số ' || g),
            'confidentiality', jsonb_build_object('protectIdentity', g % 10 = 0)),
          md5(g::text) || md5((g + 1)::text), 'bench@1', 'KN', current_date - (g % 365)
     FROM generate_series(1, ${n}) g`,
  `INSERT INTO outbox (hub_id, source_id, operation, submission_key, content_hash, status, attempts, acknowledged_at)
   SELECT hub_id, source_id, 'create', hub_id || ':create', content_hash,
          CASE WHEN abs(hashtext(source_record_id)) % 20 = 0 THEN 'pending' ELSE 'acknowledged' END,
          1, CASE WHEN abs(hashtext(source_record_id)) % 20 = 0 THEN NULL ELSE now() END
     FROM petitions`,
  `INSERT INTO rejected_records (source_id, source_record_id, run_id, field, value, code, message)
   SELECT 'src-' || (1 + g % 5), 'X' || g, (SELECT min(id) FROM sync_runs), 'receipt.channel', '09',
          'KNTC_RECORD_UNKNOWN_CODE', 'Unknown channel code'
     FROM generate_series(1, 20000) g`,
  `INSERT INTO source_daily_counts (source_id, day, pulled, stored, rejected, pushed, acknowledged)
   SELECT 'src-' || s, current_date - d, 4800, 4500, 96, 4500, 4400
     FROM generate_series(1, 5) s, generate_series(0, 365) d`,
  `ANALYZE`,
];

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return Math.round((sorted[Math.ceil(sorted.length * 0.95) - 1] ?? 0) * 10) / 10;
}

/** Seeds N petitions and measures the overview; returns { petitions, overviewP95Ms, … }. */
export async function benchDashboard(): Promise<Record<string, number>> {
  await ensureDatabase(DATABASE_URL);
  const schema = `bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await migrateUp({ databaseUrl: DATABASE_URL, schema });
  const pool = createPool({ databaseUrl: DATABASE_URL, schema, max: 4 });
  const app = Fastify({ logger: false });
  try {
    const seedStart = performance.now();
    for (const sql of SEED_SQL(PETITIONS)) await pool.query(sql);
    const seedMs = performance.now() - seedStart;
    await addUser(pool, { username: 'bench', password: 'bench-password', role: 'inspector' });
    await app.register(registerDashboard, {
      pool,
      syncNow: () => Promise.resolve(null),
      cookieSecure: false,
    });
    await app.ready();
    const cookieOf = (h: string | string[] | undefined): string =>
      [h ?? []]
        .flat()
        .map((c) => c.split(';')[0] ?? '')
        .join('; ');
    const form = await app.inject({ url: '/login', headers: { accept: 'text/html' } });
    const login = await app.inject({
      method: 'POST',
      url: '/login',
      headers: { cookie: cookieOf(form.headers['set-cookie']) },
      payload: {
        username: 'bench',
        password: 'bench-password',
        _csrf: /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '',
      },
    });
    const cookie = cookieOf(login.headers['set-cookie']);
    const measure = async (
      url: string,
      accept: string,
    ): Promise<{ p95: number; bytes: number }> => {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < SAMPLES + 5; i += 1) {
        const start = performance.now();
        const res = await app.inject({ url, headers: { cookie, accept } });
        if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}`);
        if (i >= 5) times.push(performance.now() - start);
        bytes = Buffer.byteLength(res.body);
      }
      return { p95: p95(times), bytes };
    };
    const page = await measure('/', 'text/html');
    const api = await measure('/api/v1/dashboard/overview', 'application/json');
    return {
      petitions: PETITIONS,
      overviewP95Ms: page.p95,
      overviewApiP95Ms: api.p95,
      overviewPageBytes: page.bytes,
      seedSeconds: Math.round(seedMs / 100) / 10,
    };
  } finally {
    await app.close();
    await pool.query(`DROP SCHEMA ${schema} CASCADE`);
    await pool.end();
  }
}
