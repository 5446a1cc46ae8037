import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { validateUbl, validatorAvailable, type UblValidation } from './support/en16931.js';
import { sharedDataAvailable, sharedFile } from './support/shared-data.js';
import { startTestServer, type TestServer, type TestTenant } from './support/api.js';

let server: TestServer;
let company: TestTenant;
const documents: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  company = await server.createTenant({ name: 'E-Rechnung GmbH' });
  // The seller's Peppol address is derived from its German VAT id (9930:DE123456789); the phone is for German buyers.
  await company.admin.ok('PATCH', '/v1/tenant', {
    legalName: 'E-Rechnung GmbH', taxId: 'DE123456789', addressLine: 'Hauptstraße 1', city: 'Berlin', postalCode: '10115', countryCode: 'DE',
    iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', email: 'billing@e-rechnung.example', phone: '+49 30 1234567',
  });
  const api = company.as('ar_manager');
  const buyer = (name: string, currency: string, countryCode: string, extra: object = {}) =>
    api.ok('POST', '/v1/customers', { name, currency, countryCode, addressLine: 'Rue 2', city: 'Paris', postalCode: '75001', taxId: `${countryCode}99999999999`, email: 'ap@buyer.example', externalRef: `REF-${name.slice(0, 6)}`, ...extra });
  const eur = await buyer('Acheteur SARL', 'EUR', 'FR');
  // Outside the VAT schemes of the Peppol address list: participant ids set by hand (DUNS, Japanese corporate number).
  const usd = await buyer('Buyer Inc', 'USD', 'US');
  await api.ok('PATCH', `/v1/customers/${usd.id}`, { peppolEndpoint: { scheme: '0060', id: '123456789' } });
  const jpy = await buyer('Kaisha KK', 'JPY', 'JP', { peppolEndpoint: { scheme: '0188', id: '1234567890123' } });
  const ublOf = async (id: string, name: string) => {
    const ubl = await api.get(`/v1/invoices/${id}/ubl`);
    expect(ubl.status, name).toBe(200);
    documents[name] = ubl.body as string;
  };
  const issue = async (customerId: string, lines: object[], name: string, extra: object = {}) => {
    const draft = await api.ok('POST', '/v1/invoices', { customerId, lines, ...extra });
    const invoice = await api.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate: '2026-10-01' });
    await ublOf(invoice.id, name);
    return invoice;
  };
  const credit = async (invoiceId: string, lines: object[], name: string) => {
    const note = await api.ok('POST', `/v1/invoices/${invoiceId}/credit-notes`, { reason: 'returned goods', issueDate: '2026-10-05', lines });
    await ublOf(note.id, name);
  };
  await issue(eur.id, [{ description: 'Consulting', quantity: '1', unitPriceMinor: 100_000, taxRatePercent: '19' }], 'single-rate');
  const mixed = await issue(eur.id, [
    { description: 'Widgets', quantity: '10', unitPriceMinor: 1_999, taxRatePercent: '19' },
    { description: 'Books & manuals <2nd edition>', quantity: '3', unitPriceMinor: 2_450, taxRatePercent: '7' },
    { description: 'Export service', quantity: '1', unitPriceMinor: 5_000, taxRatePercent: '0' },
  ], 'three-rates');
  await issue(eur.id, [{ description: 'Discounted', quantity: '7', unitPriceMinor: 1_234, taxRatePercent: '19', discountPercent: '12.5' }], 'line-discount');
  await issue(eur.id, [{ description: 'Hours', quantity: '2.75', unitPriceMinor: 9_500, taxRatePercent: '19' }, { description: 'Travel', quantity: '1', unitPriceMinor: 3_333, taxRatePercent: '19', discountPercent: '3' }], 'fractional-quantity');
  // Documents in another currency than the company's are booked at their exchange rate (EUR per unit).
  await issue(usd.id, [{ description: 'Licence', quantity: '5', unitPriceMinor: 49_900, taxRatePercent: '0' }], 'foreign-currency-usd', { exchangeRate: '0.92' });
  await issue(jpy.id, [{ description: 'Sensor', quantity: '3', unitPriceMinor: 12_345, taxRatePercent: '10' }], 'zero-decimal-jpy', { exchangeRate: '0.0061' });
  const many = await issue(eur.id, Array.from({ length: 25 }, (_, i) => ({ description: `Part ${i}`, quantity: String(1 + (i % 4)), unitPriceMinor: 101 + i * 37, taxRatePercent: i % 3 === 0 ? '7' : '19', discountPercent: i % 5 === 0 ? '10' : undefined })), 'many-lines');
  await credit(mixed.id, [{ description: 'Widgets returned', quantity: '2', unitPriceMinor: 1_999, taxRatePercent: '19' }], 'credit-note-partial');
  await credit(many.id, [{ description: 'Goodwill', quantity: '1', unitPriceMinor: 500, taxRatePercent: '7' }, { description: 'Price correction', quantity: '1', unitPriceMinor: 250, taxRatePercent: '19' }], 'credit-note-two-rates');
  await issue(eur.id, [{ description: 'Tiny', quantity: '0.5', unitPriceMinor: 1, taxRatePercent: '19' }], 'rounding-edge');
  await company.admin.ok('PUT', '/v1/invoicing-settings', { taxRounding: 'invoice', pricesIncludeTax: false });
  await issue(eur.id, [1, 2, 3].map((i) => ({ description: `Small item ${i}`, quantity: '1', unitPriceMinor: 103, taxRatePercent: '19' })), 'invoice-level-rounding');
  const inclusive = await issue(eur.id, [{ description: 'Shop price incl. VAT', quantity: '3', unitPriceMinor: 999, taxRatePercent: '7' }, { description: 'Gift box incl. VAT', quantity: '1', unitPriceMinor: 1_190, taxRatePercent: '19' }], 'tax-inclusive', { pricesIncludeTax: true });
  expect(inclusive.totalMinor).toBe(3 * 999 + 1_190);
  // Voiding a tax-inclusive invoice gives a credit note priced the same way, whose e-invoice must pass too.
  const voided = await api.ok('POST', `/v1/invoices/${inclusive.id}/void`, { reason: 'entered twice', voidDate: '2026-10-02' });
  expect(voided.creditNote).toMatchObject({ pricesIncludeTax: true, totalMinor: inclusive.totalMinor });
  documents['tax-inclusive-void-credit-note'] = (await api.get(`/v1/invoices/${voided.creditNote.id}/ubl`)).body as string;
  await company.admin.ok('PUT', '/v1/invoicing-settings', { taxRounding: 'line', pricesIncludeTax: false });

  // A German buyer (the German rules of Peppol apply): billed from a sales order with its purchase-order number, on
  // 2/10 net 30 terms (the Skonto line of XRechnung), then a partial credit note of that invoice.
  const skonto = await api.ok('POST', '/v1/payment-terms', { name: '2/10 net 30', definition: { due: { kind: 'net', days: 30 }, discount: { percent: '2', withinDays: 10 } } });
  const inland = await api.ok('POST', '/v1/customers', {
    name: 'Kunde AG', currency: 'EUR', countryCode: 'DE', addressLine: 'Marktplatz 5', city: 'München', postalCode: '80331', taxId: 'DE 987.654.321',
    email: 'rechnungen@kunde.example', paymentTermsId: skonto.id,
  });
  const gadget = await company.admin.ok('POST', '/v1/products', { sku: 'G-1', name: 'Gadget', unit: 'pcs', kind: 'good', defaultTaxRatePercent: '19', prices: [{ currency: 'EUR', unitPriceMinor: 4_990 }] });
  const order = await api.ok('POST', '/v1/orders', { customerId: inland.id, orderDate: '2026-10-01', customerReference: 'PO-2026-0815', billingPolicy: 'on_confirmation', lines: [{ productId: gadget.id, quantity: '4' }] });
  await api.ok('POST', `/v1/orders/${order.id}/submit`, { asOf: '2026-10-01' });
  const confirmed = await api.ok('POST', `/v1/orders/${order.id}/confirm`, { asOf: '2026-10-01' });
  const orderInvoiceId = confirmed.billings[0].invoiceId as string;
  await ublOf(orderInvoiceId, 'domestic-de-order-skonto');
  await credit(orderInvoiceId, [{ description: 'Gadget damaged in transit', quantity: '1', unitPriceMinor: 4_990, taxRatePercent: '19' }], 'domestic-de-credit-note');
  // Supplies without VAT (EN 16931 BR-AE, BR-G, BR-E): reverse charge to an EU business, an export, an exempt supply,
  // and standard-rated and reverse-charge lines on one invoice.
  const reverseCharge = await issue(eur.id, [{ description: 'Machine installation', quantity: '1', unitPriceMinor: 250_000, taxRatePercent: '0', taxCategory: 'AE' }], 'reverse-charge');
  expect((await api.ok('GET', `/v1/invoices/${reverseCharge.id}`)).lines[0]).toMatchObject({ taxCategory: 'AE', taxExemptionReason: 'Reverse charge', taxMinor: 0 });
  await issue(usd.id, [{ description: 'Spare parts shipped to Chicago', quantity: '4', unitPriceMinor: 12_500, taxRatePercent: '0', taxCategory: 'G' }], 'export-outside-eu', { exchangeRate: '0.92' });
  await issue(eur.id, [{ description: 'Loan arrangement fee', quantity: '1', unitPriceMinor: 75_000, taxRatePercent: '0', taxCategory: 'E', taxExemptionReason: 'Exempt under Article 135(1)(b) of Directive 2006/112/EC' }], 'exempt');
  const mixedReverse = await issue(eur.id, [
    { description: 'Workshop in Berlin', quantity: '2', unitPriceMinor: 40_000, taxRatePercent: '19' },
    { description: 'Remote consulting', quantity: '10', unitPriceMinor: 12_000, taxRatePercent: '0', taxCategory: 'AE' },
    { description: 'Licence keys', quantity: '3', unitPriceMinor: 9_900, taxRatePercent: '0', taxCategory: 'AE', taxExemptionReason: 'Reverse charge' },
  ], 'standard-and-reverse-charge');
  expect(mixedReverse).toMatchObject({ subtotalMinor: 80_000 + 120_000 + 29_700, taxMinor: 15_200 });
  // A credit note of part of a reverse-charge invoice keeps the category of what it credits.
  await credit(mixedReverse.id, [{ description: 'Remote consulting not delivered', quantity: '2', unitPriceMinor: 12_000, taxRatePercent: '0', taxCategory: 'AE' }], 'reverse-charge-credit-note');
  // A company registered in Peppol under its GLN rather than its VAT number.
  await company.admin.ok('PATCH', '/v1/tenant', { peppolEndpoint: { scheme: '0088', id: '4000001123452' } });
  await issue(eur.id, [{ description: 'Maintenance', quantity: '12', unitPriceMinor: 2_500, taxRatePercent: '19', discountPercent: '5' }], 'seller-gln-endpoint');
  await company.admin.ok('PATCH', '/v1/tenant', { peppolEndpoint: null });
});

