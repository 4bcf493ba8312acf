/**
 * The `kntc-hub` command line: start the hub (all roles or some), run the demo, migrate the
 * database, list sources and sync one now; the provincial IT tools (test a source, preview and
 * check mappings, replay, cursor) are in workflow-commands.ts. Each command is a thin shell over the app functions,
 * which the dashboard will call too.
 */
import { Command, Option } from 'commander';
import { ADAPTER_SCHEMAS } from '../../adapters/index.ts';
import { loadConfig } from '../config/load-config.ts';
import { readSettings, SETTINGS_DOC, type Settings } from '../config/settings.ts';
import { createLogger } from '../lib/logger.ts';
import { ALL_ROLES, type Role } from '../app/hub.ts';
import { runDemo, runStart } from './run-hub.ts';
import { runMigrate, runSourcesList, runSourcesSync } from './run-tools.ts';
import { addWorkflowCommands } from './workflow-commands.ts';
import { addAdminCommands } from './admin-commands.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** Builds the program; `env` is the process environment, passed in by main. */
export function buildProgram(env: Env): Command {
  const program = new Command('kntc-hub')
    .description(
      'Integration hub: local petition systems → national database on complaints and denunciations (KNTC)',
    )
    .addHelpText(
      'after',
      `\nEnvironment:\n${SETTINGS_DOC.map(([k, d, what]) => `  ${k.padEnd(18)} ${what} (default: ${d})`).join('\n')}`,
    );
  const settings = (pretty = false): Settings => readSettings(env, { pretty });
  const logger = (s: Settings) => createLogger({ level: s.logLevel, pretty: s.logPretty });

  program
    .command('start')
    .description('start the hub: HTTP API, workers and scheduler in one process')
    .addOption(
      new Option('--roles <roles>', 'comma-separated roles to run').default(ALL_ROLES.join(',')),
    )
    .action(async (opts: { roles: string }) => {
      const s = settings();
      const config = await loadConfig(s.configPath, ADAPTER_SCHEMAS, env);
      await runStart(s, config, parseRoles(opts.roles), logger(s));
    });

  program
    .command('demo')
    .description('start the Quy Nhơn and national simulators and the hub, synchronising by itself')
    .option('--records <n>', 'petitions the Quy Nhơn simulator starts with', '300')
    .option('--no-live', 'do not add new and changed petitions while running')
    .action(async (opts: { records: string; live: boolean }) => {
      const s = readSettings(env, { configPath: 'config/demo.yaml', pretty: true });
      await runDemo(s, env, { records: Number(opts.records), live: opts.live }, logger(s));
    });

  program
    .command('migrate')
    .description('create the database if missing and apply pending migrations')
    .action(async () => {
      const s = settings();
      await runMigrate(s, logger(s));
    });

  const sources = program.command('sources').description('configured local systems');
  sources
    .command('list')
    .description('list sources with their sync state and counts')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const s = settings();
      await runSourcesList(s, logger(s), opts.json === true);
    });
  sources
    .command('sync <id>')
    .description(
      'pull one source now, in this process, and queue its new petitions for the national database',
    )
    .action(async (id: string) => {
      const s = settings(true);
      const config = await loadConfig(s.configPath, ADAPTER_SCHEMAS, env);
      await runSourcesSync(s, config, id, logger(s));
    });
  addWorkflowCommands(program, sources, env);
  addAdminCommands(program, env);
  return program;
}

function parseRoles(text: string): Set<Role> {
  const roles = text
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const bad = roles.filter((r) => !(ALL_ROLES as readonly string[]).includes(r));
  if (bad.length > 0 || roles.length === 0) {
    throw new Error(
      `--roles takes a comma-separated list of ${ALL_ROLES.join(', ')}; got "${text}"`,
    );
  }
  return new Set(roles as Role[]);
}
