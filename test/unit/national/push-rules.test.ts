import nock from 'nock';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Petition } from '../../../src/core/petition-schema.ts';
import { HubError } from '../../../src/lib/errors.ts';
import { createNationalClient } from '../../../src/national/client.ts';
import { DEFAULT_PERIODS, periodOf, pushPriority } from '../../../src/national/periods.ts';
import { bodyHash, nextStep, submissionKeyOf } from '../../../src/national/stages.ts';
import { checkWindowSpecs, scheduledState, windowState } from '../../../src/national/windows.ts';
import { holdMs } from '../../../src/queue/push-queue.ts';
import { minimalCase, samplePetition } from './samples.ts';

const HUB = '6f1c8d2e-0000-4000-8000-000000000001';

describe('reporting periods', () => {
  it('puts a receipt date in the first period whose cut-off is on or after it', () => {
    expect(periodOf('2026-01-10').key).toBe('2026-Q1');
    expect(periodOf('2026-03-14').key).toBe('2026-Q1');
    expect(periodOf('2026-03-15').key).toBe('2026-6M');
    expect(periodOf('2026-09-20').key).toBe('2026-Y');
    expect(periodOf('2026-12-20').key).toBe('2027-Q1');
    // Window closes 6 days after the cut-off, at the end of the day in Vietnam (UTC+7).
    expect(periodOf('2026-02-01').closesAt.toISOString()).toBe('2026-03-20T17:00:00.000Z');
  });

  it('sends the period about to close first, and a closed period before everything', () => {
    const now = new Date('2026-03-10T00:00:00Z');
    const q1 = pushPriority('2026-02-01', now, DEFAULT_PERIODS);
    const h1 = pushPriority('2026-04-01', now, DEFAULT_PERIODS);
    expect(q1).toBeLessThan(h1);
    expect(pushPriority('2025-02-01', now, DEFAULT_PERIODS)).toBe(1);
  });
});

describe('submission windows', () => {
  const at = (iso: string) => new Date(iso);

  it('is always open without a schedule', () => {
    expect(scheduledState([], at('2026-03-10T00:00:00Z'))).toMatchObject({
      open: true,
      reason: 'always',
    });
  });

  it('opens on each cron tick (Vietnam time) for the configured hours', () => {
    const spec = [{ cron: '0 8 * * *', hours: 2 }];
    // 08:30 in Vietnam = 01:30Z
    expect(scheduledState(spec, at('2026-03-10T01:30:00Z'))).toMatchObject({
      open: true,
      closesAt: at('2026-03-10T03:00:00Z'),
    });
    expect(scheduledState(spec, at('2026-03-10T04:00:00Z'))).toMatchObject({
      open: false,
      opensAt: at('2026-03-11T01:00:00Z'),
    });
  });

  it('honours explicit ranges and a closure learned from a refusal', () => {
    const spec = [{ from: '2026-03-15T00:00:00+07:00', to: '2026-03-20T17:00:00+07:00' }];
    expect(scheduledState(spec, at('2026-03-16T00:00:00Z')).open).toBe(true);
    expect(scheduledState(spec, at('2026-03-21T00:00:00Z'))).toMatchObject({
      open: false,
      opensAt: null,
    });
    const learned = windowState([], at('2026-03-10T05:00:00Z'), at('2026-03-10T04:00:00Z'));
    expect(learned).toMatchObject({ open: false, reason: 'learned' });
    expect(holdMs(learned, Date.parse('2026-03-10T04:59:59.000Z'))).toBe(1000);
    expect(windowState([], at('2026-03-10T05:00:00Z'), at('2026-03-10T05:00:01Z')).open).toBe(true);
  });

  it('names bad schedule entries', () => {
    expect(checkWindowSpecs([{ cron: 'not a cron', hours: 1 }])[0]).toContain('windows[0].cron');
    expect(
      checkWindowSpecs([{ from: '2026-03-20T00:00:00Z', to: '2026-03-10T00:00:00Z' }]),
    ).toHaveLength(1);
  });
});