/** Documents broken on purpose, each with the rule that must catch it. */
const broken = () => ({
  'broken-payable': documents['three-rates']!.replace(/<cbc:PayableAmount currencyID="EUR">([\d.]+)<\/cbc:PayableAmount>/, '<cbc:PayableAmount currencyID="EUR">1.00</cbc:PayableAmount>'),
  'broken-tax-exclusive': documents['single-rate']!.replace(/<cbc:TaxExclusiveAmount currencyID="EUR">[\d.]+</, '<cbc:TaxExclusiveAmount currencyID="EUR">999.99<'),
  'broken-no-seller-endpoint': documents['single-rate']!.replace(/<cbc:EndpointID schemeID="9930">DE123456789<\/cbc:EndpointID>/, ''),
  'broken-customization': documents['line-discount']!.replace(/<cbc:CustomizationID>[^<]+</, '<cbc:CustomizationID>urn:cen.eu:en16931:2017<'),
  'broken-no-seller-phone': documents['domestic-de-order-skonto']!.replace(/<cbc:Telephone>[^<]+<\/cbc:Telephone>/, ''),
});
const samples = { 'peppol-bis3__base-example': 'ubl/peppol-bis3__base-example.xml', 'en16931__ubl-tc434-example7': 'ubl/en16931__ubl-tc434-example7.xml' };

