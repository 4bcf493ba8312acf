/**
 * Cuts CSV text into records (one per row) before any field is parsed, so that one malformed
 * row costs that row only. A quote opens a quoted field only at the start of a field; inside
 * one, line breaks belong to the field. A quoted field still open at the end of the file would
 * swallow every row after it: instead, its first line becomes a defective record and cutting
 * resumes on the next line. Works on any text whose delimiters, quotes and line breaks are
 * ASCII: latin1-read bytes of a single-byte or UTF-8 file, or decoded UTF-16 text.
 */

/** One record's text (without its line break) and where it starts. */
export interface CsvChunk {
  readonly text: string;
  /** 1-based line number of the record's first line. */
  readonly line: number;
  /** True when a quoted field was never closed (the chunk is the record's first line only). */
  readonly unclosed: boolean;
}

/** Splits `text` into records. */
export function splitCsvRecords(text: string, delimiter: string): CsvChunk[] {
  const chunks: CsvChunk[] = [];
  let start = 0;
  let line = 1;
  while (start < text.length) {
    const end = recordEnd(text, start, delimiter);
    if (end === null) {
      const nl = text.indexOf('\n', start);
      const stop = nl === -1 ? text.length : nl;
      chunks.push({ text: stripCr(text.slice(start, stop)), line, unclosed: true });
      start = stop + 1;
      line += 1;
      continue;
    }
    const body = text.slice(start, end);
    chunks.push({ text: stripCr(body), line, unclosed: false });
    line += countLines(body) + 1;
    start = end + 1;
  }
  return chunks;
}

/** Index of the line break ending the record at `start` (text.length at EOF), or null if unclosed. */
function recordEnd(text: string, start: number, delimiter: string): number | null {
  let i = start;
  let fieldStart = true;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\n') return i;
    if (fieldStart && ch === '"') {
      const close = closingQuote(text, i + 1);
      if (close === null) return null;
      i = close + 1;
      fieldStart = false;
      continue;
    }
    fieldStart = ch === delimiter;
    i += 1;
  }
  return text.length;
}

/** Index of the quote closing a quoted field whose content starts at `from` ("" is escaped). */
function closingQuote(text: string, from: number): number | null {
  let i = from;
  for (;;) {
    const q = text.indexOf('"', i);
    if (q === -1) return null;
    if (text[q + 1] === '"') i = q + 2;
    else return q;
  }
}

function stripCr(s: string): string {
  return s.endsWith('\r') ? s.slice(0, -1) : s;
}

function countLines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n += 1;
  return n;
}

/** The most frequent of , ; tab | outside quotes in a line (ties: the first listed). */
export function guessDelimiter(line: string): ',' | ';' | '\t' | '|' {
  const counts = { ',': 0, ';': 0, '\t': 0, '|': 0 };
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts] += 1;
  }
  let best: keyof typeof counts = ',';
  for (const d of [';', '\t', '|'] as const) if (counts[d] > counts[best]) best = d;
  return best;
}
