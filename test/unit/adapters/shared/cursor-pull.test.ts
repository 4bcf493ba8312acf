// The shared (modified, id) cursor paging, against an in-memory source that can change between
// requests: keyset and page-walk modes, short pages, the request budget, lookback, the re-walk
// after a shift, and the warnings an IT officer needs.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { Cursor, RawBatch } from '../../../../adapters/contract.ts';
import {
  pullByCursor,
  type CursorPullOptions,
  type FetchPage,
} from '../../../../adapters/shared/cursor-pull.ts';
import { pageRecord } from '../../../../adapters/shared/page.ts';
import {
  compareIds,
  comparePositions,
  parseInstant,
  type Position,
} from '../../../../adapters/shared/position.ts';
import { HubError } from '../../../../src/lib/errors.ts';

interface Row {
  readonly id: string;
  readonly modified: string | null;
}

const row = (n: number, time: string | null): Row => ({
  id: `R-${String(n).padStart(3, '0')}`,
  modified: time === null ? null : `2026-10-20T${time}+07:00`,
});
const ids = (...ns: number[]): string[] => ns.map((n) => `R-${String(n).padStart(3, '0')}`);

/** A source sorted by (modified, id), modifiedSince inclusive, optional keyset and page cap. */
class MemorySource {
  readonly asked: string[] = [];
  beforeAnswer: ((n: number) => void) | undefined;

  constructor(
    public rows: Row[],
    private readonly options: { keyset: boolean; cap?: number; pageCount?: boolean },
  ) {}

  /** The fetcher for a pull asking `pageSize` records per page. */
  fetcher(pageSize: number): FetchPage {
    return (query, page) => {
      this.beforeAnswer?.(this.asked.length + 1);
      this.asked.push(
        `${query?.iso.slice(11, 19) ?? '-'}${query?.id ? `/${query.id}` : ''} p${page}`,
      );
      const size = Math.min(pageSize, this.options.cap ?? pageSize);
      const selected = this.select(query);
      const records = selected.slice((page - 1) * size, page * size).map(toRecord);
      const totalPages =
        this.options.pageCount === false ? null : Math.ceil(selected.length / size);
      return Promise.resolve({ records, totalPages });
    };
  }

  private select(query: Position | null): Row[] {
    const positioned = (r: Row): Position | null => {
      const instant = parseInstant(r.modified);
      return instant === null ? null : { ...instant, id: r.id };
    };
    return this.rows
      .filter((r) => {
        if (query === null) return true;
        const p = positioned(r);
        if (p === null) return false;
        const keyed = this.options.keyset && query.id !== null;
        return keyed
          ? comparePositions(p, query) > 0
          : comparePositions(p, { ...query, id: null }) > 0;
      })
      .sort((a, b) => {
        const pa = positioned(a);
        const pb = positioned(b);
        if (pa === null || pb === null)
          return pa === pb ? compareIds(a.id, b.id) : pa === null ? -1 : 1;
        return comparePositions(pa, pb);
      });
  }
}

function toRecord(r: Row) {
  return pageRecord({ ...r }, r.id, parseInstant(r.modified));
}

const options = (overrides: Partial<CursorPullOptions> = {}): CursorPullOptions => ({
  keyset: { param: 'afterId' },
  pageSize: 3,
  maxPages: 100,
  lookbackSeconds: 0,
  shortPageEnds: false,
  modifiedField: 'modified',
  ...overrides,
});

/** Runs a pull to the end; returns its batches and the warnings it logged. */
async function pull(
  source: MemorySource,
  opts: CursorPullOptions,
  from: Cursor | null = null,
): Promise<{ batches: RawBatch[]; warnings: Record<string, unknown>[] }> {
  const warnings: Record<string, unknown>[] = [];
  const write = (line: string): void => {
    warnings.push(JSON.parse(line) as Record<string, unknown>);
  };
  const log = pino({ level: 'warn' }, { write });
  const batches: RawBatch[] = [];
  const ctx = { sourceId: 'mem', log };
  for await (const b of pullByCursor(ctx, opts, source.fetcher(opts.pageSize), from)) {
    batches.push(b);
  }
  return { batches, warnings };
}

