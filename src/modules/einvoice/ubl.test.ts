import { describe, expect, it } from 'vitest';
import { buyerReferenceFor, peppolGaps, skontoLine, toUbl, vatCategoryGaps, type UblDocument } from './ubl.js';

const document = (overrides: Partial<UblDocument> = {}): UblDocument => ({
  kind: 'invoice',
  number: 'INV-1',
  issueDate: '2026-10-01',
  dueDate: '2026-10-31',
  currency: 'EUR',
  buyerReference: 'PO-1',
  seller: {
    name: 'Verkäufer GmbH',
    taxId: 'DE123456789',
    city: 'Berlin',
    postalCode: '10115',
    countryCode: 'DE',
    endpoint: { scheme: '9930', id: 'DE123456789' },
    contact: { name: 'Accounts receivable', phone: '+49 30 1234567', email: 'ar@seller.example' },
  },
  buyer: { name: 'Käufer AG', city: 'München', postalCode: '80331', countryCode: 'DE', endpoint: { scheme: '9930', id: 'DE987654321' } },
  paymentReference: 'RF18539007547034',
  iban: 'DE89370400440532013000',
  paymentTermsNote: 'Payable by 2026-10-31',
  lines: [{ description: 'Gadget', quantity: '2', unitCode: 'C62', unitPriceMinor: 1_000n, discountPercent: '0', taxRatePercent: '19', netMinor: 2_000n }],
  subtotalMinor: 2_000n,
  taxMinor: 380n,
  totalMinor: 2_380n,
  prepaidMinor: 0n,
  ...overrides,
});

