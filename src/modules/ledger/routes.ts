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
      customerId: z.uuid().nullable(),
    }),
  ),
});

const toEntryView = (e: JournalEntryView) => ({
  ...e,
  lines: e.lines.map((l) => ({ ...l, debitMinor: minorToJson(l.debitMinor), creditMinor: minorToJson(l.creditMinor) })),
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
            }),
          ),
          totals: z.array(z.object({ currency: z.string(), debitMinor: z.number().int(), creditMinor: z.number().int() })),
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
        rows: tb.rows.map((r) => ({ ...r, debitMinor: minorToJson(r.debitMinor), creditMinor: minorToJson(r.creditMinor), balanceMinor: minorToJson(r.balanceMinor) })),
        totals: tb.totals.map((t) => ({ currency: t.currency, debitMinor: minorToJson(t.debitMinor), creditMinor: minorToJson(t.creditMinor) })),
        balanced: tb.totals.every((t) => t.debitMinor === t.creditMinor),
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
}
