import { and, eq, max } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { Database } from '../db/connection.js';
import { listTenants } from '../modules/identity/service.js';
import { automationRuns } from './schema.js';
import { dailyTasks, runDays } from './run-day.js';

/** Local time of day at which a tenant's business day is run unless the tenant set its own (tenants.daily_run_time). */
export const dailyRunLocalTime = Temporal.PlainTime.from('02:00');
/** After downtime the scheduler catches up at most this many missed days in one go, oldest first. */
export const maxCatchUpDays = 31;

/**
 * Which business dates are due for a tenant at `now`: today (in the tenant's time zone) once the local run time has
 * passed, and every day missed since the last completed one, so downtime is caught up in order. Pure.
 */
export function datesDue(now: Temporal.Instant, timeZone: string, lastCompleted: string | null, runAt: Temporal.PlainTime = dailyRunLocalTime): { from: string; to: string } | undefined {
  const local = now.toZonedDateTimeISO(timeZone);
  const today = local.toPlainDate();
  const latest = Temporal.PlainTime.compare(local.toPlainTime(), runAt) >= 0 ? today : today.subtract({ days: 1 });
  const earliest = latest.subtract({ days: maxCatchUpDays - 1 });
  let from = lastCompleted ? Temporal.PlainDate.from(lastCompleted).add({ days: 1 }) : latest;
  if (Temporal.PlainDate.compare(from, earliest) < 0) from = earliest;
  if (Temporal.PlainDate.compare(from, latest) > 0) return undefined;
  return { from: from.toString(), to: latest.toString() };
}

async function lastCompletedDay(db: Database, tenantId: string): Promise<string | null> {
  const lastTask = dailyTasks.at(-1)?.name ?? '';
  const [row] = await db
    .select({ day: max(automationRuns.asOf) })
    .from(automationRuns)
    .where(and(eq(automationRuns.tenantId, tenantId), eq(automationRuns.task, lastTask), eq(automationRuns.status, 'completed')));
  return row?.day ?? null;
}

/**
 * Runs each tenant's due days every `intervalMs`. Holds no state: what is done is read from automation_runs, and
 * each task is claimed there, so any number of server instances can run this loop against one database.
 */
export function startDailyScheduler(db: Database, options: { intervalMs?: number; log: (message: string) => void; now?: () => Temporal.Instant }): { stop(): Promise<void> } {
  const intervalMs = options.intervalMs ?? 60_000;
  const now = options.now ?? (() => Temporal.Now.instant());
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    for (const tenant of await listTenants(db)) {
      if (stopped) return;
      const due = datesDue(now(), tenant.timeZone, await lastCompletedDay(db, tenant.id), Temporal.PlainTime.from(tenant.dailyRunTime));
      if (!due) continue;
      const days = await runDays(db, tenant.id, due.from, due.to);
      const done = days.filter((d) => d.outcomes.every((o) => o.status === 'completed')).length;
      if (done > 0) options.log(`daily run: ${tenant.name} ${due.from}..${due.to} (${done} day(s) run)`);
    }
  };
  const timer = setInterval(() => {
    running = running.then(tick).catch((error: unknown) => options.log(`daily run failed: ${String(error)}`));
  }, intervalMs);
  running = running.then(tick).catch((error: unknown) => options.log(`daily run failed: ${String(error)}`));
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
