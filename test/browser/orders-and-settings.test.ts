import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild } from '../../web/ensure-build.js';
import { ApiClient, expectBooksAgree, startTestServer, type TestServer } from '../support/api.js';
import { browserAvailable, createStaffUser, launchBrowser, signInToConsole, watchForPageErrors } from './support.js';

/** Nothing sticks out sideways at phone width: the page scrolls only down (tables scroll inside their own box). */
async function fitsPhoneWidth(page: Page): Promise<void> {
  const original = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  // Runs in the page (the test's TypeScript has no DOM types).
  expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number)).toBeLessThanOrEqual(390);
  if (original) await page.setViewportSize(original);
}

/** The message shown for a control: the element its aria-describedby names (the Field component puts errors there). */
async function messageFor(page: Page, label: string): Promise<string> {
  const control = page.getByLabel(label, { exact: true });
  expect(await control.getAttribute('aria-invalid')).toBe('true');
  const describedBy = await control.getAttribute('aria-describedby');
  expect(describedBy).toBeTruthy();
  return (await page.locator(`[id="${describedBy}"]`).textContent()) ?? '';
}

describe.skipIf(!browserAvailable)('orders and settings screens of the staff console in Chromium', () => {
  let server: TestServer;
  let admin: ApiClient;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    // A company of its own (euros, so the console formats in de-DE): these screens need no demo history.
    await ensureWebBuild();
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    admin = (await server.createTenant({ name: 'Auftragswesen GmbH' })).admin;
    baseUrl = server.baseUrl;
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', acceptDownloads: true });
    errors = watchForPageErrors(context);
    page = await context.newPage();
  });
  afterEach(async () => {
    await context.clearCookies();
    expect(errors).toEqual([]);
  });

  it('an AR manager creates an order, confirms it, invoices its delivery and downloads the invoice PDF; a credit hold is shown as such', async () => {
    const product = await admin.ok('POST', '/v1/products', {
      sku: 'CONSULT-DAY',
      name: 'Consulting day',
      unit: 'day',
      kind: 'service',
      defaultTaxRatePercent: '19',
      prices: [{ currency: 'EUR', unitPriceMinor: 95_000 }],
    });
    const customer = await admin.ok('POST', '/v1/customers', { name: 'Kunde Nord GmbH', email: 'ap@kunde-nord.example', currency: 'EUR', creditLimitMinor: 10_000_000 });
    const manager = await createStaffUser(admin, 'ar_manager', 'Olga Orders');
    await signInToConsole(page, baseUrl, manager.email);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders' }).click();
    await page.getByRole('heading', { name: 'Orders', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'New order' }).click();
    await page.getByRole('heading', { name: 'New order' }).waitFor();

    await page.getByRole('searchbox', { name: 'Customer' }).fill(customer.name);
    await page.getByRole('list', { name: 'Customer: matches' }).getByRole('button', { name: customer.name, exact: true }).click();
    await page.getByRole('list', { name: 'Product: matches' }).getByRole('button', { name: 'Consulting day' }).click();
    const line = page.getByRole('group', { name: 'Line 1: Consulting day' });
    // A quantity with five decimals is refused by the API; its message stands next to the quantity.
    await line.getByLabel('Quantity (day)').fill('1.00001');
    await page.getByRole('button', { name: 'Create draft order' }).click();
    await line.locator('.error').waitFor();
    expect(await line.getByLabel('Quantity (day)').getAttribute('aria-invalid')).toBe('true');
    await fitsPhoneWidth(page);
    await line.getByLabel('Quantity (day)').fill('2');
    await page.getByLabel("Customer's PO number").fill('PO-4711');
    await page.getByRole('button', { name: 'Create draft order' }).click();

    const heading = page.getByRole('heading', { name: /^Order /, level: 1 });
    await heading.waitFor();
    const orderNumber = ((await heading.textContent()) ?? '').replace('Order ', '');
    await page.getByText('Not checked yet').waitFor();
    await page.getByRole('button', { name: 'Submit for credit check' }).click();
    await page.getByRole('status').filter({ hasText: 'Credit check passed' }).waitFor();
    await page.getByRole('button', { name: 'Confirm', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Order confirmed.' }).waitFor();

    await page.getByRole('button', { name: 'Record delivery…' }).click();
    const delivery = page.getByRole('dialog', { name: `Record a delivery · ${orderNumber}` });
    expect(await delivery.getByLabel(/Consulting day \(to deliver: 2 day\)/).inputValue()).toBe('2');
    await delivery.getByRole('button', { name: 'Record delivery and invoice it' }).click();
    await page.getByRole('status').filter({ hasText: 'Delivery recorded and invoiced.' }).waitFor();
    const invoices = page.getByRole('table', { name: 'Invoices from this order' });
    const invoiceLink = invoices.getByRole('link').first();
    await invoiceLink.waitFor();
    // 2 days at 950.00 plus 19 % tax, in the company's locale (de-DE for this euro company).
    await invoices.getByText(/2[.,]261[.,]00/).waitFor();

    const order = (await admin.ok('GET', `/v1/orders?customerId=${customer.id}`)).data.find((o: any) => o.number === orderNumber);
    expect(order).toMatchObject({ status: 'invoiced', totalMinor: 226_100, invoicedMinor: 226_100, customerReference: 'PO-4711' });
    const detail = await admin.ok('GET', `/v1/orders/${order.id}`);
    expect(detail.lines[0]).toMatchObject({ productId: product.id, quantity: '2', shippedQuantity: '2', invoicedQuantity: '2' });
    const invoice = await admin.ok('GET', `/v1/invoices/${detail.billings[0].invoiceId}`);
    expect(invoice).toMatchObject({ status: 'open', totalMinor: 226_100, customerId: customer.id });
    await expectBooksAgree(admin);

    await fitsPhoneWidth(page);
    await invoiceLink.click();
    await page.getByRole('heading', { name: `Invoice ${invoice.number}` }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'PDF' }).click()]);
    expect(download.suggestedFilename()).toBe(`${invoice.number.replace(/[^\w.-]+/g, '_')}.pdf`);
    const pdf = await readFile((await download.path()) ?? '');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // Over its limit, the next order goes on credit hold, and the order page says why.
    await admin.ok('PATCH', `/v1/customers/${customer.id}`, { creditLimitMinor: 100 });
    const held = await admin.ok('POST', '/v1/orders', { customerId: customer.id, lines: [{ productId: product.id, quantity: '1' }] });
    await page.goto(`${baseUrl}/orders/${held.id}`);
    await page.getByRole('button', { name: 'Submit for credit check' }).click();
    const hold = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'On credit hold' }) });
    await hold.waitFor();
    expect(((await hold.textContent()) ?? '').length).toBeGreaterThan('On credit hold'.length + 20);
    await page.getByRole('button', { name: 'Release…' }).waitFor();
    expect((await admin.ok('GET', `/v1/orders/${held.id}`)).status).toBe('credit_hold');
  });

  it('an admin sets a late-fee policy after a field error from the API, and creates, uses and revokes an API key', async () => {
    const person = await createStaffUser(admin, 'admin', 'Ada Admin');
    await signInToConsole(page, baseUrl, person.email);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    const sections = page.getByRole('navigation', { name: 'Settings sections' });
    await sections.getByRole('link', { name: 'Late fees' }).click();
    await page.getByText('No late fees: overdue invoices are not charged.').waitFor();

    const form = page.getByRole('form', { name: 'Late-fee policy' });
    await form.getByLabel('Kind').selectOption('interest');
    await form.getByLabel('Rate per year %').fill('9.12345');
    await form.getByLabel('Grace days').fill('5');
    await form.getByRole('button', { name: 'Save policy' }).click();
    await form.getByRole('alert').waitFor();
    expect(await messageFor(page, 'Rate per year %')).not.toBe('');
    expect((await admin.ok('GET', '/v1/late-fee-policy')).policy).toBeNull();

    await form.getByLabel('Rate per year %').fill('9.5');
    await form.getByLabel('Cap per invoice (EUR)').fill('250');
    await form.getByRole('button', { name: 'Save policy' }).click();
    await form.getByRole('status').filter({ hasText: 'Late-fee policy saved.' }).waitFor();
    expect(await form.getByLabel('Rate per year %').getAttribute('aria-invalid')).toBe('false');
    expect((await admin.ok('GET', '/v1/late-fee-policy')).policy).toMatchObject({ kind: 'interest', percent: '9.5', graceDays: 5, capMinor: 25_000, waived: false });
    await page.getByText('9.5 % a year (actual/365), after 5 days\' grace, at most').waitFor();
    await fitsPhoneWidth(page);

    await sections.getByRole('link', { name: 'API keys' }).click();
    const keyForm = page.getByRole('form', { name: 'New API key' });
    // No name: the API's message appears next to the name field.
    await keyForm.getByRole('button', { name: 'Create key' }).click();
    await keyForm.getByRole('alert').waitFor();
    expect(await messageFor(page, 'Key name')).not.toBe('');
    await keyForm.getByLabel('Key name').fill('ERP export');
    await keyForm.getByLabel('Key role').selectOption('viewer');
    await keyForm.getByRole('button', { name: 'Create key' }).click();
    const secret = await page.getByRole('status', { name: 'New API key' }).getByLabel('The API key').textContent();
    expect(secret).toMatch(/^cl_/);
    const erp = new ApiClient(baseUrl, secret ?? '');
    expect((await erp.get('/v1/tenant')).body).toMatchObject({ role: 'viewer' });

    const row = page.getByRole('table', { name: 'API keys' }).getByRole('row').filter({ hasText: 'ERP export' });
    await row.getByRole('button', { name: 'Revoke ERP export' }).click();
    await page.getByRole('dialog', { name: 'Revoke ERP export' }).getByRole('button', { name: 'Revoke key' }).click();
    await row.getByText(/revoked/).waitFor();
    expect((await erp.get('/v1/tenant')).status).toBe(401);

    // Company details printed on documents: an IBAN the API refuses is named beside its field; then a logo.
    await sections.getByRole('link', { name: 'Company' }).click();
    const company = page.getByRole('form', { name: 'Company details' });
    await company.getByLabel('Legal name').fill('Auftragswesen GmbH & Co. KG');
    await company.getByLabel('IBAN').fill('DE89 3704');
    await company.getByRole('button', { name: 'Save company details' }).click();
    await company.getByRole('alert').waitFor();
    expect(await messageFor(page, 'IBAN')).not.toBe('');
    await company.getByLabel('IBAN').fill('DE89370400440532013000');
    await company.getByRole('button', { name: 'Save company details' }).click();
    await company.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(await admin.ok('GET', '/v1/tenant/profile')).toMatchObject({ legalName: 'Auftragswesen GmbH & Co. KG', iban: 'DE89370400440532013000', hasLogo: false });
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    await page.getByLabel('Upload a logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
    await page.getByRole('img', { name: 'The company logo' }).waitFor();
    expect((await admin.ok('GET', '/v1/tenant/profile')).hasLogo).toBe(true);

    // The company's own mail server: a port the API refuses is named beside its field; saved without a login.
    await sections.getByRole('link', { name: 'Mail server' }).click();
    const mail = page.getByRole('form', { name: 'Mail server' });
    await mail.getByLabel('SMTP host').fill('smtp.auftragswesen.example');
    await mail.getByLabel('Port').fill('70000');
    await mail.getByLabel('Sender address').fill('rechnung@auftragswesen.example');
    await mail.getByRole('button', { name: 'Save mail server' }).click();
    await mail.getByRole('alert').waitFor();
    expect(await messageFor(page, 'Port')).not.toBe('');
    await mail.getByLabel('Port').fill('587');
    await mail.getByRole('button', { name: 'Save mail server' }).click();
    await mail.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.getByText('smtp.auftragswesen.example:587').waitFor();
    expect(await admin.ok('GET', '/v1/smtp-settings')).toMatchObject({ configured: true, host: 'smtp.auftragswesen.example', port: 587, fromAddress: 'rechnung@auftragswesen.example', hasPassword: false });
  });
  it('an admin rewords an email template with a preview and changes a person\'s role; a viewer is offered neither orders nor settings changes', async () => {
    const person = await createStaffUser(admin, 'admin', 'Tom Templates');
    const viewer = await createStaffUser(admin, 'viewer', 'Vic Viewer');
    await signInToConsole(page, baseUrl, person.email);
    await page.goto(`${baseUrl}/settings/email-templates`);
    const editor = page.getByRole('form', { name: 'Email template' });
    expect(await editor.getByLabel('Subject').inputValue()).toBe('Invoice {{number}} from {{companyName}}');
    await editor.getByLabel('Subject').fill('Your invoice {{number}} from {{companyName}}');
    await page.getByRole('region', { name: 'Preview with sample values' }).getByText('Your invoice INV-2026-00042 from Auftragswesen GmbH').waitFor();
    await editor.getByRole('button', { name: 'Save template' }).click();
    await editor.getByRole('status').filter({ hasText: 'Template saved' }).waitFor();
    const saved = (await admin.ok('GET', '/v1/email-templates')).data.find((t: any) => t.kind === 'invoice' && t.language === 'en');
    expect(saved).toMatchObject({ subject: 'Your invoice {{number}} from {{companyName}}', custom: true });
    await page.getByLabel('Language').selectOption('de');
    expect(await editor.getByLabel('Subject').inputValue()).toBe('Rechnung {{number}} von {{companyName}}');

    await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'People and roles' }).click();
    await page.getByLabel('Role of Vic Viewer').selectOption('collector');
    await expect.poll(async () => (await admin.ok('GET', '/v1/staff-users')).data.find((u: any) => u.email === viewer.email).role).toBe('collector');
    await page.getByRole('button', { name: 'Disable Vic Viewer' }).click();
    await page.getByRole('button', { name: 'Enable Vic Viewer' }).waitFor();
    expect((await admin.ok('GET', '/v1/staff-users')).data.find((u: any) => u.email === viewer.email)).toMatchObject({ role: 'collector', disabled: true });
    await page.getByRole('button', { name: 'Enable Vic Viewer' }).click();
    await page.getByLabel('Role of Vic Viewer').selectOption('viewer');
    await expect.poll(async () => (await admin.ok('GET', '/v1/staff-users')).data.find((u: any) => u.email === viewer.email)).toMatchObject({ role: 'viewer', disabled: false });

    await context.clearCookies();
    await signInToConsole(page, baseUrl, viewer.email);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders' }).click();
    await page.getByRole('table', { name: 'Orders' }).waitFor();
    expect(await page.getByRole('link', { name: 'New order' }).count()).toBe(0);
    await page.goto(`${baseUrl}/settings/late-fees`);
    await page.getByRole('heading', { name: 'Late-fee policy' }).waitFor();
    expect(await page.getByRole('button', { name: 'Save policy' }).count()).toBe(0);
    const sections = page.getByRole('navigation', { name: 'Settings sections' });
    expect(await sections.getByRole('link', { name: 'API keys' }).count()).toBe(0);
    expect(await sections.getByRole('link', { name: 'People and roles' }).count()).toBe(0);
    await page.goto(`${baseUrl}/settings/email-templates`);
    await page.getByRole('heading', { name: 'Preview with sample values' }).waitFor();
    expect(await page.getByRole('button', { name: 'Save template' }).count()).toBe(0);
  });
  it('an AR manager writes an invoice by hand from the customer page, fixes a line the API refused, issues it and previews its email', async () => {
    const customer = await admin.ok('POST', '/v1/customers', { name: 'Handarbeit KG', email: 'ap@handarbeit.example', currency: 'EUR' });
    const manager = await createStaffUser(admin, 'ar_manager', 'Ina Invoices');
    await signInToConsole(page, baseUrl, manager.email);
    await page.goto(`${baseUrl}/customers/${customer.id}`);
    await page.getByRole('link', { name: 'New invoice' }).click();
    const form = page.getByRole('form', { name: 'New invoice' });
    await form.getByText('Handarbeit KG').waitFor();
    await form.getByLabel('Unit price (EUR)').fill('1.250,00');
    await form.getByRole('button', { name: 'Save draft' }).click();
    await form.getByRole('alert').waitFor();
    expect(await messageFor(page, 'Description 1')).not.toBe('');
    await form.getByLabel('Description 1').fill('Workshop, 20 November');
    await form.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('heading', { name: 'Invoice (draft)' }).waitFor();
    await page.getByRole('button', { name: 'Issue' }).click();
    await page.getByRole('link', { name: 'PDF' }).waitFor();
    const issued = (await admin.ok('GET', `/v1/invoices?customerId=${customer.id}`)).data[0];
    await page.getByRole('heading', { name: `Invoice ${issued.number}` }).waitFor();
    expect(issued).toMatchObject({ status: 'open', subtotalMinor: 125_000, taxMinor: 23_750, totalMinor: 148_750 });
    await page.getByRole('button', { name: 'Preview the email' }).click();
    await page.getByRole('status', { name: 'Email preview' }).getByText(`Invoice ${issued.number} from Auftragswesen GmbH`).waitFor();
    await expectBooksAgree(admin);
  });
});
