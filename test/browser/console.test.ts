import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sharedDataAvailable, sharedFile } from '../support/shared-data.js';
import { browserAvailable, createStaffUser, launchBrowser, signInToConsole, startDemoServer, watchForPageErrors, type DemoServer } from './support.js';

describe.skipIf(!browserAvailable)('the staff console in Chromium, on the demo company', () => {
  let demo: DemoServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    [demo, browser] = await Promise.all([startDemoServer({ invoicesPerCustomer: 8 }), launchBrowser()]);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    errors = watchForPageErrors(context);
    page = await context.newPage();
  });
  afterEach(async () => {
    await context.clearCookies();
    expect(errors).toEqual([]);
  });

  it('a collector signs in, opens their worklist and records a promise to pay', async () => {
    const collector = await createStaffUser(demo.admin, 'collector', 'Colin Collector');
    // Give the collector the three most urgent accounts; a collector's worklist shows only their own.
    const everybody = await demo.admin.ok('GET', '/v1/worklist?limit=3');
    expect(everybody.data.length).toBe(3);
    for (const entry of everybody.data) await demo.admin.ok('PUT', `/v1/customers/${entry.customerId}/collection-settings`, { collector: collector.email });
    const first = everybody.data[0];

    await signInToConsole(page, demo.baseUrl, collector.email);
    await page.getByText('Colin Collector · Collector').waitFor();
    // A collector cannot upload bank files or add people: the console does not offer it.
    await page.getByRole('link', { name: 'Cash application' }).click();
    await page.getByRole('heading', { name: 'Cash application' }).waitFor();
    expect(await page.getByRole('button', { name: 'Upload and apply' }).count()).toBe(0);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Collections' }).click();
    const worklist = page.getByRole('table', { name: 'Worklist' });
    await worklist.getByRole('link', { name: first.customerName }).waitFor();
    await page.getByText('3 accounts to work').waitFor();
    expect(await worklist.locator('tbody').getByRole('row').count()).toBe(3);

    const entry = worklist.getByRole('row').filter({ has: page.getByRole('link', { name: first.customerName }) });
    await entry.getByText(first.reasons[0]).waitFor();
    await entry.getByRole('button', { name: 'Promise' }).click();
    const dialog = page.getByRole('dialog', { name: `Promise to pay · ${first.customerName}` });
    await dialog.getByRole('checkbox').first().check();
    const promisedOn = new Date(Date.parse(`${demo.today}T00:00:00Z`) + 5 * 86_400_000).toISOString().slice(0, 10);
    await dialog.getByLabel('Promised for').fill(promisedOn);
    await dialog.getByLabel('Note').fill('Will pay on Friday, said the controller');
    await dialog.getByRole('button', { name: 'Record promise' }).click();
    await entry.getByRole('status').filter({ hasText: 'Promise recorded' }).waitFor();

    const promises = (await demo.admin.ok('GET', `/v1/customers/${first.customerId}/promises`)).data;
    expect(promises).toHaveLength(1);
    expect(promises[0]).toMatchObject({ promisedOn, status: 'open', madeBy: collector.email });
    expect(promises[0].invoiceIds).toHaveLength(1);
    expect(promises[0].amountMinor).toBeGreaterThan(0);
  });

  it.skipIf(!sharedDataAvailable)('an AR manager uploads a camt.053 statement and resolves its exception by matching it by hand', async () => {
    const manager = await createStaffUser(demo.admin, 'ar_manager', 'Mara Manager');
    await signInToConsole(page, demo.baseUrl, manager.email);
    await page.getByRole('link', { name: 'Cash application' }).click();
    await page.getByLabel('File (camt.053/054, MT940, BAI2, CSV)').setInputFiles(sharedFile('camt', 'camt_parser__053-valid_example.xml'));
    await page.getByRole('button', { name: 'Upload and apply' }).click();
    const summary = page.getByRole('status', { name: 'Import summary' });
    await summary.getByText('camt.053: 5 new lines').waitFor();
    await summary.getByText('0 applied automatically, 1 for a person to decide').waitFor();

    const queue = page.getByRole('table', { name: 'Exception queue' });
    const row = queue.getByRole('row').filter({ hasText: 'Testkonto Nummer 2' });
    await row.getByText('no reference to an open invoice and the payer is not known').waitFor();
    await row.getByRole('link', { name: /Review/ }).click();
    await page.getByRole('heading', { name: /from Testkonto Nummer 2/ }).waitFor();
    await page.getByText('Why it needs a person').waitFor();

    // Nobody by the payer's name: search the customer, then split the euro across their open invoices.
    const customer = (await demo.admin.ok('GET', '/v1/invoices?status=open&limit=50')).data.find((i: any) => i.currency === 'EUR');
    const customerName = (await demo.admin.ok('GET', `/v1/customers/${customer.customerId}`)).name as string;
    const match = page.getByRole('region', { name: 'Match by hand' });
    await match.getByLabel('Customer who paid').fill(customerName);
    await match.getByRole('button', { name: customerName }).click();
    await match.getByRole('table', { name: 'Open invoices to allocate to' }).waitFor();
    await match.getByRole('button', { name: 'Fill oldest first' }).click();
    await match.getByText(/Allocated .*1[.,]00.* of .*1[.,]00/).waitFor();
    await match.getByRole('button', { name: 'Apply payment' }).click();
    await page.getByRole('status').filter({ hasText: 'Matched by hand' }).waitFor();
    await page.getByText('applied', { exact: true }).waitFor();

    const lines = (await demo.admin.ok('GET', '/v1/statement-lines?status=exception')).data;
    expect(lines).toEqual([]);
    const applied = (await demo.admin.ok('GET', '/v1/statement-lines?status=applied')).data;
    expect(applied).toHaveLength(1);
    expect(applied[0]).toMatchObject({ customerId: customer.customerId, amountMinor: 100 });
    const payment = await demo.admin.ok('GET', `/v1/payments/${applied[0].paymentId}`);
    expect(payment).toMatchObject({ amountMinor: 100, unappliedMinor: 0, customerId: customer.customerId });
  });

  it('keeps a viewer to reading: no promise, dispute or invoice actions on screen', async () => {
    const viewer = await createStaffUser(demo.admin, 'viewer', 'Vera Viewer');
    await signInToConsole(page, demo.baseUrl, viewer.email);
    const invoice = (await demo.admin.ok('GET', '/v1/invoices?status=open&limit=1')).data[0];
    await page.goto(`${demo.baseUrl}/invoices/${invoice.id}`);
    await page.getByRole('heading', { name: `Invoice ${invoice.number}` }).waitFor();
    await page.getByRole('link', { name: 'PDF' }).waitFor();
    expect(await page.getByRole('button', { name: /Void|Credit/ }).count()).toBe(0);
    await page.goto(`${demo.baseUrl}/customers/${invoice.customerId}`);
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    expect(await page.getByRole('button', { name: /Record promise|Open dispute|Log call/ }).count()).toBe(0);
  });
});
