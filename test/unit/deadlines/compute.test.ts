import { describe, expect, it } from 'vitest';
import { computeDeadlines, type StepDeadline } from '../../../src/core/deadlines/compute.ts';
import { parseDeadlineRules } from '../../../src/core/deadlines/rules-file.ts';
import type { DeadlineStep, DeadlineSubject } from '../../../src/core/deadlines/rules.ts';
import { calendar, rules } from './load-config.ts';

type Settlement = NonNullable<DeadlineSubject['settlement']>;
type Handling = NonNullable<DeadlineSubject['handling']>;

function subject(
  kind: DeadlineSubject['kind'],
  receivedAt: string,
  more: { handling?: Handling; settlement?: Settlement } = {},
): DeadlineSubject {
  return { kind, receipt: { receivedAt, agency: { code: 'UBND-QN' }, channel: 'POST' }, ...more };
}

function step(p: DeadlineSubject, which: DeadlineStep, today: string): StepDeadline | undefined {
  return computeDeadlines(p, rules, calendar, today).find((d) => d.step === which);
}

function due(p: DeadlineSubject, which: DeadlineStep, today = '2025-01-01'): string | undefined {
  return step(p, which, today)?.dueAt;
}

const accepted = (acceptedAt: string, extra: Partial<Settlement> = {}): Settlement => ({
  acceptedAt,
  ...extra,
});

describe('computeDeadlines: the default rules, worked examples', () => {
  it('handle: 10 working days from receipt, skipping Tết Ất Tỵ', () => {
    const d = step(subject('KN', '2025-01-24'), 'handle', '2025-02-05');
    expect(d).toMatchObject({
      ruleId: 'handle',
      dayKind: 'working',
      startedAt: '2025-01-24',
      dueAt: '2025-02-14',
      status: 'ok',
      daysLeft: 7, // 6, 7, 10, 11, 12, 13, 14 February
      approximate: false,
    });
    expect(d?.basis).toContain('05/2021/TT-TTCP');
  });

  it('accept a complaint: 10 calendar days, Tết not skipped', () => {
    const d = step(subject('KN', '2025-01-24'), 'accept-complaint', '2025-02-05');
    expect(d).toMatchObject({ dueAt: '2025-02-03', status: 'overdue', daysLeft: -2 });
    expect(d?.basis).toContain('điều 27');
  });

  it('a calendar deadline ending on a holiday moves to the next working day', () => {
    // 20/1/2025 + 10 = Thu 30/1, inside Tết: ends Mon 3/2.
    expect(due(subject('KN', '2025-01-20'), 'accept-complaint')).toBe('2025-02-03');
    const strict = rules.map((r) =>
      r.id === 'kn-accept' ? { ...r, lastDayOff: 'keep' as const } : r,
    );
    const d = computeDeadlines(subject('KN', '2025-01-20'), strict, calendar, '2025-01-21');
    expect(d.find((x) => x.step === 'accept-complaint')?.dueAt).toBe('2025-01-30');
  });

  it('settle a complaint, round 1: 30 / complex 45 / remote 45 / remote and complex 60', () => {
    const p = (s: Partial<Settlement>) =>
      subject('KN', '2025-02-20', { settlement: accepted('2025-03-03', s) });
    expect(due(p({}), 'settle-complaint-1')).toBe('2025-04-02');
    expect(due(p({ complex: true }), 'settle-complaint-1')).toBe('2025-04-17');
    expect(due(p({ remoteArea: true }), 'settle-complaint-1')).toBe('2025-04-17');
    // 3/3 + 60 = Fri 2/5/2025, the swapped bridge day: Mon 5/5.
    expect(due(p({ remoteArea: true, complex: true }), 'settle-complaint-1')).toBe('2025-05-05');
    expect(step(p({ complex: true }), 'settle-complaint-1', '2025-03-04')?.ruleId).toBe(
      'kn-settle-1-complex',
    );
  });

  it('settle a complaint, round 2: 45 / complex 60 / remote 60 / remote and complex 70', () => {
    const p = (s: Partial<Settlement>) =>
      subject('KN', '2025-02-20', { settlement: accepted('2025-03-03', { round: 2, ...s }) });
    expect(due(p({}), 'settle-complaint-2')).toBe('2025-04-17');
    expect(due(p({ complex: true }), 'settle-complaint-2')).toBe('2025-05-05');
    expect(due(p({ remoteArea: true }), 'settle-complaint-2')).toBe('2025-05-05');
    expect(due(p({ remoteArea: true, complex: true }), 'settle-complaint-2')).toBe('2025-05-12');
    expect(due(p({}), 'settle-complaint-1')).toBeUndefined();
  });

  it('accept a denunciation: 7 working days, counting the swapped Saturday 26/4/2025', () => {
    const d = step(subject('TC', '2025-04-24'), 'accept-denunciation', '2025-05-06');
    expect(d).toMatchObject({
      dueAt: '2025-05-07',
      dayKind: 'working',
      status: 'due-soon',
      daysLeft: 1,
    });
  });

  it('transfer a denunciation outside competence: 5 working days', () => {
    const p = subject('TC', '2025-04-24', { handling: { withinCompetence: false } });
    expect(due(p, 'transfer-denunciation')).toBe('2025-05-05');
    expect(due(p, 'accept-denunciation')).toBeUndefined();
    expect(due(subject('TC', '2025-04-24'), 'transfer-denunciation')).toBeUndefined();
  });

  it('settle a denunciation: 30 days, complex 60, especially complex through the extension', () => {
    const p = (s: Partial<Settlement>) =>
      subject('TC', '2025-05-20', { settlement: accepted('2025-06-02', s) });
    expect(due(p({}), 'settle-denunciation')).toBe('2025-07-02');
    expect(due(p({ complex: true }), 'settle-denunciation')).toBe('2025-08-01');
    const d = step(
      p({ complex: true, extendedTo: '2025-08-31' }),
      'settle-denunciation',
      '2025-08-20',
    );
    expect(d).toMatchObject({
      dueAt: '2025-08-31',
      legalDueAt: '2025-08-01',
      extended: true,
      status: 'ok',
    });
  });
});

