import { describe, expect, it } from 'vitest';
import { flatten } from '../../../src/cli/format-common.ts';
import { formatMappingCheck } from '../../../src/cli/format-mapping-check.ts';
import { formatPreview } from '../../../src/cli/format-preview.ts';
import { formatCursor, formatReplay, formatResetPlan } from '../../../src/cli/format-repair.ts';
import { formatSourceTest } from '../../../src/cli/format-source-test.ts';
import { diagnoseError, mapRecord, type MappingPreview } from '../../../src/workflow/index.ts';
import { HubError } from '../../../src/lib/errors.ts';
import { mapping, rec } from './fakes.ts';

const raw = (p: Record<string, unknown>) => ({
  sourceRecordId: null,
  payload: p,
  bytes: Buffer.from('x'),
});

describe('flatten', () => {
  it('writes paths like the mapping errors, values as JSON', () => {
    expect(flatten({ a: { b: [1, { c: ' x ' }] }, e: [], f: null })).toEqual([
      { path: 'a.b[0]', value: '1' },
      { path: 'a.b[1].c', value: '" x "' },
      { path: 'e', value: '[]' },
      { path: 'f', value: 'null' },
    ]);
  });
});

describe('formatPreview', () => {
  const preview: MappingPreview = {
    sourceId: 'fake',
    mappingVersion: '2.0.0',
    from: 'start',
    cursor: null,
    records: [
      mapRecord(raw(rec(1)), mapping, 'fake'),
      mapRecord(raw({ ...rec(2), nested: { loai: 'n' }, loai: '09' }), mapping, 'fake'),
    ],
    mapped: 1,
    rejected: 1,
    exhausted: true,
  };
  const text = formatPreview(preview);

  it('stacks source and canonical fields, aligned', () => {
    expect(text).toContain('── 1. R1  ✓ mapped');
    expect(text).toMatch(/\n {6}ten {2,}"Nguyễn Văn A"\n/);
    expect(text).toMatch(/\n {4}petitioners\[0\]\.name {2,}"Nguyễn Văn A"\n/);
  });

  it('marks the source field of each error and lists the errors with their value', () => {
    expect(text).toContain('── 2. R2  ✗ REJECTED (1 error(s))');
    expect(text).toMatch(/\n {4}✗ loai {2,}"09"\n/);
    expect(text).toMatch(/\n {6}nested\.loai/);
    expect(text).toContain('✗ kind ← loai  KNTC_RECORD_UNKNOWN_CODE: ');
    expect(text).toContain('(value "09")');
    expect(text).toContain('2 record(s): 1 mapped, 1 rejected (no more records in the source).');
  });
});

describe('formatSourceTest', () => {
  it('shows each step, the error with why and fix, and the verdict', () => {
    const error = diagnoseError(
      new HubError('KNTC_SOURCE_TIMEOUT', 'no answer within 100 ms', { retryable: true }),
    );
    const text = formatSourceTest({
      sourceId: 's',
      adapter: 'rest-json',
      ok: false,
      failedStep: 'check',
      steps: [
        { step: 'check', status: 'failed', summary: 'failed: timeout', ms: 100, error },
        { step: 'sample-page', status: 'skipped', summary: 'skipped: the check failed', ms: 0 },
      ],
      sample: null,
      errorGroups: [],
    });
    expect(text).toContain('  ✗ check           failed: timeout  (100 ms)');
    expect(text).toContain('error  KNTC_SOURCE_TIMEOUT (retryable): no answer within 100 ms');
    expect(text).toMatch(/why +The local system did not answer in time/);
    expect(text).toContain('  - sample-page');
    expect(text).toContain('Result: FAILED at step "check"');
  });
});

describe('formatMappingCheck', () => {
  it('shows loaded files, fixture differences and load errors', () => {
    const text = formatMappingCheck({
      ok: false,
      files: [
        {
          file: 'm/a.yaml',
          ok: true,
          source: 'a',
          version: '1.0.0',
          fixturesDir: 'f/a',
          fixtures: [{ name: '01', ok: true }],
        },
        {
          file: 'm/b.yaml',
          ok: false,
          source: 'b',
          version: '1.0.1',
          fixturesDir: 'f/b',
          fixtures: [
            {
              name: '02',
              ok: false,
              problem: 'differs at value.kind',
              difference: { path: 'value.kind', expected: 'KN', actual: 'TC' },
            },
          ],
        },
        {
          file: 'm/c.yaml',
          ok: true,
          source: 'c',
          version: '1.0.0',
          fixturesDir: 'f/c',
          fixtures: [],
        },
        {
          file: 'm/d.yaml',
          ok: false,
          source: null,
          version: null,
          fixturesDir: 'f/d',
          fixtures: [],
          error: diagnoseError(
            new HubError(
              'KNTC_MAPPING_INVALID',
              'Mapping file is invalid — m/d.yaml:4 (key x): bad',
            ),
          ),
        },
      ],
    });
    expect(text).toContain('✓ m/a.yaml  a 1.0.0  1 fixture(s) match');
    expect(text).toContain('✗ m/b.yaml  b 1.0.1  1 of 1 fixture(s) differ');
    expect(text).toContain(
      '    ✗ 02: differs at value.kind\n        expected "KN"\n        got      "TC"',
    );
    expect(text).toContain('! m/c.yaml  c 1.0.0  loads; no golden fixtures in f/c');
    expect(text).toContain(
      '✗ m/d.yaml  does not load\n    KNTC_MAPPING_INVALID: Mapping file is invalid — m/d.yaml:4',
    );
    expect(text).toContain('2 of 4 mapping file(s) FAIL.');
  });
});

describe('repair formats', () => {
  const info = {
    cursor: { modifiedSince: '2026-10-20T09:15:00+07:00', lastId: 'QN-1' },
    runId: '7',
    updatedAt: '2026-10-20T02:16:00.000Z',
  };

  it('prints the cursor and, without --yes, what a reset would do', () => {
    expect(formatCursor('s', info)).toMatch(/modifiedSince {2}"2026-10-20T09:15:00\+07:00"/);
    expect(formatCursor('s', null)).toContain('no saved cursor');
    expect(formatResetPlan('s', info)).toContain('kntc-hub sources cursor s --reset --yes');
  });

  it('prints replay counts', () => {
    const text = formatReplay('s', {
      status: 'succeeded',
      runId: '9',
      mappingVersion: '1.0.1',
      counts: {
        total: 4,
        done: 4,
        accepted: 3,
        inserted: 2,
        updated: 1,
        unchanged: 0,
        rejected: 1,
        queued: 3,
        rekeyed: 0,
      },
    });
    expect(text).toContain('Replay run 9 of s with mapping version 1.0.1:');
    expect(text).toMatch(/mapped {2,}3 \(new 2, changed 1, unchanged 0\)/);
    expect(text).toMatch(/queued for the national database {2}3/);
    expect(formatReplay('s', { status: 'skipped', reason: 'already-running' })).toContain(
      'nothing done',
    );
  });
});
