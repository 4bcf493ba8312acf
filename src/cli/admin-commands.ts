/**
 * Administration commands: accounts (`users add`) and deduplication (`dedup export`,
 * `dedup recluster`, `dedup import-admin-units`). Thin shells over src/auth and src/dedup.
 */
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { openInfrastructure } from '../app/infrastructure.ts';
import { ROLES, type Role } from '../auth/roles.ts';
import { addUser } from '../auth/users.ts';
import { readSettings } from '../config/settings.ts';
import { importAdminUnits } from '../dedup/admin-units.ts';
import { exportDedup } from '../dedup/export.ts';
import { reclusterAll } from '../dedup/recluster.ts';
import { HubError } from '../lib/errors.ts';
import { createLogger } from '../lib/logger.ts';
import { readSecret } from './read-secret.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** Adds `users` and `dedup` to the program. */
export function addAdminCommands(program: Command, env: Env): void {
  const open = async () => {
    const settings = readSettings(env);
    const log = createLogger({ level: env['LOG_LEVEL'] ?? 'warn' });
    return { log, infra: await openInfrastructure(settings, log, { redis: false }) };
  };

  const users = program.command('users').description('local accounts of the dashboard');
  users
    .command('add <username>')
    .description('create an account; the password is typed at a prompt (no echo) or piped on stdin')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--name <displayName>', 'name shown in the dashboard')
    .action(async (username: string, opts: { role: string; name?: string }) => {
      if (!(ROLES as readonly string[]).includes(opts.role)) {
        throw new HubError(
          'KNTC_BAD_REQUEST',
          `--role must be one of ${ROLES.join(', ')}, got "${opts.role}"`,
        );
      }
      const password = await readSecret(`Password for ${username}: `);
      const { infra } = await open();
      try {
        await addUser(
          infra.pool,
          {
            username,
            password,
            role: opts.role as Role,
            ...(opts.name === undefined ? {} : { displayName: opts.name }),
          },
          { actor: 'cli' },
        );
        process.stdout.write(`Account ${username} (${opts.role}) created.\n`);
      } finally {
        await infra.close();
      }
    });

  const dedup = program.command('dedup').description('duplicate petitions and petitioners');
  dedup
    .command('export')
    .description(
      'one JSON line per stored source record: {"source","sourceId","caseId","personId"}',
    )
    .option('--format <format>', 'output format (jsonl)', 'jsonl')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (opts: { format: string; out?: string }) => {
      if (opts.format !== 'jsonl')
        throw new HubError(
          'KNTC_BAD_REQUEST',
          `--format supports jsonl only, got "${opts.format}"`,
        );
      const { infra } = await open();
      try {
        const out = opts.out === undefined ? process.stdout : createWriteStream(opts.out);
        const n = await exportDedup(infra.pool, out);
        if (opts.out !== undefined) {
          out.end();
          await finished(out);
        }
        process.stderr.write(`${n} records exported.\n`);
      } finally {
        await infra.close();
      }
    });
  dedup
    .command('recluster')
    .description(
      're-estimate the matching parameters and re-cluster every record (restart workers afterwards)',
    )
    .action(async () => {
      const { infra, log } = await open();
      try {
        process.stdout.write(JSON.stringify(await reclusterAll(infra.pool, log)) + '\n');
      } finally {
        await infra.close();
      }
    });
  dedup
    .command('import-admin-units <dir>')
    .description(
      'load the official unit tables (conversion-2025.csv, communes-2025.csv, provinces-2025.csv) from a folder',
    )
    .action(async (dir: string) => {
      const { infra } = await open();
      try {
        const r = await importAdminUnits(infra.pool, dir);
        process.stdout.write(
          `Imported ${r.communes} communes and ${r.conversions} old→new conversion rows.\n`,
        );
      } finally {
        await infra.close();
      }
    });
}
