// npm run bench:import [-- --rows 1000000] [-- --pglite-rows 200000] [-- --postgres postgres://postgres@127.0.0.1:5432/postgres]
// Reviews and commits a large open-invoices CSV (opening balances) through the import service, streaming from disk,
// and reports rows per second and the peak resident memory; writes the figures to BENCHMARKS.md.
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { migrateDatabase, openPglite, openPostgres, type DatabaseHandle } from '../src/db/connection.js';
import { commitImport, reviewImport } from '../src/modules/imports/service.js';
import { reconcileSubLedgers } from '../src/modules/reporting/service.js';
import { openTenant } from '../src/tenancy.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, 'pglite-rows': { type: 'string', default: '200000' }, postgres: { type: 'string' } } });
const dir = await mkdtemp(path.join(tmpdir(), 'cashloop-import-bench-'));
const customerCount = 10_000;
const results: string[] = [];

async function writeFiles(rows: number) {
  const customersPath = path.join(dir, 'customers.csv');
  const lines = ['external_ref,name,currency,payment_terms_days'];
  for (let i = 0; i < customerCount; i++) lines.push(`K-${i},Legacy customer ${i},EUR,30`);
  await writeFile(customersPath, `${lines.join('\n')}\n`);
  const invoicesPath = path.join(dir, `open-invoices-${rows}.csv`);
  const chunks: string[] = ['customer_external_ref,invoice_number,issue_date,due_date,currency,open_amount\n'];
  for (let i = 0; i < rows; i++) {
    const day = 1 + (i % 28);
    const month = 1 + (i % 10);
    chunks.push(`K-${i % customerCount},L-${i},2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')},2026-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')},EUR,${100 + (i % 9000)}.${String(i % 100).padStart(2, '0')}\n`);
  }
  await writeFile(invoicesPath, chunks.join(''));
  return { customersPath, invoicesPath };
}

async function measure(label: string, rows: number, open: () => Promise<DatabaseHandle>) {
  const { customersPath, invoicesPath } = await writeFiles(rows);
  const database = await open();
  const tenant = await openTenant(database.db, { name: 'Import bench', baseCurrency: 'EUR', timeZone: 'UTC' }, 'bench');
  const actor = { tenantId: tenant.id, role: 'admin' as const, label: 'bench' };
  const customersReview = await reviewImport(database.db, actor, 'customers', createReadStream(customersPath), 'customers.csv');
  if (!customersReview.ok) throw new Error(customersReview.error.message);
  await commitImport(database.db, actor, customersReview.value.batchId, createReadStream(customersPath));

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const baseRss = process.memoryUsage().rss;
  let started = performance.now();
  const review = await reviewImport(database.db, actor, 'open_invoices', createReadStream(invoicesPath), 'open-invoices.csv');
  const reviewSeconds = (performance.now() - started) / 1000;
  if (!review.ok || review.value.acceptedCount !== rows) throw new Error(`review failed: ${JSON.stringify(review)}`);
  started = performance.now();
  const commit = await commitImport(database.db, actor, review.value.batchId, createReadStream(invoicesPath));
  const commitSeconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  if (!commit.ok || commit.value.imported !== rows) throw new Error(`commit failed: ${JSON.stringify(commit)}`);
  const differences = await reconcileSubLedgers(database.db, tenant, '2026-12-31');
  if (differences.length > 0) throw new Error('imported balances do not reconcile');
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  results.push(`| ${label} | ${rows.toLocaleString('en')} | ${Math.round(rows / reviewSeconds).toLocaleString('en')} rows/s (${reviewSeconds.toFixed(1)} s) | ${Math.round(rows / commitSeconds).toLocaleString('en')} rows/s (${commitSeconds.toFixed(1)} s) | ${mib(peakRss)} (start ${mib(baseRss)}) |`);
  process.stdout.write(`${results.at(-1)}\n`);
  await database.close();
}

try {
  await measure('PGlite', Number(values['pglite-rows']), async () => {
    const handle = await openPglite();
    await migrateDatabase(handle);
    return handle;
  });
  if (values.postgres) {
    const admin = new pg.Client({ connectionString: values.postgres });
    await admin.connect();
    const scratch = `cashloop_import_bench_${process.pid}`;
    const url = new URL(values.postgres);
    url.pathname = `/${scratch}`;
    try {
      await measure('PostgreSQL 15', Number(values.rows), async () => {
        await admin.query(`create database ${scratch}`);
        const handle = await openPostgres(url.toString());
        await migrateDatabase(handle, url.toString());
        return handle;
      });
    } finally {
      await admin.query(`drop database if exists ${scratch} with (force)`);
      await admin.end();
    }
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}

const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const section = [
  '<!-- bench:import -->',
  '## Bulk import of opening balances (open invoices CSV)',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}. The file streams from disk through review (every row checked, duplicates`,
  'within the file and against the database) and commit (one transaction, 2,000-row chunks, journal entries per issue date).',
  `Reproduce: \`npm run bench:import -- --rows ${values.rows} --pglite-rows ${values['pglite-rows']}${values.postgres ? ` --postgres ${values.postgres}` : ''}\`.`,
  '',
  '| database | rows | review | commit | peak RSS of the process |',
  '|---|---|---|---|---|',
  ...results,
  '<!-- /bench:import -->',
].join('\n');
const benchmarks = new URL('../BENCHMARKS.md', import.meta.url);
const existing = await readFile(benchmarks, 'utf8').catch(() => '# Benchmarks\n\nSpeed targets live here, never in unit tests. Each section says how to reproduce it.\n');
const marker = /<!-- bench:import -->[\s\S]*<!-- \/bench:import -->/;
await writeFile(benchmarks, marker.test(existing) ? existing.replace(marker, section) : `${existing.trimEnd()}\n\n${section}\n`);
process.stdout.write(`${section}\n`);
