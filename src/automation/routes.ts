import { z } from 'zod';
import type { Database } from '../db/connection.js';
import { actorOf, businessDate, requireRole, type CashloopApp } from '../http/conventions.js';
import { DomainFailure } from '../kernel/result.js';
import { eq } from 'drizzle-orm';
import { recordAudit } from '../modules/identity/audit.js';
import { tenants } from '../modules/identity/schema.js';
import { findTenant } from '../modules/identity/service.js';
import { maxDaysPerReplay, runDays } from './run-day.js';

export function registerAutomationRoutes(app: CashloopApp, db: Database): void {
  app.post('/v1/automation/run-day', {
    schema: {
      tags: ['automation'],
      summary: "Run the day's automation for a business date, or each date of a range in order (admin); exactly once per date and task",
      body: z.strictObject({ asOf: businessDate, to: businessDate.optional().describe('Replay every date from asOf to this one') }),
      response: {
        200: z.object({
          days: z.array(z.object({ asOf: z.string(), outcomes: z.array(z.object({ task: z.string(), status: z.string(), outcome: z.record(z.string(), z.unknown()).optional() })) })),
        }),
      },
    },
    handler: async (request) => {
      const actor = requireRole(request, 'admin');
      const { asOf, to } = request.body;
      if (to && to < asOf) throw new DomainFailure({ code: 'validation_failed', message: 'to is before asOf', fieldErrors: [{ pointer: '/to', detail: 'on or after asOf' }] });
      try {
        return { days: await runDays(db, actor.tenantId, asOf, to ?? asOf) };
      } catch (error) {
        if (error instanceof RangeError) {
          throw new DomainFailure({ code: 'validation_failed', message: error.message, fieldErrors: [{ pointer: '/to', detail: `at most ${maxDaysPerReplay} days` }] });
        }
        throw error;
      }
    },
  });

  const settingsView = z.object({ dailyRunTime: z.string(), timeZone: z.string() });
  app.get('/v1/automation/settings', {
    schema: { tags: ['automation'], summary: "When the server runs the tenant's business day: local time in the tenant's time zone", response: { 200: settingsView } },
    handler: async (request) => {
      const tenant = await findTenant(db, actorOf(request).tenantId);
      if (!tenant) throw new DomainFailure({ code: 'not_found', message: 'no tenant' });
      return { dailyRunTime: tenant.dailyRunTime, timeZone: tenant.timeZone };
    },
  });

  app.put('/v1/automation/settings', {
    schema: {
      tags: ['automation'],
      summary: "Set the local time at which the server runs each business day (admin); the day's work then covers everything up to that date",
      body: z.strictObject({ dailyRunTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24-hour clock') }),
      response: { 200: settingsView },
    },
    handler: async (request) => {
      const actor = requireRole(request, 'admin');
      const before = await findTenant(db, actor.tenantId);
      const [after] = await db.update(tenants).set({ dailyRunTime: request.body.dailyRunTime }).where(eq(tenants.id, actor.tenantId)).returning();
      if (!after) throw new DomainFailure({ code: 'not_found', message: 'no tenant' });
      await recordAudit(db, actor, 'tenant.daily_run_time_changed', { type: 'tenant', id: actor.tenantId }, { dailyRunTime: before?.dailyRunTime }, { dailyRunTime: after.dailyRunTime });
      return { dailyRunTime: after.dailyRunTime, timeZone: after.timeZone };
    },
  });
}
