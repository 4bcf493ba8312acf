// Fakes for the workflow unit tests: an in-memory adapter and a small mapping.
import { pino } from 'pino';
import type { Cursor, RawBatch, SourceAdapter } from '../../../adapters/contract.ts';
import { compileMapping } from '../../../src/mapping/index.ts';
import type { WorkflowSource } from '../../../src/workflow/index.ts';

export const silent = pino({ level: 'silent' });

export const MAPPING_YAML = `
source: fake
version: 2.0.0
record: { key: id }
fields:
  receipt.receivedAt: { from: ngay, date: dd/MM/yyyy }
  receipt.agency.code: { const: UBND-X }
  receipt.channel: { const: DIRECT }
  kind: { from: loai, lookup: loai }
  confidentiality.protectIdentity: { const: false }
  content.summary: { from: noiDung }
  signerCount: { const: 1 }
  petitioners[0].kind: { const: PERSON }
  petitioners[0].name: { from: ten }
lookups:
  loai: { '01': KN, '02': TC }
`;

export const mapping = compileMapping(MAPPING_YAML, 'fake.yaml');

/** A record that maps (or not, with loai "09" or a bad date). */
export function rec(id: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: `R${id}`,
    ngay: '15/10/2026',
    loai: '01',
    noiDung: 'Nội dung',
    ten: 'Nguyễn Văn A',
    ...over,
  };
}

/** What the fake adapter did. */
export interface FakeLog {
  pagesServed: number;
  closed: boolean;
  from: Cursor | null | undefined;
}

/** An adapter serving `pages` (arrays of records); `fail` makes check or pull throw. */
export function fakeAdapter(
  pages: readonly (readonly Record<string, unknown>[])[],
  fail: { check?: Error; pull?: Error } = {},
): { adapter: SourceAdapter<unknown>; seen: FakeLog } {
  const seen: FakeLog = { pagesServed: 0, closed: false, from: undefined };
  const adapter: SourceAdapter<unknown> = {
    kind: 'fake',
    configSchema: {},
    check: () => (fail.check === undefined ? Promise.resolve() : Promise.reject(fail.check)),
    async *pull(_ctx, from): AsyncGenerator<RawBatch> {
      seen.from = from;
      try {
        if (fail.pull !== undefined) throw fail.pull;
        for (const [i, page] of pages.entries()) {
          seen.pagesServed += 1;
          await Promise.resolve();
          yield {
            records: page.map((p) => ({
              sourceRecordId: String(p['id']),
              payload: p,
              bytes: Buffer.from(JSON.stringify(p)),
            })),
            cursor: { page: i + 1 },
          };
        }
      } finally {
        seen.closed = true;
      }
    },
  };
  return { adapter, seen };
}

export const source: WorkflowSource = {
  id: 'fake',
  adapter: 'fake',
  config: {},
  secrets: {},
  mappingPath: 'fake.yaml',
};
