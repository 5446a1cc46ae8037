/**
 * Browser tests: Debian's Chromium driven by playwright-core against a test server that serves the built web app.
 * Without /usr/bin/chromium (a machine that did not run .ci/run) they are skipped with a message saying so.
 */
import { and, eq, like } from 'drizzle-orm';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { Temporal } from 'temporal-polyfill';
import { loadDemoCompany } from '../../src/demo/demo-company.js';
import { emailOutbox } from '../../src/modules/notifications/schema.js';
import { ensureWebBuild } from '../../web/ensure-build.js';
import { ApiClient, startTestServer, type TestServer } from '../support/api.js';

export const chromiumPath = process.env.CASHLOOP_CHROMIUM ?? '/usr/bin/chromium';
export const browserAvailable = existsSync(chromiumPath);
if (!browserAvailable) {
  process.stdout.write(`browser tests skipped: no Chromium at ${chromiumPath} (install it with \`apt-get install -y chromium\`, as .ci/run does)\n`);
}

/** Without the background-networking flags Chromium keeps dialing Google's hosts, which this network refuses. */
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}

export interface DemoServer {
  server: TestServer;
  baseUrl: string;
  tenantId: string;
  today: string;
  admin: ApiClient;
  close(): Promise<void>;
}

/**
 * A test server over a database of its own with the demo company loaded (fewer invoices per customer than the real
 * demo unless asked: the full year takes about a minute on two cores). Builds web/ first when it is stale.
 */
export async function startDemoServer(options: { invoicesPerCustomer?: number } = {}): Promise<DemoServer> {
  await ensureWebBuild();
  const server = await startTestServer();
  const today = Temporal.Now.plainDateISO('Europe/Berlin').toString();
  const { tenant, adminKey } = await loadDemoCompany(server.database.db, { today, ...(options.invoicesPerCustomer ? { invoicesPerCustomer: options.invoicesPerCustomer } : {}) });
  const admin = new ApiClient(server.baseUrl, adminKey);
  return { server, baseUrl: server.baseUrl, tenantId: tenant.id, today, admin, close: () => server.close() };
}

export const staffPassword = 'correct horse battery staple';

/** A person with a console account (made the way an admin does it, through the API). */
export async function createStaffUser(admin: ApiClient, role: 'admin' | 'ar_manager' | 'collector' | 'viewer', name: string): Promise<{ email: string; name: string }> {
  const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@demo.test`;
  await admin.ok('POST', '/v1/staff-users', { email, name, role, password: staffPassword });
  return { email, name };
}

/** Signs in through the console's own sign-in screen and waits for the dashboard. */
export async function signInToConsole(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(staffPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
}

/** The one-time sign-in link the portal emailed to `email` (read from the email outbox, as the mail worker would). */
export async function portalSignInPath(demo: DemoServer, email: string): Promise<string> {
  const rows = await demo.server.database.db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.tenantId, demo.tenantId), eq(emailOutbox.toAddress, email.toLowerCase()), like(emailOutbox.dedupeKey, 'portal.sign_in_link:%')));
  const body = rows.at(-1)?.body ?? '';
  const token = /\/portal\/sign-in\?token=([A-Za-z0-9_-]+)/.exec(body)?.[1];
  if (!token) throw new Error(`no portal sign-in link was mailed to ${email}`);
  return `/portal/sign-in?token=${token}`;
}

/** Fails the test on a page error or a console error instead of letting it pass with a broken screen. */
export function watchForPageErrors(context: BrowserContext): string[] {
  const errors: string[] = [];
  context.on('page', (page) => {
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      // 4xx answers the app handles (a 404 it shows, a 402 decline) are logged by Chromium as resource errors.
      if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) errors.push(`console: ${message.text()}`);
    });
  });
  return errors;
}
