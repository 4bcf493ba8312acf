/**
 * Registers the provincial IT commands on the `kntc-hub` program: `sources test`, `sources
 * cursor`, `mapping preview`, `mapping check` and `replay`. A source id not in the deployment file
 * is looked up among the sources created in the dashboard's console; only the commands that call
 * the source (`sources test`, `mapping preview`) open its secrets (which needs the hub's
 * KNTC_SECRETS_KEY), and looking a source up never writes to the database. Their logs go to
 * stderr at level warn unless LOG_LEVEL says otherwise, so stdout carries only the result (text
 * or --json).
 */
import { InvalidArgumentError, type Command } from 'commander';
import { pino, type Logger } from 'pino';
import { ADAPTER_SCHEMAS } from '../../adapters/index.ts';
import { openInfrastructure } from '../app/infrastructure.ts';
import { loadConfig, type HubConfig } from '../config/load-config.ts';
import { readSettings } from '../config/settings.ts';
import { REDACT_PATHS } from '../lib/logger.ts';
import { projectRoot } from '../sources/paths.ts';
import { SourceRegistry } from '../sources/registry.ts';
import { withoutSecrets } from '../sources/runtime-source.ts';
import { SecretStore } from '../sources/secret-store.ts';
import { DEFAULT_FIXTURES_DIR, DEFAULT_MAPPINGS_DIR, PREVIEW_MAX } from '../workflow/index.ts';
import {
  runMappingCheck,
  runMappingPreview,
  runReplay,
  runSourcesCursor,
  runSourcesTest,
  type CommandContext,
} from './run-workflow.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** Adds the workflow commands; `sources` is the existing `sources` command group. */
export function addWorkflowCommands(program: Command, sources: Command, env: Env): void {
  const context = (): CommandContext => {
    const settings = readSettings(env);
    return { settings, log: toolLogger(env), out: (t) => process.stdout.write(t) };
  };
  /** The deployment plus console source `id`; `secrets` only for commands that call it. */
  const config = async (ctx: CommandContext, id: string, secrets: boolean): Promise<HubConfig> => {
    const file = await loadConfig(ctx.settings.configPath, ADAPTER_SCHEMAS, env);
    return withConsoleSource(ctx, file, id, secrets);
  };
  const exit = (code: number): void => {
    if (code !== 0) process.exitCode = code;
  };

  sources
    .command('test <id>')
    .description(
      'check that a source is reachable, accepts the credentials, and maps a sample page',
    )
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      const ctx = context();
      exit(await runSourcesTest(ctx, await config(ctx, id, true), id, opts.json === true));
    });

  sources
    .command('cursor <id>')
    .description(
      'show where the next pull of a source resumes; --reset --yes rewinds it to the start',
    )
    .option('--reset', 'remove the saved cursor (asks for --yes)')
    .option('--yes', 'confirm the reset')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { reset?: boolean; yes?: boolean; json?: boolean }) => {
      const ctx = context();
      exit(
        await runSourcesCursor(ctx, await config(ctx, id, false), id, {
          reset: opts.reset === true,
          yes: opts.yes === true,
          json: opts.json === true,
        }),
      );
    });

  const mapping = program.command('mapping').description('mapping files of the sources');
  mapping
    .command('preview <id>')
    .description(
      'pull a few records, map them and show source and canonical fields; stores nothing',
    )
    .option('--limit <n>', `records to preview (1-${PREVIEW_MAX})`, parseLimit, 5)
    .option('--from-cursor', 'start after the saved cursor instead of the beginning')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { limit: number; fromCursor?: boolean; json?: boolean }) => {
      const ctx = context();
      exit(
        await runMappingPreview(ctx, await config(ctx, id, true), id, {
          limit: opts.limit,
          from: opts.fromCursor === true ? 'cursor' : 'start',
          json: opts.json === true,
        }),
      );
    });
  mapping
    .command('check')
    .description('load every mapping file and run its golden fixtures; exit 1 when any fails')
    .option('--mappings <dir>', 'folder of mapping files', DEFAULT_MAPPINGS_DIR)
    .option(
      '--fixtures <dir>',
      'folder of golden fixtures (<dir>/<mapping name>/*.input.json)',
      DEFAULT_FIXTURES_DIR,
    )
    .option('--json', 'print JSON')
    .action(async (opts: { mappings: string; fixtures: string; json?: boolean }) => {
      const ctx = context();
      exit(await runMappingCheck(ctx, { ...opts, json: opts.json === true }));
    });

  program
    .command('replay <id>')
    .description(
      're-map the stored records of a source with its current mapping (after a fix), without pulling',
    )
    .option('--rejected', 'only records that are currently rejected')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { rejected?: boolean; json?: boolean }) => {
      const ctx = context();
      exit(
        await runReplay(ctx, await config(ctx, id, false), id, {
          rejectedOnly: opts.rejected === true,
          json: opts.json === true,
        }),
      );
    });
}

/**
 * The deployment file's config, plus source `id` when it is a console source (with its secrets
 * decrypted only when `secrets` is true); unchanged when the file has it or the console has no
 * such source.
 */
async function withConsoleSource(
  ctx: CommandContext,
  config: HubConfig,
  id: string,
  secrets: boolean,
): Promise<HubConfig> {
  if (config.sources.some((s) => s.id === id)) return config;
  const infra = await openInfrastructure(ctx.settings, ctx.log, { redis: false });
  try {
    const { pool } = infra;
    const registry = new SourceRegistry({
      pool,
      fileSources: config.sources,
      root: projectRoot(config.file),
      secrets: new SecretStore(pool, ctx.settings.secretsKey ?? null, ctx.settings.sourceSecretEnv),
      log: ctx.log,
    });
    const known = await registry.get(id);
    if (known === null) return config;
    const source = secrets ? await registry.resolve(id) : withoutSecrets(known);
    return { ...config, sources: [...config.sources, source] };
  } finally {
    await infra.close();
  }
}

function parseLimit(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > PREVIEW_MAX) {
    throw new InvalidArgumentError(`a whole number from 1 to ${PREVIEW_MAX}`);
  }
  return n;
}

/** A redacting logger on stderr; warn unless LOG_LEVEL is set. */
function toolLogger(env: Env): Logger {
  return pino(
    {
      level: env['LOG_LEVEL']?.trim() || 'warn',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { app: 'kntc-hub' },
    },
    pino.destination(2),
  );
}
