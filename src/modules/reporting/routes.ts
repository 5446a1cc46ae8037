import { z } from 'zod';
import type { Database } from '../../db/connection.js';
import { actorOf, businessDate, minorToJson, type CashloopApp } from '../../http/conventions.js';
import { DomainFailure } from '../../kernel/result.js';
import { findTenant } from '../identity/service.js';
import { tenantToday } from '../identity/service.js';
import { maxAgingBoundaries } from './aging-buckets.js';
import { agingReport, reconcileSubLedgers } from './service.js';

const agingAmounts = {
  currency: z.string(),
  buckets: z.record(z.string(), z.number().int()),
  openInvoicesMinor: z.number().int(),
  notYetDueMinor: z.number().int().describe('The part of the open invoices not yet due on asOf'),
  unappliedCashMinor: z.number().int(),
  unappliedCreditsMinor: z.number().int(),
  balanceMinor: z.number().int(),
};

export function registerReportRoutes(app: CashloopApp, db: Database): void {
  const tags = ['reports'];

  app.get('/v1/reports/aging', {
    schema: {
      tags,
      summary: 'Aged receivables as of any date, per customer and per currency',
      description:
        'Open invoice amounts by days past due on `asOf` (asOf − due date): current (not yet due), then one bucket per boundary ' +
        '(default 30,60,90: 1-30, 31-60, 61-90, over 90). An invoice counts if issued on or before asOf, for its total less what was ' +
        'applied to it on or before asOf, so past dates show what was open then. Buckets add up to openInvoicesMinor; unapplied ' +
        'cash and unused credit notes are shown in their own columns; balanceMinor = open invoices − unapplied cash − unapplied credits. ' +
        'Totals are per currency, the tenant currency first.',
      querystring: z.object({
        asOf: businessDate.optional(),
        boundaries: z
          .string()
          .regex(/^\d{1,4}(,\d{1,4}){0,11}$/, 'comma-separated increasing day counts, e.g. 30,60,90')
          .optional()
          .describe(`Bucket upper bounds in days past due, up to ${maxAgingBoundaries}`),
        customerId: z.uuid().optional(),
        basis: z.enum(['due_date', 'invoice_date']).default('due_date').describe('Age by days past the due date (default) or by days since the invoice date'),
      }),
      response: {
        200: z.object({
          asOf: z.string(),
          tenantCurrency: z.string(),
          basis: z.enum(['due_date', 'invoice_date']),
          buckets: z.array(z.object({ key: z.string(), label: z.string(), fromDays: z.number().int().nullable(), toDays: z.number().int().nullable() })),
          customers: z.array(z.object({ customerId: z.uuid(), customerName: z.string(), ...agingAmounts })),
          totalsByCurrency: z.array(z.object(agingAmounts)),
        }),
      },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const tenant = await findTenant(db, actor.tenantId);
      if (!tenant) throw new DomainFailure({ code: 'not_found', message: 'no tenant' });
      const asOf = request.query.asOf ?? (await tenantToday(db, actor.tenantId));
      let boundaries: number[] | undefined;
      if (request.query.boundaries) {
        boundaries = request.query.boundaries.split(',').map(Number);
        if (boundaries.some((b, i) => b < 1 || (i > 0 && b <= (boundaries?.[i - 1] ?? 0)))) {
          throw new DomainFailure({ code: 'validation_failed', message: 'invalid boundaries', fieldErrors: [{ pointer: '/querystring/boundaries', detail: 'increasing whole numbers of days, 1 or more' }] });
        }
      }
      const report = await agingReport(db, tenant, asOf, { boundaries, customerId: request.query.customerId, basis: request.query.basis });
      const amounts = (l: (typeof report.totalsByCurrency)[number]) => ({
        currency: l.currency,
        buckets: Object.fromEntries(report.buckets.map((b, i) => [b.key, minorToJson(l.bucketsMinor[i] ?? 0n)])),
        openInvoicesMinor: minorToJson(l.openInvoicesMinor),
        notYetDueMinor: minorToJson(l.notYetDueMinor),
        unappliedCashMinor: minorToJson(l.unappliedCashMinor),
        unappliedCreditsMinor: minorToJson(l.unappliedCreditsMinor),
        balanceMinor: minorToJson(l.balanceMinor),
      });
      return {
        asOf,
        tenantCurrency: report.tenantCurrency,
        basis: report.basis,
        buckets: report.buckets,
        customers: report.customers.map((c) => ({ customerId: c.customerId, customerName: c.customerName, ...amounts(c) })),
        totalsByCurrency: report.totalsByCurrency.map(amounts),
      };
    },
  });

  app.get('/v1/ledger/reconciliation', {
    schema: {
      tags: ['ledger'],
      summary: 'Checks the sub-ledgers against the ledger as of a date: AR control = open items, unapplied cash = unallocated payments',
      querystring: z.object({ asOf: businessDate.optional() }),
      response: {
        200: z.object({
          asOf: z.string(),
          agrees: z.boolean(),
          differences: z.array(
            z.object({ check: z.string(), customerId: z.uuid().nullable(), currency: z.string(), ledgerMinor: z.number().int(), subLedgerMinor: z.number().int() }),
          ),
        }),
      },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const tenant = await findTenant(db, actor.tenantId);
      if (!tenant) throw new DomainFailure({ code: 'not_found', message: 'no tenant' });
      const asOf = request.query.asOf ?? (await tenantToday(db, actor.tenantId));
      const differences = await reconcileSubLedgers(db, tenant, asOf);
      return {
        asOf,
        agrees: differences.length === 0,
        differences: differences.map((d) => ({ ...d, ledgerMinor: minorToJson(d.ledgerMinor), subLedgerMinor: minorToJson(d.subLedgerMinor) })),
      };
    },
  });
}
