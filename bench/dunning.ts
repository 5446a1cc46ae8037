// npm run bench:dunning [-- --customers 100000] [-- --pglite-customers 20000] [-- --postgres postgres://postgres@127.0.0.1:5432/postgres]
// The day's dunning for one tenant whose customers each have 1 to 3 overdue invoices (issued, with their postings):
// one consolidated notice per customer and its email in the outbox, in transactions of 500 customers. Reports customers
// per second for the first run and for the same date run again (what a restarted or duplicate worker costs), checks
// the result is exactly once, and writes the figures to BENCHMARKS.md with the machine and the date.
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { resourceUsage } from 'node:process';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { migrateDatabase, openPglite, openPostgres, queryRows, type DatabaseHandle } from '../src/db/connection.js';
import { runDunning } from '../src/modules/collections/service.js';
import { generateOverdueBook } from '../test/support/overdue-book.js';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '100000' },
    'pglite-customers': { type: 'string', default: '20000' },
    postgres: { type: 'string' },
  },
});
// A Wednesday: the default policy sends nothing on weekends.
const asOf = '2026-03-04';
const rows: string[] = [];
// Other work on the machine skews the figures: the 1-minute load average is recorded with them.
const loadAtStart = loadavg()[0] ?? 0;

async function time<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const perSecond = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString('en');

async function measure(label: string, database: DatabaseHandle, customers: number) {
  process.stdout.write(`${label}: generating ${customers.toLocaleString('en')} customers\n`);
  const [book, generateMs] = await time(() => generateOverdueBook(database.db, { customers, asOf, withoutEmailEvery: 10, doNotDunEvery: 25, tenantName: 'Dunning bench', actorLabel: 'bench' }));
  process.stdout.write(`${label}: ${book.invoices.toLocaleString('en')} invoices in ${seconds(generateMs)}; dunning\n`);
  const [first, firstMs] = await time(() => runDunning(database.db, book.tenant.id, asOf));
  process.stdout.write(`${label}: first run ${seconds(firstMs)} ${JSON.stringify(first)}; again\n`);
  const [again, againMs] = await time(() => runDunning(database.db, book.tenant.id, asOf));
  process.stdout.write(`${label}: same date again ${seconds(againMs)} ${JSON.stringify(again)}\n`);
  const [counts] = await queryRows<{ notices: number; customers: number; emails: number }>(
    database.db,
    sql`select (select count(*)::int from dunning_notices where tenant_id = ${book.tenant.id} and as_of = ${asOf}) as notices,
               (select count(distinct customer_id)::int from dunning_notices where tenant_id = ${book.tenant.id} and as_of = ${asOf}) as customers,
               (select count(*)::int from email_outbox where tenant_id = ${book.tenant.id} and dedupe_key like 'dunning:%') as emails`,
  );
  if (counts?.notices !== book.expectedNotices || counts.customers !== book.expectedNotices || counts.emails !== book.expectedEmails || first.noticesSent !== book.expectedNotices || again.noticesSent !== 0) {
    throw new Error(`not exactly once: ${JSON.stringify({ counts, expected: book, first, again })}`);
  }
  const considered = Number(first.customersConsidered);
  rows.push(
    `| ${label} | ${considered.toLocaleString('en')} | ${book.invoices.toLocaleString('en')} | ${seconds(generateMs)} | ${seconds(firstMs)} | ${perSecond(considered, firstMs)} | ${perSecond(book.expectedNotices, firstMs)} | ${seconds(againMs)} (${perSecond(considered, againMs)} customers/s) | ${counts.notices.toLocaleString('en')} / ${counts.emails.toLocaleString('en')} |`,
  );
}

const pgliteCustomers = Number(values['pglite-customers']);
if (pgliteCustomers > 0) {
  const handle = await openPglite();
  await migrateDatabase(handle);
  await measure('PGlite', handle, pgliteCustomers);
  await handle.close();
}

if (values.postgres) {
  const admin = new pg.Client({ connectionString: values.postgres });
  await admin.connect();
  const serverVersion = ((await admin.query<{ server_version: string }>('show server_version')).rows[0]?.server_version ?? '').split(' ')[0] ?? '';
  const scratch = `cashloop_bench_dunning_${process.pid}`;
  const url = new URL(values.postgres);
  url.pathname = `/${scratch}`;
  await admin.query(`drop database if exists ${scratch} with (force)`);
  await admin.query(`create database ${scratch}`);
  try {
    const handle = await openPostgres(url.toString());
    await migrateDatabase(handle, url.toString());
    await measure(`PostgreSQL ${serverVersion}`, handle, Number(values.customers));
    await handle.close();
  } finally {
    await admin.query(`drop database if exists ${scratch} with (force)`);
    await admin.end();
  }
}

const peakRssMiB = Math.round(resourceUsage().maxRSS / 1024);
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const section = [
  '<!-- bench:dunning -->',
  '## Daily dunning run',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}. One tenant; every customer has 1 to 3 issued invoices 1 to 60 days`,
  `overdue on ${asOf} and has never been dunned, so each is decided and (but every 25th, do-not-dun) gets one level-1 notice: an email in the`,
  'outbox, or a letter for every 10th customer, who has no address. The same date run again decides everyone once more and writes nothing.',
  `Peak RSS of the process ${peakRssMiB} MiB. Load average (1 min) ${loadAtStart.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end, on ${cpus().length} cores: above that count, other processes shared the CPUs and the figures are low.`,
  `Reproduce: \`npm run bench:dunning -- --customers ${values.customers} --pglite-customers ${values['pglite-customers']}${values.postgres ? ` --postgres ${values.postgres}` : ''}\`.`,
  '',
  '| database | customers | invoices | generate | dunning run | customers/s | notices/s | same date again | notices / emails |',
  '|---|---:|---:|---:|---:|---:|---:|---|---|',
  ...rows,
  '<!-- /bench:dunning -->',
].join('\n');
const benchmarks = new URL('../BENCHMARKS.md', import.meta.url);
const existing = await readFile(benchmarks, 'utf8').catch(() => '# Benchmarks\n\nSpeed targets live here, never in unit tests. Each section says how to reproduce it.\n');
const marker = /<!-- bench:dunning -->[\s\S]*<!-- \/bench:dunning -->/;
await writeFile(benchmarks, marker.test(existing) ? existing.replace(marker, section) : `${existing.trimEnd()}\n\n${section}\n`);
process.stdout.write(`${section}\n`);
