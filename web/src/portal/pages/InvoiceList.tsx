import { useEffect, useState } from 'react';
import { addDays, daysBetween, formatMoney } from '../../shared/format';
import { Link, navigate, setQuery, useLocation } from '../../shared/router';
import { Chip, DateText, Money, Show, useApi } from '../../shared/ui';
import type { PortalInvoice, PortalMe, PortalStatement } from '../types';

/** The portal's lists come as { data: [...] }; a plain array is read the same. */
export function rowsOf<T>(answer: { data: T[] } | T[] | undefined): T[] {
  if (!answer) return [];
  return Array.isArray(answer) ? answer : answer.data;
}

const filters = [
  { key: 'open', label: 'To pay' },
  { key: 'paid', label: 'Paid' },
  { key: 'all', label: 'All' },
] as const;

export function InvoiceList({ me }: { me: PortalMe }) {
  const { query } = useLocation();
  const status = filters.find((f) => f.key === query.get('status'))?.key ?? 'open';
  const paidNotice = query.get('paid');
  const pendingNotice = query.get('pending');
  const statement = useApi<PortalStatement>('/portal/v1/statement');
  const invoices = useApi<{ data: PortalInvoice[] } | PortalInvoice[]>(`/portal/v1/invoices?status=${status}`);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  useEffect(() => {
    document.title = `Invoices · ${me.customer.name}`;
  }, [me.customer.name]);
  const rows = rowsOf(invoices.data);
  const payable = rows.filter((i) => i.openMinor > 0);
  const chosen = payable.filter((i) => selected.has(i.id));
  const currencies = [...new Set(chosen.map((i) => i.currency))];
  const total = chosen.reduce((s, i) => s + i.openMinor, 0);
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const today = statement.data?.asOf ?? new Date().toISOString().slice(0, 10);
  return (
    <>
      <div className="page-head">
        <h1>Your invoices</h1>
        <div className="actions">
          {/* The last twelve months: opening balance, every document and payment, closing balance. */}
          <a className="button" href={`/portal/v1/statement/pdf?from=${addDays(today, -365)}&to=${today}`} download={`statement-${today}.pdf`}>
            Statement (PDF)
          </a>
        </div>
      </div>
      {paidNotice ? (
        <p className="notice" role="status">
          Thank you: your payment of {paidNotice} was received.
        </p>
      ) : null}
      {pendingNotice ? (
        <p className="notice info" role="status">
          Your card payment of {pendingNotice} is being processed; the invoices show as paid once it clears.
        </p>
      ) : null}
      {statement.data ? (
        <section className="tiles" aria-label="Your account">
          <div className="tile">
            <div className="label">Balance</div>
            <div className="value">{formatMoney(statement.data.balanceMinor, statement.data.currency)}</div>
          </div>
          <div className="tile">
            <div className="label">Overdue</div>
            <div className="value">{formatMoney(statement.data.overdueMinor, statement.data.currency)}</div>
          </div>
        </section>
      ) : null}
      <div className="tabs" role="tablist" aria-label="Which invoices">
        {filters.map((f) => (
          <button
            key={f.key}
            type="button"
            role="tab"
            aria-selected={status === f.key}
            onClick={() => {
              setSelected(new Set());
              setQuery({ status: f.key === 'open' ? undefined : f.key, paid: undefined });
            }}
          >
            {f.label}
          </button>
        ))}
      </div>
      <div className="panel">
        <Show loaded={invoices} what="your invoices">
          {() =>
            rows.length === 0 ? (
              <p className="empty">{status === 'open' ? 'Nothing to pay. Thank you!' : 'No invoices here.'}</p>
            ) : (
              <>
                <div className="table-wrap">
                  <table aria-label="Invoices">
                    <thead>
                      <tr>
                        {status !== 'paid' ? (
                          <th>
                            <span className="visually-hidden">Select</span>
                          </th>
                        ) : null}
                        <th>Invoice</th>
                        <th className="hide-narrow">Date</th>
                        <th>Due</th>
                        <th>Status</th>
                        <th className="num">Amount due</th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((i) => {
                        const late = i.dueDate && i.openMinor > 0 ? daysBetween(i.dueDate, today) : 0;
                        return (
                          <tr key={i.id} className={selected.has(i.id) ? 'selected' : ''}>
                            {status !== 'paid' ? (
                              <td>
                                {i.openMinor > 0 && !i.paymentPending ? (
                                  <input type="checkbox" aria-label={`Select ${i.number ?? 'invoice'} to pay`} checked={selected.has(i.id)} onChange={() => toggle(i.id)} />
                                ) : null}
                              </td>
                            ) : null}
                            <td>
                              <Link to={`/portal/invoices/${i.id}`}>{i.number ?? 'invoice'}</Link>
                            </td>
                            <td className="hide-narrow">
                              <DateText value={i.issueDate} />
                            </td>
                            <td>
                              <DateText value={i.dueDate} />
                            </td>
                            <td>
                              {i.paymentPending ? (
                                <Chip status="pending" label="payment pending" />
                              ) : late > 0 ? (
                                <Chip status="overdue" label="overdue" />
                              ) : (
                                <Chip status={i.status} label={i.status === 'partially_paid' ? 'part paid' : i.status} />
                              )}
                            </td>
                            <td className="num">
                              <Money minor={i.openMinor > 0 ? i.openMinor : i.totalMinor} currency={i.currency} />
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
                {payable.length > 0 ? (
                  <div className="row paybar">
                    {currencies.length > 1 ? <span className="error small">Pay one currency at a time.</span> : null}
                    <button
                      type="button"
                      className="primary"
                      disabled={chosen.length === 0 || currencies.length > 1}
                      onClick={() => navigate(`/portal/pay?invoices=${chosen.map((i) => i.id).join(',')}`)}
                    >
                      {chosen.length === 0 ? 'Select invoices to pay' : `Pay ${chosen.length} invoice${chosen.length === 1 ? '' : 's'} · ${formatMoney(total, currencies[0] ?? 'EUR')}`}
                    </button>
                  </div>
                ) : null}
              </>
            )
          }
        </Show>
      </div>
    </>
  );
}
