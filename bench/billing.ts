// npm run bench:billing [-- --invoices 100000] [-- --pglite-invoices 100000] [-- --customers 5000]
//   [-- --postgres postgres://postgres@127.0.0.1:5432/postgres] [-- --seed 20261130]
// A billing run: N invoices of 3 lines each over a few thousand customers (seeded generator), issued on one date through
// issueBillingRun (gapless numbers, RF references, totals, journal entries, invoice.issued events, invoice emails in the
// outbox, audit records; one transaction per 2,000 invoices), on PGlite and on a scratch PostgreSQL database. Next to
// it, on the same database, a plain multi-row INSERT of the same invoice and line rows (as drafts: no numbers, no
// journal, no events), in transactions of the same size: the ratio between the two is what issuing costs on top of
// storing the rows. Then the same run key again (it must issue nothing), and the books must reconcile.
// `npm run bench` runs it too (with --billing-invoices); the figures go to BENCHMARKS.md with the machine and the date.
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { resourceUsage } from 'node:process';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { insertRows } from '../src/db/bulk-insert.js';
import { migrateDatabase, openPglite, openPostgres, queryRows, type Database, type DatabaseHandle } from '../src/db/connection.js';
import { seededRandom } from '../src/kernel/seeded-random.js';
import { newId } from '../src/kernel/ids.js';
import { customers } from '../src/modules/customers/schema.js';
import type { Actor } from '../src/modules/identity/roles.js';
import { chunked, invoicesPerChunk, type BillingRunInvoiceInput } from '../src/modules/invoicing/billing-run.js';
import { priceInvoice } from '../src/modules/invoicing/invoice-totals.js';
import { invoiceLines, invoices } from '../src/modules/invoicing/schema.js';
import { issueBillingRun } from '../src/modules/invoicing/store.js';
import '../src/modules/notifications/service.js';
import { reconcileSubLedgers } from '../src/modules/reporting/service.js';
import { openTenant } from '../src/tenancy.js';

const issueDate = '2026-11-30';

export interface BillingBenchOptions {
  /** Invoices on PostgreSQL and on PGlite (0 skips that database). */
  readonly invoices: number;
  readonly pgliteInvoices: number;
  readonly customers: number;
  readonly seed: number;
  readonly postgres?: string | undefined;
}

/** Seeded invoices of 3 lines: a service, goods at a reduced rate with a discount now and then, and tax-free postage. */
export function generateBillingInputs(customerIds: readonly string[], count: number, seed: number): BillingRunInvoiceInput[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  return Array.from({ length: count }, (_, n) => ({
    customerId: pick(customerIds),
    lines: [
      { description: `Subscription, November (${n + 1})`, quantity: String(1 + Math.floor(random() * 20)), unitPriceMinor: 500 + Math.floor(random() * 50_000), taxRatePercent: '19' },
      { description: 'Printed manuals', quantity: (0.5 + Math.floor(random() * 40) / 4).toFixed(2), unitPriceMinor: 100 + Math.floor(random() * 5_000), taxRatePercent: '7', ...(random() < 0.3 ? { discountPercent: pick(['5', '10', '12.5']) } : {}) },
      { description: 'Postage', quantity: '1', unitPriceMinor: pick([450, 990, 1_290]), taxRatePercent: '0' },
    ],
  }));
}

/** A tenant with customers on varied terms; four in five take their invoices by email (the outbox is part of the run). */
async function billingTenant(db: Database, name: string, customerCount: number): Promise<{ tenant: { id: string; baseCurrency: string }; customerIds: string[] }> {
  const tenant = await openTenant(db, { name, baseCurrency: 'EUR', timeZone: 'UTC' }, 'bench');
  const rows = Array.from({ length: customerCount }, (_, n) => ({
    id: newId(),
    tenantId: tenant.id,
    name: `Customer ${String(n + 1).padStart(5, '0')} GmbH`,
    currency: 'EUR',
    paymentTermsDays: [14, 30, 45, 60][n % 4] as number,
    email: n % 5 === 4 ? null : `ap${n + 1}@customer.example`,
    language: n % 3 === 0 ? 'de' : 'en',
  }));
  await db.transaction(async (tx) => insertRows(tx, customers, rows));
  return { tenant, customerIds: rows.map((r) => r.id) };
}

