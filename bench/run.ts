/**
 * `npm run bench`: runs each benchmark section against the real PostgreSQL (its own schema,
 * dropped afterwards), prints the figures as JSON and merges them into bench-results.json at the
 * repository root. Sections measure the hub and a baseline side by side in the same run, so the
 * machine's noise affects both. Select sections with `npm run bench -- ingest`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { benchDashboard } from './dashboard.ts';
import { benchDedup } from './dedup.ts';
import { benchIngest } from './ingest.ts';
import { benchMapping } from './mapping.ts';
import { benchPush } from './push.ts';

const SECTIONS: Record<string, () => Promise<unknown>> = {
  ingest: benchIngest,
  mapping: benchMapping,
  dedup: benchDedup,
  push: benchPush,
  dashboard: benchDashboard,
};

const RESULTS = new URL('../bench-results.json', import.meta.url);

async function main(): Promise<void> {
  const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const names = asked.length > 0 ? asked : Object.keys(SECTIONS);
  const unknown = names.filter((n) => !(n in SECTIONS));
  if (unknown.length > 0)
    throw new Error(
      `Unknown bench section(s): ${unknown.join(', ')}; known: ${Object.keys(SECTIONS).join(', ')}`,
    );
  let results: Record<string, unknown> = {};
  try {
    results = JSON.parse(await readFile(RESULTS, 'utf8')) as Record<string, unknown>;
  } catch {
    // first run: no previous results
  }
  for (const name of names) {
    const run = SECTIONS[name];
    if (run === undefined) continue;
    process.stderr.write(`bench: ${name}…\n`);
    results[name] = await run();
    process.stdout.write(JSON.stringify({ [name]: results[name] }) + '\n');
  }
  await writeFile(RESULTS, JSON.stringify(results, null, 2) + '\n');
  process.stderr.write(`bench: figures written to bench-results.json\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(
    `bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
