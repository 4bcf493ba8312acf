// The streaming body filter alone: the same result whatever the chunking, oversized text and
// CDATA runs replaced by markers, comments dropped, declarations refused, sizes enforced.
import { describe, expect, it } from 'vitest';
import { BodyRefusal, XmlBodyFilter } from '../../../../adapters/soap-xml/body-filter.ts';

const limits = { maxDocumentBytes: 10_000, maxFieldBytes: 20 };

function run(xml: string, chunkSize: number, l = limits) {
  const f = new XmlBodyFilter(l);
  const bytes = Buffer.from(xml);
  for (let i = 0; i < bytes.length; i += chunkSize) f.push(bytes.subarray(i, i + chunkSize));
  const out = f.finish();
  return {
    text: out.kept.toString('utf8').split(out.markerPrefix).join('#'),
    oversize: out.oversize,
  };
}

const DOC = `<?xml version="1.0"?><a x="1>2"><!-- bình luận --><b>ngắn</b><c>${'dài '.repeat(10)}</c><d><![CDATA[<ok>]]></d><e><![CDATA[${'x]'.repeat(15)}]]></e></a>`;

describe('XmlBodyFilter', () => {
  it.each([1, 2, 3, 7, 1000])('gives the same result with %i-byte chunks', (size) => {
    expect(run(DOC, size)).toEqual({
      text: '<?xml version="1.0"?><a x="1>2"><b>ngắn</b><c>#0</c><d><![CDATA[<ok>]]></d><e><![CDATA[#1]]></e></a>',
      oversize: [50, 30], // 'dài ' is 5 bytes in UTF-8
    });
  });

  it.each(['<!DOCTYPE a>', '<!ENTITY x "y">', '<!ELEMENT a ANY>', '<![IGNORE[ ]]>'])(
    'refuses %s',
    (decl) => {
      expect(() => run(`<?xml version="1.0"?>${decl}<a/>`, 3)).toThrow(BodyRefusal);
    },
  );

  it('refuses a document over maxDocumentBytes and a tag over maxFieldBytes', () => {
    expect(() => run(`<a>${'<b>1</b>'.repeat(2000)}</a>`, 100)).toThrow(/maxDocumentBytes/);
    expect(() => run(`<a x="${'y'.repeat(50)}"/>`, 100)).toThrow(/tag/);
  });
});
