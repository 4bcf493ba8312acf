// The hand-written contract (docs/national-api.md) and the simulator must not drift apart.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { STAGE_SCHEMAS, nationalCaseSchema } from '../../../src/national/national-case-schema.ts';
import { buildNationalSimulator } from '../../../src/simulators/national/index.ts';

interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown> };
}

function contractFromDocs(): OpenApi {
  const md = readFileSync(new URL('../../../docs/national-api.md', import.meta.url), 'utf8');
  const block = /```yaml\n([\s\S]*?)```/.exec(md);
  if (block?.[1] === undefined) throw new Error('docs/national-api.md has no ```yaml block');
  return parse(block[1]) as OpenApi;
}

/** Inlines local $refs and drops descriptions, to compare with the code's schemas. */
function resolve(node: unknown, doc: OpenApi): unknown {
  if (Array.isArray(node)) return node.map((n) => resolve(n, doc));
  if (typeof node !== 'object' || node === null) return node;
  const ref = (node as { $ref?: unknown }).$ref;
  if (typeof ref === 'string') {
    const name = ref.replace('#/components/schemas/', '');
    return resolve(doc.components.schemas[name], doc);
  }
  const entries = Object.entries(node).filter(([k]) => k !== 'description');
  return Object.fromEntries(entries.map(([k, v]) => [k, resolve(v, doc)]));
}

const app = buildNationalSimulator();
afterAll(async () => {
  await app.close();
});

describe('docs/national-api.md against the simulator', () => {
  const contract = contractFromDocs();

  it('is OpenAPI 3.1', () => {
    expect(contract.openapi).toBe('3.1.0');
  });

  it('lists exactly the routes the simulator serves, with the same methods', async () => {
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    const served = res.json<OpenApi>();
    const methodsOf = (doc: OpenApi) =>
      Object.fromEntries(
        Object.entries(doc.paths).map(([p, item]) => [p, Object.keys(item).sort()]),
      );
    expect(Object.keys(contract.paths).sort()).toEqual(Object.keys(served.paths).sort());
    expect(methodsOf(contract)).toEqual(methodsOf(served));
  });

  it('has no dangling $ref', () => {
    const refs = JSON.stringify(contract).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      const path = ref.slice('"$ref":"#/'.length, -1).split('/');
      const target = path.reduce<unknown>(
        (node, key) => (node as Record<string, unknown> | undefined)?.[key],
        contract,
      );
      expect(target, ref).toBeDefined();
    }
  });

  it('documents the same NationalCase and stage schemas the code validates with', () => {
    const { $id: _id, title: _title, ...caseSchema } = nationalCaseSchema;
    const documented = resolve(contract.components.schemas['NationalCase'], contract);
    expect(documented).toEqual(JSON.parse(JSON.stringify(caseSchema)));
    for (const stage of [2, 3, 4, 5] as const) {
      const doc = resolve(contract.components.schemas[`Stage${stage}Data`], contract);
      expect(doc).toEqual(JSON.parse(JSON.stringify(STAGE_SCHEMAS[stage])));
    }
  });
});
