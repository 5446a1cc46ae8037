import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDays } from '../src/automation/run-day.js';
import { taskLeaseMs } from '../src/automation/run-day.js';
import { queryRows } from '../src/db/connection.js';
import { sql } from 'drizzle-orm';
import { expectBooksAgree, startTestServer, type TestServer, type TestTenant } from './support/api.js';
import { onPostgresServer } from './support/database.js';

let server: TestServer;
let company: TestTenant;
const contracts = 25;
const periods = 5;

beforeAll(async () => {
  server = await startTestServer();
  company = await server.createTenant({ name: 'Subscriptions AG' });
  const api = company.admin;
  const product = await api.ok('POST', '/v1/products', { sku: 'SAAS', name: 'Platform subscription', unit: 'month', kind: 'service', defaultTaxRatePercent: '19', prices: [{ currency: 'EUR', unitPriceMinor: 4_900 }] });
  for (let i = 0; i < contracts; i++) {
    const customer = await api.ok('POST', '/v1/customers', { name: `Subscriber ${i}`, currency: 'EUR' });
    const order = await api.ok('POST', '/v1/orders', {
      customerId: customer.id,
      orderDate: '2026-01-01',
      billingPolicy: 'recurring',
      recurrence: { interval: 'monthly', startDate: `2026-01-${String(1 + (i % 28)).padStart(2, '0')}`, endDate: '2026-05-28' },
      lines: [{ productId: product.id, quantity: '1' }],
    });
    await api.ok('POST', `/v1/orders/${order.id}/submit`, { asOf: '2026-01-01' });
    await api.ok('POST', `/v1/orders/${order.id}/confirm`, { asOf: '2026-01-01' });
  }
});
afterAll(async () => server?.close());

async function billingCount(): Promise<number> {
  const [row] = await queryRows<{ n: number }>(server.database.db, sql`select count(*)::int as n from order_billings`);
  return row?.n ?? 0;
}

describe('the daily run, killed in the middle', () => {
  it.skipIf(!onPostgresServer())(
    'completes six months of days without a duplicate or a gap after the process running it is killed with SIGKILL',
    async () => {
      const child = spawn(process.execPath, ['bin/cashloop.js', 'run-day', '--as-of', '2026-01-01', '--to', '2026-06-30', '--tenant', company.tenant.id], {
        env: { ...process.env, DATABASE_URL: server.database.url },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      // Kill it once it has billed some periods but not all.
      const deadline = Date.now() + 60_000;
      while ((await billingCount()) < 40 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      child.kill('SIGKILL');
      await exited;
      const atKill = await billingCount();
      expect(atKill, stderr).toBeGreaterThan(0);
      expect(atKill).toBeLessThan(contracts * periods);

      // Its claim on the day it was working on lapses with its lease; the next run finishes the job.
      const later = () => new Date(Date.now() + taskLeaseMs + 1_000);
      await runDays(server.database.db, company.tenant.id, '2026-01-01', '2026-06-30', { now: later });
      const rows = await queryRows<{ order_id: string; n: number; distinct_keys: number }>(
        server.database.db,
        sql`select order_id::text, count(*)::int as n, count(distinct billing_key)::int as distinct_keys from order_billings group by order_id`,
      );
      expect(rows).toHaveLength(contracts);
      for (const r of rows) expect([r.n, r.distinct_keys]).toEqual([periods, periods]);
      const invoices = await company.admin.ok('GET', '/v1/invoices?limit=100');
      expect(invoices.nextCursor).not.toBeNull();
      await expectBooksAgree(company.admin, ['2026-03-31', '2026-06-30']);
    },
    // Six months of daily runs, each with every task of the day (billing, autopay, fees, collections, forecast, risk,
    // recommendations, digest): a minute or more on a busy machine.
    240_000,
  );

  it.skipIf(onPostgresServer())('is exercised with a real process kill on PostgreSQL only', () => {
    console.info('skipped on PGlite: the embedded database is one process and one session; run with TEST_DATABASE_URL to kill a worker mid-run');
  });
});
