import { useEffect } from 'react';
import { BarChart, LineChart } from '../../shared/charts';
import { formatDate, formatMoney, formatMonth, formatNumber } from '../../shared/format';
import { Link } from '../../shared/router';
import { ErrorMessage, Loading, Money, useApi } from '../../shared/ui';
import { useSession } from '../session';
import type { AgingReport, KpiTrend, Page, StatementLine, Worklist } from '../types';

interface CashForecast {
  asOf: string;
  currency: string;
  weeks: { weekStart: string; totalMinor: number }[];
  beyondHorizonMinor: number;
}
import { overdueOf, useTitle } from '../common';

const exceptionCountMax = 200;

function markOnce(condition: boolean, name: string): void {
  if (condition && performance.getEntriesByName(name, 'mark').length === 0) performance.mark(name);
}
const settled = (loaded: { data: unknown; error: unknown }) => loaded.data !== undefined || loaded.error !== undefined;

export function Dashboard() {
  useTitle('Dashboard');
  const { tenant } = useSession();
  const aging = useApi<AgingReport>('/v1/reports/aging');
  const exceptions = useApi<Page<StatementLine>>(`/v1/statement-lines?status=exception&limit=${exceptionCountMax}`);
  const worklist = useApi<Worklist>('/v1/worklist?limit=1');
  // The 12-month trend is the heaviest computation on the server (and the embedded database runs one query at a
  // time): asked for once the quick figures are in, so they never wait behind it.
  const trend = useApi<KpiTrend>('/v1/analytics/kpis/trend?months=12', { after: settled(aging) && settled(exceptions) && settled(worklist) });
  // The cash forecast last: it predicts a payment date for every open invoice, and nothing else waits for it.
  const forecast = useApi<CashForecast>('/v1/analytics/cash-forecast', { after: settled(trend) });
  const base = tenant.baseCurrency;
  const totals = aging.data?.totalsByCurrency.find((t) => t.currency === base);
  const overdueTotal = totals ? overdueOf(totals.buckets) : undefined;
  const topOverdue = (aging.data?.customers ?? [])
    .filter((c) => c.currency === base)
    .map((c) => ({ ...c, overdueMinor: overdueOf(c.buckets) }))
    .filter((c) => c.overdueMinor > 0)
    .sort((a, b) => b.overdueMinor - a.overdueMinor)
    .slice(0, 10);
  const otherCurrencies = (aging.data?.totalsByCurrency ?? []).filter((t) => t.currency !== base);
  const dsoPoints = (trend.data?.points ?? []).map((p) => {
    const dso = p.figures.find((f) => f.kpi === 'dso_standard');
    return { label: formatMonth(p.period.start), value: dso?.value ?? null, target: dso?.target ?? null };
  });
  const latestDso = [...dsoPoints].reverse().find((p) => p.value !== null);
  const dsoTarget = [...dsoPoints].reverse().find((p) => p.target !== null)?.target ?? null;
  const worklistMissing = worklist.error !== undefined;
  const figuresShown = aging.data !== undefined && exceptions.data !== undefined && settled(worklist);
  const allDrawn = figuresShown && trend.data !== undefined && forecast.data !== undefined;
  // User Timing marks (DevTools, and the dashboard benchmark): when the figures and when everything is on screen.
  useEffect(() => markOnce(figuresShown, 'cashloop:dashboard-figures'), [figuresShown]);
  useEffect(() => markOnce(allDrawn, 'cashloop:dashboard-drawn'), [allDrawn]);

  return (
    <>
      <div className="page-head">
        <h1>Dashboard</h1>
        <span className="muted">
          {tenant.name} · as of {formatDate(aging.data?.asOf ?? tenant.today)}
        </span>
      </div>
      <section className="tiles" aria-label="Key figures">
        <Link className="tile" to="/aging?bucket=overdue">
          <div className="label">Overdue</div>
          <div className="value">{overdueTotal !== undefined ? formatMoney(overdueTotal, base) : '…'}</div>
          <div className="hint">of {totals ? formatMoney(totals.openInvoicesMinor, base) : '…'} open</div>
        </Link>
        <Link className="tile" to="/analytics">
          <div className="label">DSO</div>
          <div className="value">{latestDso?.value != null ? `${formatNumber(latestDso.value)} d` : trend.data ? '—' : '…'}</div>
          <div className="hint">{dsoTarget !== null ? `target ${formatNumber(dsoTarget)} d` : 'this month, standard'}</div>
        </Link>
        <Link className="tile" to="/cash?tab=unapplied" data-testid="unapplied-cash">
          <div className="label">Unapplied cash</div>
          <div className="value">{totals ? formatMoney(totals.unappliedCashMinor, base) : '…'}</div>
          <div className="hint">payments not yet matched to invoices</div>
        </Link>
        <Link className="tile" to="/cash" data-testid="exceptions-waiting">
          <div className="label">Exceptions waiting</div>
          <div className="value">{exceptions.data ? `${exceptions.data.data.length}${exceptions.data.nextCursor ? '+' : ''}` : '…'}</div>
          <div className="hint">bank lines for a person to decide</div>
        </Link>
        {worklistMissing ? null : (
          <Link className="tile" to="/collections" data-testid="worklist-count">
            <div className="label">Worklist</div>
            <div className="value">{worklist.data ? formatNumber(worklist.data.total, 0) : '…'}</div>
            <div className="hint">accounts to work today</div>
          </Link>
        )}
      </section>

      <div className="grid grid-2">
        <section className="panel" aria-labelledby="dso-title">
          <h2 id="dso-title">
            DSO, last 12 months <Link className="more" to="/analytics">Details</Link>
          </h2>
          {trend.error ? (
            <ErrorMessage error={trend.error} />
          ) : trend.data ? (
            <LineChart title="DSO (days)" points={dsoPoints.map((p) => ({ label: p.label, value: p.value }))} target={dsoTarget} format={(v) => formatNumber(v, 0)} />
          ) : (
            <Loading what="the DSO trend" />
          )}
        </section>
        <section className="panel" aria-labelledby="aging-title">
          <h2 id="aging-title">
            Aged receivables ({base}) <Link className="more" to="/aging">Aging report</Link>
          </h2>
          {aging.error ? (
            <ErrorMessage error={aging.error} />
          ) : aging.data && totals ? (
            <>
              <BarChart
                title={`Aged receivables in ${base}`}
                bars={aging.data.buckets.map((b) => ({
                  key: b.key,
                  label: b.key === 'current' ? 'Current' : b.label.replace(' days past due', '').replace('Over ', '> ').replace(' past due', ''),
                  value: totals.buckets[b.key] ?? 0,
                  href: `/aging?bucket=${b.key}`,
                  tone: b.key === 'current' ? 'current' : 'overdue',
                }))}
                format={(v) => formatMoney(v, base, { compact: true })}
              />
              {otherCurrencies.length > 0 ? (
                <p className="muted small">
                  Also open:{' '}
                  {otherCurrencies.map((t, i) => (
                    <span key={t.currency}>
                      {i > 0 ? ', ' : ''}
                      <Link to={`/aging?currency=${t.currency}`}>{formatMoney(t.openInvoicesMinor, t.currency)}</Link>
                    </span>
                  ))}
                </p>
              ) : null}
            </>
          ) : aging.data ? (
            <p className="empty">Nothing open in {base}.</p>
          ) : (
            <Loading what="the aging" />
          )}
        </section>
      </div>

      <div className="grid grid-2">
        <section className="panel" aria-labelledby="forecast-title">
          <h2 id="forecast-title">
            Expected receipts, next 13 weeks ({base}) <Link className="more" to="/invoices?status=open">Open invoices</Link>
          </h2>
          {forecast.error ? (
            <ErrorMessage error={forecast.error} />
          ) : forecast.data ? (
            <BarChart
              title={`Expected receipts per week in ${base}`}
              bars={forecast.data.weeks.map((w) => ({ key: w.weekStart, label: formatDate(w.weekStart).replace(/\.?\s?\d{4}$/, ''), value: w.totalMinor, href: '/invoices?status=open', tone: 'current' as const }))}
              format={(v) => formatMoney(v, base, { compact: true })}
            />
          ) : (
            <Loading what="the cash forecast" />
          )}
        </section>
        <section className="panel" aria-labelledby="forecast-weeks-title">
          <h2 id="forecast-weeks-title">Next four weeks</h2>
          {forecast.data ? (
            <>
              <table aria-label="Expected receipts per week">
                <thead>
                  <tr>
                    <th>Week from</th>
                    <th className="num">Expected</th>
                  </tr>
                </thead>
                <tbody>
                  {forecast.data.weeks.slice(0, 4).map((w) => (
                    <tr key={w.weekStart}>
                      <td>{formatDate(w.weekStart)}</td>
                      <td className="num">
                        <Money minor={w.totalMinor} currency={base} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="muted small">
                Open invoices at their predicted payment dates, autopay charges and confirmed orders not yet invoiced
                {forecast.data.beyondHorizonMinor > 0 ? `; ${formatMoney(forecast.data.beyondHorizonMinor, base)} expected after 13 weeks` : ''}.
              </p>
            </>
          ) : forecast.error ? null : (
            <Loading what="the cash forecast" />
          )}
        </section>
      </div>

      <section className="panel" aria-labelledby="top-title">
        <h2 id="top-title">
          Most overdue customers <Link className="more" to="/aging?bucket=overdue">All</Link>
        </h2>
        {aging.data ? (
          topOverdue.length === 0 ? (
            <p className="empty">No customer is overdue.</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>Customer</th>
                    <th className="num">Overdue</th>
                    {aging.data.buckets
                      .filter((b) => b.key !== 'current')
                      .map((b) => (
                        <th key={b.key} className="num hide-narrow">
                          {b.label.replace(' past due', '')}
                        </th>
                      ))}
                    <th className="num hide-narrow">Balance</th>
                  </tr>
                </thead>
                <tbody>
                  {topOverdue.map((c) => (
                    <tr key={c.customerId}>
                      <td>
                        <Link to={`/customers/${c.customerId}`}>{c.customerName}</Link>
                      </td>
                      <td className="num">
                        <Link to={`/customers/${c.customerId}`}>
                          <Money minor={c.overdueMinor} currency={c.currency} />
                        </Link>
                      </td>
                      {aging.data!.buckets
                        .filter((b) => b.key !== 'current')
                        .map((b) => (
                          <td key={b.key} className="num hide-narrow">
                            <Money minor={c.buckets[b.key] ?? 0} currency={c.currency} />
                          </td>
                        ))}
                      <td className="num hide-narrow">
                        <Money minor={c.balanceMinor} currency={c.currency} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        ) : aging.error ? null : (
          <Loading />
        )}
      </section>
    </>
  );
}
