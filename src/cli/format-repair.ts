/** Renders the repair commands' results: replay counts and the source cursor. */
import type { CursorInfo } from '../store/replay-repo.ts';
import type { ReplayOutcome, ReplayProgress } from '../workflow/index.ts';
import { alignRows, flatten } from './format-common.ts';

/** One progress line of a replay. */
export function formatProgress(p: ReplayProgress): string {
  const pct = p.total === 0 ? 100 : Math.floor((p.done / p.total) * 100);
  return `  replayed ${p.done} / ${p.total} record(s) (${pct}%)\n`;
}

/** The end of a replay. */
export function formatReplay(sourceId: string, outcome: ReplayOutcome): string {
  if (outcome.status === 'skipped') {
    return `Source ${sourceId} is being synchronised or replayed by another process; nothing done. Try again when it finishes.\n`;
  }
  const c = outcome.counts;
  const rows = alignRows([
    ['records replayed', `${c.done} of ${c.total}`],
    ['mapped', `${c.accepted} (new ${c.inserted}, changed ${c.updated}, unchanged ${c.unchanged})`],
    ['still rejected', String(c.rejected)],
    ['queued for the national database', String(c.queued)],
  ]);
  const rekeyed =
    c.rekeyed > 0
      ? [
          `Warning: for ${c.rekeyed} record(s) the mapping now reads another record key than the stored one; they were stored under the new key. Did record.key change?`,
        ]
      : [];
  return (
    [
      `Replay run ${outcome.runId} of ${sourceId} with mapping version ${outcome.mappingVersion}:`,
      ...rows,
      ...rekeyed,
      c.queued > 0
        ? 'Queued petitions are pushed by a running hub (kntc-hub start).'
        : 'Nothing new to push.',
    ].join('\n') + '\n'
  );
}

/** A saved cursor, or its absence. */
export function formatCursor(sourceId: string, info: CursorInfo | null): string {
  if (info === null) {
    return `Source ${sourceId} has no saved cursor: its next sync starts from the beginning.\n`;
  }
  const rows = flatten(info.cursor).map((l) => [l.path, l.value] as const);
  return (
    [
      `Cursor of ${sourceId} (saved by run ${info.runId} at ${info.updatedAt}):`,
      ...alignRows(rows),
      'The next sync resumes after this position.',
    ].join('\n') + '\n'
  );
}

/** What a reset would do, printed when --yes is missing. */
export function formatResetPlan(sourceId: string, info: CursorInfo | null): string {
  if (info === null) return formatCursor(sourceId, null) + 'Nothing to reset.\n';
  return (
    formatCursor(sourceId, info) +
    [
      '',
      `A reset removes this cursor: the next sync of ${sourceId} re-reads EVERY record of the source from the beginning.`,
      'That is safe (records are upserted by id; unchanged ones are neither rewritten nor pushed again) but can take long and load the local system.',
      `To do it, run: kntc-hub sources cursor ${sourceId} --reset --yes`,
    ].join('\n') +
    '\n'
  );
}
