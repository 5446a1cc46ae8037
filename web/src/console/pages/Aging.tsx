import { Link, setQuery, useLocation } from '../../shared/router';
import { Field, Money, Show, useApi } from '../../shared/ui';
import { overdueOf, useTitle } from '../common';
import { useSession } from '../session';
import type { AgingReport } from '../types';

/** Aged receivables per customer: the rows behind the dashboard's aging bars and overdue figure. */
export function Aging() {
  useTitle('Aging');
  const { tenant } = useSession();
  const { query } = useLocation();
  const bucket = query.get('bucket') ?? '';
  const currency = query.get('currency') ?? tenant.baseCurrency;
  const aging = useApi<AgingReport>('/v1/reports/aging');
  return (
    <>
      <div className="page-head">
        <h1>Aged receivables</h1>
        <div className="actions">
          <a className="button" href={`/v1/exports/open-items?format=csv`} download>
            Export open items (CSV)
          </a>
        </div>
      </div>
      <Show loaded={aging} what="the aging">
        {(report) => {
          const amountIn = (buckets: Record<string, number>) => (bucket === 'overdue' ? overdueOf(buckets) : bucket ? (buckets[bucket] ?? 0) : Object.values(buckets).reduce((a, b) => a + b, 0));
          const rows = report.customers
            .filter((c) => c.currency === currency)
            .map((c) => ({ ...c, selected: amountIn(c.buckets) }))
            .filter((c) => (bucket ? c.selected > 0 : c.balanceMinor !== 0 || c.openInvoicesMinor > 0))
            .sort((a, b) => b.selected - a.selected || a.customerName.localeCompare(b.customerName));
          const totals = report.totalsByCurrency.find((t) => t.currency === currency);
          return (
            <>
              <div className="toolbar">
                <Field label="Bucket">
                  {(p) => (
                    <select {...p} value={bucket} onChange={(e) => setQuery({ bucket: e.target.value })}>
                      <option value="">All open items</option>
                      <option value="overdue">All overdue</option>
                      {report.buckets.map((b) => (
                        <option key={b.key} value={b.key}>
                          {b.label}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label="Currency">
                  {(p) => (
                    <select {...p} value={currency} onChange={(e) => setQuery({ currency: e.target.value })}>
                      {report.totalsByCurrency.map((t) => (
                        <option key={t.currency}>{t.currency}</option>
                      ))}
                    </select>
                  )}
                </Field>
                <span className="muted">
                  as of {report.asOf} · {rows.length} customers
                </span>
              </div>
              <div className="panel table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th>Customer</th>
                      {report.buckets.map((b) => (
                        <th key={b.key} className="num" aria-sort={b.key === bucket ? 'descending' : undefined}>
                          {b.label.replace(' past due', '').replace(' (not yet due)', '')}
                        </th>
                      ))}
                      <th className="num">Unapplied cash</th>
                      <th className="num">Balance</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((c) => (
                      <tr key={c.customerId}>
                        <td>
                          <Link to={`/customers/${c.customerId}`}>{c.customerName}</Link>
                        </td>
                        {report.buckets.map((b) => (
                          <td key={b.key} className="num">
                            <Money minor={c.buckets[b.key] ?? 0} currency={c.currency} />
                          </td>
                        ))}
                        <td className="num">
                          <Money minor={c.unappliedCashMinor} currency={c.currency} />
                        </td>
                        <td className="num">
                          <Money minor={c.balanceMinor} currency={c.currency} />
                        </td>
                      </tr>
                    ))}
                    {rows.length === 0 ? (
                      <tr>
                        <td colSpan={report.buckets.length + 3} className="empty">
                          Nothing in this bucket.
                        </td>
                      </tr>
                    ) : null}
                  </tbody>
                  {totals ? (
                    <tfoot>
                      <tr>
                        <td>Total {currency}</td>
                        {report.buckets.map((b) => (
                          <td key={b.key} className="num">
                            <Money minor={totals.buckets[b.key] ?? 0} currency={currency} />
                          </td>
                        ))}
                        <td className="num">
                          <Money minor={totals.unappliedCashMinor} currency={currency} />
                        </td>
                        <td className="num">
                          <Money minor={totals.balanceMinor} currency={currency} />
                        </td>
                      </tr>
                    </tfoot>
                  ) : null}
                </table>
              </div>
            </>
          );
        }}
      </Show>
    </>
  );
}
