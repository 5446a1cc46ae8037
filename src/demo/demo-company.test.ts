import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../db/connection.js';
import { trialBalance } from '../modules/ledger/service.js';
import { agingReport, reconcileSubLedgers } from '../modules/reporting/service.js';
import { cashForecast } from '../modules/analytics/service.js';
import { openTestDatabase } from '../../test/support/database.js';
import { demoTenantName, loadDemoCompany } from './demo-company.js';

describe('the demo company', () => {
  it('has about 50 customers and 2,000 invoices over a year, something in every aging bucket, and books that agree', async () => {
    const database = await openTestDatabase();
    try {
      const { tenant, adminKey } = await loadDemoCompany(database.db, { today: '2026-11-24' });
      expect(tenant).toMatchObject({ name: demoTenantName, isDemo: true });
      expect(adminKey).toMatch(/^cl_/);
      const [counts] = await queryRows<{ customers: number; invoices: number; payments: number; first: string; last: string }>(
        database.db,
        sql`select (select count(*)::int from customers where tenant_id = ${tenant.id}) as customers,
                   (select count(*)::int from invoices where tenant_id = ${tenant.id} and kind = 'invoice') as invoices,
                   (select count(*)::int from payments where tenant_id = ${tenant.id}) as payments,
                   (select min(issue_date)::text from invoices where tenant_id = ${tenant.id}) as first,
                   (select max(issue_date)::text from invoices where tenant_id = ${tenant.id}) as last`,
      );
      expect(counts).toMatchObject({ customers: 50, invoices: 2_000 });
      expect(counts!.payments).toBeGreaterThan(1_500);
      expect(counts!.first >= '2025-11-25' && counts!.last <= '2026-11-24').toBe(true);
      // Paid invoices are settled by their payments (the partial payers' in two), each payment referencing its invoice.
      const [settled] = await queryRows<{ paid: number; unsettled: number; twice: number; misreferenced: number; overpaid: number }>(
        database.db,
        sql`select (select count(*)::int from invoices where tenant_id = ${tenant.id} and kind = 'invoice' and status = 'paid') as paid,
                   (select count(*)::int from invoices i where tenant_id = ${tenant.id} and kind = 'invoice' and status = 'paid'
                      and (settled_on is null or settled_on <> (select max(a.applied_on) from allocations a where a.invoice_id = i.id))) as unsettled,
                   (select count(*)::int from (select invoice_id from allocations where tenant_id = ${tenant.id} and payment_id is not null
                      group by invoice_id having count(*) = 2) t) as twice,
                   (select count(*)::int from allocations a join payments p on p.id = a.payment_id join invoices i on i.id = a.invoice_id
                     where a.tenant_id = ${tenant.id} and p.reference is distinct from i.number) as misreferenced,
                   (select count(*)::int from payments where tenant_id = ${tenant.id} and unapplied_minor > 0) as overpaid`,
      );
      expect(settled!.paid).toBeGreaterThan(1_400);
      expect(settled).toMatchObject({ unsettled: 0, misreferenced: 0 });
      expect(settled!.twice).toBeGreaterThan(0);
      expect(settled!.overpaid).toBeGreaterThan(0);
      const aging = await agingReport(database.db, tenant, '2026-11-24');
      const eur = aging.totalsByCurrency.find((t) => t.currency === 'EUR')!;
      for (const bucket of eur.bucketsMinor) expect(bucket).toBeGreaterThan(0n);
      expect(aging.totalsByCurrency.map((t) => t.currency)).toEqual(['EUR', 'USD']);
      for (const asOf of ['2026-11-24', '2026-06-30', '2026-01-31']) expect(await reconcileSubLedgers(database.db, tenant, asOf)).toEqual([]);
      for (const t of (await trialBalance(database.db, tenant.id, '2026-11-24')).totals) expect(t.debitMinor).toBe(t.creditMinor);
      // Numbers follow the calendar, as in a real book.
      const numbers = await queryRows<{ number: string }>(database.db, sql`select number from invoices where tenant_id = ${tenant.id} and kind = 'invoice' order by issue_date, number`);
      expect(numbers.map((n) => n.number)).toEqual([...numbers.map((n) => n.number)].sort());
      // Enough history for the payment model: the forecast uses it, stores it, and reuses it the next day.
      const forecast = await cashForecast(database.db, tenant.id, 'EUR', '2026-11-24');
      expect(forecast.method).toMatch(/^payment model trained on \d+ settled invoices as of 2026-11-24$/);
      const openEur = eur.openInvoicesMinor;
      expect(forecast.days.reduce((s, d) => s + d.totalMinor, 0n) + forecast.beyondHorizonMinor).toBe(openEur);
      const nextDay = await cashForecast(database.db, tenant.id, 'EUR', '2026-11-25');
      expect(nextDay.method).toMatch(/as of 2026-11-24$/);
    } finally {
      await database.close();
    }
  }, 180_000);

  it('loads the same book every time', async () => {
    const totals = [];
    for (let i = 0; i < 2; i++) {
      const database = await openTestDatabase();
      try {
        const { tenant } = await loadDemoCompany(database.db, { today: '2026-11-24', invoicesPerCustomer: 3 });
        totals.push(JSON.stringify((await agingReport(database.db, tenant, '2026-11-24')).totalsByCurrency, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
      } finally {
        await database.close();
      }
    }
    expect(totals[0]).toBe(totals[1]);
  });
});
