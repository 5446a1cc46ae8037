import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { MalformedXmlError, readXml } from './xml-reader.js';

const refusal = (xml: string): MalformedXmlError => {
  try {
    readXml(xml);
  } catch (error) {
    if (error instanceof MalformedXmlError) return error;
    throw error;
  }
  throw new Error(`accepted: ${xml}`);
};

describe('reading statement XML', () => {
  it('gives text elements as trimmed strings, elements with attributes or children as objects, repeats as arrays', () => {
    const tree = readXml(
      `<?xml version="1.0" encoding="UTF-8"?>\n<!-- a bank's comment -->\n<ns:Document xmlns:ns="urn:iso" xmlns="urn:x"><ns:Stmt><Id> S1 </Id><Amt Ccy="EUR">10.00</Amt><Empty/><Blank></Blank>` +
        `<Ntry><Ref>A</Ref></Ntry><Bal>1</Bal><Bal>2</Bal></ns:Stmt></ns:Document>`,
      new Set(['Ntry', 'Stmt']),
    );
    expect(JSON.parse(JSON.stringify(tree))).toEqual({
      Document: { Stmt: [{ Id: 'S1', Amt: { '@Ccy': 'EUR', '#text': '10.00' }, Empty: '', Blank: '', Ntry: [{ Ref: 'A' }], Bal: ['1', '2'] }] },
    });
  });

  it('decodes the predefined entities, character references and CDATA, and nothing else', () => {
    const tree = readXml(`<D a="x &quot;y&quot;"><N>M&#252;ller &amp; S&#xF6;hne &lt;GmbH&gt; &apos;</N><T><![CDATA[a <b> & c]]></T></D>`);
    expect(tree.D).toMatchObject({ '@a': 'x "y"', N: "Müller & Söhne <GmbH> '", T: 'a <b> & c' });
    expect(refusal('<D>&nbsp;</D>').message).toMatch(/unknown entity &nbsp;/);
    expect(refusal('<D>Smith & Sons</D>').message).toMatch(/'&' must start an entity reference/);
    expect(refusal('<D>&#0;</D>').message).toMatch(/not an XML character/);
  });

  it('keeps element names such as __proto__ as plain keys', () => {
    const tree = readXml('<D><__proto__><x>1</x></__proto__><constructor>2</constructor></D>');
    const document = tree.D as Record<string, unknown>;
    expect(document.__proto__).toEqual({ x: '1' });
    expect(document.constructor).toBe('2');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it.each([
    ['<D>\n<A></B>\n</D>', 2, /does not match <A>/],
    ['<D>\n<A>', 2, /<A> is not closed/],
    ['<D></D>\n<E/>', 2, /second root element/],
    ['<D></D>text', 1, /text after the root element/],
    ['text<D/>', 1, /text before the root element/],
    ['<D a="1" a="2"/>', 1, /given twice/],
    ['<D a=1/>', 1, /must be quoted/],
    ['<D a/>', 1, /has no value/],
    ['<D a="<"/>', 1, /'<' is not allowed/],
    ['<D a="1"b="2"/>', 1, /whitespace expected/],
    ['<!DOCTYPE d [<!ENTITY a "b">]><D>&a;</D>', 1, /declarations are not accepted/],
    ['<D><!-- a -- b --></D>', 1, /'--' is not allowed/],
    ['<D/><?xml version="1.0"?>', 1, /XML declaration may only open/],
    ['</D>', 1, /without an opening tag/],
    ['', 1, /no root element/],
    ['<D><1/></D>', 1, /a name was expected/],
  ])('refuses %j with its line', (xml, line, message) => {
    const error = refusal(xml);
    expect(error.line).toBe(line);
    expect(error.column).toBeGreaterThan(0);
    expect(error.message).toMatch(message);
  });

  it('accepts exactly what a validating parser accepts, on element soup without entities', () => {
    const name = fc.constantFrom('A', 'B', 'ns:C', 'D');
    const piece = fc.oneof(
      name.map((n) => `<${n}>`),
      name.map((n) => `</${n}>`),
      name.map((n) => `<${n}/>`),
      name.map((n) => `<${n} x="1">`),
      fc.constantFrom('text', ' ', '\n', '<!-- c -->', '<![CDATA[x]]>', '<', '>', '"'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const xml = `<R>${pieces.join('')}</R>`;
        let ours = true;
        try {
          readXml(xml);
        } catch (error) {
          expect(error).toBeInstanceOf(MalformedXmlError);
          ours = false;
        }
        // fast-xml-parser's validator lets a bare '>' in text through, as XML does.
        expect(ours).toBe(XMLValidator.validate(xml) === true);
      }),
      { numRuns: 500 },
    );
  });
});
