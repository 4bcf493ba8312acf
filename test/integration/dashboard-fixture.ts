// A hub API with the dashboard on a real PostgreSQL schema, seeded with synthetic petitions whose
// identities are planted so tests can scan responses for them. Shared by the dashboard
// integration tests and the browser tests (it listens on 127.0.0.1:0 when asked).
import Fastify, { type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import type pg from 'pg';
import type { Queue } from 'bullmq';
import { ADAPTERS } from '../../adapters/index.ts';
import { addUser } from '../../src/auth/users.ts';
import type { Role, RouteRoles } from '../../src/auth/roles.ts';
import type { ResolvedSource } from '../../src/config/load-config.ts';
import type { Petition } from '../../src/core/petition-schema.ts';
import { registerDashboard } from '../../src/http/dashboard/index.ts';
import { errorHandler } from '../../src/http/error-handler.ts';
import { healthRoutes } from '../../src/http/routes/health.ts';
import { metricsRoutes } from '../../src/http/routes/metrics.ts';
import { sourcesRoutes } from '../../src/http/routes/sources.ts';
import { SecretKey } from '../../src/lib/secret-box.ts';
import type { SourcesConsole } from '../../src/sources/console-contract.ts';
import { createSourcesConsole } from '../../src/sources/console-service.ts';
import { SourceRegistry } from '../../src/sources/registry.ts';
import { SecretStore } from '../../src/sources/secret-store.ts';
import {
  commitBatch,
  finishRun,
  listSourceStatus,
  recordAcknowledged,
  startRun,
  upsertSources,
} from '../../src/store/index.ts';
import { createTestSchema, type TestSchema } from '../helpers/pg.ts';

/** Passwords of the seeded accounts (synthetic). */
export const PASSWORDS: Record<Role, string> = {
  admin: 'admin-password-1',
  inspector: 'inspector-password-1',
  viewer: 'viewer-password-1',
};

/** Identities planted in the seed: a protected denouncer and an ordinary complainant. */
export const PLANTED = {
  protected: { name: 'Phạm Thị Bí Mật', cccd: '052190001234', phone: '0905111222' },
  open: { name: 'Trần Văn Công Khai', cccd: '052085004321', phone: '0914333444' },
} as const;

/** A planted petitioner. */
type Person = { readonly name: string; readonly cccd: string; readonly phone: string };

/** A registered route. */
export interface RouteInfo {
  readonly method: string;
  readonly url: string;
  readonly config: { roles?: RouteRoles; csrf?: boolean };
}

/** A running dashboard app. */
export interface DashboardFixture {
  readonly app: FastifyInstance;
  readonly db: TestSchema;
  readonly pool: pg.Pool;
  /** Base URL when listening, else ''. */
  readonly url: string;
  readonly protectedHubId: string;
  readonly openHubId: string;
  readonly runId: string;
  readonly synced: string[];
  /** Every route the app registered (from Fastify's onRoute, HEAD routes included). */
  readonly routes: RouteInfo[];
  close(): Promise<void>;
}

function petition(id: string, who: Person, prot: boolean): Petition {
  return {
    schemaVersion: '1.0',
    provenance: { source: 'quynhon-web', sourceRecordId: id },
    receipt: { receivedAt: '2026-01-05', agency: { code: 'TTTP-QN' }, channel: 'DIRECT' },
    petitioners: [
      {
        kind: 'PERSON',
        name: who.name,
        idDocument: { type: 'CCCD', number: who.cccd },
        phone: who.phone,
        address: { text: '12 Trần Phú, Phường Quy Nhơn' },
      },
    ],
    signerCount: 1,
    kind: prot ? 'TC' : 'KN',
    content: { summary: `Đơn của ông/bà ${who.name} về việc cấp phép xây dựng` },
    confidentiality: { protectIdentity: prot },
  };
}

function raw(id: string, who: Person) {
  return {
    maDon: id,
    hoTen: who.name.toUpperCase(),
    soCCCD: who.cccd,
    dienThoai: `+84 ${who.phone.slice(1)}`,
  };
}

async function seed(
  pool: pg.Pool,
): Promise<{ protectedHubId: string; openHubId: string; runId: string }> {
  await upsertSources(pool, [
    { id: 'quynhon-web', name: 'Quy Nhơn (web)', kind: 'rest-json', enabled: true },
    { id: 'binhdinh-mc', name: 'Bình Định một cửa', kind: 'soap-xml', enabled: true },
  ]);
  const runId = await startRun(pool, 'quynhon-web', 'manual');
  const mk = (id: string, who: Person, prot: boolean) => ({
    sourceRecordId: id,
    record: petition(id, who, prot),
    contentHash: (prot ? 'a' : 'b').repeat(64),
    mappingVersion: 'quynhon-web@1',
    kind: prot ? 'TC' : 'KN',
    receivedOn: '2026-01-05',
  });
  const result = await commitBatch(pool, {
    runId,
    sourceId: 'quynhon-web',
    cursor: { modifiedSince: '2026-01-05T00:00:00Z' },
    raws: [
      {
        sourceRecordId: 'QN-1',
        payload: raw('QN-1', PLANTED.protected),
        bytesHash: 'c'.repeat(64),
      },
      { sourceRecordId: 'QN-2', payload: raw('QN-2', PLANTED.open), bytesHash: 'd'.repeat(64) },
      { sourceRecordId: 'QN-3', payload: { maDon: 'QN-3' }, bytesHash: 'e'.repeat(64) },
    ],
    petitions: [mk('QN-1', PLANTED.protected, true), mk('QN-2', PLANTED.open, false)],
    rejections: [
      {
        sourceRecordId: 'QN-3',
        errors: [
          {
            field: 'petitioners[0].idDocument.number',
            sourceField: 'soCCCD',
            value: PLANTED.protected.cccd,
            code: 'KNTC_RECORD_BAD_VALUE',
            message: 'CCCD does not match the birth year',
          },
          {
            field: 'receipt.channel',
            sourceField: 'kenh',
            value: '09',
            code: 'KNTC_RECORD_UNKNOWN_CODE',
            message: 'Unknown channel code',
          },
        ],
      },
    ],
  });
  await finishRun(pool, runId, { status: 'succeeded' });
  const first = result.outboxIds[0] ?? '';
  await recordAcknowledged(pool, first, {
    nationalCaseId: 'QG-0001',
    duplicate: false,
    httpStatus: 201,
    receivedAt: new Date().toISOString(),
  });
  const { rows } = await pool.query<{ hub_id: string; source_record_id: string }>(
    'SELECT hub_id::text AS hub_id, source_record_id FROM petitions ORDER BY source_record_id',
  );
  const id = (rid: string) => rows.find((r) => r.source_record_id === rid)?.hub_id ?? '';
  return { protectedHubId: id('QN-1'), openHubId: id('QN-2'), runId };
}

/**
 * The seeded quynhon-web as the deployment file would define it (read-only in the console). Its
 * address is a closed port on 127.0.0.1: a connection test of it fails fast, offline.
 */
export const FILE_SOURCE: ResolvedSource = {
  id: 'quynhon-web',
  name: 'Quy Nhơn (web)',
  adapter: 'rest-json',
  mapping: 'mappings/quynhon-web.yaml',
  mappingPath: `${process.cwd()}/mappings/quynhon-web.yaml`,
  schedule: '*/15 * * * *',
  enabled: true,
  config: {
    baseUrl: 'http://127.0.0.1:9',
    checkPath: '/api/v1/ping',
    listPath: '/api/v1/don-thu',
    auth: { type: 'apiKey', header: 'X-Api-Key', secretEnv: 'QUYNHON_API_KEY' },
    params: { page: 'trang', pageSize: 'soBanGhi', modifiedSince: 'capNhatTu' },
    response: { items: 'duLieu', totalPages: 'tongSoTrang' },
    record: { id: 'maDon', modified: 'ngayCapNhat' },
    timeoutMs: 2000,
  },
  secrets: { QUYNHON_API_KEY: 'fixture-file-source-key' },
};

/** The real sources console (src/sources/) on the test schema, with a fresh secrets key. */
function realConsole(pool: pg.Pool): SourcesConsole {
  const log = pino({ level: 'silent' });
  const secrets = new SecretStore(pool, SecretKey.generate());
  const root = process.cwd();
  const registry = new SourceRegistry({ pool, fileSources: [FILE_SOURCE], root, secrets, log });
  return createSourcesConsole({
    pool,
    registry,
    secrets,
    adapters: ADAPTERS,
    root,
    configFile: 'config/hub.yaml',
    log,
  });
}

/** Options of startDashboard. */
export interface DashboardOptions {
  /** Listen on 127.0.0.1 (browser tests); else app.inject only. */
  readonly listen?: boolean;
  readonly queues?: readonly Queue[];
  /** The console service: default the real one; null for none (the "not configured" pages). */
  readonly sourcesConsole?: SourcesConsole | null;
}

/** Starts the app on a fresh schema, with one account per role. */
export async function startDashboard(opts: DashboardOptions = {}): Promise<DashboardFixture> {
  const db = await createTestSchema();
  const seeded = await seed(db.pool);
  for (const role of ['admin', 'inspector', 'viewer'] as const) {
    await addUser(
      db.pool,
      { username: role, password: PASSWORDS[role], role },
      { cost: { log2N: 10, r: 8, p: 1 } },
    );
  }
  const synced: string[] = [];
  const app = Fastify({ logger: false });
  const routes: RouteInfo[] = [];
  app.addHook('onRoute', (r) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    for (const method of methods) routes.push({ method, url: r.url, config: r.config ?? {} });
  });
  app.setErrorHandler(errorHandler);
  const checks = {
    database: () => Promise.resolve(),
    redis: () => Promise.resolve(),
    pendingMigrations: () => Promise.resolve([]),
  };
  const listSources = () => listSourceStatus(db.pool);
  const syncNow = (id: string) => {
    synced.push(id);
    return Promise.resolve(`job-${synced.length}`);
  };
  await app.register(healthRoutes, { checks });
  await app.register(metricsRoutes, { registry: new Registry() });
  await app.register(sourcesRoutes, { listSources, syncNow, prefix: '/api/v1' });
  await app.register(registerDashboard, {
    pool: db.pool,
    syncNow,
    checks,
    schedules: new Map([['quynhon-web', '*/15 * * * *']]),
    cookieSecure: false,
    ...(opts.queues === undefined ? {} : { queues: opts.queues }),
    ...(opts.sourcesConsole === null
      ? {}
      : { sourcesConsole: opts.sourcesConsole ?? realConsole(db.pool) }),
  });
  const url = opts.listen === true ? await app.listen({ host: '127.0.0.1', port: 0 }) : '';
  if (opts.listen !== true) await app.ready();
  return {
    app,
    db,
    pool: db.pool,
    url,
    ...seeded,
    synced,
    routes,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

/** Signs in through the form-less JSON path; returns the cookie header and CSRF token. */
export async function signIn(
  app: FastifyInstance,
  role: Role,
): Promise<{ cookie: string; csrf: string }> {
  const page = await app.inject({ method: 'GET', url: '/login', headers: { accept: 'text/html' } });
  const pre = cookieOf(page.headers['set-cookie']);
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const res = await app.inject({
    method: 'POST',
    url: '/login',
    headers: {
      cookie: pre,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    },
    payload: new URLSearchParams({
      username: role,
      password: PASSWORDS[role],
      _csrf: token,
    }).toString(),
  });
  if (res.statusCode !== 200)
    throw new Error(`sign-in as ${role} failed: ${res.statusCode} ${res.body}`);
  const cookie = cookieOf(res.headers['set-cookie']);
  const session = await app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } });
  const csrf = session.json<{ csrfToken: string }>().csrfToken;
  return { cookie, csrf };
}

/** The name=value pairs of Set-Cookie headers, as a Cookie header. */
export function cookieOf(setCookie: string | string[] | undefined): string {
  const list = setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie];
  return list.map((c) => c.split(';')[0]).join('; ');
}
