/**
 * Reads an XML answer chunk by chunk BEFORE any parsing and keeps only what is safe to parse:
 * - any markup declaration (<!DOCTYPE, <!ENTITY, <!ELEMENT…) refuses the whole document
 *   (KNTC_SOURCE_XML_UNSAFE): no DTD, so no entity expansion (billion laughs) and no external
 *   entity (XXE) can ever reach the parser;
 * - a text or CDATA run longer than maxFieldBytes is not kept: it is replaced by a marker
 *   naming this run's nonce, so memory stays bounded and the record holding it can be rejected
 *   alone after parsing (see normalise.ts); a 50 MB field costs a scan, not 50 MB;
 * - what is kept may not exceed maxDocumentBytes, and the wire bytes (kept or dropped) not
 *   WIRE_FACTOR times that (KNTC_SOURCE_TOO_LARGE);
 * - comments are dropped (the parser would ignore them anyway).
 * Works on bytes: '<', '>', quotes, '[' and ']' are single bytes in UTF-8 and never occur inside
 * a multi-byte character, so a chunk boundary inside a character is harmless.
 */
import { randomBytes } from 'node:crypto';

/** The wire may carry this many times maxDocumentBytes (oversized fields included). */
export const WIRE_FACTOR = 16;

/** What the filter kept, and the oversized runs it replaced by markers. */
export interface FilteredBody {
  readonly kept: Buffer;
  /** Marker prefix of this body: `${markerPrefix}${index}` replaced the run `oversize[index]`. */
  readonly markerPrefix: string;
  /** Byte length of each dropped run, by marker index. */
  readonly oversize: readonly number[];
}

/** Why the filter refused a document. */
export class BodyRefusal extends Error {
  constructor(
    readonly reason: 'unsafe' | 'document' | 'markup' | 'wire',
    message: string,
  ) {
    super(message);
  }
}

/** Size limits of one document. */
export interface BodyLimits {
  readonly maxDocumentBytes: number;
  readonly maxFieldBytes: number;
}

type State = 'text' | 'head' | 'tag' | 'pi' | 'comment' | 'cdata';

const LT = 0x3c;
const GT = 0x3e;
const CDATA_OPEN = Buffer.from('<![CDATA[');

/** A streaming filter; push() every chunk, then finish(). Throws BodyRefusal. */
export class XmlBodyFilter {
  private state: State = 'text';
  private readonly kept: Buffer[] = [];
  private keptBytes = 0;
  private wireBytes = 0;
  /** The current text/CDATA run while it is within the field limit. */
  private run: Buffer[] = [];
  private runBytes = 0;
  private head: number[] = [];
  private markupBytes = 0;
  private quote = 0;
  /** Last bytes seen inside a comment, CDATA or PI, to find its terminator across chunks. */
  private tail = [0, 0];
  private readonly oversize: number[] = [];
  readonly markerPrefix = `KNTC-OVERSIZE-${randomBytes(6).toString('hex')}-`;

  constructor(private readonly limits: BodyLimits) {}

  /** Feeds one chunk. */
  push(chunk: Buffer): void {
    this.wireBytes += chunk.length;
    if (this.wireBytes > this.limits.maxDocumentBytes * WIRE_FACTOR) {
      throw new BodyRefusal('wire', `the answer exceeds ${WIRE_FACTOR} × maxDocumentBytes`);
    }
    let i = 0;
    while (i < chunk.length) i = this.step(chunk, i);
  }

  /** Ends the document: whatever run is open is kept (the parser reports a truncation). */
  finish(): FilteredBody {
    this.endRun();
    if (this.head.length > 0) this.keep(Buffer.from(this.head));
    return {
      kept: Buffer.concat(this.kept, this.keptBytes),
      markerPrefix: this.markerPrefix,
      oversize: this.oversize,
    };
  }

  private step(chunk: Buffer, i: number): number {
    switch (this.state) {
      case 'text':
        return this.inText(chunk, i);
      case 'head':
        return this.inHead(chunk, i);
      case 'tag':
      case 'pi':
        return this.inMarkup(chunk, i);
      case 'comment':
      case 'cdata':
        return this.inSection(chunk, i);
      default: {
        const never: never = this.state;
        throw new Error(`unknown state ${String(never)}`);
      }
    }
  }

  private inText(chunk: Buffer, i: number): number {
    const lt = chunk.indexOf(LT, i);
    const end = lt < 0 ? chunk.length : lt;
    this.addToRun(chunk.subarray(i, end));
    if (lt < 0) return chunk.length;
    this.endRun();
    this.state = 'head';
    this.head = [LT];
    return lt + 1;
  }

