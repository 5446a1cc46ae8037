/**
 * The collector's worklist: which accounts to work first on a business date, and why. Pure: the service loads each
 * account's overdue amounts, risk, promises, disputes and last contact as they stand on `asOf` and ranks them here.
 *
 * The priority score of an account, in ranking units (minor units, see "currencies" below):
 *
 *   score = round_half_up( Σ_band overdue(band) × bandWeight(band) × riskMultiplier )
 *         + promiseDueTodayBoost                       (once, when a promise to pay falls due on asOf)
 *         + brokenPromiseBoost × min(broken, 3)         (promises or payment plans broken in the last 30 days)
 *         + disputeSlaBoost × disputes near their date  (open disputes to resolve within 3 days, or already late)
 *         + noContactBoost                              (something overdue and no call, email, letter, promise or
 *                                                        payment plan for 14 days or more, or never)
 *
 *   bandWeight: 1–30 days past due × 1.0, 31–60 × 1.5, 61–90 × 2.0, over 90 × 3.0 (older money is harder to collect)
 *   riskMultiplier: risk class low × 0.8, medium × 1.0, high × 1.5; a 0–100 risk score, when given, wins:
 *                   × (0.5 + score / 100), so 0 → 0.5, 50 → 1.0, 100 → 1.5
 *   boosts (defaults): promise due today 2,500.00, broken promise 5,000.00 each, dispute near its date 2,000.00 each,
 *                   no recent contact 1,000.00 — in minor units, so they weigh like that much overdue money.
 *
 * Currencies: the amounts are ranked in minor units. With an exchange rate for every currency an account owes in
 * (other than the tenant's base currency), its amounts are converted to base-currency minor units (half-up, once per
 * currency) and added. Without rates, currencies are never added together: the account is ranked on the currency with
 * the largest weighted overdue amount, in that currency's minor units, and a reason says which amounts were left out.
 * Accounts in different currencies are then compared minor unit for minor unit: the ranking is exact within one
 * currency and an approximation across currencies (stated on the worklist route).
 *
 * Sorted by score (highest first), then customer name and id, so the order is total and stable. Accounts with a
 * score of 0 (nothing overdue and nothing to follow up) are left out: the worklist lists only work.
 */
import { Temporal } from 'temporal-polyfill';
import { currencyExponent } from '../../kernel/currency.js';
import { divideRounded, type Decimal } from '../../kernel/money.js';

export const daysPastDueBands = ['1-30', '31-60', '61-90', '91+'] as const;
export type DaysPastDueBand = (typeof daysPastDueBands)[number];
export const riskClasses = ['low', 'medium', 'high'] as const;
export type RiskClass = (typeof riskClasses)[number];

/** The band of an item `daysPastDue` days past its due date; undefined when it is not overdue. */
export function bandOf(daysPastDue: number): DaysPastDueBand | undefined {
  if (daysPastDue <= 0) return undefined;
  if (daysPastDue <= 30) return '1-30';
  if (daysPastDue <= 60) return '31-60';
  if (daysPastDue <= 90) return '61-90';
  return '91+';
}

export interface OverdueAmount {
  currency: string;
  band: DaysPastDueBand;
  amountMinor: bigint;
}

export interface WorklistAccount {
  customerId: string;
  customerName: string;
  /** what the collector can chase: overdue, not disputed, not in an active payment plan */
  overdue: readonly OverdueAmount[];
  riskClass: RiskClass;
  /** 0–100 (higher = riskier), when a score is known; it replaces the class in the multiplier */
  riskScore: number | null;
  /** open promises to pay whose date is asOf */
  promisesDueToday: readonly { amountMinor: bigint; currency: string }[];
  /** promises (or payment plans) broken on `on`; only those in the window before asOf count */
  brokenPromises: readonly { on: string; kind: 'promise' | 'payment_plan' }[];
  /** the customer's open disputes; only those near or past their resolve-by date count */
  openDisputes: readonly { invoiceNumber: string; resolveBy: string }[];
  /** the last call, email, letter, promise or payment plan agreed with the customer, if any */
  lastContactOn: string | null;
}

export interface RankingWeights {
  /** weight of each band in per mille (1000 = × 1.0) */
  bandWeightPermille: Readonly<Record<DaysPastDueBand, bigint>>;
  /** multiplier of each risk class in per cent (100 = × 1.0) */
  riskPercent: Readonly<Record<RiskClass, bigint>>;
  promiseDueTodayBoostMinor: bigint;
  brokenPromiseBoostMinor: bigint;
  brokenPromisesCountedMax: number;
  brokenPromiseWindowDays: number;
  disputeSlaBoostMinor: bigint;
  disputeSlaWindowDays: number;
  noContactBoostMinor: bigint;
  noContactDays: number;
}

