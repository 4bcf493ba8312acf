/**
 * Composition root of the `kntc-hub` command: the only place that reads process.env and
 * process.argv. A HubError (PostgreSQL or Redis unreachable, a bad config) is printed as one line
 * saying what failed and how to fix it, and the process exits non-zero.
 */
import { buildProgram } from './cli/program.ts';
import { HubError } from './lib/errors.ts';

async function main(): Promise<void> {
  const program = buildProgram(process.env);
  await program.parseAsync(process.argv);
}

main().catch((err: unknown) => {
  if (err instanceof HubError) process.stderr.write(`kntc-hub: ${err.toLine()}\n`);
  else process.stderr.write(`kntc-hub: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
