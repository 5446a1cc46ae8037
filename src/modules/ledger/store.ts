/** Exchange rates the ledger books foreign-currency documents at: the tenant's rate table and the booking rule. */
import { and, asc, desc, eq, lte, sql } from 'drizzle-orm';
import { queryRows, type Database, type Executor } from '../../db/connection.js';
import { isKnownCurrency } from '../../kernel/currency.js';
import { newId } from '../../kernel/ids.js';
import { DomainFailure, fail, type Result } from '../../kernel/result.js';
import { recordAudit } from '../identity/audit.js';
import type { Actor } from '../identity/roles.js';
import { inTransaction } from '../../db/transaction.js';
import { normaliseRate, parseExchangeRate } from './exchange.js';
import { exchangeRates } from './schema.js';
import { baseCurrencyOf } from './service.js';

export interface ExchangeRateView {
  currency: string;
  baseCurrency: string;
  rateDate: string;
  rate: string;
  source: string;
}

/** The rate in force for `currency` on `onDate`: the latest one dated on or before it, or undefined. */
export async function exchangeRateOn(executor: Executor, tenantId: string, currency: string, onDate: string): Promise<{ rate: string; rateDate: string } | undefined> {
  const [row] = await executor
    .select({ rate: exchangeRates.rate, rateDate: exchangeRates.rateDate })
    .from(exchangeRates)
    .where(and(eq(exchangeRates.tenantId, tenantId), eq(exchangeRates.currency, currency), lte(exchangeRates.rateDate, onDate)))
    .orderBy(desc(exchangeRates.rateDate))
    .limit(1);
  return row ? { rate: normaliseRate(row.rate), rateDate: row.rateDate } : undefined;
}

/**
 * The rate a document in `currency` dated `onDate` is booked at: null for the base currency; the rate given on the
 * document if any; otherwise the tenant's rate in force that day; failing that, the caller's fallback (a payment: the
 * rate of the invoice it pays), then the rate of the latest document the tenant booked in that currency up to that day. Without any the document cannot be booked, and the caller hears
 * which rate to add.
 */
export async function bookingRate(
  executor: Executor,
  tenantId: string,
  currency: string,
  onDate: string,
  given?: string | null,
  options: { pointer?: string; fallback?: string | null } = {},
): Promise<string | null> {
  const pointer = options.pointer ?? '/exchangeRate';
  const baseCurrency = await baseCurrencyOf(executor, tenantId);
  if (currency === baseCurrency) return null;
  if (given) {
    if (!parseExchangeRate(given)) throw new DomainFailure({ code: 'validation_failed', message: 'invalid exchange rate', fieldErrors: [{ pointer, detail: `${given} is not a rate above zero with at most 10 decimals` }] });
    return normaliseRate(given);
  }
  const found =
    (await exchangeRateOn(executor, tenantId, currency, onDate)) ??
    (options.fallback ? { rate: normaliseRate(options.fallback) } : undefined) ??
    (await latestBookedRate(executor, tenantId, currency, onDate));
  if (!found) {
    throw new DomainFailure({
      code: 'exchange_rate_missing',
      message: `no exchange rate from ${currency} to ${baseCurrency} on or before ${onDate}: add one (PUT /v1/exchange-rates/${currency}/${onDate}) or give exchangeRate`,
      fieldErrors: [{ pointer, detail: `needed to book ${currency} in ${baseCurrency}` }],
    });
  }
  return found.rate;
}

/**
 * The last resort for automated documents (late fees, dunning charges, card payments) of a tenant that keeps no rate
 * table: the rate of the latest document it booked in that currency on or before the date.
 */
async function latestBookedRate(executor: Executor, tenantId: string, currency: string, onDate: string): Promise<{ rate: string } | undefined> {
  const [row] = await queryRows<{ rate: string }>(
    executor,
    sql`select rate::text as rate from (
          (select exchange_rate as rate, issue_date as on_date from invoices
            where tenant_id = ${tenantId} and currency = ${currency} and exchange_rate is not null and issue_date <= ${onDate}
            order by issue_date desc limit 1)
          union all
          (select exchange_rate, value_date from payments
            where tenant_id = ${tenantId} and currency = ${currency} and exchange_rate is not null and value_date <= ${onDate}
            order by value_date desc limit 1)
        ) booked order by on_date desc limit 1`,
  );
  return row ? { rate: normaliseRate(row.rate) } : undefined;
}

export async function listExchangeRates(db: Database, tenantId: string, currency?: string): Promise<ExchangeRateView[]> {
  const baseCurrency = await baseCurrencyOf(db, tenantId);
  const rows = await db
    .select()
    .from(exchangeRates)
    .where(and(eq(exchangeRates.tenantId, tenantId), currency ? eq(exchangeRates.currency, currency) : sql`true`))
    .orderBy(asc(exchangeRates.currency), desc(exchangeRates.rateDate))
    .limit(5000);
  return rows.map((r) => ({ currency: r.currency, baseCurrency, rateDate: r.rateDate, rate: normaliseRate(r.rate), source: r.source }));
}

/** Sets the rate of a currency from a date on (replacing that date's rate). Documents already booked keep theirs. */
export async function saveExchangeRate(
  db: Database,
  actor: Actor,
  input: { currency: string; rateDate: string; rate: string; source?: string | undefined },
): Promise<Result<ExchangeRateView>> {
  const baseCurrency = await baseCurrencyOf(db, actor.tenantId);
  if (!isKnownCurrency(input.currency)) return fail('validation_failed', 'unknown currency', [{ pointer: '/currency', detail: `unknown currency ${input.currency}` }]);
  if (input.currency === baseCurrency) return fail('validation_failed', 'the base currency needs no rate', [{ pointer: '/currency', detail: `${baseCurrency} is the base currency` }]);
  if (!parseExchangeRate(input.rate)) return fail('validation_failed', 'invalid exchange rate', [{ pointer: '/rate', detail: 'a rate above zero with at most 10 decimals, e.g. "1.0845"' }]);
  const rate = normaliseRate(input.rate);
  const source = input.source ?? 'manual';
  return inTransaction(db, async (tx) => {
    const [before] = await tx
      .select()
      .from(exchangeRates)
      .where(and(eq(exchangeRates.tenantId, actor.tenantId), eq(exchangeRates.currency, input.currency), eq(exchangeRates.rateDate, input.rateDate)));
    await tx
      .insert(exchangeRates)
      .values({ id: newId(), tenantId: actor.tenantId, currency: input.currency, rateDate: input.rateDate, rate, source })
      .onConflictDoUpdate({ target: [exchangeRates.tenantId, exchangeRates.currency, exchangeRates.rateDate], set: { rate, source } });
    const view = { currency: input.currency, baseCurrency, rateDate: input.rateDate, rate, source };
    await recordAudit(tx, actor, 'exchange_rate.saved', { type: 'exchange_rate', id: `${input.currency}:${input.rateDate}` }, before ? { rate: normaliseRate(before.rate) } : null, view);
    return view;
  });
}
