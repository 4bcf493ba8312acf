/**
 * The provincial IT commands: test a source, preview and check mappings, replay stored records,
 * show or reset a cursor. Each opens only what it needs (a source test needs no database), calls
 * the workflow function and prints the result; it returns the process exit status.
 */
import type { Logger } from 'pino';
import { adapterFor } from '../../adapters/index.ts';
import { loadMappings } from '../app/hub.ts';
import { openInfrastructure, type Infrastructure } from '../app/infrastructure.ts';
import type { HubConfig, ResolvedSource } from '../config/load-config.ts';
import type { Settings } from '../config/settings.ts';
import { HubError } from '../lib/errors.ts';
import { createPushQueue } from '../queue/push-queue.ts';
import { producerConnection } from '../queue/redis.ts';
import { getCursor, upsertSources } from '../store/index.ts';
import {
  checkMappings,
  previewMapping,
  replay,
  resetCursor,
  showCursor,
  testSource,
  type PreviewFrom,
} from '../workflow/index.ts';
import { formatMappingCheck } from './format-mapping-check.ts';
import { formatPreview } from './format-preview.ts';
import { formatCursor, formatProgress, formatReplay, formatResetPlan } from './format-repair.ts';
import { formatSourceTest } from './format-source-test.ts';

/** What every command receives. */
export interface CommandContext {
  readonly settings: Settings;
  readonly log: Logger;
  readonly out: (text: string) => void;
}

/** The configured source `id`, or KNTC_SOURCE_UNKNOWN listing the known ids. */
export function findSource(config: HubConfig, id: string): ResolvedSource {
  const source = config.sources.find((s) => s.id === id);
  if (source !== undefined) return source;
  throw new HubError(
    'KNTC_SOURCE_UNKNOWN',
    `No source "${id}" in ${config.file} (known: ${config.sources.map((s) => s.id).join(', ') || 'none'})`,
  );
}

/** `kntc-hub sources test <id> [--json]`: 0 when usable, 1 when a step failed. */
export async function runSourcesTest(
  ctx: CommandContext,
  config: HubConfig,
  id: string,
  json: boolean,
): Promise<number> {
  const report = await testSource({ adapterFor, log: ctx.log }, findSource(config, id));
  ctx.out(json ? JSON.stringify(report, null, 2) + '\n' : formatSourceTest(report));
  return report.ok ? 0 : 1;
}

/** `kntc-hub mapping preview <id> [--limit N] [--from-cursor] [--json]`: an inspection, exit 0. */
export async function runMappingPreview(
  ctx: CommandContext,
  config: HubConfig,
  id: string,
  opts: { limit: number; from: PreviewFrom; json: boolean },
): Promise<number> {
  const source = findSource(config, id);
  // The database is opened only for --from-cursor: a preview from the start needs none.
  const opened: Infrastructure[] = [];
  try {
    const preview = await previewMapping(
      {
        adapterFor,
        log: ctx.log,
        readCursor: async (sid) => {
          const infra = await openInfrastructure(ctx.settings, ctx.log, { redis: false });
          opened.push(infra);
          return getCursor(infra.pool, sid);
        },
      },
      source,
      { limit: opts.limit, from: opts.from },
    );
    ctx.out(opts.json ? JSON.stringify(preview, null, 2) + '\n' : formatPreview(preview));
    return 0;
  } finally {
    await Promise.all(opened.map((i) => i.close()));
  }
}

/** `kntc-hub mapping check [--mappings dir] [--fixtures dir] [--json]`: 1 when any file fails. */
export async function runMappingCheck(
  ctx: CommandContext,
  opts: { mappings: string; fixtures: string; json: boolean },
): Promise<number> {
  const report = await checkMappings(opts.mappings, opts.fixtures);
  ctx.out(opts.json ? JSON.stringify(report, null, 2) + '\n' : formatMappingCheck(report));
  return report.ok ? 0 : 1;
}

/** `kntc-hub replay <id> [--rejected]`: re-maps stored records; queues changes for pushing. */
export async function runReplay(
  ctx: CommandContext,
  config: HubConfig,
  id: string,
  opts: { rejectedOnly: boolean; json: boolean },
): Promise<number> {
  findSource(config, id);
  const infra = await openInfrastructure(ctx.settings, ctx.log);
  const producer = producerConnection(ctx.settings.redisUrl);
  const pushQueue = createPushQueue(producer, ctx.settings.queuePrefix, config.push);
  try {
    await registerSources(infra, config);
    const mappings = await loadMappings(config);
    const outcome = await replay(
      {
        pool: infra.pool,
        mappingFor: (sid) => mappings.get(sid) ?? unknownSource(config, sid),
        log: ctx.log,
        onCommitted: (ids) => pushQueue.enqueue(ids),
      },
      id,
      {
        rejectedOnly: opts.rejectedOnly,
        ...(opts.json ? {} : { onProgress: (p) => ctx.out(formatProgress(p)) }),
      },
    );
    ctx.out(opts.json ? JSON.stringify(outcome, null, 2) + '\n' : formatReplay(id, outcome));
    return outcome.status === 'succeeded' ? 0 : 1;
  } finally {
    await pushQueue.close();
    producer.disconnect();
    await infra.close();
  }
}

/** `kntc-hub sources cursor <id> [--reset [--yes]] [--json]` */
export async function runSourcesCursor(
  ctx: CommandContext,
  config: HubConfig,
  id: string,
  opts: { reset: boolean; yes: boolean; json: boolean },
): Promise<number> {
  findSource(config, id);
  const infra = await openInfrastructure(ctx.settings, ctx.log, { redis: false });
  try {
    if (opts.reset && opts.yes) {
      const { previous } = await resetCursor(infra.pool, id);
      ctx.out(
        opts.json
          ? JSON.stringify({ reset: true, previous }, null, 2) + '\n'
          : `Cursor of ${id} removed${previous === null ? ' (there was none)' : ''}: the next sync starts from the beginning.\n`,
      );
      return 0;
    }
    const info = await showCursor(infra.pool, id);
    if (opts.json) ctx.out(JSON.stringify({ reset: false, cursor: info }, null, 2) + '\n');
    else ctx.out(opts.reset ? formatResetPlan(id, info) : formatCursor(id, info));
    return 0;
  } finally {
    await infra.close();
  }
}

async function registerSources(infra: Infrastructure, config: HubConfig): Promise<void> {
  await upsertSources(
    infra.pool,
    config.sources.map((s) => ({ id: s.id, name: s.name, kind: s.adapter, enabled: s.enabled })),
  );
}

function unknownSource(config: HubConfig, id: string): never {
  throw new HubError(
    'KNTC_SOURCE_UNKNOWN',
    `No mapping loaded for source "${id}" of ${config.file}`,
  );
}
