/**
 * The short commands: migrate, list sources, sync one source now. They print results for a
 * person at a terminal and exit.
 */
import type { Logger } from 'pino';
import { adapterFor } from '../../adapters/index.ts';
import { loadMappings } from '../app/hub.ts';
import { openInfrastructure } from '../app/infrastructure.ts';
import type { HubConfig } from '../config/load-config.ts';
import type { Settings } from '../config/settings.ts';
import { HubError } from '../lib/errors.ts';
import { syncSource } from '../pipeline/sync-source.ts';
import { createPushQueue } from '../queue/push-queue.ts';
import { producerConnection } from '../queue/redis.ts';
import { listSourceStatus, upsertSources } from '../store/index.ts';

/** `kntc-hub migrate` */
export async function runMigrate(settings: Settings, log: Logger): Promise<void> {
  const infra = await openInfrastructure(settings, log, { redis: false });
  await infra.close();
  process.stdout.write('Database is up to date.\n');
}

/** `kntc-hub sources list` */
export async function runSourcesList(
  settings: Settings,
  log: Logger,
  json: boolean,
): Promise<void> {
  const infra = await openInfrastructure(settings, log, { redis: false });
  try {
    const sources = await listSourceStatus(infra.pool);
    if (json) {
      process.stdout.write(JSON.stringify(sources, null, 2) + '\n');
      return;
    }
    if (sources.length === 0)
      process.stdout.write(
        'No sources yet: the hub records them from the deployment file when it starts.\n',
      );
    for (const s of sources) {
      const c = s.counts;
      process.stdout.write(
        `${s.id.padEnd(20)} ${s.state.padEnd(10)} ${s.kind.padEnd(10)} last success: ${s.lastSuccessAt ?? 'never'}\n` +
          `  pulled ${c.pulled}, stored ${c.stored}, rejected ${c.rejected}, pushed ${c.pushed}, acknowledged ${c.acknowledged}, pending ${c.pending}, dead-lettered ${c.deadLettered}\n` +
          (s.lastRun?.errorMessage
            ? `  last error: ${s.lastRun.errorCode ?? ''} ${s.lastRun.errorMessage}\n`
            : ''),
      );
    }
  } finally {
    await infra.close();
  }
}

/** `kntc-hub sources sync <id>`: one run in this process; new petitions are queued for pushing. */
export async function runSourcesSync(
  settings: Settings,
  config: HubConfig,
  id: string,
  log: Logger,
): Promise<void> {
  const source = config.sources.find((s) => s.id === id);
  if (source === undefined) {
    throw new HubError(
      'KNTC_SOURCE_UNKNOWN',
      `No source "${id}" in ${config.file} (known: ${config.sources.map((s) => s.id).join(', ')})`,
    );
  }
  const infra = await openInfrastructure(settings, log);
  const producer = producerConnection(settings.redisUrl);
  const pushQueue = createPushQueue(producer, settings.queuePrefix, config.push);
  try {
    await upsertSources(
      infra.pool,
      config.sources.map((s) => ({ id: s.id, name: s.name, kind: s.adapter, enabled: s.enabled })),
    );
    const mappings = await loadMappings(config);
    const outcome = await syncSource(
      {
        pool: infra.pool,
        adapterFor,
        mappingFor: (sid) =>
          mappings.get(sid) ??
          (() => {
            throw new Error(`no mapping for ${sid}`);
          })(),
        log,
        onCommitted: (ids) => pushQueue.enqueue(ids),
      },
      source,
      'manual',
      new AbortController().signal,
    );
    if (outcome.status === 'skipped') {
      process.stdout.write(
        `Source ${id} is already being synchronised by another process; nothing done.\n`,
      );
      return;
    }
    const t = outcome.totals;
    process.stdout.write(
      `Run ${outcome.runId} of ${id}: pulled ${t.pulled}, new ${t.inserted}, changed ${t.updated}, unchanged ${t.unchanged}, rejected ${t.rejected}.\n` +
        'New and changed petitions are queued; a running hub (kntc-hub start) pushes them to the national database.\n',
    );
  } finally {
    await pushQueue.close();
    producer.disconnect();
    await infra.close();
  }
}
