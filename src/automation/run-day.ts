import { and, eq, lt } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { Database } from '../db/connection.js';
import { collectAutopay } from '../modules/autopay/service.js';
import { checkPaymentPlans, checkPromises, runDunning } from '../modules/collections/service.js';
import { recordCashForecasts, recordRiskScores, sendWeeklyDigest, suggestCreditRecommendations } from '../modules/analytics/service.js';
import { chargeLateFees } from '../modules/latefees/service.js';
import { billScheduledOrders } from '../modules/orders/service.js';
import { automationRuns } from './schema.js';

/**
 * The day's work for one tenant and business date, in a fixed order. Each task runs to completion once per tenant
 * and date: a completed task is skipped when the day is run again; a task left running by a process that died is
 * taken over once its lease has expired, and completes without duplicates because every task writes under unique
 * keys of its own (an order's billing period, ...). Several workers may run the same day: only one holds each task.
 */
export interface DailyTask {
  readonly name: string;
  /** `heartbeat` renews the worker's lease; a task calls it after each unit of work (one order, one customer). */
  run(db: Database, tenantId: string, asOf: string, heartbeat: () => Promise<void>): Promise<Record<string, unknown>>;
}

/**
 * In this order: bill what is due first, then collect what is due from customers' autopay cards, then charge late fees
 * on what is still overdue, check the promises to pay that fell due, and send the day's dunning messages; then the
 * analytics of the day's closing position: forecast, risk scores, credit recommendations and (Mondays) the digest.
 */
export const dailyTasks: readonly DailyTask[] = [
  { name: 'scheduled_billing', run: billScheduledOrders },
  { name: 'autopay', run: collectAutopay },
  { name: 'late_fees', run: chargeLateFees },
  // Promises first: one broken today stops pausing its invoices, so today's dunning escalates them.
  { name: 'promise_checks', run: (db, tenantId, asOf) => checkPromises(db, tenantId, asOf) },
  // A plan broken today lets today's dunning pick its invoices up again.
  { name: 'payment_plan_checks', run: checkPaymentPlans },
  { name: 'dunning', run: runDunning },
  // After the day's postings: the day's cash forecast, kept to be judged against what comes in.
  { name: 'cash_forecast', run: (db, tenantId, asOf) => recordCashForecasts(db, tenantId, asOf) },
  // Each customer's risk score, from the payment model the forecast has just trained or reused for the week.
  { name: 'risk_scores', run: (db, tenantId, asOf, heartbeat) => recordRiskScores(db, tenantId, asOf, heartbeat) },
  // Credit recommendations from the settled history, for an AR manager to accept or dismiss.
  { name: 'credit_recommendations', run: (db, tenantId, asOf) => suggestCreditRecommendations(db, tenantId, asOf) },
  // Last: on Mondays, the weekly KPI digest for the AR managers (a no-op on other days).
  { name: 'kpi_digest', run: (db, tenantId, asOf) => sendWeeklyDigest(db, tenantId, asOf) },
];

/**
 * How long a worker's claim on a task lasts without a heartbeat before another worker may assume it died and take
 * over. Each unit of work renews it, so only a worker that stopped making progress loses its claim.
 */
export const taskLeaseMs = 60 * 1000;

export type TaskOutcome =
  | { task: string; status: 'completed'; outcome: Record<string, unknown> }
  | { task: string; status: 'already_completed' }
  | { task: string; status: 'running_elsewhere' };

async function claimTask(db: Database, tenantId: string, asOf: string, task: string, now: Date): Promise<'claimed' | 'completed' | 'running_elsewhere'> {
  const leaseUntil = new Date(now.getTime() + taskLeaseMs);
  const inserted = await db
    .insert(automationRuns)
    .values({ tenantId, asOf, task, status: 'running', leaseUntil })
    .onConflictDoNothing()
    .returning({ task: automationRuns.task });
  if (inserted.length === 1) return 'claimed';
  const key = and(eq(automationRuns.tenantId, tenantId), eq(automationRuns.asOf, asOf), eq(automationRuns.task, task));
  const takenOver = await db
    .update(automationRuns)
    .set({ leaseUntil, startedAt: now })
    .where(and(key, eq(automationRuns.status, 'running'), lt(automationRuns.leaseUntil, now)))
    .returning({ task: automationRuns.task });
  if (takenOver.length === 1) return 'claimed';
  const [row] = await db.select({ status: automationRuns.status }).from(automationRuns).where(key);
  return row?.status === 'completed' ? 'completed' : 'running_elsewhere';
}

export async function runDay(db: Database, tenantId: string, asOf: string, options: { now?: () => Date } = {}): Promise<TaskOutcome[]> {
  const now = options.now ?? (() => new Date());
  const outcomes: TaskOutcome[] = [];
  for (const task of dailyTasks) {
    const claim = await claimTask(db, tenantId, asOf, task.name, now());
    if (claim === 'completed') {
      outcomes.push({ task: task.name, status: 'already_completed' });
      continue;
    }
    if (claim === 'running_elsewhere') {
      // Later tasks may depend on this one: stop here, the other worker finishes the day.
      outcomes.push({ task: task.name, status: 'running_elsewhere' });
      break;
    }
    const key = and(eq(automationRuns.tenantId, tenantId), eq(automationRuns.asOf, asOf), eq(automationRuns.task, task.name));
    const heartbeat = async () => {
      await db.update(automationRuns).set({ leaseUntil: new Date(now().getTime() + taskLeaseMs) }).where(and(key, eq(automationRuns.status, 'running')));
    };
    const outcome = await task.run(db, tenantId, asOf, heartbeat);
    await db
      .update(automationRuns)
      .set({ status: 'completed', finishedAt: now(), outcome })
      .where(and(eq(automationRuns.tenantId, tenantId), eq(automationRuns.asOf, asOf), eq(automationRuns.task, task.name)));
    outcomes.push({ task: task.name, status: 'completed', outcome });
  }
  return outcomes;
}

export const maxDaysPerReplay = 3660;

/** Runs every business date from `from` to `to` in order, to catch up or to replay history. */
export async function runDays(
  db: Database,
  tenantId: string,
  from: string,
  to: string,
  options: { now?: () => Date } = {},
): Promise<{ asOf: string; outcomes: TaskOutcome[] }[]> {
  const results: { asOf: string; outcomes: TaskOutcome[] }[] = [];
  let day = Temporal.PlainDate.from(from);
  const last = Temporal.PlainDate.from(to);
  if (Temporal.PlainDate.compare(day, last) > 0) throw new RangeError('from is after to');
  if (day.until(last).days > maxDaysPerReplay) throw new RangeError(`at most ${maxDaysPerReplay} days per replay`);
  while (Temporal.PlainDate.compare(day, last) <= 0) {
    const outcomes = await runDay(db, tenantId, day.toString(), options);
    results.push({ asOf: day.toString(), outcomes });
    // A day another worker is still running must finish before later days run: dates are processed in order.
    if (outcomes.some((o) => o.status === 'running_elsewhere')) break;
    day = day.add({ days: 1 });
  }
  return results;
}