describe('UBL for Peppol BIS Billing 3.0', () => {
  it('writes each line\'s VAT category and one breakdown per category and rate, with the exemption reason of E, AE and G', () => {
    const line = { description: 'Service', quantity: '1', unitCode: 'C62', unitPriceMinor: 1_000n, discountPercent: '0', netMinor: 1_000n };
    const xml = toUbl(
      document({
        buyer: { name: 'Acheteur SARL', taxId: 'FR99999999999', countryCode: 'FR', endpoint: { scheme: '9957', id: 'FR99999999999' } },
        lines: [
          { ...line, taxRatePercent: '19', taxMinor: 190n },
          { ...line, taxRatePercent: '0', taxCategory: 'AE' },
          { ...line, taxRatePercent: '0', taxCategory: 'AE', taxExemptionReason: 'Reverse charge' },
          { ...line, taxRatePercent: '0', taxCategory: 'E', taxExemptionReason: 'Medical care' },
          { ...line, taxRatePercent: '0' },
        ],
        subtotalMinor: 5_000n,
        taxMinor: 190n,
        totalMinor: 5_190n,
      }),
    );
    const breakdown = [...xml.matchAll(/<cac:TaxSubtotal>.*?<cac:TaxCategory>(.*?)<cac:TaxScheme>/g)].map((m) => m[1]);
    expect(breakdown).toEqual([
      '<cbc:ID>S</cbc:ID><cbc:Percent>19</cbc:Percent>',
      '<cbc:ID>AE</cbc:ID><cbc:Percent>0</cbc:Percent><cbc:TaxExemptionReasonCode>VATEX-EU-AE</cbc:TaxExemptionReasonCode><cbc:TaxExemptionReason>Reverse charge</cbc:TaxExemptionReason>',
      '<cbc:ID>E</cbc:ID><cbc:Percent>0</cbc:Percent><cbc:TaxExemptionReason>Medical care</cbc:TaxExemptionReason>',
      '<cbc:ID>Z</cbc:ID><cbc:Percent>0</cbc:Percent>',
    ]);
    expect(xml).toContain('<cbc:TaxableAmount currencyID="EUR">20.00</cbc:TaxableAmount><cbc:TaxAmount currencyID="EUR">0.00</cbc:TaxAmount><cac:TaxCategory><cbc:ID>AE</cbc:ID>');
    expect([...xml.matchAll(/<cac:ClassifiedTaxCategory><cbc:ID>(\w+)</g)].map((m) => m[1])).toEqual(['S', 'AE', 'AE', 'E', 'Z']);
  });

  it('names the VAT ids that reverse charge, export and exempt supplies need (BR-AE-02, BR-G-02, BR-E-02)', () => {
    const line = { description: 'x', quantity: '1', unitCode: 'C62', unitPriceMinor: 100n, discountPercent: '0', taxRatePercent: '0', netMinor: 100n };
    const anonymous = { seller: { ...document().seller, taxId: null }, buyer: { ...document().buyer, taxId: null } };
    const gaps = (category: 'AE' | 'G' | 'E' | 'Z') => vatCategoryGaps(document({ ...anonymous, lines: [{ ...line, taxCategory: category }] })).map((g) => `${g.party}.${g.field} ${g.rule}`);
    expect(gaps('AE')).toEqual(['seller.taxId BR-AE-02', 'buyer.taxId BR-AE-02']);
    expect(gaps('G')).toEqual(['seller.taxId BR-G-02']);
    expect(gaps('E')).toEqual(['seller.taxId BR-E-02']);
    expect(gaps('Z')).toEqual([]);
    expect(vatCategoryGaps(document({ buyer: { ...document().buyer, taxId: 'DE987654321' }, lines: [{ ...line, taxCategory: 'AE' }] }))).toEqual([]);
  });

  it('writes the Skonto line of the German rules with two decimals, and leaves out what cannot be written so', () => {
    expect(skontoLine({ percent: '2', withinDays: 10 })).toBe('#SKONTO#TAGE=10#PROZENT=2.00#');
    expect(skontoLine({ percent: '1.5', withinDays: 14 })).toBe('#SKONTO#TAGE=14#PROZENT=1.50#');
    expect(skontoLine({ percent: '12.25', withinDays: 7 })).toBe('#SKONTO#TAGE=7#PROZENT=12.25#');
    expect(skontoLine({ percent: '1.125', withinDays: 7 })).toBeUndefined();
  });

  it('puts the Skonto line first in the payment terms between German parties, followed by a line break (DE-R-018)', () => {
    const xml = toUbl(document({ earlyPaymentDiscount: { percent: '2', withinDays: 10 } }));
    expect(xml).toContain('<cac:PaymentTerms><cbc:Note>#SKONTO#TAGE=10#PROZENT=2.00#\nPayable by 2026-10-31</cbc:Note></cac:PaymentTerms>');
    const french = toUbl(document({ earlyPaymentDiscount: { percent: '2', withinDays: 10 }, seller: { ...document().seller, countryCode: 'FR' } }));
    expect(french).toContain('<cbc:Note>Payable by 2026-10-31</cbc:Note>');
  });

  it('takes the purchase order as buyer reference, else the customer reference, else the document number', () => {
    expect(buyerReferenceFor({ purchaseOrder: 'PO-7', customerReference: 'C-1', documentNumber: 'INV-1' })).toBe('PO-7');
    expect(buyerReferenceFor({ purchaseOrder: '  ', customerReference: 'C-1', documentNumber: 'INV-1' })).toBe('C-1');
    expect(buyerReferenceFor({ purchaseOrder: null, customerReference: null, documentNumber: 'INV-1' })).toBe('INV-1');
  });

  it('writes electronic addresses with their scheme, the seller contact, and no empty elements', () => {
    const xml = toUbl(document({ seller: { ...document().seller, contact: { name: 'Accounts receivable', phone: ' ', email: null } } }));
    expect(xml).toContain('<cbc:EndpointID schemeID="9930">DE123456789</cbc:EndpointID>');
    expect(xml).toContain('<cac:Contact><cbc:Name>Accounts receivable</cbc:Name></cac:Contact>');
    expect(xml).not.toMatch(/<(cbc|cac):(\w+)[^>]*><\/\1:\2>/);
    const noAccount = toUbl(document({ iban: null }));
    // BR-61: credit transfer (30) needs the account; with only a payment reference the means are "not defined" (1).
    expect(noAccount).toContain('<cac:PaymentMeans><cbc:PaymentMeansCode>1</cbc:PaymentMeansCode><cbc:PaymentID>RF18539007547034</cbc:PaymentID></cac:PaymentMeans>');
  });

  it('names what Peppol needs and the data lacks: addresses always, the German details between German parties', () => {
    expect(peppolGaps(document())).toEqual([]);
    const bare = document({
      seller: { name: 'S', countryCode: 'DE', endpoint: null, contact: { name: 'Accounts receivable' } },
      buyer: { name: 'B', countryCode: 'DE', endpoint: null },
      iban: null,
      paymentReference: null,
    });
    expect(peppolGaps(bare).map((g) => `${g.party}.${g.field} ${g.rule}`)).toEqual([
      'seller.peppolEndpointId PEPPOL-EN16931-R020',
      'buyer.peppolEndpointId PEPPOL-EN16931-R010',
      'seller.city DE-R-003',
      'seller.postalCode DE-R-004',
      'seller.phone DE-R-006',
      'seller.email DE-R-007',
      'seller.iban DE-R-001',
      'seller.taxId DE-R-016',
      'buyer.city DE-R-008',
      'buyer.postalCode DE-R-009',
    ]);
    // A foreign buyer: the German rules do not apply.
    expect(peppolGaps({ ...bare, buyer: { name: 'B', countryCode: 'FR', endpoint: { scheme: '9957', id: 'FR1' } } }).map((g) => g.field)).toEqual(['peppolEndpointId']);
  });
});