const idsOf = (batches: readonly RawBatch[]): (string | null)[] =>
  batches.flatMap((b) => b.records.map((r) => r.sourceRecordId));
const cursorAt = (time: string, n: number): Cursor => ({
  modifiedSince: `2026-10-20T${time}+07:00`,
  lastId: ids(n)[0] ?? null,
});

describe('cursor pull, keyset', () => {
  const seven = (): Row[] => [
    row(1, '09:00:00'),
    row(2, '09:00:00'),
    row(3, '09:01:00'),
    row(4, '09:02:00'),
    row(5, '09:02:00'),
    row(6, '09:02:00'),
    row(7, '09:03:00'),
  ];

  it('asks page 1 after the last (modified, id) each time; one batch and cursor per page', async () => {
    const source = new MemorySource(seven(), { keyset: true });
    const { batches } = await pull(source, options());
    expect(idsOf(batches)).toEqual(ids(1, 2, 3, 4, 5, 6, 7));
    expect(batches.map((b) => b.cursor)).toEqual([
      cursorAt('09:01:00', 3),
      cursorAt('09:02:00', 6),
      cursorAt('09:03:00', 7),
    ]);
    expect(source.asked).toEqual([
      '- p1',
      '09:01:00/R-003 p1',
      '09:02:00/R-006 p1',
      '09:03:00/R-007 p1',
    ]);
  });

  it('takes a short page as the end only when told to', async () => {
    const source = new MemorySource(seven(), { keyset: true });
    await pull(source, options({ shortPageEnds: true }));
    expect(source.asked).toHaveLength(3);
  });

  it('reads everything from a source that serves fewer records than asked', async () => {
    const capped = new MemorySource(seven(), { keyset: true, cap: 2 });
    expect(idsOf((await pull(capped, options())).batches)).toEqual(ids(1, 2, 3, 4, 5, 6, 7));
  });

  it('resumes from a cursor without the records at or before it', async () => {
    const source = new MemorySource(seven(), { keyset: true });
    const { batches } = await pull(source, options(), cursorAt('09:02:00', 5));
    expect(idsOf(batches)).toEqual(ids(6, 7));
  });

  it('stops at maxPages with one warning; the next run continues from the cursor', async () => {
    const source = new MemorySource(seven(), { keyset: true });
    const first = await pull(source, options({ maxPages: 2 }));
    expect(idsOf(first.batches)).toEqual(ids(1, 2, 3, 4, 5, 6));
    expect(first.warnings.filter((w) => w['maxPages'] === 2)).toHaveLength(1);
    const rest = await pull(source, options(), first.batches.at(-1)?.cursor ?? null);
    expect(idsOf(rest.batches)).toEqual(ids(7));
  });

  it('looks back without moving the cursor back', async () => {
    const source = new MemorySource(seven(), { keyset: true });
    const from = cursorAt('09:03:00', 7);
    const { batches } = await pull(source, options({ lookbackSeconds: 120 }), from);
    expect(idsOf(batches)).toEqual(ids(3, 4, 5, 6, 7));
    for (const b of batches) expect(b.cursor).toEqual(from);
    expect(source.asked[0]).toBe('09:01:00 p1');
  });

  it('warns when the source ignores the keyset parameter, and ends', async () => {
    const source = new MemorySource(seven(), { keyset: false });
    const { batches, warnings } = await pull(source, options({ keyset: { param: 'sauMaDon' } }));
    expect(idsOf(batches).length).toBeGreaterThan(0);
    expect(warnings.some((w) => w['afterIdParam'] === 'sauMaDon')).toBe(true);
  });
});

