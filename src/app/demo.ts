/**
 * The demo: simulators of the local systems (Quy Nhơn web JSON API, Hà Nội XML web service, a
 * district document system read from its database) and of the national database, all on
 * 127.0.0.1, and the hub with every role synchronising them by itself (config/demo.yaml). It is
 * also the provincial IT sandbox: the simulators keep producing new and changed petitions.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { addUser } from '../auth/users.ts';
import { HubError } from '../lib/errors.ts';
import { SecretKey } from '../lib/secret-box.ts';
import type { Logger } from 'pino';
import {
  startCommuneExportSimulator,
  writeCommuneExports,
} from '../simulators/commune-export/index.ts';
import { buildHanoiSimulator } from '../simulators/hanoi/index.ts';
import { buildNationalSimulator } from '../simulators/national/index.ts';
import { buildQuyNhonSimulator } from '../simulators/quynhon/index.ts';
import { createSqlSourceSimulator } from '../simulators/sql-source/index.ts';

/** Secrets the demo simulators accept; set in the hub's environment when absent. */
export const DEMO_SECRETS = {
  QUYNHON_API_KEY: 'demo-quynhon-key',
  HANOI_KNTC_PASSWORD: 'demo-hanoi-password',
  KNTC_NATIONAL_SECRET: 'demo-secret',
} as const;

/** Simulator ports of the demo (must match config/demo.yaml). */
export const DEMO_PORTS = { quynhon: 4101, hanoi: 4102, national: 4200 } as const;

/** PostgreSQL schema of the simulated district database (read by the `district-sql` source). */
export const DEMO_DISTRICT_SCHEMA = 'sim_district';

/** Folder of the demo's own files (the secrets key). */
export const DEMO_DATA_DIR = 'data/demo';

/**
 * Inbox the simulated ward office drops its CSV/Excel registers into (the `file-drop` source of
 * config/demo.yaml): inside the default KNTC_DROP_ROOT (data/inbox), next to where file-drop
 * sources made in the console go, and away from data/demo/secrets.key.
 */
export const DEMO_INBOX = 'data/inbox/xa-bui-thi-xuan/inbox';

/** Running simulators. */
export interface DemoSimulators {
  readonly urls: { readonly quynhon: string; readonly hanoi: string; readonly national: string };
  close(): Promise<void>;
}

/** Options of the demo simulators. */
export interface DemoOptions {
  readonly records: number;
  readonly live: boolean;
  /** The hub's database, where the simulated district system keeps its own schema. */
  readonly databaseUrl: string;
  readonly log: Logger;
}

/** Starts every simulator on 127.0.0.1 (and the district database schema). */
export async function startDemoSimulators(opts: DemoOptions): Promise<DemoSimulators> {
  const live = { intervalMs: 15_000, newPerTick: 3, updatesPerTick: 2 };
  const quynhon = buildQuyNhonSimulator({
    apiKey: DEMO_SECRETS.QUYNHON_API_KEY,
    seed: 2026,
    initialRecords: opts.records,
    ...(opts.live ? { live } : {}),
  });
  const hanoi = buildHanoiSimulator({
    credentials: { username: 'kntc-hub', password: DEMO_SECRETS.HANOI_KNTC_PASSWORD },
    seed: 2017,
    initialRecords: opts.records,
    ...(opts.live ? { live } : {}),
  });
  const national = buildNationalSimulator({
    clients: [{ clientId: 'kntc-hub-demo', secret: DEMO_SECRETS.KNTC_NATIONAL_SECRET }],
  });
  const apps: FastifyInstance[] = [quynhon, hanoi, national];
  const stops: (() => Promise<void>)[] = [];
  try {
    const urls = {
      quynhon: await listenOn(quynhon, DEMO_PORTS.quynhon, 'Quy Nhơn simulator'),
      hanoi: await listenOn(hanoi, DEMO_PORTS.hanoi, 'Hà Nội simulator'),
      national: await listenOn(national, DEMO_PORTS.national, 'national simulator'),
    };
    stops.push(await startDistrict(opts));
    stops.push(await startCommuneExports(opts));
    opts.log.info({ ...urls, districtSchema: DEMO_DISTRICT_SCHEMA }, 'demo simulators running');
    return {
      urls,
      close: async () => {
        await Promise.all([...apps.map((a) => a.close()), ...stops.map((s) => s())]);
      },
    };
  } catch (err) {
    await Promise.allSettled([...apps.map((a) => a.close()), ...stops.map((s) => s())]);
    throw err;
  }
}

