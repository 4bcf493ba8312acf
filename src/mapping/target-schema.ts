/**
 * What a mapping may write into: the JSON Schema of the target record (the canonical petition
 * here; the national case for an outbound mapping later). Used only at load, to refuse target
 * paths, codes, constants and conversions the target cannot hold, before any record is mapped.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext resolution.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** A node of a JSON Schema. */
export type SchemaNode = Readonly<Record<string, unknown>>;

const ajv = new Ajv2020({ strict: false, allErrors: false });
addFormats(ajv);
const validators = new WeakMap<SchemaNode, ValidateFunction>();

function asNode(v: unknown): SchemaNode | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as SchemaNode) : null;
}

/** The properties of an object schema, or null when the node is not an object schema. */
export function propertiesOf(node: SchemaNode): Readonly<Record<string, SchemaNode>> | null {
  return asNode(node['properties']) as Readonly<Record<string, SchemaNode>> | null;
}

/** The item schema of an array schema, or null. */
export function itemsOf(node: SchemaNode): SchemaNode | null {
  return node['type'] === 'array' ? asNode(node['items']) : null;
}

/** The schema at a path of segments below `node`, or null when the path leaves the schema. */
export function resolveTarget(
  node: SchemaNode,
  segs: readonly (string | number)[],
): SchemaNode | null {
  let cur: SchemaNode | null = node;
  for (const s of segs) {
    if (cur === null) return null;
    if (typeof s === 'number') cur = itemsOf(cur);
    else {
      const props = propertiesOf(cur);
      cur = props !== null && Object.hasOwn(props, s) ? (props[s] ?? null) : null;
    }
  }
  return cur;
}

/** True when the node is an object schema with named properties (a group target). */
export function isGroupSchema(node: SchemaNode): boolean {
  return propertiesOf(node) !== null;
}

/** Why `value` cannot be stored at `node` (ajv's words plus the allowed codes), or null. */
export function valueProblem(node: SchemaNode, value: unknown): string | null {
  let validate = validators.get(node);
  if (validate === undefined) {
    validate = ajv.compile(node);
    validators.set(node, validate);
  }
  if (validate(value)) return null;
  const e = validate.errors?.[0];
  const allowed = Array.isArray(node['enum']) ? ` (allowed: ${node['enum'].join(', ')})` : '';
  return `${e?.message ?? 'is not valid'}${allowed}`;
}

/** What kinds of converted value a leaf accepts, for checking `date` / `number` / `boolean`. */
export function acceptsKind(node: SchemaNode, kind: 'date' | 'number' | 'boolean'): boolean {
  const type = node['type'];
  const en = Array.isArray(node['enum']) ? (node['enum'] as unknown[]) : null;
  switch (kind) {
    case 'date':
      return type === 'string' && (node['format'] === undefined || node['format'] === 'date');
    case 'number':
      return (
        type === 'integer' ||
        type === 'number' ||
        (en?.every((v) => typeof v === 'number') ?? false)
      );
    case 'boolean':
      return type === 'boolean' || (en?.every((v) => typeof v === 'boolean') ?? false);
  }
}
