/**
 * Parses a filtered XML answer (body-filter.ts removed any DTD first) with xml2js into its raw
 * tree: namespace prefixes stripped from element names ("soap:Envelope" → "Envelope"),
 * explicitArray off (a lone element is an object, repeated ones an array), text kept as sent
 * (no trim). A parse error becomes a position (1-based line and column), never a piece of the
 * document, which may hold personal data.
 */
import iconv from 'iconv-lite';
import xml2js from 'xml2js';

/** Where a document could not be parsed, and why (the parser's first line, no content). */
export class XmlSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number | null,
    readonly column: number | null,
  ) {
    const at = line === null ? '' : ` at line ${line}, column ${column ?? '?'}`;
    super(`${reason}${at}`);
  }
}

const OPTIONS: xml2js.ParserOptions = {
  explicitArray: false,
  explicitRoot: true,
  tagNameProcessors: [xml2js.processors.stripPrefix],
  trim: false,
  normalize: false,
  emptyTag: '',
  strict: true,
};

/** The encoding the XML declaration names, lower case; utf-8 when it names none. */
export function declaredEncoding(head: Buffer): string {
  const prolog = head.subarray(0, 200).toString('latin1');
  const match = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(prolog);
  return (match?.[1] ?? 'utf-8').toLowerCase();
}

/** Decodes the kept bytes: UTF-8 unless the declaration names another encoding iconv knows. */
export function decodeXml(bytes: Buffer): string {
  const encoding = declaredEncoding(bytes);
  if (encoding === 'utf-8' || encoding === 'utf8') return bytes.toString('utf8');
  const named = encoding;
  if (!iconv.encodingExists(encoding)) {
    throw new XmlSyntaxError(`unknown encoding "${named}" in the XML declaration`, null, null);
  }
  return iconv.decode(bytes, encoding);
}

function syntaxError(err: unknown): XmlSyntaxError {
  const message = err instanceof Error ? err.message : String(err);
  const [first] = message.split('\n');
  const line = /Line: (\d+)/.exec(message);
  const column = /Column: (\d+)/.exec(message);
  return new XmlSyntaxError(
    (first ?? 'parse error').slice(0, 120),
    line === null ? null : Number(line[1]) + 1,
    column === null ? null : Number(column[1]),
  );
}

/** Parses XML text into xml2js's raw tree; throws XmlSyntaxError. */
export async function parseXml(text: string): Promise<unknown> {
  if (text.trim() === '') throw new XmlSyntaxError('empty document', null, null);
  try {
    const tree: unknown = await xml2js.parseStringPromise(text, OPTIONS);
    if (tree === null || typeof tree !== 'object') {
      throw new XmlSyntaxError('no root element', null, null);
    }
    return tree;
  } catch (err) {
    if (err instanceof XmlSyntaxError) throw err;
    throw syntaxError(err);
  }
}