export const defaultRankingWeights: RankingWeights = {
  bandWeightPermille: { '1-30': 1000n, '31-60': 1500n, '61-90': 2000n, '91+': 3000n },
  riskPercent: { low: 80n, medium: 100n, high: 150n },
  promiseDueTodayBoostMinor: 2_500_00n,
  brokenPromiseBoostMinor: 5_000_00n,
  brokenPromisesCountedMax: 3,
  brokenPromiseWindowDays: 30,
  disputeSlaBoostMinor: 2_000_00n,
  disputeSlaWindowDays: 3,
  noContactBoostMinor: 1_000_00n,
  noContactDays: 14,
};

export interface RankingOptions {
  /** the tenant's base currency: the ranking currency when rates are given */
  baseCurrency: string;
  /** base-currency units for one unit of each other currency (e.g. USD → "0.92" when 1 USD = 0.92 EUR) */
  ratesToBase?: ReadonlyMap<string, Decimal> | undefined;
  weights?: RankingWeights | undefined;
}

export interface AccountRanking {
  customerId: string;
  score: bigint;
  /** the currency whose minor units the score is in (null when nothing is overdue) */
  rankingCurrency: string | null;
  /** why the account is on the list, most weighty first, in the words a credit controller uses */
  reasons: string[];
}

const symbols: Readonly<Record<string, string>> = { EUR: '€', USD: '$', GBP: '£', JPY: '¥' };

/** "€12,400", "€12,400.50", "CHF 980": for reading, not for parsing (the API carries minor units). */
export function formatAmountForPeople(amountMinor: bigint, currency: string): string {
  const exponent = currencyExponent(currency) ?? 2;
  const negative = amountMinor < 0n;
  const absolute = negative ? -amountMinor : amountMinor;
  const scale = 10n ** BigInt(exponent);
  const whole = (absolute / scale).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = absolute % scale;
  const text = fraction === 0n ? whole : `${whole}.${fraction.toString().padStart(exponent, '0')}`;
  const symbol = symbols[currency];
  return `${negative ? '-' : ''}${symbol ?? `${currency} `}${text}`;
}

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** "12 Mar", with the year when it is not the year of asOf ("28 Dec 2025"). */
export function formatDayForPeople(date: string, asOf: string): string {
  const d = Temporal.PlainDate.from(date);
  const text = `${d.day} ${monthNames[d.month - 1] ?? ''}`;
  return d.year === Temporal.PlainDate.from(asOf).year ? text : `${text} ${d.year}`;
}

function daysFromTo(from: string, to: string): number {
  return Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to), { largestUnit: 'days' }).days;
}

