import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useGatewayForTests } from '../../src/modules/autopay/service.js';
import { createSandboxGateway } from '../../src/modules/gateways/index.js';
import { browserAvailable, launchBrowser, portalSignInPath, startDemoServer, watchForPageErrors, type DemoServer } from './support.js';

describe.skipIf(!browserAvailable)('the customer portal in Chromium, on the demo company', () => {
  let demo: DemoServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  /** a customer with open invoices, and one of another customer's */
  let payer: { id: string; name: string; email: string };
  let othersInvoice: { id: string; number: string };

  beforeAll(async () => {
    // Card payments go through a sandbox of this test's own, whatever the environment configures.
    useGatewayForTests(createSandboxGateway({ webhookSecret: 'portal-browser-test' }));
    [demo, browser] = await Promise.all([startDemoServer({ invoicesPerCustomer: 8 }), launchBrowser()]);
    const open = (await demo.admin.ok('GET', '/v1/invoices?status=open&kind=invoice&limit=200')).data.filter((i: any) => i.currency === 'EUR');
    const payerId = open[0].customerId;
    const customer = await demo.admin.ok('GET', `/v1/customers/${payerId}`);
    payer = { id: payerId, name: customer.name, email: customer.contacts[0].email };
    const other = open.find((i: any) => i.customerId !== payerId);
    othersInvoice = { id: other.id, number: other.number };
  }, 240_000);
  afterAll(async () => {
    useGatewayForTests(undefined);
    await browser?.close();
    await demo?.close();
  });

  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'de-DE', isMobile: true, hasTouch: true });
    errors = watchForPageErrors(context);
    page = await context.newPage();
  });
  afterEach(() => {
    expect(errors).toEqual([]);
  });

  async function signInByLink() {
    await page.goto(`${demo.baseUrl}/portal/?tenant=${demo.tenantId}`);
    await page.getByLabel('Your email').fill(payer.email);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.getByRole('status').filter({ hasText: 'a sign-in link is on its way' }).waitFor();
    await page.goto(`${demo.baseUrl}${await portalSignInPath(demo, payer.email)}`);
    await page.getByRole('heading', { name: 'Your invoices' }).waitFor();
    // The spent token is not left in the address bar or the history.
    expect(new URL(page.url()).search).toBe('');
  }

  it('a customer contact signs in by link and pays an invoice with the sandbox card, after a declined card', async () => {
    await signInByLink();
    await page.getByText(payer.name).first().waitFor();
    const invoices = page.getByRole('table', { name: 'Invoices' });
    const firstRow = invoices.getByRole('row').nth(1);
    const number = (await firstRow.getByRole('link').textContent()) ?? '';
    const invoice = (await demo.admin.ok('GET', `/v1/invoices?customerId=${payer.id}&status=open&limit=200`)).data.find((i: any) => i.number === number);
    expect(invoice, `invoice ${number} of ${payer.name}`).toBeDefined();

    await firstRow.getByRole('checkbox').check();
    await page.getByRole('button', { name: /^Pay 1 invoice/ }).click();
    await page.getByRole('heading', { name: /^Pay / }).waitFor();

    await page.getByLabel('Card number').fill('4000 0000 0000 0002');
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.getByRole('alert').filter({ hasText: 'The payment was declined' }).waitFor();
    expect((await demo.admin.ok('GET', `/v1/invoices/${invoice.id}`)).status).not.toBe('paid');

    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.getByRole('status').filter({ hasText: 'Thank you: your payment of' }).waitFor();
    await invoices.getByRole('link', { name: number }).waitFor();
    await invoices.getByText('paid', { exact: true }).first().waitFor();

    await page.getByRole('tab', { name: 'To pay' }).click();
    await page.getByRole('tab', { name: 'Paid' }).click();
    await invoices.getByRole('link', { name: number }).waitFor();
    expect(await demo.admin.ok('GET', `/v1/invoices/${invoice.id}`)).toMatchObject({ status: 'paid', openMinor: 0 });
  });

  it("cannot open another customer's invoice by changing the address", async () => {
    const answer = page.waitForResponse((r) => r.url().endsWith(`/portal/v1/invoices/${othersInvoice.id}`));
    await page.goto(`${demo.baseUrl}/portal/invoices/${othersInvoice.id}`);
    expect((await answer).status()).toBe(404);
    await page.getByRole('heading', { name: 'Invoice not found' }).waitFor();
    expect(await page.getByText(othersInvoice.number).count()).toBe(0);
    // Nor its PDF.
    const pdf = await page.request.get(`${demo.baseUrl}/portal/v1/invoices/${othersInvoice.id}/pdf`);
    expect(pdf.status()).toBe(404);
    // Nor anything of the staff console's API.
    expect((await page.request.get(`${demo.baseUrl}/v1/invoices/${othersInvoice.id}`)).status()).toBe(401);
  });

  it('shows the orders, the statement PDF link and the bank details for a transfer', async () => {
    await demo.admin.ok('PATCH', '/v1/tenant', { iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' });
    const { today } = await demo.admin.ok('GET', '/v1/tenant');
    const product = await demo.admin.ok('POST', '/v1/products', { sku: 'PORTAL-1', name: 'Pallet', unit: 'pcs', kind: 'good', defaultTaxRatePercent: '19', prices: [{ currency: 'EUR', unitPriceMinor: 2_500 }] });
    const order = await demo.admin.ok('POST', '/v1/orders', { customerId: payer.id, orderDate: today, customerReference: 'PO-PORTAL', lines: [{ productId: product.id, quantity: '2' }] });
    const submitted = await demo.admin.ok('POST', `/v1/orders/${order.id}/submit`, { asOf: today });

    await page.goto(`${demo.baseUrl}/portal/`);
    await page.getByRole('heading', { name: 'Your invoices' }).waitFor();
    const statementHref = (await page.getByRole('link', { name: 'Statement (PDF)' }).getAttribute('href')) ?? '';
    expect(statementHref).toMatch(/^\/portal\/v1\/statement\/pdf\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
    expect((await page.request.get(`${demo.baseUrl}${statementHref}`)).headers()['content-type']).toBe('application/pdf');

    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Orders' }).click();
    await page.getByRole('heading', { name: 'Your orders' }).waitFor();
    const row = page.getByRole('table', { name: 'Orders' }).getByRole('row').filter({ hasText: order.number });
    // The phone-sized viewport hides the reference column; the order itself is listed.
    await row.waitFor();
    await row.getByText(submitted.status.replace(/_/g, ' '), { exact: true }).waitFor();

    const open = (await demo.admin.ok('GET', `/v1/invoices?customerId=${payer.id}&status=open&kind=invoice&limit=200`)).data[0];
    await page.goto(`${demo.baseUrl}/portal/invoices/${open.id}`);
    const transfer = page.getByRole('region', { name: 'Pay by bank transfer' });
    await transfer.getByText('DE89 3704 0044 0532 0130 00').waitFor();
    await transfer.getByText('COBADEFFXXX').waitFor();
    const ubl = page.getByRole('link', { name: 'Download e-invoice (UBL)' });
    expect(await ubl.getAttribute('href')).toBe(`/portal/v1/invoices/${open.id}/ubl`);
  });
});
