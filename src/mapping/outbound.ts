/**
 * Outbound mappings: the canonical petition → a national contract, written in the language of
 * the inbound mappings (same rules, transforms and lookups; the source paths are canonical
 * paths). Loaded once at start: YAML → closed-vocabulary check → every target path, code and
 * constant checked against the contract's schemas, every required target field written → closures.
 * Every problem is reported at once with its file, line and key (KNTC_MAPPING_INVALID).
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { FieldError } from '../core/field-error.ts';
import { HubError } from '../lib/errors.ts';
import { TargetClaims, type CompileContext } from './compile-context.ts';
import { compileFieldMap } from './compile-rule.ts';
import { checkRequiredTargets } from './outbound-required.ts';
import { validateOutboundShape } from './outbound-schema.ts';
import {
  OUTBOUND_STAGES,
  type CompiledOutbound,
  type OutboundResult,
  type OutboundSpec,
  type OutboundStage,
} from './outbound-types.ts';
import { isEmpty } from './record-errors.ts';
import { compileSourcePath } from './source-path.ts';
import type { SchemaNode } from './target-schema.ts';
import type { FieldMapSpec, FieldRun } from './types.ts';
import {
  invalidMapping,
  parseMappingYaml,
  schemaProblems,
  type MappingSource,
} from './yaml-source.ts';

/** The schemas an outbound mapping writes into: the case body and each later stage's body. */
export interface OutboundTargets {
  readonly case: SchemaNode;
  readonly stages: Readonly<Record<OutboundStage, SchemaNode>>;
}

function checkedSpec(src: MappingSource): OutboundSpec {
  if (!validateOutboundShape(src.data)) {
    throw invalidMapping(src.fileName, schemaProblems(src, validateOutboundShape.errors ?? []));
  }
  const unquoted = src.unquotedLookupKeys();
  if (unquoted.length > 0) throw invalidMapping(src.fileName, unquoted);
  return src.data;
}

function runner(runs: readonly FieldRun[]): (source: unknown) => OutboundResult {
  return (source) => {
    const errors: FieldError[] = [];
    const value: Record<string, unknown> = {};
    for (const run of runs) run(source, value, errors, '', '');
    return errors.length === 0 ? { ok: true, value } : { ok: false, errors };
  };
}

function compileMap(
  fields: FieldMapSpec,
  target: SchemaNode,
  at: (string | number)[],
  ctx: CompileContext,
): (source: unknown) => OutboundResult {
  checkRequiredTargets(fields, target, at, ctx);
  return runner(compileFieldMap(fields, target, at, ctx, TargetClaims.root()));
}

/** The same compile state, naming what a section writes in its messages. */
function writing(ctx: CompileContext, targetName: string): CompileContext {
  return { ...ctx, targetName };
}

interface StagePlan {
  readonly when: readonly ((src: unknown) => unknown)[];
  readonly body: (source: unknown) => OutboundResult;
}

function compileStages(
  spec: OutboundSpec,
  targets: OutboundTargets,
  ctx: CompileContext,
): Map<OutboundStage, StagePlan> {
  const plans = new Map<OutboundStage, StagePlan>();
  for (const stage of OUTBOUND_STAGES) {
    const s = spec.stages?.[`${stage}`];
    if (s === undefined) continue;
    const at = ['stages', `${stage}`, 'fields'];
    const target = targets.stages[stage];
    const body = compileMap(s.fields, target, at, writing(ctx, `stage ${stage} data`));
    plans.set(stage, { when: s.when.map((p) => compileSourcePath(p).get), body });
  }
  return plans;
}

/** Compiles outbound mapping YAML; throws HubError KNTC_MAPPING_INVALID naming file, line and key. */
export function compileOutbound(
  yamlText: string,
  fileName: string,
  targets: OutboundTargets,
): CompiledOutbound {
  const src = parseMappingYaml(yamlText, fileName);
  const spec = checkedSpec(src);
  const ctx: CompileContext = {
    src,
    problems: [],
    lookups: spec.lookups ?? {},
    unknownCode: spec.unknownCode ?? 'reject',
    reserved: new Set(),
    checkedLookups: new Set(),
  };
  const caseBody = compileMap(spec.case, targets.case, ['case'], writing(ctx, 'the national case'));
  const plans = compileStages(spec, targets, ctx);
  if (ctx.problems.length > 0) throw invalidMapping(fileName, ctx.problems);
  return {
    file: fileName,
    version: spec.version,
    contract: spec.contract,
    stages: [...plans.keys()],
    caseBody,
    stageBody(stage, source) {
      const plan = plans.get(stage);
      if (plan === undefined || plan.when.some((get) => isEmpty(get(source)))) return null;
      return plan.body(source);
    },
  };
}

function unreadable(path: string, err: unknown): HubError {
  return new HubError('KNTC_MAPPING_INVALID', `Outbound mapping file ${path} cannot be read`, {
    cause: err,
    hint: 'Check that the outbound mapping path names an existing file.',
    details: { file: path },
  });
}

/** Reads and compiles an outbound mapping file. */
export async function loadOutboundFile(
  path: string,
  targets: OutboundTargets,
): Promise<CompiledOutbound> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw unreadable(path, err);
  }
  return compileOutbound(text, path, targets);
}

/** Reads and compiles an outbound mapping file synchronously (once, at start). */
export function loadOutboundFileSync(path: string, targets: OutboundTargets): CompiledOutbound {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw unreadable(path, err);
  }
  return compileOutbound(text, path, targets);
}
