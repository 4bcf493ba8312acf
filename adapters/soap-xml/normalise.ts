/**
 * The payload shape of an XML record (what a mapping addresses):
 * - element names without namespace prefix; a lone child element is a value, a repeated one
 *   a list (xml2js explicitArray off). The mapping language reads a lone element as a
 *   one-element list (`each:`, index 0), so a mapping never depends on how many came;
 * - an element with text only: the text, as sent (no trim); an empty element: "";
 *   `xsi:nil="true"`: null;
 * - an element with attributes: an object, attributes under "@name" (prefix removed; xmlns
 *   declarations dropped), its text under "#text";
 * - a text run the body filter dropped for size: null, and a defect under "#defects" naming
 *   the element path and size, so the mapping rejects this record alone.
 */
import { SOURCE_DEFECTS_KEY, type SourceDefect } from '../../src/mapping/source-defects.ts';

/** What normalisation needs to know about the dropped runs. */
export interface OversizeInfo {
  readonly markerPrefix: string;
  readonly oversize: readonly number[];
  readonly maxFieldBytes: number;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

function isNamespaceDeclaration(name: string): boolean {
  return name === 'xmlns' || name.startsWith('xmlns:');
}

class Normaliser {
  readonly defects: SourceDefect[] = [];

  constructor(private readonly info: OversizeInfo) {}

  value(raw: unknown, path: string): unknown {
    if (typeof raw === 'string') return this.text(raw, path);
    if (Array.isArray(raw)) return raw.map((item: unknown, i) => this.value(item, `${path}[${i}]`));
    if (raw === null || typeof raw !== 'object') return raw;
    return this.element(raw as Record<string, unknown>, path);
  }

  private element(raw: Record<string, unknown>, path: string): unknown {
    const out: Record<string, unknown> = {};
    const attrs = raw['$'];
    if (attrs !== null && typeof attrs === 'object') {
      for (const [name, v] of Object.entries(attrs as Record<string, unknown>)) {
        if (isNamespaceDeclaration(name)) continue;
        const local = localName(name);
        if (local === 'nil' && (v === 'true' || v === '1')) return null;
        out[`@${local}`] = v;
      }
    }
    for (const [name, child] of Object.entries(raw)) {
      if (name === '$' || name === '_') continue;
      out[name] = this.value(child, `${path}.${name}`);
    }
    const text = raw['_'];
    if (typeof text === 'string') {
      const value = this.text(text, path);
      if (Object.keys(out).length === 0) return value;
      out['#text'] = value;
    }
    return Object.keys(out).length === 0 ? '' : out;
  }

  private text(raw: string, path: string): string | null {
    const { markerPrefix, oversize, maxFieldBytes } = this.info;
    if (oversize.length === 0 || !raw.includes(markerPrefix)) return raw;
    const after = raw.slice(raw.indexOf(markerPrefix) + markerPrefix.length);
    const index = Number(/^\d+/.exec(after)?.[0] ?? -1);
    const bytes = oversize[index] ?? 0;
    this.defects.push({
      path,
      code: 'KNTC_SOURCE_TOO_LARGE',
      message: `Element ${path} holds ${bytes} bytes of text, over the source's limit of ${maxFieldBytes} (maxFieldBytes): the text was not read`,
    });
    return null;
  }
}

/** Normalises one record element; `name` is its element name (the start of defect paths). */
export function normaliseRecord(raw: unknown, name: string, info: OversizeInfo): unknown {
  const n = new Normaliser(info);
  const value = n.value(raw, name);
  if (n.defects.length === 0) return value;
  const payload = value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
  return { ...payload, [SOURCE_DEFECTS_KEY]: n.defects };
}

/** Normalises a value outside any record (fault details, page counts); defects are ignored. */
export function normaliseValue(raw: unknown, info: OversizeInfo): unknown {
  return new Normaliser(info).value(raw, '');
}