  private inHead(chunk: Buffer, i: number): number {
    const b = chunk[i] ?? 0;
    this.head.push(b);
    const h = this.head;
    if (h[1] !== 0x21) {
      // Not "<!": an element tag or a processing instruction.
      this.state = h[1] === 0x3f ? 'pi' : 'tag';
      this.markupBytes = h.length;
      this.quote = 0;
      this.keep(Buffer.from(h));
      this.head = [];
      return b === GT && this.state === 'tag' ? this.closeMarkup(i) : i + 1;
    }
    if (h.length < 4) return i + 1;
    if (h[2] === 0x2d && h[3] === 0x2d) return this.open('comment', false, i);
    if (h[2] !== 0x5b) return this.refuseDeclaration();
    if (h.length < CDATA_OPEN.length) return i + 1;
    if (!CDATA_OPEN.equals(Buffer.from(h))) return this.refuseDeclaration();
    return this.open('cdata', true, i);
  }

  private open(state: 'comment' | 'cdata', keepHead: boolean, i: number): number {
    if (keepHead) this.keep(Buffer.from(this.head));
    this.head = [];
    this.state = state;
    this.tail = [0, 0];
    return i + 1;
  }

  private refuseDeclaration(): never {
    throw new BodyRefusal(
      'unsafe',
      'the document contains a DTD or entity declaration (<!DOCTYPE / <!ENTITY)',
    );
  }

  private inMarkup(chunk: Buffer, i: number): number {
    let j = i;
    for (; j < chunk.length; j++) {
      const b = chunk[j] ?? 0;
      if (this.quote !== 0) {
        if (b === this.quote) this.quote = 0;
      } else if (b === 0x22 || b === 0x27) {
        if (this.state === 'tag') this.quote = b;
      } else if (b === GT) {
        this.keepMarkup(chunk.subarray(i, j));
        return this.closeMarkup(j);
      }
    }
    this.keepMarkup(chunk.subarray(i, j));
    return j;
  }

  private keepMarkup(part: Buffer): void {
    this.markupBytes += part.length;
    if (this.markupBytes > this.limits.maxFieldBytes) {
      throw new BodyRefusal('markup', 'a tag (its attributes) exceeds maxFieldBytes');
    }
    this.keep(part);
  }

  private closeMarkup(j: number): number {
    this.keep(Buffer.from([GT]));
    this.state = 'text';
    return j + 1;
  }

  /** Inside a comment (dropped) or CDATA (a run): ends at "-->" or "]]>". */
  private inSection(chunk: Buffer, i: number): number {
    const closer = this.state === 'comment' ? 0x2d : 0x5d;
    for (let j = i; j < chunk.length; j++) {
      const b = chunk[j] ?? 0;
      if (b === GT && this.tail[0] === closer && this.tail[1] === closer) {
        return this.closeSection(chunk, i, j);
      }
      this.tail = [this.tail[1] ?? 0, b];
    }
    if (this.state === 'cdata') this.addToRun(chunk.subarray(i));
    return chunk.length;
  }

  private closeSection(chunk: Buffer, i: number, j: number): number {
    if (this.state === 'cdata') {
      // The run so far holds "]]" (or part of it, from the previous chunk): trim it back.
      this.addToRun(chunk.subarray(i, j + 1));
      const dropped = this.runBytes > this.limits.maxFieldBytes;
      this.endRun(3);
      if (dropped) this.keep(Buffer.from(']]>'));
    }
    this.state = 'text';
    return j + 1;
  }

  private addToRun(part: Buffer): void {
    if (part.length === 0) return;
    this.runBytes += part.length;
    if (this.runBytes <= this.limits.maxFieldBytes) this.run.push(part);
    else this.run = [];
  }

  /** Ends a run; `closer` bytes at its end are markup, not content (CDATA's "]]>"). */
  private endRun(closer = 0): void {
    if (this.runBytes > this.limits.maxFieldBytes) {
      const index = this.oversize.push(this.runBytes - closer) - 1;
      this.keep(Buffer.from(`${this.markerPrefix}${index}`));
    } else {
      for (const part of this.run) this.keep(part);
    }
    this.run = [];
    this.runBytes = 0;
  }

  private keep(part: Buffer): void {
    if (part.length === 0) return;
    this.keptBytes += part.length;
    if (this.keptBytes > this.limits.maxDocumentBytes) {
      throw new BodyRefusal('document', 'the answer exceeds maxDocumentBytes');
    }
    this.kept.push(part);
  }
}