/** The district system's database: kept across demo restarts so the hub's cursor stays valid. */
async function startDistrict(opts: DemoOptions): Promise<() => Promise<void>> {
  const district = await createSqlSourceSimulator({
    databaseUrl: opts.databaseUrl,
    schema: DEMO_DISTRICT_SCHEMA,
    seed: 2026,
    rows: opts.records,
  });
  const timer = opts.live
    ? setInterval(() => {
        Promise.all([district.touch(2), district.insert(3)]).catch((err: unknown) =>
          opts.log.warn(
            { err: err instanceof Error ? err.message : String(err) },
            'district simulator tick failed',
          ),
        );
      }, 15_000)
    : null;
  timer?.unref();
  return async () => {
    if (timer !== null) clearInterval(timer);
    await district.close();
  };
}

/**
 * The ward office's registers: the same first files on every start (the hub reads each file once,
 * by content hash, so a restart adds nothing), then a new file now and then.
 */
async function startCommuneExports(opts: DemoOptions): Promise<() => Promise<void>> {
  // A fixed clock for the day, so a restart the same day writes byte-identical files.
  const today = new Date(`${new Date().toISOString().slice(0, 10)}T08:00:00+07:00`);
  await writeCommuneExports(DEMO_INBOX, { seed: 1, files: 5, rowsPerFile: 40, now: today });
  if (!opts.live) return () => Promise.resolve();
  const sim = startCommuneExportSimulator({
    folder: DEMO_INBOX,
    intervalMs: 60_000,
    log: opts.log,
  });
  return () => sim.stop();
}

async function listenOn(app: FastifyInstance, port: number, what: string): Promise<string> {
  try {
    return await app.listen({ host: '127.0.0.1', port });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'EADDRINUSE') {
      throw new Error(
        `Port ${port} for the ${what} is already in use: stop the other demo (or process) using it, then start again`,
        { cause: err },
      );
    }
    throw err;
  }
}

/** Accounts the demo creates (synthetic; change or remove them on a real deployment). */
export const DEMO_ACCOUNTS = [
  { username: 'admin', password: 'admin-demo-2026', role: 'admin' },
  { username: 'inspector', password: 'inspector-demo-2026', role: 'inspector' },
  { username: 'viewer', password: 'viewer-demo-2026', role: 'viewer' },
] as const;

/** Creates the demo accounts when missing. */
export async function ensureDemoAccounts(pool: pg.Pool): Promise<void> {
  for (const a of DEMO_ACCOUNTS) {
    try {
      await addUser(
        pool,
        { username: a.username, password: a.password, role: a.role },
        { actor: 'demo' },
      );
    } catch (err) {
      if (!(err instanceof HubError && err.code === 'KNTC_CONFLICT')) throw err;
    }
  }
}

/**
 * The demo's secrets key (sealing secrets entered in the sources console), so the console works
 * out of the box: read from `<dir>/secrets.key`, or generated there (mode 0600) on first start.
 * The new key is written to a temporary file and linked into place, which fails if the file
 * exists: the key file is never seen half-written, and a demo starting at the same moment keeps
 * the key that won. A real deployment sets KNTC_SECRETS_KEY instead.
 */
export async function demoSecretsKey(log: Logger, dir: string = DEMO_DATA_DIR): Promise<SecretKey> {
  const file = path.join(dir, 'secrets.key');
  const existing = await readKeyFile(file);
  if (existing !== null) return existing;
  await mkdir(dir, { recursive: true });
  const key = SecretKey.generate();
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temp, `${key.toBase64()}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(temp, file);
  } catch (err) {
    if ((err as { code?: string }).code !== 'EEXIST') throw err;
    // Another demo process put its key in place first: use that one.
    const theirs = await readKeyFile(file);
    if (theirs !== null) return theirs;
    throw err;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  log.info({ file, keyId: key.id }, 'generated the demo secrets key');
  return key;
}

async function readKeyFile(file: string): Promise<SecretKey | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return null;
    throw err;
  }
  return SecretKey.fromBase64(text, file);
}
