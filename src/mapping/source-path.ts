/**
 * Paths into a source record. A mapping writes `a/b/c` or `a.b.c` (with a slash the dots are
 * part of names, so xml2js keys like "ns:Don.Ma" stay reachable); a number selects a list
 * element. Paths are compiled once into getters over plain JS values.
 *
 * XML payloads (see adapters/soap-xml) give a lone repeated element as an object, not a
 * one-element list, and an element's text as a plain string when it has no attributes (else
 * under "#text", attributes under "@name"). So index 0 of a non-list value is the value itself,
 * and "#text" of a string is the string: one path reads both shapes.
 */

/** A compiled source path. */
export interface SourcePath {
  /** Reads the value at the path, or undefined when any step is missing. */
  readonly get: (src: unknown) => unknown;
  /** The path as shown to IT officers: "coQuanNhan.ma", "nguoiGui[0].hoTen". */
  readonly display: string;
}

/** Splits a path into segments; numeric segments become list indexes. */
export function parseSourcePath(path: string): (string | number)[] {
  const raw = path.includes('/') ? path.split('/') : path.split('.');
  return raw.map((s) => (/^(0|[1-9][0-9]*)$/u.test(s) ? Number(s) : s));
}

/** Renders segments as "a.b[0].c". */
export function displayPath(segments: readonly (string | number)[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else out += out === '' ? s : `.${s}`;
  }
  return out;
}

/** The key under which an XML payload keeps an element's text when it also has attributes. */
export const XML_TEXT_KEY = '#text';

function step(value: unknown, seg: string | number): unknown {
  if (typeof value === 'string') return seg === XML_TEXT_KEY ? value : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) return typeof seg === 'number' ? value[seg] : undefined;
  if (seg === 0) return value;
  return Object.hasOwn(value, seg) ? (value as Record<string, unknown>)[seg] : undefined;
}

/** Compiles a path into a getter. */
export function compileSourcePath(path: string): SourcePath {
  const segs = parseSourcePath(path);
  const display = displayPath(segs);
  const [first, second] = segs;
  if (segs.length === 1 && first !== undefined) return { get: (src) => step(src, first), display };
  if (segs.length === 2 && first !== undefined && second !== undefined) {
    return { get: (src) => step(step(src, first), second), display };
  }
  return {
    get: (src) => {
      let v = src;
      for (const s of segs) v = step(v, s);
      return v;
    },
    display,
  };
}
