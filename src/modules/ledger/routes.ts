import { z } from 'zod';
import type { Database } from '../../db/connection.js';
import {
  actorOf,
  businessDate,
  currencyCode,
  decodeCursor,
  minorToJson,
  nonNegativeAmountMinor,
  pageOf,
  pageQuery,
  pageSchema,
  requireRole,
  unwrap,
  type CashloopApp,
} from '../../http/conventions.js';
import { tenantToday } from '../identity/service.js';
import { listAccounts, loadEntries, postManualJournalEntry, trialBalance, type JournalEntryView } from './service.js';
import { listExchangeRates, saveExchangeRate } from './store.js';
import { exchangeRateText } from '../../http/conventions.js';

const journalEntryView = z.object({
  id: z.uuid(),
  entryDate: z.string(),
  description: z.string(),
  sourceType: z.string(),
  sourceId: z.uuid(),
  lines: z.array(
    z.object({
      accountCode: z.string(),
      accountName: z.string(),
      currency: z.string(),
      debitMinor: z.number().int(),
      creditMinor: z.number().int(),
      baseDebitMinor: z.number().int().describe('In the base currency (equal to debitMinor for base-currency lines)'),
      baseCreditMinor: z.number().int(),
      customerId: z.uuid().nullable(),
    }),
  ),
});

const toEntryView = (e: JournalEntryView) => ({
  ...e,
  lines: e.lines.map((l) => ({
    ...l,
    debitMinor: minorToJson(l.debitMinor),
    creditMinor: minorToJson(l.creditMinor),
    baseDebitMinor: minorToJson(l.baseDebitMinor),
    baseCreditMinor: minorToJson(l.baseCreditMinor),
  })),
});

export function registerLedgerRoutes(app: CashloopApp, db: Database): void {
  const tags = ['ledger'];

  app.get('/v1/ledger/accounts', {
    schema: {
      tags,
      summary: 'The chart of accounts',
      response: { 200: z.object({ data: z.array(z.object({ code: z.string(), name: z.string(), type: z.string(), purpose: z.string().nullable() })) }) },
    },
    handler: async (request) => ({
      data: (await listAccounts(db, actorOf(request).tenantId)).map((a) => ({ code: a.code, name: a.name, type: a.type, purpose: a.purpose })),
    }),
  });

  app.get('/v1/ledger/trial-balance', {
    schema: {
      tags,
      summary: 'Trial balance as of a date: per account and currency, debits, credits and balance; total debits equal total credits',
      querystring: z.object({ asOf: businessDate.optional() }),
      response: {
        200: z.object({
          asOf: z.string(),
          rows: z.array(
            z.object({
              accountCode: z.string(),
              accountName: z.string(),
              accountType: z.string(),
              currency: z.string(),
              debitMinor: z.number().int(),
              creditMinor: z.number().int(),
              balanceMinor: z.number().int(),
              baseDebitMinor: z.number().int().describe('The same debits in the base currency'),
              baseCreditMinor: z.number().int(),
              baseBalanceMinor: z.number().int(),
            }),
          ),
          totals: z.array(z.object({ currency: z.string(), debitMinor: z.number().int(), creditMinor: z.number().int() })),
          baseTotals: z.object({ currency: z.string(), debitMinor: z.number().int(), creditMinor: z.number().int() }).describe('The whole ledger in the base currency: foreign-currency lines at the rates they were booked at, and realised exchange differences'),
          balanced: z.boolean(),
        }),
      },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const asOf = request.query.asOf ?? (await tenantToday(db, actor.tenantId));
      const tb = await trialBalance(db, actor.tenantId, asOf);
      return {
        asOf,
        rows: tb.rows.map((r) => ({
          ...r,
          debitMinor: minorToJson(r.debitMinor),
          creditMinor: minorToJson(r.creditMinor),
          balanceMinor: minorToJson(r.balanceMinor),
          baseDebitMinor: minorToJson(r.baseDebitMinor),
          baseCreditMinor: minorToJson(r.baseCreditMinor),
          baseBalanceMinor: minorToJson(r.baseBalanceMinor),
        })),
        totals: tb.totals.map((t) => ({ currency: t.currency, debitMinor: minorToJson(t.debitMinor), creditMinor: minorToJson(t.creditMinor) })),
        baseTotals: { currency: tb.baseTotals.currency, debitMinor: minorToJson(tb.baseTotals.debitMinor), creditMinor: minorToJson(tb.baseTotals.creditMinor) },
        balanced: tb.totals.every((t) => t.debitMinor === t.creditMinor) && tb.baseTotals.debitMinor === tb.baseTotals.creditMinor,
      };
    },
  });

  app.get('/v1/ledger/journal-entries', {
    schema: { tags, summary: 'Journal entries in posting order', querystring: pageQuery.extend({ sourceId: z.uuid().optional() }), response: { 200: pageSchema(journalEntryView) } },
    handler: async (request) => {
      const { limit, cursor, sourceId } = request.query;
      const rows = await loadEntries(db, actorOf(request).tenantId, { afterId: decodeCursor(cursor), limit: limit + 1, ...(sourceId ? { sourceId } : {}) });
      const page = pageOf(rows, limit);
      return { data: page.items.map(toEntryView), nextCursor: page.nextCursor };
    },
  });

  app.post('/v1/ledger/journal-entries', {
    schema: {
      tags,
      summary: 'Post a manual journal entry (admin, ar_manager); it must balance per currency and may not touch AR or unapplied cash',
      body: z.strictObject({
        entryDate: businessDate,
        description: z.string().trim().min(1).max(500),
        lines: z
          .array(z.strictObject({ accountCode: z.string().min(1).max(20), currency: currencyCode, debitMinor: nonNegativeAmountMinor.default(0), creditMinor: nonNegativeAmountMinor.default(0) }))
          .min(2)
          .max(200),
      }),
      response: { 201: journalEntryView },
    },
    handler: async (request, reply) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      const entry = unwrap(await postManualJournalEntry(db, actor, request.body));
      return reply.status(201).send(toEntryView(entry));
    },
  });

  const exchangeRateView = z.object({
    currency: z.string(),
    baseCurrency: z.string(),
    rateDate: z.string(),
    rate: z.string().describe('Base-currency units per unit of currency'),
    source: z.string(),
  });

  app.get('/v1/exchange-rates', {
    schema: {
      tags,
      summary: 'Exchange rates the tenant books foreign-currency documents at, newest first per currency',
      querystring: z.object({ currency: currencyCode.optional() }),
      response: { 200: z.object({ data: z.array(exchangeRateView) }) },
    },
    handler: async (request) => ({ data: await listExchangeRates(db, actorOf(request).tenantId, request.query.currency) }),
  });

  app.put('/v1/exchange-rates/:currency/:rateDate', {
    schema: {
      tags,
      summary: 'Set the rate of a currency from a date on (admin, ar_manager); documents already booked keep their rate',
      description:
        'A foreign-currency invoice is booked at the rate given on it, else at the rate in force on its issue date (the latest dated on or before it); a payment likewise on its value date. Applying a payment to an invoice booked at another rate posts the difference to exchange gains and losses (7900).',
      params: z.object({ currency: currencyCode, rateDate: businessDate }),
      body: z.strictObject({ rate: exchangeRateText, source: z.string().trim().min(1).max(100).optional() }),
      response: { 200: exchangeRateView },
    },
    handler: async (request) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      return unwrap(await saveExchangeRate(db, actor, { currency: request.params.currency, rateDate: request.params.rateDate, rate: request.body.rate, source: request.body.source }));
    },
  });
}
