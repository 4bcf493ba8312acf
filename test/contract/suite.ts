/**
 * The acceptance suite every source adapter passes, whatever it reads (HTTP, SOAP, files, SQL):
 * paging delivers each record exactly once, a pull abandoned mid-run resumes from the last
 * committed cursor without loss, an empty source yields no batch, faults surface as the
 * documented HubErrors (server error and timeout retryable, malformed payload permanent), and
 * cursors never go back. An adapter kind joins with a ContractHarness (see README.md).
 */
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { AdapterContext, Cursor, RawBatch, RawRecord } from '../../adapters/contract.ts';
import { HubError } from '../../src/lib/errors.ts';
import type { ContractHarness, ExpectedErrors, FakeSource } from './harness.ts';

const RECORDS = 45;
const log = pino({ level: 'silent' });

const DEFAULT_EXPECTED: ExpectedErrors = {
  serverError: 'KNTC_SOURCE_HTTP',
  timeout: 'KNTC_SOURCE_TIMEOUT',
  malformed: 'KNTC_SOURCE_BAD_PAYLOAD',
};

/** Registers the contract tests of one adapter kind. */
export function describeAdapterContract(name: string, harness: ContractHarness): void {
  const expected = { ...DEFAULT_EXPECTED, ...harness.expected };
  const idOf = (r: RawRecord): string | null => harness.idOf?.(r) ?? r.sourceRecordId;
  let open: FakeSource[] = [];
  const start = async (n: number): Promise<FakeSource> => {
    const s = await harness.start(n);
    open.push(s);
    return s;
  };
  const ctx = (s: FakeSource, signal = new AbortController().signal): AdapterContext<unknown> => ({
    sourceId: 'contract-source',
    config: s.config,
    secrets: s.secrets,
    log,
    signal,
  });
  const pullAll = async (s: FakeSource, from: Cursor | null): Promise<RawBatch[]> => {
    const out: RawBatch[] = [];
    for await (const b of harness.adapter.pull(ctx(s), from)) {
      out.push(b);
      if (out.length > 10_000) throw new Error('more than 10,000 batches: the pull does not end');
    }
    return out;
  };
  const ids = (batches: readonly RawBatch[]): (string | null)[] =>
    batches.flatMap((b) => b.records.map(idOf));
  const skipReason = (f: keyof NonNullable<ContractHarness['unsupported']>): string | undefined => {
    const unsupported = harness.unsupported?.[f];
    const finding = harness.knownFailures?.[f];
    if (unsupported !== undefined) return `(skipped, unsupported: ${unsupported})`;
    return finding === undefined ? undefined : `(skipped, KNOWN FAILURE: ${finding})`;
  };
  const titled = (title: string, f: Parameters<typeof skipReason>[0]): string =>
    `${title} ${skipReason(f) ?? ''}`.trimEnd();

  describe(`adapter contract: ${name}`, () => {
    afterEach(async () => {
      await Promise.all(open.map((s) => s.close()));
      open = [];
    });

    it('check() passes on a healthy source', async () => {
      const s = await start(3);
      await expect(harness.adapter.check(ctx(s))).resolves.toBeUndefined();
    });

    it('pages through every record exactly once, in several batches', async () => {
      const s = await start(RECORDS);
      const batches = await pullAll(s, null);
      const got = ids(batches);
      expect(batches.length).toBeGreaterThan(1);
      expect(got).not.toContain(null);
      expect(new Set(got).size).toBe(got.length);
      expect([...got].sort()).toEqual([...s.ids].sort());
      for (const b of batches) expect(b.records.length).toBeGreaterThan(0);
    });

    it('yields cursors that never go back, and a pull from the last one brings nothing new', async () => {
      const s = await start(RECORDS);
      const batches = await pullAll(s, null);
      for (let i = 1; i < batches.length; i += 1) {
        const prev = batches[i - 1]?.cursor ?? {};
        const cur = batches[i]?.cursor ?? {};
        expect(harness.compareCursors(prev, cur)).toBeLessThanOrEqual(0);
      }
      const last = batches.at(-1)?.cursor ?? null;
      const again = ids(await pullAll(s, last));
      expect(again.length).toBeLessThanOrEqual(harness.resumeOverlap);
    });

    it('resumes after a crash in the middle of a page: no loss, no duplicate beyond the overlap', async () => {
      const s = await start(RECORDS);
      const committed: (string | null)[] = [];
      let saved: Cursor | null = null;
      const abort = new AbortController();
      const it = harness.adapter.pull(ctx(s, abort.signal), null)[Symbol.asyncIterator]();
      for (let page = 0; page < 3; page += 1) {
        const next = await it.next();
        expect(next.done).toBe(false);
        if (next.done === true) break;
        if (page === 2) break; // the third page was being stored when the hub crashed
        committed.push(...next.value.records.map(idOf));
        saved = next.value.cursor;
      }
      abort.abort(new Error('crash'));
      await it.return?.().catch(() => undefined);
      const resumed = ids(await pullAll(s, saved));
      const all = [...committed, ...resumed];
      expect(new Set(all)).toEqual(new Set(s.ids));
      const again = resumed.filter((id) => committed.includes(id));
      expect(again.length).toBeLessThanOrEqual(harness.resumeOverlap);
      expect(new Set(resumed).size).toBe(resumed.length);
    });

    it('yields no batch for an empty source', async () => {
      const s = await start(0);
      expect(await pullAll(s, null)).toEqual([]);
    });

    it.skipIf(skipReason('empty') !== undefined)(
      titled('yields no batch when the source answers empty', 'empty'),
      async () => {
        const s = await start(RECORDS);
        await s.setFault('empty');
        expect(await pullAll(s, null)).toEqual([]);
      },
    );

    it.skipIf(skipReason('server-error') !== undefined)(
      titled('a server error is a retryable HubError', 'server-error'),
      async () => {
        const s = await start(RECORDS);
        await s.setFault('server-error');
        const err = await pullAll(s, null).then(
          () => null,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(HubError);
        expect((err as HubError).code).toBe(expected.serverError);
        expect((err as HubError).retryable).toBe(true);
      },
    );

    it.skipIf(skipReason('timeout') !== undefined)(
      titled('a source that does not answer in time is a retryable timeout', 'timeout'),
      async () => {
        const s = await start(RECORDS);
        await s.setFault('timeout');
        const err = await pullAll(s, null).then(
          () => null,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(HubError);
        expect((err as HubError).code).toBe(expected.timeout);
        expect((err as HubError).retryable).toBe(true);
      },
    );

    it.skipIf(skipReason('malformed') !== undefined)(
      titled('a malformed payload is a permanent HubError', 'malformed'),
      async () => {
        const s = await start(RECORDS);
        await s.setFault('malformed');
        const err = await pullAll(s, null).then(
          () => null,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(HubError);
        expect((err as HubError).code).toBe(expected.malformed);
        expect((err as HubError).retryable).toBe(false);
      },
    );

    it('recovers when a fault clears: the next pull delivers everything', async () => {
      const s = await start(RECORDS);
      await s.setFault('server-error');
      await pullAll(s, null).catch(() => undefined);
      await s.setFault('none');
      expect(new Set(ids(await pullAll(s, null)))).toEqual(new Set(s.ids));
    });
  });
}