describe('computeDeadlines: which steps apply', () => {
  it('a recommendation or a dispute is only handled', () => {
    for (const kind of ['KNPA', 'TRANH_CHAP', 'MIXED'] as const) {
      expect(
        computeDeadlines(subject(kind, '2025-03-03'), rules, calendar, '2025-03-04').map(
          (d) => d.step,
        ),
      ).toEqual(['handle']);
    }
  });

  it('a complaint guided elsewhere or withdrawn is never accepted here', () => {
    for (const outcome of ['GUIDE', 'RETURN', 'FILE', 'WITHDRAWN', 'TRANSFER'] as const) {
      const p = subject('KN', '2025-03-03', { handling: { outcome, decidedAt: '2025-03-05' } });
      expect(computeDeadlines(p, rules, calendar, '2025-04-01').map((d) => d.step)).toEqual([
        'handle',
      ]);
    }
  });

  it('no settlement deadline before acceptance; none before the rules were in force', () => {
    expect(due(subject('KN', '2025-03-03'), 'settle-complaint-1')).toBeUndefined();
    expect(
      computeDeadlines(subject('KN', '2021-11-01'), rules, calendar, '2021-11-02').map(
        (d) => d.step,
      ),
    ).toEqual(['accept-complaint']);
  });
});

describe('computeDeadlines: status', () => {
  const p = subject('KN', '2025-01-24'); // handle due Fri 14/2/2025
  const handle = (today: string, x: DeadlineSubject = p) => step(x, 'handle', today);

  it('is due soon within 3 working days, and due on the last day itself', () => {
    expect(handle('2025-02-10')).toMatchObject({ status: 'ok', daysLeft: 4 });
    expect(handle('2025-02-11')).toMatchObject({ status: 'due-soon', daysLeft: 3 });
    expect(handle('2025-02-14')).toMatchObject({ status: 'due-soon', daysLeft: 0 });
    expect(handle('2025-02-17')).toMatchObject({ status: 'overdue', daysLeft: -1 });
  });

  it('takes a configurable horizon', () => {
    const five = computeDeadlines(p, rules, calendar, '2025-02-10', {
      days: 5,
      dayKind: 'calendar',
    });
    expect(five.find((d) => d.step === 'handle')?.status).toBe('due-soon');
  });

  it('is done once the completion date is recorded, on time or late', () => {
    const onTime = subject('KN', '2025-01-24', { handling: { decidedAt: '2025-02-14' } });
    expect(handle('2025-03-01', onTime)).toMatchObject({
      status: 'done',
      completedAt: '2025-02-14',
      late: false,
      daysLeft: null,
    });
    const late = subject('KN', '2025-01-24', { handling: { decidedAt: '2025-02-17' } });
    expect(handle('2025-03-01', late)).toMatchObject({ status: 'done', late: true });
  });

  it('ignores an extension earlier than the legal due date', () => {
    const x = subject('KN', '2025-02-20', {
      settlement: accepted('2025-03-03', { extendedTo: '2025-03-20' }),
    });
    expect(step(x, 'settle-complaint-1', '2025-03-04')).toMatchObject({
      dueAt: '2025-04-02',
      extended: false,
    });
  });

  it('flags deadlines counted over assumed or unlisted holidays', () => {
    expect(handle('2027-02-03', subject('KN', '2027-02-01'))?.approximate).toBe(true);
    expect(handle('2028-03-03', subject('KN', '2028-03-01'))?.approximate).toBe(true);
  });
});

describe('computeDeadlines: rules in force on the start date (Law 136/2025 from 1/7/2026)', () => {
  const amended = parseDeadlineRules(`
version: 1
rules:
  - { id: old, step: accept-complaint, appliesTo: { kinds: [KN] }, startsFrom: receipt.receivedAt,
      days: 10, dayKind: calendar, basis: old law, effectiveFrom: 2012-07-01, effectiveTo: 2026-06-30 }
  - { id: new, step: accept-complaint, appliesTo: { kinds: [KN] }, startsFrom: receipt.receivedAt,
      days: 10, dayKind: working, basis: amended law, effectiveFrom: 2026-07-01 }
`);
  const accept = (receivedAt: string) =>
    computeDeadlines(subject('KN', receivedAt), amended, calendar, '2026-07-20').find(
      (d) => d.step === 'accept-complaint',
    );

  it('keeps the old rule for a petition received on 30/6/2026', () => {
    expect(accept('2026-06-30')).toMatchObject({
      ruleId: 'old',
      dueAt: '2026-07-10',
      basis: 'old law',
    });
  });

  it('applies the new rule from 1/7/2026', () => {
    expect(accept('2026-07-01')).toMatchObject({
      ruleId: 'new',
      dueAt: '2026-07-15',
      dayKind: 'working',
    });
  });
});
