import { describe, expect, it } from 'vitest';
import { invoicePdf, statementPdf, type InvoicePdfInput } from './pdf.js';

/** The text drawn in an uncompressed PDF: pdfkit writes standard-font text as hex strings in TJ arrays. */
function drawnText(pdf: Buffer): string {
  const content = pdf.toString('latin1');
  return [...content.matchAll(/\[([^\]]*)\]\s*TJ/g)]
    .map((m) => [...(m[1] ?? '').matchAll(/<([0-9a-fA-F]+)>/g)].map((h) => Buffer.from(h[1] ?? '', 'hex').toString('latin1')).join(''))
    .join('\n');
}

const seller = { name: 'Nordwind GmbH', legalName: 'Nordwind Logistik GmbH', taxId: 'DE123456789', addressLine: 'Hafenstraße 1', city: 'Hamburg', postalCode: '20457', countryCode: 'DE', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' };
const buyer = { name: 'Müller & Söhne KG', addressLine: 'Königsallee 5', city: 'Düsseldorf', postalCode: '40212', countryCode: 'DE' };
/** What the invoices below share: issued 2026-03-02, due 2026-04-01, in EUR, between the same two parties. */
const invoiceOf = { kind: 'invoice', issueDate: '2026-03-02', dueDate: '2026-04-01', currency: 'EUR', seller, buyer } as const;

describe('PDF documents', () => {
  it('prints an invoice with lines, tax summary, totals, discount, bank details and the payment reference', async () => {
    const pdf = await invoicePdf(
      {
        ...invoiceOf, number: 'INV-000042',
        lines: [
          { description: 'Widgets', quantity: '10', unitPriceMinor: 1_999n, discountPercent: '0', taxRatePercent: '19', netMinor: 19_990n },
          { description: 'Handbuch (Größe A5)', quantity: '2', unitPriceMinor: 1_250n, discountPercent: '10', taxRatePercent: '7', netMinor: 2_250n },
        ],
        taxSummary: [{ taxRatePercent: '19', baseMinor: 19_990n, taxMinor: 3_798n }, { taxRatePercent: '7', baseMinor: 2_250n, taxMinor: 158n }],
        subtotalMinor: 22_240n, taxMinor: 3_956n, totalMinor: 26_196n,
        paymentReference: 'RF18539007547034', discount: { amountMinor: 523n, deadline: '2026-03-12' }, instalments: null,
      },
      { compress: false },
    );
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = drawnText(pdf);
    for (const expected of ['Invoice INV-000042', 'Müller & Söhne KG', 'Handbuch (Größe A5)', '10 %', '261.96 EUR', 'RF18 5390 0754 7034', 'DE89370400440532013000', '5.23 EUR if paid by 2026-03-12', 'VAT DE123456789']) {
      expect(text).toContain(expected);
    }
    // Compressed by default, and the same input gives the same bytes.
    const creditNote = { kind: 'credit_note', number: 'CN-1', issueDate: '2026-03-05', dueDate: null, currency: 'EUR', seller, buyer, lines: [], taxSummary: [], subtotalMinor: 0n, taxMinor: 0n, totalMinor: 0n, paymentReference: null, discount: null, instalments: null, creditedInvoiceNumber: 'INV-000042' } satisfies InvoicePdfInput;
    const a = await invoicePdf(creditNote);
    const b = await invoicePdf(creditNote);
    expect(a.equals(b)).toBe(true);
  });

  it('prints the VAT category of each tax line and, under the tax lines, why no VAT is charged', async () => {
    const pdf = await invoicePdf(
      {
        ...invoiceOf, number: 'INV-000043',
        lines: [
          { description: 'Widgets', quantity: '1', unitPriceMinor: 10_000n, discountPercent: '0', taxRatePercent: '19', netMinor: 10_000n },
          { description: 'Installation', quantity: '1', unitPriceMinor: 5_000n, discountPercent: '0', taxRatePercent: '0', netMinor: 5_000n },
          { description: 'Training', quantity: '1', unitPriceMinor: 2_000n, discountPercent: '0', taxRatePercent: '0', netMinor: 2_000n },
        ],
        taxSummary: [
          { taxRatePercent: '19', taxCategory: 'S', baseMinor: 10_000n, taxMinor: 1_900n, exemptionReasons: [] },
          { taxRatePercent: '0', taxCategory: 'AE', baseMinor: 5_000n, taxMinor: 0n, exemptionReasons: ['Reverse charge'] },
          { taxRatePercent: '0', taxCategory: 'E', baseMinor: 2_000n, taxMinor: 0n, exemptionReasons: ['Article 132(1)(i) of Directive 2006/112/EC'] },
        ],
        subtotalMinor: 17_000n, taxMinor: 1_900n, totalMinor: 18_900n,
        paymentReference: null, discount: null, instalments: null,
      },
      { compress: false },
    );
    const text = drawnText(pdf);
    for (const expected of ['0 % (reverse charge)', '0 % (exempt)', 'Reverse charge: VAT to be accounted for by the recipient.', 'VAT exempt: Article 132(1)(i) of Directive 2006/112/EC.']) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('19 % (');
  });

  it('prints a statement with opening balance, movements, closing balance and aging', async () => {
    const pdf = await statementPdf(
      {
        company: seller, customer: buyer, currency: 'EUR', from: '2026-03-01', to: '2026-03-31', openingBalanceMinor: 10_000n,
        movements: [{ date: '2026-03-02', document: 'Invoice INV-000042', description: 'Invoice INV-000042', debitMinor: 26_196n, creditMinor: 0n }, { date: '2026-03-20', document: 'Payment', description: 'Payment received', debitMinor: 0n, creditMinor: 10_000n }],
        closingBalanceMinor: 26_196n,
        aging: [{ label: 'Current', amountMinor: 26_196n }, { label: '1-30 days', amountMinor: 0n }],
      },
      { compress: false },
    );
    const text = drawnText(pdf);
    for (const expected of ['Statement of account, 2026-03-01 to 2026-03-31 (EUR)', 'Opening balance', '100.00', 'Payment received', 'Closing balance 2026-03-31: 261.96 EUR']) expect(text).toContain(expected);
  });
});
