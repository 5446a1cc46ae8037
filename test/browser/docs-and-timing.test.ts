/**
 * Screenshots of the console and the portal on the demo company, and the time from navigation to a fully drawn
 * dashboard. A normal test run uses a smaller demo and writes the pictures to a temporary folder; with
 * CASHLOOP_WRITE_DOCS=1 (`npm run docs:screenshots`) it loads the full demo year, writes docs/screenshots/*.png and
 * the console section of BENCHMARKS.md. Timings are printed and recorded, never asserted (see STYLE.md).
 */
import { mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useGatewayForTests } from '../../src/modules/autopay/service.js';
import { createSandboxGateway } from '../../src/modules/gateways/index.js';
import { browserAvailable, createStaffUser, launchBrowser, portalSignInPath, signInToConsole, startDemoServer, type DemoServer } from './support.js';

const writeDocs = process.env.CASHLOOP_WRITE_DOCS === '1';
const repoRoot = path.resolve(import.meta.dirname, '../..');
const timedRuns = writeDocs ? 5 : 2;

/** A camt.053 with payments a bank would bring for the demo book: clean ones, short ones, and a stranger. */
function camt053(statementId: string, date: string, credits: { amount: string; name: string; text?: string; rf?: string | null }[]): string {
  const entries = credits
    .map(
      (c, i) => `<Ntry><NtryRef>${statementId}-${i + 1}</NtryRef><Amt Ccy="EUR">${c.amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
      <BookgDt><Dt>${date}</Dt></BookgDt><ValDt><Dt>${date}</Dt></ValDt><AcctSvcrRef>${statementId}-${i + 1}</AcctSvcrRef>
      <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
      <NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs><Amt Ccy="EUR">${c.amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd>
      <RltdPties><Dbtr><Pty><Nm>${c.name}</Nm></Pty></Dbtr></RltdPties>
      <RmtInf>${c.rf ? `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>${c.rf}</Ref></CdtrRefInf></Strd>` : ''}${c.text ? `<Ustrd>${c.text}</Ustrd>` : ''}</RmtInf>
      </TxDtls></NtryDtls></Ntry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>${statementId}</MsgId><CreDtTm>${date}T18:00:00</CreDtTm></GrpHdr>
<Stmt><Id>${statementId}</Id><ElctrncSeqNb>1</ElctrncSeqNb><CreDtTm>${date}T18:00:00</CreDtTm><Acct><Id><IBAN>DE02120300000000202051</IBAN></Id><Ccy>EUR</Ccy></Acct>
${entries}
</Stmt></BkToCstmrStmt></Document>`;
}

const euros = (minor: number) => (minor / 100).toFixed(2);

// Page-side conditions (run in the page by Playwright; this project's TypeScript has no DOM types, hence globalThis).
const fullyDrawn = () => {
  const document = (globalThis as any).document;
  return document.querySelectorAll('svg.chart[data-drawn="true"]').length >= 2 && ![...document.querySelectorAll('.tile .value')].some((v: any) => v.textContent === '…');
};
const nothingLoading = () => !(globalThis as any).document.querySelector('.loading');
/** The console marks when the dashboard's figures, and when all of it, are on screen (User Timing, ms since navigation start). */
const markTime = (name: string) => (globalThis as any).performance.getEntriesByName(name, 'mark')[0]?.startTime as number | undefined;

async function dashboardDrawn(page: Page): Promise<void> {
  // Both charts drawn and every tile filled in (no "…" left).
  await page.waitForFunction(fullyDrawn, null, { timeout: 120_000, polling: 'raf' });
}

describe.skipIf(!browserAvailable)('screenshots and dashboard timing on the demo company', () => {
  let demo: DemoServer;
  let browser: Browser;
  let outDir: string;
  let admin: { email: string };
  let combinedInvoiceNumber = '';

  beforeAll(async () => {
    useGatewayForTests(createSandboxGateway({ webhookSecret: 'docs-test' }));
    [demo, browser] = await Promise.all([startDemoServer(writeDocs ? {} : { invoicesPerCustomer: 12 }), launchBrowser()]);
    outDir = writeDocs ? path.join(repoRoot, 'docs', 'screenshots') : await mkdtemp(path.join(os.tmpdir(), 'cashloop-screenshots-'));
    await mkdir(outDir, { recursive: true });
    admin = await createStaffUser(demo.admin, 'admin', 'Anna Admin');

    // A bank statement so the exception queue has something in it: clean payments, a short one, a combined one,
    // an overpayment, a known payer without a reference and a payer nobody knows.
    const open = (await demo.admin.ok('GET', '/v1/invoices?status=open&kind=invoice&limit=200')).data.filter((i: any) => i.currency === 'EUR');
    const customerNames = new Map<string, string>();
    for (const i of open.slice(0, 8)) customerNames.set(i.customerId, (await demo.admin.ok('GET', `/v1/customers/${i.customerId}`)).name);
    const [a, b, c, d, e, f, g] = open;
    combinedInvoiceNumber = d.number;
    const statement = camt053(`DEMO-${demo.today}`, demo.today, [
      { amount: euros(a.openMinor), name: customerNames.get(a.customerId)!, rf: a.creditorReference },
      { amount: euros(b.openMinor), name: customerNames.get(b.customerId)!, text: `Invoice ${b.number}` },
      { amount: euros(c.openMinor - 1_250), name: customerNames.get(c.customerId)!, text: `${c.number} less damaged goods` },
      { amount: euros(d.openMinor + e.openMinor), name: customerNames.get(d.customerId)!, text: `${d.number} ${e.number}` },
      { amount: euros(f.openMinor + 20_000), name: customerNames.get(f.customerId)!, text: `Rechnung ${f.number}` },
      { amount: '250.00', name: customerNames.get(g.customerId)!, text: 'Anzahlung' },
      { amount: '1480.00', name: 'H. Schmidt Bauservice', text: 'Abschlag Oktober' },
    ]);
    const response = await fetch(`${demo.baseUrl}/v1/bank-statements?fileName=demo-camt053.xml`, { method: 'POST', headers: { authorization: `Bearer ${demo.admin.key}`, 'content-type': 'application/octet-stream' }, body: statement });
    expect(response.status).toBe(201);
  }, 300_000);
  afterAll(async () => {
    useGatewayForTests(undefined);
    await browser?.close();
    await demo?.close();
  });

  async function shot(page: Page, name: string): Promise<void> {
    const file = path.join(outDir, `${name}.png`);
    await page.screenshot({ path: file, animations: 'disabled' });
    const size = (await stat(file)).size;
    expect(size, file).toBeGreaterThan(10_000);
    expect(size, `${file}: keep screenshots small enough to commit`).toBeLessThan(600_000);
  }

  it('takes screenshots of the dashboard, a customer, the exception queue and the portal', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'de-DE' });
    const page = await context.newPage();
    await signInToConsole(page, demo.baseUrl, admin.email);
    await dashboardDrawn(page);
    await shot(page, 'dashboard');

    const top = (await demo.admin.ok('GET', '/v1/worklist?limit=1')).data[0];
    await page.goto(`${demo.baseUrl}/customers/${top.customerId}`);
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    await page.locator('ol.timeline li').first().waitFor();
    await page.getByRole('heading', { name: 'Aging' }).waitFor();
    await page.waitForFunction(nothingLoading);
    await shot(page, 'customer');

    await page.goto(`${demo.baseUrl}/cash`);
    const queue = page.getByRole('table', { name: 'Exception queue' });
    await queue.getByRole('row').nth(2).waitFor();
    await shot(page, 'exception-queue');
    await queue.getByRole('row').filter({ hasText: combinedInvoiceNumber }).getByRole('link', { name: /Review/ }).click();
    await page.getByRole('heading', { name: 'What the engine found' }).waitFor();
    await page.getByRole('table', { name: 'Proposed allocations' }).getByRole('link').first().waitFor();
    await shot(page, 'exception');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${demo.baseUrl}/`);
    await dashboardDrawn(page);
    await shot(page, 'dashboard-390');
    await context.close();

    // The portal, as a customer contact on a phone-sized and a desktop window.
    const customer = await demo.admin.ok('GET', `/v1/customers/${top.customerId}`);
    const contact = customer.contacts[0].email as string;
    await demo.server.anonymous.post('/portal/sign-in-link', { tenantId: demo.tenantId, email: contact });
    const portal = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'de-DE' });
    const portalPage = await portal.newPage();
    await portalPage.goto(`${demo.baseUrl}${await portalSignInPath(demo, contact)}`);
    await portalPage.getByRole('heading', { name: 'Your invoices' }).waitFor();
    await portalPage.getByRole('table', { name: 'Invoices' }).getByRole('checkbox').nth(1).check();
    await portalPage.getByRole('table', { name: 'Invoices' }).getByRole('checkbox').nth(2).check();
    await shot(portalPage, 'portal');
    await portalPage.getByRole('button', { name: /^Pay 2 invoices/ }).click();
    await portalPage.getByLabel('Card number').fill('4242 4242 4242 4242');
    await shot(portalPage, 'portal-pay');
    await portal.close();
  }, 180_000);

  it('draws the dashboard; the time from navigation to both charts drawn is measured', async () => {
    const signedIn = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    await signInToConsole(await signedIn.newPage(), demo.baseUrl, admin.email);
    const storageState = await signedIn.storageState();
    await signedIn.close();

    /** One navigation in a fresh context (empty HTTP cache): ms since navigation start to the first figures and to all. */
    async function timeDashboard() {
      const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, storageState });
      const page = await context.newPage();
      await page.goto(`${demo.baseUrl}/`);
      await page.waitForFunction(markTime, 'cashloop:dashboard-drawn', { timeout: 120_000 });
      await dashboardDrawn(page);
      const firstFigures = (await page.evaluate(markTime, 'cashloop:dashboard-figures')) ?? 0;
      const full = (await page.evaluate(markTime, 'cashloop:dashboard-drawn')) ?? 0;
      await context.close();
      return { firstFigures, full };
    }

    const runs: { firstFigures: number; full: number }[] = [];
    for (let run = 0; run < timedRuns; run++) runs.push(await timeDashboard());
    const started = Date.now();
    await demo.admin.ok('GET', '/v1/analytics/kpis/trend?months=12');
    const trendApiMs = Date.now() - started;
    const report = { ...summarize(runs), trendApiMs };
    process.stdout.write(`dashboard timing: ${JSON.stringify(report)}\n`);
    expect(runs.every((r) => r.full >= r.firstFigures && r.firstFigures > 0)).toBe(true);
    if (writeDocs) await writeBenchmarkSection(report, browser.version());
  }, 600_000);
});

interface Timing {
  firstFigures: number[];
  full: number[];
  medianFirstFiguresMs: number;
  medianFullMs: number;
}

function summarize(runs: { firstFigures: number; full: number }[]): Timing {
  const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? 0;
  const firstFigures = runs.map((r) => Math.round(r.firstFigures));
  const full = runs.map((r) => Math.round(r.full));
  return { firstFigures, full, medianFirstFiguresMs: median(firstFigures), medianFullMs: median(full) };
}

async function writeBenchmarkSection(report: Timing & { trendApiMs: number }, chromiumVersion: string): Promise<void> {
  const file = path.join(repoRoot, 'BENCHMARKS.md');
  const cpus = os.cpus();
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const runs = (values: number[]) => values.map(seconds).join(', ');
  const section = `<!-- bench:console -->
## Web console: navigation to a fully drawn dashboard

Measured ${new Date().toISOString().slice(0, 10)} on ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version},
Chromium ${chromiumVersion} (headless, Debian), the full demo company (50 customers, 2,000 invoices over 12 months) on the embedded PGlite,
server and browser on the same machine. Command: \`npm run docs:screenshots\` (test/browser/docs-and-timing.test.ts). Each of ${report.full.length} runs opens
the dashboard, signed in, in a fresh browser context (empty HTTP cache) and reads, in ms since navigation start,
the console's User Timing marks: \`cashloop:dashboard-figures\` (tiles and the aging chart rendered) and \`cashloop:dashboard-drawn\`
(both charts drawn, the 12-month DSO line included, and every tile filled in).

| measure | median | each run |
|---|---|---|
| first figures: tiles and the aging chart | ${seconds(report.medianFirstFiguresMs)} | ${runs(report.firstFigures)} |
| fully drawn: every chart (12-month DSO line, aging, 13-week cash forecast) and tile | ${seconds(report.medianFullMs)} | ${runs(report.full)} |

\`GET /v1/analytics/kpis/trend?months=12\` alone, from Node: ${seconds(report.trendApiMs)}. Goal: under 2 s to fully drawn: ${report.medianFullMs < 2000 ? 'met' : 'not met'}.
<!-- /bench:console -->`;
  const current = await readFile(file, 'utf8');
  const pattern = /<!-- bench:console -->[\s\S]*?<!-- \/bench:console -->/;
  await writeFile(file, pattern.test(current) ? current.replace(pattern, section) : `${current.trimEnd()}\n\n${section}\n`);
}
