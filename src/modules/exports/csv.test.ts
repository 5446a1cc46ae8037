import { describe, expect, it } from 'vitest';
import { csvRow, neutraliseFormula } from './csv.js';

describe('CSV cells', () => {
  it('neutralises spreadsheet formulas but keeps negative amounts as numbers', () => {
    expect(neutraliseFormula('=HYPERLINK("http://evil","x")')).toBe(`'=HYPERLINK("http://evil","x")`);
    for (const evil of ['+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd']) expect(neutraliseFormula(evil).startsWith("'")).toBe(true);
    expect(neutraliseFormula('-12.30')).toBe('-12.30');
    expect(neutraliseFormula('Müller GmbH')).toBe('Müller GmbH');
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvRow(['a,b', 'say "hi"', 'two\nlines', null, 5n])).toBe('"a,b","say ""hi""","two\nlines",,5\r\n');
  });
});
