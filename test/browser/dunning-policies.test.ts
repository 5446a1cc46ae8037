import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild } from '../../web/ensure-build.js';
import { startTestServer, type ApiClient, type TestServer } from '../support/api.js';
import { browserAvailable, createStaffUser, launchBrowser, signInToConsole, watchForPageErrors } from './support.js';

const dayMs = 86_400_000;
const plusDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);

describe.skipIf(!browserAvailable)('the dunning policy editor in Chromium', () => {
  let server: TestServer;
  let demo: { baseUrl: string; today: string; admin: ApiClient };
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    // A company of its own: the editor's preview is about one customer whose dates the test chooses.
    await ensureWebBuild();
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    const company = await server.createTenant({ name: 'Orchard Supplies Ltd' });
    demo = { baseUrl: server.baseUrl, today: (await company.admin.ok('GET', '/v1/tenant')).today, admin: company.admin };
    context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB' });
    errors = watchForPageErrors(context);
    page = await context.newPage();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an AR manager changes a level’s offset, sees the preview change before saving, and saves', { timeout: 180_000 }, async () => {
    // A Wednesday two weeks or more ahead, and a customer whose invoice falls due the next day: on that Wednesday the
    // standard policy's courtesy reminder (3 days before the due date) reaches it; moved to the due date, it does not.
    let wednesday = plusDays(demo.today, 14);
    while (new Date(`${wednesday}T00:00:00Z`).getUTCDay() !== 3) wednesday = plusDays(wednesday, 1);
    const termsDays = (Date.parse(`${plusDays(wednesday, 1)}T00:00:00Z`) - Date.parse(`${demo.today}T00:00:00Z`)) / dayMs;
    const customer = await demo.admin.ok('POST', '/v1/customers', { name: 'Courtesy Reminder Test Ltd', email: 'ap@courtesy.test', currency: 'EUR', paymentTermsDays: termsDays });
    const draft = await demo.admin.ok('POST', '/v1/invoices', { customerId: customer.id, lines: [{ description: 'Apples', quantity: '1', unitPriceMinor: 420_00, taxRatePercent: '0' }] });
    await demo.admin.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate: demo.today });
    const standard = (await demo.admin.ok('GET', '/v1/dunning-policies')).data.find((p: { isDefault: boolean }) => p.isDefault);
    expect(standard.definition.levels[0].offsetDays).toBe(-3);

    const manager = await createStaffUser(demo.admin, 'ar_manager', 'Marta Manager');
    await signInToConsole(page, demo.baseUrl, manager.email);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dunning policies' }).click();
    await page.getByRole('heading', { name: 'Dunning policies', level: 1 }).waitFor();
    const offset = page.getByLabel('Level 1 days after due');
    expect(await offset.inputValue()).toBe('-3');

    // The preview for the chosen date lists the customer at level 1.
    await page.getByLabel('Date', { exact: true }).fill(wednesday);
    const preview = page.getByRole('table', { name: 'Dunning preview' });
    const row = preview.getByRole('row').filter({ has: page.getByRole('link', { name: 'Courtesy Reminder Test Ltd' }) });
    await row.getByText('Level 1: Payment reminder').waitFor();
    await row.getByText(/^Payment reminder: /).waitFor();

    // Moved to the due date: the unsaved edit's preview no longer has the customer; nothing is saved yet.
    await offset.fill('0');
    await row.waitFor({ state: 'detached' });
    expect((await demo.admin.ok('GET', '/v1/dunning-policies')).data.find((p: { id: string }) => p.id === standard.id).definition.levels[0].offsetDays).toBe(-3);

    // A fault shows beside its field, from the problem details of the preview.
    await offset.fill('9');
    await page.getByText('must be later than level 1 (9 days)').waitFor();
    await offset.fill('0');
    await expect.poll(() => page.getByText('must be later than level 1').count()).toBe(0);

    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByText('Saved “Standard dunning”.').waitFor();
    const saved = (await demo.admin.ok('GET', '/v1/dunning-policies')).data.find((p: { id: string }) => p.id === standard.id);
    expect(saved.definition.levels.map((l: { offsetDays: number }) => l.offsetDays)).toEqual([0, 7, 21, 35]);
    expect(await page.getByLabel('Level 1 days after due').inputValue()).toBe('0');
    expect(errors).toEqual([]);
  });
});
