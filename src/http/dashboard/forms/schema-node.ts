/**
 * How the form generator reads an adapter's config JSON Schema: which widget a node becomes and
 * the variants of a oneOf/anyOf (which fields are secrets: adapters/shared/secrets.ts). Only the subset the adapters use
 * is understood; anything else falls back to a JSON text area, never to an error.
 */

/** A JSON Schema node (read-only view). */
export type SchemaNode = Readonly<Record<string, unknown>>;

/** The widget a schema node becomes. */
export type FieldKind =
  | 'object'
  | 'variants'
  | 'scalar-union'
  | 'const'
  | 'enum'
  | 'boolean'
  | 'integer'
  | 'number'
  | 'string'
  | 'lines'
  | 'json';

/** One choice of a oneOf/anyOf of objects. */
export interface Variant {
  /** Value of the variant select: the discriminator's const, else the variant's position. */
  readonly key: string;
  readonly label: string;
  readonly schema: SchemaNode;
  /** The property whose `const` tells the variants apart (e.g. auth's "type"), or null. */
  readonly discriminator: string | null;
}

function isNode(v: unknown): v is SchemaNode {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The node's sub-schemas of a oneOf/anyOf, or null. */
function alternatives(node: SchemaNode): readonly SchemaNode[] | null {
  const list = node['oneOf'] ?? node['anyOf'];
  return Array.isArray(list) && list.length > 0 && list.every(isNode) ? list : null;
}

/** The declared properties of an object node. */
export function propertiesOf(node: SchemaNode): readonly (readonly [string, SchemaNode])[] {
  const props = node['properties'];
  if (!isNode(props)) return [];
  return Object.entries(props).filter((e): e is [string, SchemaNode] => isNode(e[1]));
}

/** The required property names of an object node. */
export function requiredOf(node: SchemaNode): ReadonlySet<string> {
  const req = node['required'];
  return new Set(Array.isArray(req) ? req.filter((r): r is string => typeof r === 'string') : []);
}

function isFormObject(node: SchemaNode): boolean {
  const extra = node['additionalProperties'];
  return propertiesOf(node).length > 0 && (extra === undefined || extra === false);
}

const SCALAR_TYPES = new Set(['string', 'integer', 'number']);

/** The widget for a node. */
export function fieldKind(node: SchemaNode): FieldKind {
  if ('const' in node) return 'const';
  if (Array.isArray(node['enum'])) return 'enum';
  const alts = alternatives(node);
  if (alts !== null) {
    if (alts.every(isFormObject)) return 'variants';
    if (alts.every((a) => SCALAR_TYPES.has(String(a['type'])))) return 'scalar-union';
    return 'json';
  }
  switch (node['type']) {
    case 'object':
      return isFormObject(node) ? 'object' : 'json';
    case 'array': {
      const items = node['items'];
      const strings = isNode(items) && items['type'] === 'string' && !('enum' in items);
      return strings ? 'lines' : 'json';
    }
    case 'boolean':
    case 'integer':
    case 'number':
    case 'string':
      return node['type'];
    default:
      return 'json';
  }
}

/** The property every variant fixes with a `const` (a discriminator), or null. */
function discriminatorOf(alts: readonly SchemaNode[]): string | null {
  const first = alts[0];
  if (first === undefined) return null;
  for (const [name] of propertiesOf(first)) {
    const fixed = alts.every((a) => {
      const p = propertiesOf(a).find(([n]) => n === name)?.[1];
      return p !== undefined && typeof p['const'] === 'string';
    });
    if (fixed) return name;
  }
  return null;
}

function constOf(node: SchemaNode, prop: string): string {
  return String(propertiesOf(node).find(([n]) => n === prop)?.[1]['const']);
}

/** Required properties of a variant that not every variant requires (tells them apart). */
function ownRequired(node: SchemaNode, alts: readonly SchemaNode[]): readonly string[] {
  const common = alts.map(requiredOf);
  return [...requiredOf(node)].filter((r) => !common.every((c) => c.has(r)));
}

/** The variants of a `variants` node, in schema order. */
export function variantsOf(node: SchemaNode): readonly Variant[] {
  const alts = alternatives(node) ?? [];
  const discriminator = discriminatorOf(alts);
  return alts.map((schema, i) => {
    const key = discriminator === null ? String(i) : constOf(schema, discriminator);
    const title = typeof schema['title'] === 'string' ? schema['title'] : null;
    const own = ownRequired(schema, alts).join(', ');
    const label = title ?? (discriminator !== null || own === '' ? key : own);
    return { key, label, schema, discriminator };
  });
}

/** The variant a config value is written in (by its discriminator, else by its keys). */
export function variantOfValue(node: SchemaNode, value: unknown): Variant | null {
  const variants = variantsOf(node);
  if (!isNode(value)) return null;
  const first = variants[0];
  if (first === undefined) return null;
  if (first.discriminator !== null) {
    const d = first.discriminator;
    return variants.find((v) => value[d] === v.key) ?? null;
  }
  // No discriminator: the variant declaring most of the value's keys (and fewest unknown).
  const score = (v: Variant) => {
    const declared = new Set(propertiesOf(v.schema).map(([n]) => n));
    return Object.keys(value).reduce((s, k) => s + (declared.has(k) ? 1 : -1), 0);
  };
  return variants.reduce((best, v) => (score(v) > score(best) ? v : best), first);
}

/** Title or description of a node, for help text. */
export function helpOf(node: SchemaNode): { title: string | null; description: string | null } {
  const text = (k: string) => (typeof node[k] === 'string' ? node[k] : null);
  return { title: text('title'), description: text('description') };
}

/** The alternatives' scalar types of a `scalar-union` node. */
export function unionTypes(node: SchemaNode): ReadonlySet<string> {
  return new Set((alternatives(node) ?? []).map((a) => String(a['type'])));
}

/** True when a string node is better edited in a text area (long text: queries, templates). */
export function isLongText(node: SchemaNode): boolean {
  const max = node['maxLength'];
  return typeof max === 'number' && max > 2000;
}

/** A JSON object (not an array, not null). */
export function isPlainObject(v: unknown): v is Readonly<Record<string, unknown>> {
  return isNode(v);
}
