import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fatalRuleFailures, validatorAvailable } from './support/en16931.js';
import { sharedDataAvailable, sharedFile } from './support/shared-data.js';
import { startTestServer, type TestServer, type TestTenant } from './support/api.js';

let server: TestServer;
let company: TestTenant;
const documents: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  company = await server.createTenant({ name: 'E-Rechnung GmbH' });
  await company.admin.ok('PATCH', '/v1/tenant', {
    legalName: 'E-Rechnung GmbH', taxId: 'DE123456789', addressLine: 'Hauptstraße 1', city: 'Berlin', postalCode: '10115', countryCode: 'DE',
    iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', email: 'billing@e-rechnung.example',
  });
  const api = company.as('ar_manager');
  const buyer = (name: string, currency: string, countryCode: string) =>
    api.ok('POST', '/v1/customers', { name, currency, countryCode, addressLine: 'Rue 2', city: 'Paris', postalCode: '75001', taxId: `${countryCode}99999999999`, email: 'ap@buyer.example', externalRef: `REF-${name.slice(0, 6)}` });
  const eur = await buyer('Acheteur SARL', 'EUR', 'FR');
  const usd = await buyer('Buyer Inc', 'USD', 'US');
  const jpy = await buyer('Kaisha KK', 'JPY', 'JP');
  const issue = async (customerId: string, lines: object[], name: string, extra: object = {}) => {
    const draft = await api.ok('POST', '/v1/invoices', { customerId, lines, ...extra });
    const invoice = await api.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate: '2026-10-01' });
    const ubl = await api.get(`/v1/invoices/${invoice.id}/ubl`);
    expect(ubl.status).toBe(200);
    documents[name] = ubl.body as string;
    return invoice;
  };
  const credit = async (invoiceId: string, lines: object[], name: string) => {
    const note = await api.ok('POST', `/v1/invoices/${invoiceId}/credit-notes`, { reason: 'returned goods', issueDate: '2026-10-05', lines });
    documents[name] = (await api.get(`/v1/invoices/${note.id}/ubl`)).body as string;
  };
  await issue(eur.id, [{ description: 'Consulting', quantity: '1', unitPriceMinor: 100_000, taxRatePercent: '19' }], 'single-rate');
  const mixed = await issue(eur.id, [
    { description: 'Widgets', quantity: '10', unitPriceMinor: 1_999, taxRatePercent: '19' },
    { description: 'Books & manuals <2nd edition>', quantity: '3', unitPriceMinor: 2_450, taxRatePercent: '7' },
    { description: 'Export service', quantity: '1', unitPriceMinor: 5_000, taxRatePercent: '0' },
  ], 'three-rates');
  await issue(eur.id, [{ description: 'Discounted', quantity: '7', unitPriceMinor: 1_234, taxRatePercent: '19', discountPercent: '12.5' }], 'line-discount');
  await issue(eur.id, [{ description: 'Hours', quantity: '2.75', unitPriceMinor: 9_500, taxRatePercent: '19' }, { description: 'Travel', quantity: '1', unitPriceMinor: 3_333, taxRatePercent: '19', discountPercent: '3' }], 'fractional-quantity');
  await issue(usd.id, [{ description: 'Licence', quantity: '5', unitPriceMinor: 49_900, taxRatePercent: '0' }], 'foreign-currency-usd');
  await issue(jpy.id, [{ description: 'Sensor', quantity: '3', unitPriceMinor: 12_345, taxRatePercent: '10' }], 'zero-decimal-jpy');
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
});
afterAll(async () => server?.close());

describe('UBL 2.1 e-invoices (Peppol BIS Billing 3.0)', () => {
  it.skipIf(!validatorAvailable())('passes the official EN 16931 UBL rules for every generated invoice and credit note', async () => {
    expect(Object.keys(documents).length).toBeGreaterThanOrEqual(10);
    const failures = await fatalRuleFailures(documents);
    expect(Object.keys(failures).sort()).toEqual(Object.keys(documents).sort());
    for (const [name, rules] of Object.entries(failures)) expect(rules, name).toEqual([]);
  }, 120_000);

  it.skipIf(!validatorAvailable())('catches a deliberately broken document by its rule id', async () => {
    const broken = documents['three-rates']!.replace(/<cbc:PayableAmount currencyID="EUR">([\d.]+)<\/cbc:PayableAmount>/, '<cbc:PayableAmount currencyID="EUR">1.00</cbc:PayableAmount>');
    const wrongSum = documents['single-rate']!.replace(/<cbc:TaxExclusiveAmount currencyID="EUR">[\d.]+</, '<cbc:TaxExclusiveAmount currencyID="EUR">999.99<');
    const failures = await fatalRuleFailures({ broken, wrongSum });
    expect(failures.broken).toContain('BR-CO-16');
    expect(failures.wrongSum).toContain('BR-CO-13');
  }, 120_000);

  it.skipIf(!sharedDataAvailable)('imports a UBL invoice from another system as a draft, and refuses one it cannot represent with the reason', async () => {
    const api = company.as('ar_manager');
    const { readFile } = await import('node:fs/promises');
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
