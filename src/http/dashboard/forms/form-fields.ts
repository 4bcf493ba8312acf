/**
 * The field tree of a config form: each schema node with its form control name and its config
 * path, computed once and walked by the renderer, the parser and toFormState alike.
 *
 * Names: `config.<key>` per property; a oneOf/anyOf of objects has a select `<name>#` and its
 * variants' fields under `<name>#<variant>.<key>` (all variants are in the form, the selected
 * one is read); a secret's value is submitted as `secret:<name>`, and the box clearing its stored
 * value as `clear:<name>`. Config paths leave the variant
 * out ("auth.secretEnv"), as DraftProblem fields and SourceDraft.secrets use them.
 */
import { isSecretKey } from '../../../../adapters/shared/secrets.ts';
import {
  fieldKind,
  propertiesOf,
  requiredOf,
  variantsOf,
  type FieldKind,
  type SchemaNode,
  type Variant,
} from './schema-node.ts';

/** One field of the form. */
export interface FormField {
  /** Form control name (e.g. "config.auth#apiKey.header"). */
  readonly name: string;
  /** Dotted config path (e.g. "auth.header"; "" for the root). */
  readonly path: string;
  /** Property name ("" for the root). */
  readonly key: string;
  readonly node: SchemaNode;
  readonly kind: FieldKind;
  readonly required: boolean;
  /** A secret (`secretEnv`, `*SecretEnv`): a password input into SourceDraft.secrets. */
  readonly secret: boolean;
  /** Inside a variant (its HTML `required` is left out: other variants are in the form too). */
  readonly inVariant: boolean;
  /** Properties of an `object` field. */
  readonly children: readonly FormField[];
  /** Variants of a `variants` field. */
  readonly variants: readonly VariantFields[];
}

/** A variant with its fields (the discriminator property itself is not a field). */
export interface VariantFields extends Variant {
  readonly children: readonly FormField[];
}

/** Root control name of the config form. */
export const CONFIG_ROOT = 'config';

/** Name of the select choosing a variant. */
export function variantSelectName(field: FormField): string {
  return `${field.name}#`;
}

/** Name of the password input of a secret field. */
export function secretInputName(field: FormField): string {
  return `secret:${field.name}`;
}

/** Name of the checkbox clearing a secret field's stored value. */
export function clearInputName(field: FormField): string {
  return `clear:${field.name}`;
}

interface Place {
  readonly name: string;
  readonly path: string;
  readonly key: string;
  readonly required: boolean;
  readonly inVariant: boolean;
}

function childrenOf(node: SchemaNode, parent: Place, skip: string | null): FormField[] {
  const required = requiredOf(node);
  return propertiesOf(node)
    .filter(([key]) => key !== skip)
    .map(([key, child]) =>
      build(child, {
        name: `${parent.name}.${key}`,
        path: parent.path === '' ? key : `${parent.path}.${key}`,
        key,
        required: required.has(key),
        inVariant: parent.inVariant,
      }),
    );
}

function build(node: SchemaNode, place: Place): FormField {
  const kind = fieldKind(node);
  const secret = isSecretKey(place.key) && kind === 'string';
  const children = kind === 'object' ? childrenOf(node, place, null) : [];
  const variants =
    kind === 'variants'
      ? variantsOf(node).map((v) => ({
          ...v,
          children: childrenOf(
            v.schema,
            { ...place, name: `${place.name}#${v.key}`, inVariant: true },
            v.discriminator,
          ),
        }))
      : [];
  return { ...place, node, kind, secret, children, variants };
}

/** The field tree of an adapter's config schema. */
export function configFields(schema: SchemaNode): FormField {
  return build(schema, { name: CONFIG_ROOT, path: '', key: '', required: true, inVariant: false });
}