/** The baseline: the same invoices and lines as draft rows, priced beforehand, inserted with multi-row statements. */
async function plainInsert(db: Database, tenantId: string, inputs: readonly BillingRunInvoiceInput[], customerIds: readonly string[]): Promise<number> {
  const terms = new Map(customerIds.map((id, n) => [id, [14, 30, 45, 60][n % 4] as number]));
  const prepared = inputs.map((input) => {
    const priced = priceInvoice(input.lines.map((l) => ({ ...l, unitPriceMinor: BigInt(l.unitPriceMinor) })), { taxRounding: 'line' });
    if (!priced.ok) throw new Error('generated invoice does not price');
    return { input, totals: priced.totals };
  });
  const started = performance.now();
  for (const chunk of chunked(prepared, invoicesPerChunk)) {
    const invoiceRows: (typeof invoices.$inferInsert)[] = [];
    const lineRows: (typeof invoiceLines.$inferInsert)[] = [];
    for (const { input, totals } of chunk) {
      const id = newId();
      const days = terms.get(input.customerId) ?? 30;
      invoiceRows.push({ id, tenantId, customerId: input.customerId, kind: 'invoice', status: 'draft', currency: 'EUR', paymentTerms: { due: { kind: 'net', days } }, pricesIncludeTax: false, paymentTermsDays: days, subtotalMinor: totals.subtotalMinor, taxMinor: totals.taxMinor, totalMinor: totals.totalMinor, openMinor: 0n, memo: null });
      totals.lines.forEach((l, position) =>
        lineRows.push({ id: newId(), tenantId, invoiceId: id, position, description: l.description, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor, taxRatePercent: l.taxRatePercent, discountPercent: l.discountPercent ?? '0', netMinor: l.netMinor, taxMinor: l.taxMinor }),
      );
    }
    await db.transaction(async (tx) => {
      await insertRows(tx, invoices, invoiceRows);
      await insertRows(tx, invoiceLines, lineRows);
    });
  }
  return performance.now() - started;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const perSecond = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString('en');

async function measure(label: string, handle: DatabaseHandle, count: number, options: BillingBenchOptions): Promise<{ row: string; invoicesPerSecond: number }> {
  const db = handle.db;
  process.stdout.write(`${label}: ${count.toLocaleString('en')} invoices over ${options.customers.toLocaleString('en')} customers\n`);
  const baseline = await billingTenant(db, 'Billing bench (plain insert)', options.customers);
  const billing = await billingTenant(db, 'Billing bench (billing run)', options.customers);
  const insertMs = await plainInsert(db, baseline.tenant.id, generateBillingInputs(baseline.customerIds, count, options.seed), baseline.customerIds);
  process.stdout.write(`${label}: plain insert ${seconds(insertMs)} (${perSecond(count, insertMs)} invoices/s)\n`);
  const inputs = generateBillingInputs(billing.customerIds, count, options.seed);
  const actor: Actor = { tenantId: billing.tenant.id, role: 'admin', label: 'bench' };
  const request = { runKey: `bench-${count}`, issueDate, invoices: inputs };
  let lastReport = performance.now();
  const started = performance.now();
  const run = await issueBillingRun(db, actor, request, {
    afterChunk: async (issued) => {
      if (performance.now() - lastReport < 10_000) return;
      lastReport = performance.now();
      process.stdout.write(`${label}: ${issued.toLocaleString('en')} issued, ${perSecond(issued, lastReport - started)} invoices/s\n`);
    },
  });
  const runMs = performance.now() - started;
  if (!run.ok) throw new Error(JSON.stringify(run.error));
  process.stdout.write(`${label}: billing run ${seconds(runMs)} (${perSecond(count, runMs)} invoices/s) ${JSON.stringify(run.value)}\n`);
  const againStarted = performance.now();
  const again = await issueBillingRun(db, actor, request);
  const againMs = performance.now() - againStarted;
  if (!again.ok || again.value.issued !== 0 || run.value.issued !== count) throw new Error(`not exactly once: ${JSON.stringify({ run, again })}`);
  const [counts] = await queryRows<{ invoices: number; distinct_numbers: number; max_number: string; lines: number; entries: number; emails: number }>(
    db,
    sql`select count(*)::int as invoices, count(distinct number)::int as distinct_numbers, max(number) as max_number,
               (select count(*)::int from invoice_lines where tenant_id = ${billing.tenant.id}) as lines,
               (select count(*)::int from journal_entries where tenant_id = ${billing.tenant.id}) as entries,
               (select count(*)::int from email_outbox where tenant_id = ${billing.tenant.id}) as emails
          from invoices where tenant_id = ${billing.tenant.id}`,
  );
  const expectedLast = `INV-${String(count).padStart(6, '0')}`;
  if (counts?.invoices !== count || counts.distinct_numbers !== count || counts.max_number !== expectedLast || counts.lines !== count * 3 || counts.entries !== count) {
    throw new Error(`billing run wrote the wrong rows: ${JSON.stringify(counts)}`);
  }
  const differences = await reconcileSubLedgers(db, billing.tenant, '2026-12-31');
  if (differences.length > 0) throw new Error(`the books disagree after the billing run: ${differences.length} differences`);
  process.stdout.write(`${label}: same key again ${seconds(againMs)}; ${counts.emails.toLocaleString('en')} emails in the outbox; books reconcile\n`);
  const row = `| ${label} | ${count.toLocaleString('en')} | ${seconds(runMs)} | **${perSecond(count, runMs)}** | ${seconds(insertMs)} | ${perSecond(count, insertMs)} | ${(runMs / insertMs).toFixed(1)} × | ${seconds(againMs)} | ${counts.emails.toLocaleString('en')} |`;
  return { row, invoicesPerSecond: count / (runMs / 1000) };
}

/** Runs the benchmark on the databases asked for and writes its section of BENCHMARKS.md. */
export async function runBillingBenchmark(options: BillingBenchOptions): Promise<string> {
  const loadAtStart = loadavg()[0] ?? 0;
  const rows: string[] = [];
  const notes: string[] = [];
  if (options.pgliteInvoices > 0) {
    const handle = await openPglite();
    await migrateDatabase(handle);
    try {
      const measured = await measure('PGlite', handle, options.pgliteInvoices, options);
      rows.push(measured.row);
      if (options.pgliteInvoices < options.invoices) {
        const minutes = options.invoices / measured.invoicesPerSecond / 60;
        notes.push(`PGlite was measured at ${options.pgliteInvoices.toLocaleString('en')} invoices: at its rate above, ${options.invoices.toLocaleString('en')} would take about ${minutes.toFixed(0)} minutes on this machine.`);
      }
    } finally {
      await handle.close();
    }
  }
  if (options.postgres && options.invoices > 0) {
    const admin = new pg.Client({ connectionString: options.postgres });
    await admin.connect();
    const serverVersion = ((await admin.query<{ server_version: string }>('show server_version')).rows[0]?.server_version ?? '').split(' ')[0] ?? '';
    const scratch = `cashloop_bench_billing_${process.pid}`;
    const url = new URL(options.postgres);
    url.pathname = `/${scratch}`;
    await admin.query(`drop database if exists ${scratch} with (force)`);
    await admin.query(`create database ${scratch}`);
    try {
      const handle = await openPostgres(url.toString());
      await migrateDatabase(handle, url.toString());
      try {
        rows.push((await measure(`PostgreSQL ${serverVersion}`, handle, options.invoices, options)).row);
      } finally {
        await handle.close();
      }
    } finally {
      await admin.query(`drop database if exists ${scratch} with (force)`);
      await admin.end();
    }
  }
  const peakRssMiB = Math.round(resourceUsage().maxRSS / 1024);
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  const section = [
    '<!-- bench:billing -->',
    '## Billing run',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}. Invoices of 3 lines (19 %, 7 % with an occasional line discount, 0 %) over`,
    `${options.customers.toLocaleString('en')} customers (four in five take invoices by email), seed ${options.seed}, issued on ${issueDate} by one billing run: gapless numbers`,
    'taken per chunk under the series lock, RF references, terms, totals, journal entries, `invoice.issued` events, invoice emails in the outbox',
    `and audit records, ${invoicesPerChunk.toLocaleString('en')} invoices per transaction. The plain insert writes the same invoice and line rows (as drafts: no numbers,`,
    'journal, events, emails or audit) with the same multi-row statements and transaction size, on the same database: the ratio is what issuing',
    'costs on top of storing the rows. "Same key again" is the run repeated under its key, which must (and did) issue nothing; the books reconcile afterwards.',
    `Peak RSS of the process ${peakRssMiB} MiB. Load average (1 min) ${loadAtStart.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end, on ${cpus().length} cores: above that count, other processes shared the CPUs and the figures are low.`,
    ...notes,
    `Reproduce: \`npm run bench:billing -- --invoices ${options.invoices} --pglite-invoices ${options.pgliteInvoices} --customers ${options.customers}${options.postgres ? ` --postgres ${options.postgres}` : ''}\`.`,
    '',
    '| database | invoices | billing run | invoices/s | plain insert | invoices/s | ratio | same key again | emails queued |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '<!-- /bench:billing -->',
  ].join('\n');
  const benchmarks = new URL('../BENCHMARKS.md', import.meta.url);
  const existing = await readFile(benchmarks, 'utf8').catch(() => '# Benchmarks\n\nSpeed targets live here, never in unit tests. Each section says how to reproduce it.\n');
  const marker = /<!-- bench:billing -->[\s\S]*<!-- \/bench:billing -->/;
  await writeFile(benchmarks, marker.test(existing) ? existing.replace(marker, section) : `${existing.trimEnd()}\n\n${section}\n`);
  return section;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      invoices: { type: 'string', default: '100000' },
      'pglite-invoices': { type: 'string' },
      customers: { type: 'string', default: '5000' },
      postgres: { type: 'string' },
      seed: { type: 'string', default: '20261130' },
    },
  });
  const section = await runBillingBenchmark({
    invoices: Number(values.invoices),
    pgliteInvoices: Number(values['pglite-invoices'] ?? values.invoices),
    customers: Number(values.customers),
    seed: Number(values.seed),
    postgres: values.postgres,
  });
  process.stdout.write(`${section}\n`);
}
