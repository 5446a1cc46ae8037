import { z } from 'zod';
import type { Database } from '../db/connection.js';
import { businessDate, requireRole, type CashloopApp } from '../http/conventions.js';
import { DomainFailure } from '../kernel/result.js';
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
}