/**
 * Seven records at 09:00 and one at 09:05; before page 2 of the walk of 09:00, record 1 is edited:
 * record 4 slides onto page 1, already read.
 */
function shiftedMidWalk(): MemorySource {
  const same = [1, 2, 3, 4, 5, 6, 7].map((n) => row(n, '09:00:00'));
  const source = new MemorySource([...same, row(8, '09:05:00')], { keyset: false });
  source.beforeAnswer = (n) => {
    if (n === 3) source.rows = source.rows.map((r) => (r.id === 'R-001' ? row(1, '10:00:00') : r));
  };
  return source;
}

describe('cursor pull, without keyset', () => {
  const noKeyset = (overrides: Partial<CursorPullOptions> = {}): CursorPullOptions =>
    options({ keyset: null, ...overrides });

  it('walks page numbers only while a whole page shares the cursor instant', async () => {
    const same = [1, 2, 3, 4, 5, 6, 7].map((n) => row(n, '09:00:00'));
    const source = new MemorySource([...same, row(8, '09:05:00')], { keyset: false });
    const { batches } = await pull(source, noKeyset());
    expect(idsOf(batches)).toEqual(ids(1, 2, 3, 4, 5, 6, 7, 8));
    expect(source.asked).toEqual([
      '- p1',
      '09:00:00/R-003 p1', // all 3 at the cursor instant, none new: walk it
      '09:00:00 p2',
      '09:00:00 p3', // 7, 8: past the instant, back to page 1 at the cursor
      '09:05:00/R-008 p1',
    ]);
  });

  it('probes the next page when the source reports no page count', async () => {
    const source = new MemorySource(
      [1, 2, 3].map((n) => row(n, '09:00:00')),
      {
        keyset: false,
        pageCount: false,
      },
    );
    await pull(source, noKeyset());
    expect(source.asked).toEqual(['- p1', '09:00:00/R-003 p1', '09:00:00 p2']);
  });

  it('re-walks an instant a record left mid-walk and yields what the walk skipped', async () => {
    const source = shiftedMidWalk();
    const { batches, warnings } = await pull(source, noKeyset());
    expect(idsOf(batches)).toEqual(ids(1, 2, 3, 5, 6, 7, 8, 1, 4));
    expect(batches.at(-1)?.cursor).toEqual(cursorAt('10:00:00', 1));
    expect(warnings.some((w) => w['at'] === '2026-10-20T09:00:00+07:00')).toBe(true);
  });

  it('warns once about the budget when the re-walk finds it spent too', async () => {
    const source = shiftedMidWalk();
    const { warnings } = await pull(source, noKeyset({ maxPages: 4 }));
    expect(source.asked).toHaveLength(4);
    expect(warnings.filter((w) => w['maxPages'] === 4)).toHaveLength(1);
  });
});

describe('cursor pull, edge cases', () => {
  it('yields nothing for an empty source', async () => {
    expect((await pull(new MemorySource([], { keyset: true }), options())).batches).toEqual([]);
  });

  it('keeps records without a position, with a warning, but never moves the cursor for them', async () => {
    const source = new MemorySource([row(1, null), row(2, '09:00:00')], { keyset: true });
    const { batches, warnings } = await pull(source, options());
    expect(idsOf(batches)).toEqual(ids(1, 2));
    expect(batches[0]?.cursor).toEqual(cursorAt('09:00:00', 2));
    expect(warnings.some((w) => w['unpositioned'] === 1 && w['modifiedField'] === 'modified')).toBe(
      true,
    );
  });

  it('refuses a damaged cursor before asking the source anything', async () => {
    const source = new MemorySource([row(1, '09:00:00')], { keyset: true });
    const err: unknown = await pull(source, options(), { modifiedSince: 'yesterday' }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(HubError);
    expect((err as HubError).code).toBe('KNTC_CURSOR_INVALID');
    expect(source.asked).toEqual([]);
  });
});
