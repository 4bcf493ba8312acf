/**
 * The long-running commands: `start` (the hub's roles until a signal) and `demo` (simulators plus
 * the hub). Both shut down gracefully on SIGINT/SIGTERM.
 */
import type { Logger } from 'pino';
import { ADAPTER_SCHEMAS } from '../../adapters/index.ts';
import {
  DEMO_ACCOUNTS,
  DEMO_DISTRICT_SCHEMA,
  DEMO_SECRETS,
  demoSecretsKey,
  ensureDemoAccounts,
  startDemoSimulators,
} from '../app/demo.ts';
import { ALL_ROLES, startHub, type Role } from '../app/hub.ts';
import { openInfrastructure } from '../app/infrastructure.ts';
import { onShutdownSignal } from '../app/shutdown.ts';
import { loadConfig, type HubConfig } from '../config/load-config.ts';
import { redactUrl, type Settings } from '../config/settings.ts';

/** Starts the given roles and runs until SIGINT/SIGTERM. */
export async function runStart(
  settings: Settings,
  config: HubConfig,
  roles: ReadonlySet<Role>,
  log: Logger,
): Promise<void> {
  const infra = await openInfrastructure(settings, log);
  const hub = await startHub(settings, config, infra.pool, roles, log).catch(
    async (err: unknown) => {
      await infra.close();
      throw err;
    },
  );
  log.info({ roles: [...roles], api: hub.url, sources: config.sources.length }, 'kntc-hub started');
  onShutdownSignal(async (signal) => {
    log.info({ signal }, 'shutting down');
    await hub.close();
    await infra.close();
  });
}

/** Starts the simulators and the hub with config/demo.yaml; prints where to look. */
export async function runDemo(
  settings: Settings,
  env: Readonly<Record<string, string | undefined>>,
  opts: { records: number; live: boolean },
  log: Logger,
): Promise<void> {
  // The simulated district system lives in the hub's own database, in its own schema.
  const config = await loadConfig(settings.configPath, ADAPTER_SCHEMAS, {
    ...DEMO_SECRETS,
    DISTRICT_DB_URL: settings.databaseUrl,
    ...env,
  });
  const infra = await openInfrastructure(settings, log);
  const sims = await startDemoSimulators({
    ...opts,
    databaseUrl: settings.databaseUrl,
    log,
  }).catch(async (err: unknown) => {
    await infra.close();
    throw err;
  });
  await ensureDemoAccounts(infra.pool);
  // The sources console works out of the box: a key of the demo's own unless KNTC_SECRETS_KEY is set.
  const secretsKey = settings.secretsKey ?? (await demoSecretsKey(log));
  const hub = await startHub(
    { ...settings, secretsKey },
    config,
    infra.pool,
    new Set(ALL_ROLES),
    log,
  );
  const api = hub.url ?? '';
  process.stdout.write(
    [
      '',
      'kntc-hub demo is running (Ctrl+C to stop):',
      `  dashboard            ${api}/  (${DEMO_ACCOUNTS.map((a) => `${a.username} / ${a.password}`).join(' · ')})`,
      `  hub sources status   ${api}/api/v1/sources`,
      `  hub API docs         ${api}/docs`,
      `  hub metrics          ${api}/metrics`,
      `  national simulator   ${sims.urls.national}/stats`,
      `  Quy Nhơn simulator   ${sims.urls.quynhon}/api/v1/ping  (header X-Api-Key: ${DEMO_SECRETS.QUYNHON_API_KEY})`,
      `  Hà Nội simulator     ${sims.urls.hanoi}/KNTCService.asmx?wsdl`,
      `  district database    schema ${DEMO_DISTRICT_SCHEMA} (view v_don_thu_tich_hop)`,
      `  database             ${redactUrl(settings.databaseUrl)} (schema ${settings.databaseSchema})`,
      '',
    ].join('\n') + '\n',
  );
  onShutdownSignal(async (signal) => {
    log.info({ signal }, 'stopping the demo');
    await hub.close();
    await sims.close();
    await infra.close();
  });
}
