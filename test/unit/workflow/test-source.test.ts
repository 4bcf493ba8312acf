import { describe, expect, it } from 'vitest';
import { HubError } from '../../../src/lib/errors.ts';
import { testSource } from '../../../src/workflow/index.ts';
import { fakeAdapter, mapping, rec, silent, source } from './fakes.ts';

const run = (
  a: ReturnType<typeof fakeAdapter>['adapter'],
  loadMapping = () => Promise.resolve(mapping),
) => testSource({ adapterFor: () => a, log: silent, loadMapping }, source);

describe('testSource (fake adapter)', () => {
  it('reads exactly one page, abandons the pull, and maps the sample', async () => {
    const { adapter, seen } = fakeAdapter([[rec(1), rec(2)], [rec(3)]]);
    const report = await run(adapter);
    expect(report.ok).toBe(true);
    expect(report.steps.map((s) => s.status)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(report.sample?.map((r) => r.sourceRecordId)).toEqual(['R1', 'R2']);
    expect(seen).toEqual({ pagesServed: 1, closed: true, from: null });
  });

  it('warns when some sample records are rejected, and groups their errors', async () => {
    const { adapter } = fakeAdapter([[rec(1), rec(2, { loai: '09' }), rec(3, { loai: '09' })]]);
    const report = await run(adapter);
    expect(report.ok).toBe(true);
    expect(report.steps[3]).toMatchObject({
      status: 'warning',
      summary: '1 of 3 record(s) mapped, 2 rejected',
    });
    expect(report.errorGroups).toEqual([
      expect.objectContaining({
        field: 'kind',
        sourceField: 'loai',
        code: 'KNTC_RECORD_UNKNOWN_CODE',
        count: 2,
        examples: ['R2', 'R3'],
      }),
    ]);
  });

  it('fails the mapping step when every sample record is rejected', async () => {
    const { adapter } = fakeAdapter([[rec(1, { ngay: '31/02/2026' })]]);
    const report = await run(adapter);
    expect(report.failedStep).toBe('sample-mapping');
  });

  it('fails at check and skips the page, still checking the mapping file', async () => {
    const err = new HubError('KNTC_SOURCE_AUTH', 'source "fake" answered HTTP 401 on /ping', {
      details: { status: 401 },
    });
    const { adapter, seen } = fakeAdapter([[rec(1)]], { check: err });
    const report = await run(adapter);
    expect(report.failedStep).toBe('check');
    expect(report.steps.map((s) => s.status)).toEqual(['failed', 'skipped', 'ok', 'skipped']);
    expect(report.steps[0]?.error).toMatchObject({
      code: 'KNTC_SOURCE_AUTH',
      cause: 'auth',
      retryable: false,
    });
    expect(seen.pagesServed).toBe(0);
  });

  it('fails at the sample page on an unusable payload', async () => {
    const err = new HubError('KNTC_SOURCE_BAD_PAYLOAD', 'not JSON');
    const { adapter } = fakeAdapter([], { pull: err });
    const report = await run(adapter);
    expect(report.failedStep).toBe('sample-page');
    expect(report.steps[1]?.error?.cause).toBe('format');
  });

  it('warns on an empty source', async () => {
    const { adapter } = fakeAdapter([]);
    const report = await run(adapter);
    expect(report.ok).toBe(true);
    expect(report.steps[1]).toMatchObject({
      status: 'warning',
      summary: 'the source answered but has no records yet',
    });
  });

  it('reports an unloadable mapping', async () => {
    const { adapter } = fakeAdapter([[rec(1)]]);
    const report = await run(adapter, () =>
      Promise.reject(new HubError('KNTC_MAPPING_INVALID', 'x.yaml:3 bad')),
    );
    expect(report.failedStep).toBe('mapping-file');
    expect(report.sample).toBeNull();
  });
});