describe('staged submissions', () => {
  const handled: Petition = {
    ...samplePetition,
    handling: { outcome: 'ACCEPT', decidedAt: '2026-10-20' },
  };
  const base = { hubId: HUB, record: handled, nationalCaseId: null, acked: {} };

  it('creates first, then sends the later stages the record has, then nothing', () => {
    const s1 = nextStep(base);
    expect(s1).toMatchObject({ stage: 1, operation: 'create' });
    const after1 = { ...base, nationalCaseId: 'TTCP-2026-00000001', acked: { '1': s1!.bodyHash } };
    const s2 = nextStep(after1);
    expect(s2).toMatchObject({ stage: 2, operation: 'stage', body: { huongXuLy: 'ACCEPT' } });
    expect(nextStep({ ...after1, acked: { ...after1.acked, '2': s2!.bodyHash } })).toBeNull();
  });

  it('sends a change of stage-1 data as an update of the same case, never a new case', () => {
    const acked = { '1': bodyHash({ old: true }) };
    const step = nextStep({ ...base, nationalCaseId: 'TTCP-2026-00000001', acked });
    expect(step).toMatchObject({ stage: 1, operation: 'update' });
  });

  it('gives content flipping back a new key (the revision), bound to the body', () => {
    const step = nextStep(base)!;
    const k3 = submissionKeyOf(HUB, 3, step);
    expect(k3).not.toBe(submissionKeyOf(HUB, 1, step));
    expect(k3).toMatch(new RegExp(`^${HUB}:1:r3:[0-9a-f]{12}$`));
  });
});

describe('national client: window and stages', () => {
  const BASE = 'http://national.test';
  afterEach(() => nock.cleanAll());
  const client = () =>
    createNationalClient(
      { baseUrl: BASE, clientId: 'c', secret: 's', timeoutMs: 2000 },
      pino({ level: 'silent' }),
    );

  it('reads 409 WINDOW_CLOSED as retryable with when it opens', async () => {
    nock(BASE)
      .post('/api/v1/auth/token')
      .reply(200, { access_token: 't', token_type: 'Bearer', expires_in: 3600 });
    const opens = new Date(Date.now() + 60_000).toISOString();
    nock(BASE)
      .post('/api/v1/cases')
      .reply(409, { error: 'WINDOW_CLOSED', message: 'closed', nextWindowOpensAt: opens });
    const err: unknown = await client()
      .submit({ submissionKey: 'k', operation: 'create', body: minimalCase })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HubError);
    const hubErr = err as HubError;
    expect(hubErr).toMatchObject({ code: 'KNTC_NATIONAL_WINDOW_CLOSED', retryable: true });
    expect(hubErr.details['nextWindowOpensAt']).toBe(opens);
  });

  it('posts a later stage to /cases/{id}/stages/{n}', async () => {
    nock(BASE)
      .post('/api/v1/auth/token')
      .reply(200, { access_token: 't', token_type: 'Bearer', expires_in: 3600 });
    nock(BASE)
      .post('/api/v1/cases/TTCP-2026-00000001/stages/2', {
        submissionKey: 'k2',
        data: { huongXuLy: 'ACCEPT', ngayXuLy: '2026-10-20' },
      })
      .reply(200, {
        nationalCaseId: 'TTCP-2026-00000001',
        submissionKey: 'k2',
        duplicate: false,
        receivedAt: '2026-10-20T00:00:00Z',
        stage: 2,
      });
    const r = await client().submit({
      submissionKey: 'k2',
      operation: 'stage',
      nationalCaseId: 'TTCP-2026-00000001',
      stage: 2,
      data: { huongXuLy: 'ACCEPT', ngayXuLy: '2026-10-20' },
    });
    expect(r.nationalCaseId).toBe('TTCP-2026-00000001');
  });
});