const bandWords: Readonly<Record<DaysPastDueBand, string>> = {
  '1-30': 'up to 30 days late',
  '31-60': 'over 30 days late',
  '61-90': 'over 60 days late',
  '91+': 'over 90 days late',
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** weightedPermille (minor units × per mille) of `currency` in base-currency minor units × per mille, half-up. */
function toBase(weightedPermille: bigint, currency: string, baseCurrency: string, rate: Decimal): bigint {
  const fromExponent = BigInt(currencyExponent(currency) ?? 2);
  const toExponent = BigInt(currencyExponent(baseCurrency) ?? 2);
  return divideRounded(weightedPermille * rate.units * 10n ** toExponent, 10n ** BigInt(rate.scale) * 10n ** fromExponent, 'half_up');
}

/** The score and reasons of one account on asOf. */
export function rankAccount(account: WorklistAccount, asOf: string, options: RankingOptions): AccountRanking {
  const w = options.weights ?? defaultRankingWeights;
  const reasons: Array<{ text: string; weight: bigint; order: number }> = [];
  const say = (text: string, weight: bigint) => reasons.push({ text, weight, order: reasons.length });

  // Σ amount × band weight, per currency (minor units × per mille).
  const weightedByCurrency = new Map<string, bigint>();
  for (const o of account.overdue) {
    if (o.amountMinor <= 0n) continue;
    weightedByCurrency.set(o.currency, (weightedByCurrency.get(o.currency) ?? 0n) + o.amountMinor * w.bandWeightPermille[o.band]);
  }
  const currencies = [...weightedByCurrency.keys()].sort();
  const rates = options.ratesToBase;
  const convertible = currencies.length > 0 && currencies.every((c) => c === options.baseCurrency || rates?.has(c) === true);
  let rankingCurrency: string | null = null;
  let weightedPermille = 0n;
  const counted = new Set<string>();
  if (convertible && currencies.some((c) => c !== options.baseCurrency)) {
    rankingCurrency = options.baseCurrency;
    for (const c of currencies) {
      const value = weightedByCurrency.get(c) ?? 0n;
      weightedPermille += c === options.baseCurrency ? value : toBase(value, c, options.baseCurrency, rates?.get(c) as Decimal);
      counted.add(c);
    }
  } else if (currencies.length > 0) {
    // One currency, or no rates: the largest weighted currency alone (ties: alphabetical), never a sum across currencies.
    rankingCurrency = currencies.reduce((best, c) => ((weightedByCurrency.get(c) ?? 0n) > (weightedByCurrency.get(best) ?? 0n) ? c : best));
    weightedPermille = weightedByCurrency.get(rankingCurrency) ?? 0n;
    counted.add(rankingCurrency);
  }
  const scored = account.riskScore !== null && Number.isFinite(account.riskScore);
  const riskPercent = scored ? 50n + BigInt(Math.min(100, Math.max(0, Math.round(account.riskScore as number)))) : w.riskPercent[account.riskClass];
  const amountPart = divideRounded(weightedPermille * riskPercent, 1000n * 100n, 'half_up');

  for (const o of [...account.overdue].sort((a, b) => daysPastDueBands.indexOf(b.band) - daysPastDueBands.indexOf(a.band) || a.currency.localeCompare(b.currency))) {
    if (o.amountMinor <= 0n) continue;
    const text = `${formatAmountForPeople(o.amountMinor, o.currency)} ${bandWords[o.band]}`;
    if (counted.has(o.currency)) say(text, o.amountMinor * w.bandWeightPermille[o.band] / 1000n);
    else say(`${text} (not ranked: no exchange rate to add it to the ${rankingCurrency ?? ''} amounts)`, 0n);
  }
  if (amountPart > 0n && riskPercent > 100n) {
    say(scored ? `risk score ${Math.round(account.riskScore as number)} of 100` : `${account.riskClass} credit risk`, amountPart - divideRounded(amountPart * 100n, riskPercent, 'half_up'));
  }

  let boosts = 0n;
  if (account.promisesDueToday.length > 0) {
    boosts += w.promiseDueTodayBoostMinor;
    for (const p of account.promisesDueToday) say(`promise to pay ${formatAmountForPeople(p.amountMinor, p.currency)} due today`, w.promiseDueTodayBoostMinor);
  }
  const broken = account.brokenPromises
    .filter((b) => {
      const ago = daysFromTo(b.on, asOf);
      return ago >= 0 && ago < w.brokenPromiseWindowDays;
    })
    .sort((a, b) => b.on.localeCompare(a.on));
  if (broken.length > 0) {
    boosts += w.brokenPromiseBoostMinor * BigInt(Math.min(broken.length, w.brokenPromisesCountedMax));
    for (const b of broken) say(`${b.kind === 'promise' ? 'promise' : 'payment plan'} broken on ${formatDayForPeople(b.on, asOf)}`, w.brokenPromiseBoostMinor);
  }
  const nearing = account.openDisputes
    .map((d) => ({ ...d, daysLeft: daysFromTo(asOf, d.resolveBy) }))
    .filter((d) => d.daysLeft <= w.disputeSlaWindowDays)
    .sort((a, b) => a.daysLeft - b.daysLeft || a.invoiceNumber.localeCompare(b.invoiceNumber));
  for (const d of nearing) {
    boosts += w.disputeSlaBoostMinor;
    const when = d.daysLeft > 0 ? `due for resolution in ${plural(d.daysLeft, 'day')}` : d.daysLeft === 0 ? 'due for resolution today' : `resolution ${plural(-d.daysLeft, 'day')} overdue`;
    say(`dispute on ${d.invoiceNumber} ${when}`, w.disputeSlaBoostMinor);
  }
  if (amountPart > 0n) {
    const since = account.lastContactOn === null ? null : daysFromTo(account.lastContactOn, asOf);
    if (since === null || since >= w.noContactDays) {
      boosts += w.noContactBoostMinor;
      say(since === null ? 'no contact on record' : `no contact for ${plural(since, 'day')}`, w.noContactBoostMinor);
    }
  }

  const score = amountPart + boosts;
  return {
    customerId: account.customerId,
    score,
    rankingCurrency,
    reasons: score === 0n ? [] : reasons.sort((a, b) => (a.weight === b.weight ? a.order - b.order : a.weight > b.weight ? -1 : 1)).map((r) => r.text),
  };
}

/** The accounts that need work on asOf, most urgent first (score, then name, then id). */
export function rankWorklist<A extends WorklistAccount>(accounts: readonly A[], asOf: string, options: RankingOptions): Array<{ account: A; ranking: AccountRanking }> {
  return accounts
    .map((account) => ({ account, ranking: rankAccount(account, asOf, options) }))
    .filter((r) => r.ranking.score > 0n)
    .sort((a, b) => {
      if (a.ranking.score !== b.ranking.score) return a.ranking.score > b.ranking.score ? -1 : 1;
      if (a.account.customerName !== b.account.customerName) return a.account.customerName < b.account.customerName ? -1 : 1;
      return a.account.customerId < b.account.customerId ? -1 : a.account.customerId > b.account.customerId ? 1 : 0;
    });
}
