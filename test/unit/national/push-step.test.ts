// What the push does with one claimed submission, and how it reads a national failure.
import { describe, expect, it } from 'vitest';
import { HubError } from '../../../src/lib/errors.ts';
import { NationalRejectedError } from '../../../src/national/errors.ts';
import { classify, planStep } from '../../../src/pipeline/push-step.ts';
import type { Submission } from '../../../src/store/outbox-repo.ts';
import { samplePetition } from './samples.ts';

const HUB = '6f1c8d2e-0000-4000-8000-000000000001';
const sub: Submission = {
  id: '7',
  hubId: HUB,
  sourceId: 'quynhon-web',
  status: 'pending',
  attempts: 0,
  revision: 3,
  currentRevision: 3,
  step: null,
  nationalCaseId: null,
  acked: {},
  record: samplePetition,
};

describe('planning a claimed submission', () => {
  it('stamps a create of the current revision on the first attempt', () => {
    const plan = planStep({ kind: 'claimed', submission: sub });
    expect(plan.kind).toBe('stamp');
    if (plan.kind !== 'stamp') return;
    expect(plan.step).toMatchObject({ stage: 1, operation: 'create' });
    expect(plan.step.submissionKey).toMatch(new RegExp(`^${HUB}:1:r3:[0-9a-f]{12}$`));
  });

  it('re-sends a stamped step as it is, and settles busy or finished submissions', () => {
    const step = {
      stage: 2,
      operation: 'stage' as const,
      body: {},
      bodyHash: 'h',
      submissionKey: 'k',
    };
    expect(planStep({ kind: 'claimed', submission: { ...sub, step } })).toMatchObject({
      kind: 'send',
      step,
    });
    expect(planStep({ kind: 'busy', leaseMs: 900 })).toEqual({
      kind: 'outcome',
      outcome: { status: 'busy', retryInMs: 900 },
    });
    expect(planStep({ kind: 'not-pending', submission: null })).toMatchObject({
      outcome: { status: 'skipped', reason: 'missing' },
    });
  });

  it('dead-letters a petition the outbound mapping cannot shape, naming the field', () => {
    const broken = { ...sub, record: { ...samplePetition, content: { summary: '' } } };
    const plan = planStep({ kind: 'claimed', submission: broken });
    expect(plan).toMatchObject({
      kind: 'unmappable',
      error: { code: 'KNTC_RECORD_SCHEMA' },
      outcome: { status: 'dead-lettered' },
    });
    if (plan.kind === 'unmappable') expect(plan.error.message).toContain('tomTatNoiDung');
  });
});

describe('classifying a failure', () => {
  const ctx = { retryable: true, details: { retryAfterMs: 1200 } };

  it('dead-letters a refused item with the national field errors', () => {
    const e = new NationalRejectedError('refused', [{ field: 'case.loaiDon', message: 'x' }], {});
    expect(classify(e, false)).toMatchObject({
      dead: true,
      error: {
        code: 'KNTC_NATIONAL_REJECTED',
        national: { fieldErrors: [{ field: 'case.loaiDon' }] },
      },
    });
  });

  it('retries a permanent failure of the whole request instead of dead-lettering the batch', () => {
    const auth = new HubError('KNTC_NATIONAL_AUTH', 'credentials refused');
    expect(classify(auth, true).dead).toBe(false);
    expect(classify(auth, false).dead).toBe(true);
  });

  it('keeps Retry-After and tells a whole request from a single item', () => {
    const limited = new HubError('KNTC_NATIONAL_RATE_LIMITED', '429', ctx);
    expect(classify(limited, true).outcome).toMatchObject({
      status: 'retry',
      retryAfterMs: 1200,
      wholeRequest: true,
    });
    expect(classify(limited, false).outcome).toMatchObject({ wholeRequest: false });
  });
});
