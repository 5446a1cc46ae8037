/**
 * The cash forecast: expected receipts per day for the next weeks, and afterwards how far off it was. Pure: the shell
 * supplies each open invoice's predicted payment date (from the payment model, not just the due date), the autopay
 * charges the daily run will make, and confirmed orders not yet invoiced.
 */
import { Temporal } from 'temporal-polyfill';

export const forecastSources = ['invoices', 'autopay', 'orders'] as const;
export type ForecastSource = (typeof forecastSources)[number];

export interface ExpectedReceipt {
  source: ForecastSource;
  /** the day the money is expected; a day on or before asOf means "overdue, expected as soon as possible" */
  expectedOn: string;
  amountMinor: bigint;
}

export interface ForecastDay {
  date: string;
  invoicesMinor: bigint;
  autopayMinor: bigint;
  ordersMinor: bigint;
  totalMinor: bigint;
}

export interface ForecastWeek {
  /** Monday of the week (ISO) */
  weekStart: string;
  totalMinor: bigint;
}

/** 13 weeks. */
export const defaultHorizonDays = 91;

/**
 * Spreads expected receipts over the days after asOf (asOf + 1 … asOf + horizon). Anything expected on or before asOf
 * is due already and counted on the first day; anything beyond the horizon is left out (and reported as beyond).
 */
export function buildCashForecast(asOf: string, receipts: readonly ExpectedReceipt[], horizonDays = defaultHorizonDays): { days: ForecastDay[]; weeks: ForecastWeek[]; beyondHorizonMinor: bigint } {
  const start = Temporal.PlainDate.from(asOf);
  const days: ForecastDay[] = Array.from({ length: horizonDays }, (_, i) => ({ date: start.add({ days: i + 1 }).toString(), invoicesMinor: 0n, autopayMinor: 0n, ordersMinor: 0n, totalMinor: 0n }));
  let beyondHorizonMinor = 0n;
  for (const r of receipts) {
    if (r.amountMinor <= 0n) continue;
    const offset = Math.max(1, start.until(Temporal.PlainDate.from(r.expectedOn), { largestUnit: 'days' }).days);
    const day = days[offset - 1];
    if (!day) {
      beyondHorizonMinor += r.amountMinor;
      continue;
    }
    if (r.source === 'invoices') day.invoicesMinor += r.amountMinor;
    else if (r.source === 'autopay') day.autopayMinor += r.amountMinor;
    else day.ordersMinor += r.amountMinor;
    day.totalMinor += r.amountMinor;
  }
  return { days, weeks: weeklyTotals(days.map((d) => ({ date: d.date, amountMinor: d.totalMinor }))), beyondHorizonMinor };
}

/** Sums per ISO week (Monday first). */
export function weeklyTotals(daily: ReadonlyArray<{ date: string; amountMinor: bigint }>): ForecastWeek[] {
  const weeks = new Map<string, bigint>();
  for (const d of daily) {
    const date = Temporal.PlainDate.from(d.date);
    const monday = date.subtract({ days: date.dayOfWeek - 1 }).toString();
    weeks.set(monday, (weeks.get(monday) ?? 0n) + d.amountMinor);
  }
  return [...weeks].sort(([a], [b]) => (a < b ? -1 : 1)).map(([weekStart, totalMinor]) => ({ weekStart, totalMinor }));
}

export interface ForecastAccuracy {
  /** weeks fully in the past, compared */
  weeks: Array<{ weekStart: string; forecastMinor: bigint; actualMinor: bigint; errorMinor: bigint }>;
  /** Σ |forecast − actual| ÷ number of weeks (minor units, rounded half up) */
  meanAbsoluteErrorMinor: bigint;
  /** Σ (forecast − actual): positive = the forecast expected more than came */
  biasMinor: bigint;
  /** Σ |forecast − actual| ÷ Σ actual × 100, one decimal; null when nothing came in */
  weightedAbsolutePercentError: number | null;
}

/**
 * How a forecast compares with what came in, week by week, for the weeks that have fully passed by `today`
 * (a week still running is not judged). The weighted absolute percentage error is the headline figure.
 */
export function forecastAccuracy(forecast: readonly ForecastWeek[], actualDaily: ReadonlyArray<{ date: string; amountMinor: bigint }>, today: string): ForecastAccuracy {
  const actual = new Map(weeklyTotals(actualDaily).map((w) => [w.weekStart, w.totalMinor]));
  const todayDate = Temporal.PlainDate.from(today);
  const weeks = forecast
    .filter((w) => Temporal.PlainDate.compare(Temporal.PlainDate.from(w.weekStart).add({ days: 6 }), todayDate) < 0)
    .map((w) => {
      const actualMinor = actual.get(w.weekStart) ?? 0n;
      return { weekStart: w.weekStart, forecastMinor: w.totalMinor, actualMinor, errorMinor: w.totalMinor - actualMinor };
    });
  const absolute = weeks.reduce((s, w) => s + (w.errorMinor < 0n ? -w.errorMinor : w.errorMinor), 0n);
  const actualTotal = weeks.reduce((s, w) => s + w.actualMinor, 0n);
  const n = BigInt(weeks.length);
  return {
    weeks,
    meanAbsoluteErrorMinor: n === 0n ? 0n : (absolute * 2n + n) / (2n * n),
    biasMinor: weeks.reduce((s, w) => s + w.errorMinor, 0n),
    weightedAbsolutePercentError: actualTotal > 0n ? Number((absolute * 1000n + actualTotal / 2n) / actualTotal) / 10 : null,
  };
}
