/**
 * The deadline rules file (config/deadlines/rules.yaml): its JSON Schema and the parser that
 * checks what a schema cannot: real dates, unique ids, effective windows the right way round,
 * and no two rules that could time the same step of the same petition with equal specificity.
 */
import { PETITION_KINDS, codesOf } from '../codes.ts';
import { compileFileSchema, fileInvalid, parseDataFile } from './config-file.ts';
import { tryDayNumber } from './dates.ts';
import {
  DAY_KINDS,
  DEADLINE_STEPS,
  LAST_DAY_POLICIES,
  START_DATES,
  specificity,
  type DeadlineRule,
  type RuleScope,
} from './rules.ts';

const dateText = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;

/** JSON Schema of the rules file. */
export const rulesFileSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'rules'],
  properties: {
    version: { const: 1 },
    rules: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'step', 'startsFrom', 'days', 'dayKind', 'basis', 'effectiveFrom'],
        properties: {
          id: { type: 'string', pattern: '^[a-z0-9][a-z0-9.-]{0,80}$' },
          step: { enum: [...DEADLINE_STEPS] },
          appliesTo: {
            type: 'object',
            additionalProperties: false,
            properties: {
              kinds: {
                type: 'array',
                minItems: 1,
                uniqueItems: true,
                items: { enum: [...codesOf(PETITION_KINDS)] },
              },
              rounds: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [1, 2] } },
              complex: { type: 'boolean' },
              remoteArea: { type: 'boolean' },
            },
          },
          startsFrom: { enum: [...START_DATES] },
          days: { type: 'integer', minimum: 1, maximum: 366 },
          dayKind: { enum: [...DAY_KINDS] },
          lastDayOff: { enum: [...LAST_DAY_POLICIES] },
          basis: { type: 'string', minLength: 1, maxLength: 300 },
          effectiveFrom: dateText,
          effectiveTo: dateText,
          note: { type: 'string', minLength: 1, maxLength: 1000 },
        },
      },
    },
  },
} as const;

type RuleEntry = Omit<DeadlineRule, 'appliesTo' | 'lastDayOff'> & {
  appliesTo?: RuleScope;
  lastDayOff?: DeadlineRule['lastDayOff'];
};

const validate = compileFileSchema<{ version: 1; rules: RuleEntry[] }>(rulesFileSchema);

function overlaps<T>(a: readonly T[] | undefined, b: readonly T[] | undefined): boolean {
  return a === undefined || b === undefined || a.some((x) => b.includes(x));
}

/** True when some petition could match both scopes. */
function compatible(a: RuleScope, b: RuleScope): boolean {
  const same = (x: boolean | undefined, y: boolean | undefined) =>
    x === undefined || y === undefined || x === y;
  return (
    overlaps(a.kinds, b.kinds) &&
    overlaps(a.rounds, b.rounds) &&
    same(a.complex, b.complex) &&
    same(a.remoteArea, b.remoteArea)
  );
}

function windowsOverlap(a: DeadlineRule, b: DeadlineRule): boolean {
  return (
    (a.effectiveTo === undefined || b.effectiveFrom <= a.effectiveTo) &&
    (b.effectiveTo === undefined || a.effectiveFrom <= b.effectiveTo)
  );
}

function checkRule(r: DeadlineRule, i: number, problems: string[]): void {
  for (const d of [r.effectiveFrom, r.effectiveTo]) {
    if (d !== undefined && tryDayNumber(d) === undefined) {
      problems.push(`/rules/${i} (${r.id}): "${d}" is not a real date`);
    }
  }
  if (r.effectiveTo !== undefined && r.effectiveTo < r.effectiveFrom) {
    problems.push(`/rules/${i} (${r.id}): effectiveTo is before effectiveFrom`);
  }
}

function checkAmbiguity(rules: readonly DeadlineRule[], problems: string[]): void {
  rules.forEach((a, i) => {
    for (const b of rules.slice(i + 1)) {
      if (
        a.step === b.step &&
        windowsOverlap(a, b) &&
        specificity(a.appliesTo) === specificity(b.appliesTo) &&
        compatible(a.appliesTo, b.appliesTo)
      ) {
        problems.push(
          `rules ${a.id} and ${b.id} could both time step ${a.step} of the same petition: ` +
            'narrow appliesTo or make their effective dates not overlap',
        );
      }
    }
  });
}

/** Parses and checks the rules file; throws KNTC_CONFIG_INVALID listing every problem. */
export function parseDeadlineRules(yamlText: string, file = 'rules.yaml'): readonly DeadlineRule[] {
  const data = parseDataFile(yamlText, file, validate);
  const problems: string[] = [];
  const ids = new Set<string>();
  const rules = data.rules.map((e, i): DeadlineRule => {
    if (ids.has(e.id)) problems.push(`/rules/${i}: id ${e.id} is used twice`);
    ids.add(e.id);
    const rule: DeadlineRule = {
      ...e,
      appliesTo: e.appliesTo ?? {},
      lastDayOff: e.lastDayOff ?? 'next-working-day',
    };
    checkRule(rule, i, problems);
    return Object.freeze(rule);
  });
  checkAmbiguity(rules, problems);
  if (problems.length > 0) throw fileInvalid(file, problems);
  return Object.freeze(rules);
}
