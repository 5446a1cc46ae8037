import { z } from 'zod';
import type { Database } from '../../db/connection.js';
import { actorOf, businessDate, requireRole, unwrap, type CashloopApp } from '../../http/conventions.js';
import type { PaymentTerms } from './payment-terms.js';
import { createPaymentTerms, listPaymentTerms, loadBusinessCalendar, saveBusinessCalendar, type PaymentTermsRow } from './service.js';

const dueRule = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('net'), days: z.number().int().min(0).max(3650) }),
  z.strictObject({ kind: z.literal('end_of_month'), days: z.number().int().min(0).max(3650) }),
  z.strictObject({ kind: z.literal('day_of_next_month'), day: z.number().int().min(1).max(31) }),
]);

const definition = z.strictObject({
  due: dueRule,
  discount: z.strictObject({ percent: z.string().regex(/^\d{1,2}(\.\d{1,4})?$/), withinDays: z.number().int().min(0).max(365) }).optional(),
  instalments: z.array(z.strictObject({ percent: z.number().int().min(1).max(100), due: dueRule })).max(24).optional(),
});

const termsView = z.object({ id: z.uuid(), name: z.string(), definition: z.unknown() });
const toTermsView = (t: PaymentTermsRow) => ({ id: t.id, name: t.name, definition: t.definition });
const calendarView = z.object({ roll: z.enum(['none', 'following', 'preceding', 'modified_following']), weekend: z.array(z.number().int()), holidays: z.array(z.string()) });

export function registerTermsRoutes(app: CashloopApp, db: Database): void {
  const tags = ['payment terms'];

  app.post('/v1/payment-terms', {
    schema: {
      tags,
      summary: 'Create named payment terms (admin, ar_manager): net N, end of month + N, day of next month; early-payment discount; instalments',
      body: z.strictObject({ name: z.string().trim().min(1).max(100), definition }),
      response: { 201: termsView },
    },
    handler: async (request, reply) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      const row = unwrap(await createPaymentTerms(db, actor, { name: request.body.name, definition: request.body.definition as PaymentTerms }));
      return reply.status(201).send(toTermsView(row));
    },
  });

  app.get('/v1/payment-terms', {
    schema: { tags, summary: 'Named payment terms', response: { 200: z.object({ data: z.array(termsView) }) } },
    handler: async (request) => ({ data: (await listPaymentTerms(db, actorOf(request))).map(toTermsView) }),
  });

  app.get('/v1/business-calendar', {
    schema: { tags, summary: 'How due dates on weekends and holidays roll', response: { 200: calendarView } },
    handler: async (request) => {
      const c = await loadBusinessCalendar(db, actorOf(request).tenantId);
      return { roll: c.roll, weekend: [...c.weekend], holidays: [...c.holidays].sort() };
    },
  });

  app.put('/v1/business-calendar', {
    schema: {
      tags,
      summary: 'Set the business calendar (admin)',
      body: z.strictObject({ roll: calendarView.shape.roll, weekend: z.array(z.number().int().min(1).max(7)).max(7).default([6, 7]), holidays: z.array(businessDate).max(1000).default([]) }),
      response: { 200: calendarView },
    },
    handler: async (request) => {
      const actor = requireRole(request, 'admin');
      const c = unwrap(await saveBusinessCalendar(db, actor, request.body));
      return { roll: c.roll, weekend: [...c.weekend], holidays: [...c.holidays].sort() };
    },
  });
}
