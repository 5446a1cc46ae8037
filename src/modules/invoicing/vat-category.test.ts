import { describe, expect, it } from 'vitest';
import { priceInvoice, type InvoiceLineInput } from './invoice-totals.js';
import { effectiveExemptionReason, effectiveVatCategory, vatCategoryFaults } from './vat-category.js';

const line = (taxRatePercent: string, taxCategory?: string | null, taxExemptionReason?: string | null) => ({ taxRatePercent, taxCategory, taxExemptionReason });
const pointers = (l: ReturnType<typeof line>) => vatCategoryFaults(l, '/lines/2').map((f) => f.pointer);

describe('VAT categories of invoice lines', () => {
  it('derives S above 0 % and Z at 0 % when no category is given', () => {
    expect(effectiveVatCategory(null, '19')).toBe('S');
    expect(effectiveVatCategory(undefined, '0.0000')).toBe('Z');
    expect(effectiveVatCategory('AE', '0')).toBe('AE');
  });

  it.each([
    ['standard rated above zero', line('19', 'S'), []],
    ['standard rated at zero', line('0', 'S'), ['/lines/2/taxRatePercent']],
    ['zero rated at zero', line('0', 'Z'), []],
    ['zero rated with a rate', line('7', 'Z'), ['/lines/2/taxRatePercent']],
    ['reverse charge without a reason (the default applies)', line('0', 'AE'), []],
    ['reverse charge with a rate', line('19', 'AE'), ['/lines/2/taxRatePercent']],
    ['export without a reason (the default applies)', line('0', 'G'), []],
    ['export with a rate', line('0.5', 'G'), ['/lines/2/taxRatePercent']],
    ['exempt with a reason', line('0', 'E', 'Article 132(1)(g) of Directive 2006/112/EC'), []],
    ['exempt without a reason', line('0', 'E'), ['/lines/2/taxExemptionReason']],
    ['exempt with a blank reason', line('0', 'E', '  '), ['/lines/2/taxExemptionReason']],
    ['exempt with a rate and no reason', line('19', 'E'), ['/lines/2/taxRatePercent', '/lines/2/taxExemptionReason']],
    ['an unknown category', line('0', 'K'), ['/lines/2/taxCategory']],
    ['a reason on a standard-rated line', line('19', 'S', 'because'), ['/lines/2/taxExemptionReason']],
    ['a reason on a derived zero-rated line', line('0', null, 'because'), ['/lines/2/taxExemptionReason']],
    ['a reason that is too long', line('0', 'E', 'x'.repeat(501)), ['/lines/2/taxExemptionReason']],
    ['no category at all', line('0'), []],
  ])('%s', (_name, l, expected) => {
    expect(pointers(l)).toEqual(expected);
  });

  it('fills in the default reasons of reverse charge and export, and keeps a given one', () => {
    expect(effectiveExemptionReason('AE', null)).toBe('Reverse charge');
    expect(effectiveExemptionReason('G', undefined)).toBe('Export outside the EU');
    expect(effectiveExemptionReason('AE', ' Article 196 of Directive 2006/112/EC ')).toBe('Article 196 of Directive 2006/112/EC');
    expect(effectiveExemptionReason('S', 'ignored')).toBeNull();
  });

  it('prices lines with their categories, and refuses the invoice with a pointer per fault', () => {
    const base = { description: 'x', quantity: '1', unitPriceMinor: 10_000n };
    const lines: InvoiceLineInput[] = [
      { ...base, taxRatePercent: '19' },
      { ...base, taxRatePercent: '0', taxCategory: 'AE' },
      { ...base, taxRatePercent: '0', taxCategory: 'E', taxExemptionReason: 'Medical care' },
    ];
    const priced = priceInvoice(lines);
    if (!priced.ok) throw new Error(JSON.stringify(priced.faults));
    expect(priced.totals.lines.map((l) => [l.taxCategory, l.taxExemptionReason, l.taxMinor])).toEqual([
      [null, null, 1_900n],
      ['AE', 'Reverse charge', 0n],
      ['E', 'Medical care', 0n],
    ]);
    const refused = priceInvoice([{ ...base, taxRatePercent: '19' }, { ...base, taxRatePercent: '0', taxCategory: 'E' }]);
    expect(refused).toEqual({ ok: false, faults: [{ pointer: '/lines/1/taxExemptionReason', detail: expect.stringContaining('BR-E-10') }] });
  });
});
