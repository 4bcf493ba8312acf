// A PostgreSQL restart for the infrastructure test, two ways:
// - 'cluster' restarts this machine's own server (pg_ctlcluster), then polls until it answers;
//   every other client of that server loses its connections too, so use it on a machine of its
//   own (CI runs one test file at a time);
// - 'proxy' (the default) puts a TCP proxy between the hub and PostgreSQL and "restarts" it: every
//   connection is cut and new ones are refused for `downMs`, then accepted again — what the hub
//   sees of a restart, without disturbing anyone else on a shared machine.
// PUSH_INFRA_PG=cluster|proxy chooses.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import net from 'node:net';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** A way to restart PostgreSQL under the hub. */
export interface PgOutage {
  readonly kind: 'cluster' | 'proxy';
  /** The URL the hub must use (through the proxy, or the server itself). */
  readonly databaseUrl: string;
  /** Restarts, and returns once PostgreSQL accepts connections again. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Polls `SELECT 1` until it answers or `timeoutMs` passes. */
export async function waitForPostgres(databaseUrl: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: databaseUrl });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

function clusterOutage(databaseUrl: string): PgOutage {
  return {
    kind: 'cluster',
    databaseUrl,
    async restart() {
      const version = readdirSync('/etc/postgresql')[0];
      if (version === undefined) throw new Error('No PostgreSQL cluster under /etc/postgresql');
      const args = ['--skip-systemctl-redirect', version, 'main', 'restart'];
      await run('pg_ctlcluster', args, { timeout: 60_000 });
      await waitForPostgres(databaseUrl);
    },
    close: () => Promise.resolve(),
  };
}

async function listen(server: net.Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return (server.address() as net.AddressInfo).port;
}

async function proxyOutage(databaseUrl: string, downMs: number): Promise<PgOutage> {
  const target = new URL(databaseUrl);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  const port = await listen(server, 0);
  const via = new URL(databaseUrl);
  via.port = String(port);
  return {
    kind: 'proxy',
    databaseUrl: via.toString(),
    async restart() {
      const closed = new Promise((r) => server.close(r));
      for (const s of sockets) s.destroy();
      await closed;
      await new Promise((r) => setTimeout(r, downMs));
      await listen(server, port);
      await waitForPostgres(via.toString());
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

/** The outage PUSH_INFRA_PG asks for (default: proxy). */
export async function pgOutage(databaseUrl: string, downMs = 3000): Promise<PgOutage> {
  return process.env['PUSH_INFRA_PG'] === 'cluster'
    ? clusterOutage(databaseUrl)
    : proxyOutage(databaseUrl, downMs);
}
