import { describe, expect, it } from 'vitest';
import { parseDeadlineRules } from '../../../src/core/deadlines/rules-file.ts';
import { DEADLINE_STEPS } from '../../../src/core/deadlines/rules.ts';
import { HubError } from '../../../src/lib/errors.ts';
import { rules } from './load-config.ts';

const rule = (id: string, extra = '') =>
  `  - { id: ${id}, step: accept-complaint, startsFrom: receipt.receivedAt, days: 10,
      dayKind: calendar, basis: b, effectiveFrom: 2012-07-01${extra} }`;

function problems(yaml: string): string {
  try {
    parseDeadlineRules(yaml, 'rules-test.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(HubError);
    expect((err as HubError).code).toBe('KNTC_CONFIG_INVALID');
    return (err as HubError).message;
  }
  throw new Error('expected the rules to be refused');
}

describe('parseDeadlineRules', () => {
  it('loads the shipped rules: every step has one, each with a basis', () => {
    const steps = new Set(rules.map((r) => r.step));
    expect([...steps].sort()).toEqual([...DEADLINE_STEPS].sort());
    for (const r of rules) expect(r.basis).not.toBe('');
    expect(rules.find((r) => r.id === 'kn-accept')?.lastDayOff).toBe('next-working-day');
    expect(Object.isFrozen(rules)).toBe(true);
  });

  it('refuses two equally specific rules that could time the same petition', () => {
    const yaml = `version: 1\nrules:\n${rule('a', ', appliesTo: { complex: true }')}\n${rule(
      'b',
      ', appliesTo: { remoteArea: true }',
    )}\n`;
    expect(problems(yaml)).toContain('rules a and b could both time step accept-complaint');
  });

  it('accepts the same scope in windows that do not overlap, and a more specific rule', () => {
    const yaml = `version: 1\nrules:\n${rule('a', ', effectiveTo: 2026-06-30')}\n${rule(
      'b',
      ', appliesTo: { kinds: [KN] }',
    ).replace('2012-07-01', '2026-07-01')}\n${rule('c', ', appliesTo: { kinds: [TC] }')}\n`;
    expect(parseDeadlineRules(yaml).map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });

  it('lists bad dates, reversed windows and duplicate ids together', () => {
    const message = problems(
      `version: 1\nrules:\n${rule('a', ', effectiveTo: 2011-01-01')}\n${rule('a', ', effectiveTo: 2026-02-30')}\n`,
    );
    expect(message).toContain('effectiveTo is before effectiveFrom');
    expect(message).toContain('"2026-02-30" is not a real date');
    expect(message).toContain('id a is used twice');
  });

  it('refuses unknown steps, start dates and keys', () => {
    expect(
      problems(`version: 1\nrules:\n${rule('a').replace('accept-complaint', 'appeal')}\n`),
    ).toContain('/rules/0/step');
    expect(
      problems(
        `version: 1\nrules:\n${rule('a').replace('receipt.receivedAt', 'content.decisionDate')}\n`,
      ),
    ).toContain('/rules/0/startsFrom');
    expect(problems(`version: 1\nrules:\n${rule('a', ', workdays: 3')}\n`)).toContain('"workdays"');
  });
});