/** Every document of this file in one validation run (one JVM), started by the first test that needs it. */
let validation: Promise<Record<string, UblValidation>> | undefined;
const validated = () =>
  (validation ??= (async () => {
    const sampleDocuments = Object.fromEntries(await Promise.all(Object.entries(samples).map(async ([name, file]) => [name, await readFile(sharedFile(file), 'utf8')])));
    const started = performance.now();
    const result = await validateUbl({ ...documents, ...broken(), ...sampleDocuments });
    console.info(`EN 16931 + Peppol validation of ${Object.keys(result).length} documents in one JVM: ${Math.round(performance.now() - started)} ms`);
    return result;
  })());
afterAll(async () => server?.close());

describe('UBL 2.1 e-invoices (Peppol BIS Billing 3.0)', () => {
  it.skipIf(!validatorAvailable())('passes the official EN 16931 and Peppol BIS Billing 3.0 rules for every generated invoice and credit note', async () => {
    expect(Object.keys(documents).length).toBeGreaterThanOrEqual(10);
    const results = await validated();
    const fatal = Object.fromEntries(Object.keys(documents).map((name) => [name, { en16931: results[name]!.en16931.fatal, peppol: results[name]!.peppol.fatal }]));
    expect(fatal).toEqual(Object.fromEntries(Object.keys(documents).map((name) => [name, { en16931: [], peppol: [] }])));
    const warnings = Object.entries(results).filter(([name, r]) => name in documents && r.peppol.warnings.length > 0);
    if (warnings.length > 0) console.info('Peppol warnings (not failing):', Object.fromEntries(warnings.map(([name, r]) => [name, r.peppol.warnings])));
    // What the documents say, besides passing: Peppol addresses, the purchase order, the Skonto line for a German buyer.
    expect(documents['single-rate']).toContain('<cbc:EndpointID schemeID="9930">DE123456789</cbc:EndpointID>');
    expect(documents['single-rate']).toContain('<cbc:EndpointID schemeID="9957">FR99999999999</cbc:EndpointID>');
    expect(documents['single-rate']).toContain('<cbc:BuyerReference>REF-Achete</cbc:BuyerReference>');
    expect(documents['foreign-currency-usd']).toContain('<cbc:EndpointID schemeID="0060">123456789</cbc:EndpointID>');
    expect(documents['seller-gln-endpoint']).toContain('<cbc:EndpointID schemeID="0088">4000001123452</cbc:EndpointID>');
    const domestic = documents['domestic-de-order-skonto']!;
    expect(domestic).toContain('<cbc:EndpointID schemeID="9930">DE987654321</cbc:EndpointID>');
    expect(domestic).toContain('<cbc:BuyerReference>PO-2026-0815</cbc:BuyerReference><cac:OrderReference><cbc:ID>PO-2026-0815</cbc:ID><cbc:SalesOrderID>');
    expect(domestic).toMatch(/<cac:PaymentTerms><cbc:Note>#SKONTO#TAGE=10#PROZENT=2\.00#\n/);
    expect(documents['domestic-de-credit-note']).toContain('<cac:OrderReference><cbc:ID>PO-2026-0815</cbc:ID>');
  }, 120_000);

  it.skipIf(!validatorAvailable())('catches deliberately broken documents by their rule ids, and checks the official samples as their origins do', async () => {
    const results = await validated();
    // EN 16931 arithmetic: caught by the EN 16931 rules and, through its CEN companion, by the Peppol rule set too.
    expect(results['broken-payable']!.en16931.fatal).toContain('BR-CO-16');
    expect(results['broken-payable']!.peppol.fatal).toContain('BR-CO-16');
    expect(results['broken-tax-exclusive']!.en16931.fatal).toContain('BR-CO-13');
    // Peppol's own rules, which EN 16931 alone does not have.
    expect(results['broken-no-seller-endpoint']!.en16931.fatal).toEqual([]);
    expect(results['broken-no-seller-endpoint']!.peppol.fatal).toEqual(['PEPPOL-EN16931-R020']);
    expect(results['broken-customization']!.peppol.fatal).toContain('PEPPOL-EN16931-R004');
    expect(results['broken-no-seller-phone']!.peppol.fatal).toEqual(['DE-R-006']);
    // The reference sample of the Peppol specification passes; an EN 16931 example without Peppol's ids does not.
    expect(results['peppol-bis3__base-example']).toMatchObject({ en16931: { fatal: [] }, peppol: { fatal: [] } });
    expect(results['en16931__ubl-tc434-example7']!.en16931.fatal).toEqual([]);
    expect(results['en16931__ubl-tc434-example7']!.peppol.fatal).toEqual(expect.arrayContaining(['PEPPOL-EN16931-R001', 'PEPPOL-EN16931-R020']));
  }, 120_000);

  it('refuses a Peppol e-invoice whose parties lack what Peppol needs, naming the fields, and writes the EN 16931 document on request', async () => {
    const api = company.as('ar_manager');
    // A German buyer without a VAT id or Peppol id, and no post code: no electronic address, and the German rules apply.
    const unknown = await api.ok('POST', '/v1/customers', { name: 'Ohne Peppol GmbH', currency: 'EUR', countryCode: 'DE', city: 'Köln' });
    const draft = await api.ok('POST', '/v1/invoices', { customerId: unknown.id, lines: [{ description: 'x', quantity: '1', unitPriceMinor: 100, taxRatePercent: '19' }] });
    await api.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate: '2026-10-01' });
    const refused = await api.get(`/v1/invoices/${draft.id}/ubl`);
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: any) => e.pointer)).toEqual(['/customer/peppolEndpointId', '/customer/postalCode']);
    expect(refused.body.errors[0].detail).toContain('PEPPOL-EN16931-R010');
    const plain = await api.get(`/v1/invoices/${draft.id}/ubl?conformance=en16931`);
    expect(plain.status).toBe(200);
    expect(plain.body).toMatch(/<cac:AccountingCustomerParty><cac:Party><cac:PartyName><cbc:Name>Ohne Peppol GmbH</);
    // Once the customer's Peppol id and post code are known, the Peppol document is written.
    await api.ok('PATCH', `/v1/customers/${unknown.id}`, { peppolEndpoint: { scheme: '0204', id: '05315-12345-67' }, postalCode: '50667' });
    const fixed = await api.get(`/v1/invoices/${draft.id}/ubl`);
    expect(fixed.status).toBe(200);
    expect(fixed.body).toContain('<cbc:EndpointID schemeID="0204">05315-12345-67</cbc:EndpointID>');
  });

  it('writes the VAT category of each line and the exemption reasons of reverse charge, exports and exempt supplies', () => {
    expect(documents['reverse-charge']).toContain('<cac:TaxCategory><cbc:ID>AE</cbc:ID><cbc:Percent>0</cbc:Percent><cbc:TaxExemptionReasonCode>VATEX-EU-AE</cbc:TaxExemptionReasonCode><cbc:TaxExemptionReason>Reverse charge</cbc:TaxExemptionReason>');
    expect(documents['reverse-charge']).toContain('<cac:ClassifiedTaxCategory><cbc:ID>AE</cbc:ID><cbc:Percent>0</cbc:Percent>');
    expect(documents['export-outside-eu']).toContain('<cbc:ID>G</cbc:ID><cbc:Percent>0</cbc:Percent><cbc:TaxExemptionReasonCode>VATEX-EU-G</cbc:TaxExemptionReasonCode><cbc:TaxExemptionReason>Export outside the EU</cbc:TaxExemptionReason>');
    expect(documents['exempt']).toContain('<cbc:ID>E</cbc:ID><cbc:Percent>0</cbc:Percent><cbc:TaxExemptionReason>Exempt under Article 135(1)(b) of Directive 2006/112/EC</cbc:TaxExemptionReason>');
    const mixed = documents['standard-and-reverse-charge']!;
    expect([...mixed.matchAll(/<cac:TaxSubtotal>.*?<cac:TaxCategory><cbc:ID>(\w+)</g)].map((m) => m[1])).toEqual(['S', 'AE']);
    expect(documents['reverse-charge-credit-note']).toContain('<cac:CreditNoteLine><cbc:ID>1</cbc:ID>');
    expect(documents['reverse-charge-credit-note']).toContain('<cac:ClassifiedTaxCategory><cbc:ID>AE</cbc:ID>');
  });

  it('refuses lines whose VAT category does not fit the rate, an exempt line without a reason, and a reverse-charge e-invoice without the buyer VAT id', async () => {
    const api = company.as('ar_manager');
    const noVatId = await api.ok('POST', '/v1/customers', { name: 'Sans TVA SARL', currency: 'EUR', countryCode: 'FR', city: 'Lyon', postalCode: '69001', peppolEndpoint: { scheme: '0060', id: '987654321' } });
    const wrong = await api.post('/v1/invoices', {
      customerId: noVatId.id,
      lines: [
        { description: 'a', quantity: '1', unitPriceMinor: 100, taxRatePercent: '19', taxCategory: 'AE' },
        { description: 'b', quantity: '1', unitPriceMinor: 100, taxRatePercent: '0', taxCategory: 'E' },
        { description: 'c', quantity: '1', unitPriceMinor: 100, taxRatePercent: '0', taxCategory: 'S' },
      ],
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors.map((e: any) => e.pointer)).toEqual(['/lines/0/taxRatePercent', '/lines/1/taxExemptionReason', '/lines/2/taxRatePercent']);
    expect((await api.post('/v1/invoices', { customerId: noVatId.id, lines: [{ description: 'a', quantity: '1', unitPriceMinor: 100, taxRatePercent: '0', taxCategory: 'K' }] })).status).toBe(400);
    const draft = await api.ok('POST', '/v1/invoices', { customerId: noVatId.id, lines: [{ description: 'a', quantity: '1', unitPriceMinor: 100, taxRatePercent: '0', taxCategory: 'AE' }] });
    await api.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate: '2026-10-01' });
    for (const conformance of ['peppol', 'en16931']) {
      const refused = await api.get(`/v1/invoices/${draft.id}/ubl?conformance=${conformance}`);
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ pointer: '/customer/taxId', detail: expect.stringContaining('BR-AE-02') }]);
    }
    await api.ok('PATCH', `/v1/customers/${noVatId.id}`, { taxId: 'FR88888888888' });
    expect((await api.get(`/v1/invoices/${draft.id}/ubl`)).status).toBe(200);
  });

  it('validates Peppol participant ids on customers and the company', async () => {
    const api = company.as('ar_manager');
    const badGln = await api.post('/v1/customers', { name: 'Bad GLN', currency: 'EUR', peppolEndpoint: { scheme: '0088', id: '4000001123453' } });
    expect(badGln.status).toBe(400);
    expect(JSON.stringify(badGln.body)).toContain('GS1 check digit');
    const unknownScheme = await api.post('/v1/customers', { name: 'Mail only', currency: 'EUR', peppolEndpoint: { scheme: 'EM', id: 'ap@buyer.example' } });
    expect(unknownScheme.status).toBe(400);
    const created = await api.ok('POST', '/v1/customers', { name: 'Norsk AS', currency: 'NOK', peppolEndpoint: { scheme: '0192', id: '974760673' } });
    expect(created.peppolEndpoint).toEqual({ scheme: '0192', id: '974760673' });
    const cleared = await api.ok('PATCH', `/v1/customers/${created.id}`, { peppolEndpoint: null });
    expect(cleared.peppolEndpoint).toBeNull();
    expect((await company.admin.call('PATCH', '/v1/tenant', { peppolEndpoint: { scheme: '0208', id: '0123456788' } })).status).toBe(400);
    const tenant = await company.admin.ok('PATCH', '/v1/tenant', { peppolEndpoint: { scheme: '0208', id: '0123456749' } });
    expect(tenant.peppolEndpoint).toEqual({ scheme: '0208', id: '0123456749' });
    await company.admin.ok('PATCH', '/v1/tenant', { peppolEndpoint: null });
  });

  it.skipIf(!sharedDataAvailable)('imports a UBL invoice from another system as a draft, and refuses one it cannot represent with the reason', async () => {
    const api = company.as('ar_manager');
    const xml = await readFile(sharedFile('ubl/en16931__ubl-tc434-example4.xml'), 'utf8');
    const dkk = await api.ok('POST', '/v1/customers', { name: 'Dansk Kunde', currency: 'DKK' });
    const imported = await api.call('POST', `/v1/invoices/import-ubl?customerId=${dkk.id}`, xml, { 'content-type': 'application/xml' });
    expect(imported.status).toBe(201);
    expect(imported.body.draft).toMatchObject({ status: 'draft', totalMinor: imported.body.document.totalMinor, currency: 'DKK' });
    const wrongCurrency = await api.call('POST', `/v1/invoices/import-ubl?customerId=${company.tenant.id}`, xml, { 'content-type': 'application/xml' });
    expect([400, 422]).toContain(wrongCurrency.status);
    const negative = await readFile(sharedFile('ubl/peppol-bis3__base-negative-inv-correction.xml'), 'utf8');
    const refused = await api.call('POST', '/v1/invoices/import-ubl', negative, { 'content-type': 'application/xml' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: any) => e.detail).join(' ')).toContain('credit note');
  });

  it('serves invoice and credit-note PDFs and a statement of account', async () => {
    const api = company.as('viewer');
    const invoices = await api.ok('GET', '/v1/invoices?limit=200');
    const invoice = invoices.data.find((i: any) => i.kind === 'invoice' && i.status !== 'draft');
    const note = invoices.data.find((i: any) => i.kind === 'credit_note');
    for (const doc of [invoice, note]) {
      const response = await fetch(`${api.baseUrl}/v1/invoices/${doc.id}/pdf`, { headers: { authorization: `Bearer ${api.key}` } });
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await response.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    }
    const statement = await fetch(`${api.baseUrl}/v1/customers/${invoice.customerId}/statement?from=2026-09-01&to=2026-10-31`, { headers: { authorization: `Bearer ${api.key}` } });
    expect(statement.status).toBe(200);
    expect(Buffer.from(await statement.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await api.get(`/v1/customers/${invoice.customerId}/statement?from=2026-10-31&to=2026-09-01`)).status).toBe(400);
  });

  it('escapes text and refuses an e-invoice without the countries EN 16931 requires', async () => {
    expect(documents['three-rates']).toContain('Books &amp; manuals &lt;2nd edition&gt;');
    const api = company.as('ar_manager');
    const nowhere = await api.ok('POST', '/v1/customers', { name: 'No Address', currency: 'EUR' });
    const draft = await api.ok('POST', '/v1/invoices', { customerId: nowhere.id, lines: [{ description: 'x', quantity: '1', unitPriceMinor: 100 }] });
    await api.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate: '2026-10-01' });
    const refused = await api.get(`/v1/invoices/${draft.id}/ubl`);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].pointer).toBe('/customer/countryCode');
  });
});
