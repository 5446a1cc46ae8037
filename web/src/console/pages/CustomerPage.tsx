import { useState } from 'react';
import { query } from '../../shared/api';
import { daysBetween, formatMoney } from '../../shared/format';
import { Link } from '../../shared/router';
import { Chip, DateText, ErrorMessage, Loading, Money, Show, useApi } from '../../shared/ui';
import { overdueOf, useTitle } from '../common';
import { useSession } from '../session';
import type { AgingReport, CreditPosition, Customer, Invoice, Page, PromiseToPay, TimelineEntry } from '../types';
import { CollectionActions } from './CollectionActions';

export function CustomerPage({ id }: { id: string }) {
  const { tenant, can } = useSession();
  const customer = useApi<Customer>(`/v1/customers/${id}`);
  useTitle(customer.data?.name ?? 'Customer');
  const credit = useApi<CreditPosition>(`/v1/customers/${id}/credit`);
  const aging = useApi<AgingReport>(`/v1/reports/aging${query({ customerId: id })}`);
  const open = useApi<Page<Invoice>>(`/v1/invoices${query({ customerId: id, status: 'open', limit: 100 })}`);
  const partial = useApi<Page<Invoice>>(`/v1/invoices${query({ customerId: id, status: 'partially_paid', limit: 100 })}`);
  const promises = useApi<{ data: PromiseToPay[] }>(`/v1/customers/${id}/promises`);
  const [timelineLimit, setTimelineLimit] = useState(25);
  const timeline = useApi<{ data: TimelineEntry[] }>(`/v1/customers/${id}/timeline?limit=${timelineLimit}`);
  const reloadActivity = () => {
    promises.reload();
    timeline.reload();
  };

  if (customer.error) return <ErrorMessage error={customer.error} />;
  if (!customer.data) return <Loading what="the customer" />;
  const c = customer.data;
  const row = aging.data?.customers.find((r) => r.currency === c.currency);
  const openItems = open.data && partial.data ? [...open.data.data, ...partial.data.data].sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? '')) : undefined;

  return (
    <>
      <div className="crumbs">
        <Link to="/customers">Customers</Link>
      </div>
      <div className="page-head">
        <h1>{c.name}</h1>
        <Chip status={c.riskClass} label={`${c.riskClass} risk`} />
        {c.blockedForOrders ? <Chip status="bad" label="on credit hold" /> : null}
        {c.archived ? <Chip status="void" label="archived" /> : null}
        <div className="actions">
          <Link className="button" to={`/orders?customerId=${c.id}`}>
            Orders
          </Link>
          {can('createOrder') && !c.archived && !c.blockedForOrders ? (
            <Link className="button" to={`/orders/new?customerId=${c.id}`}>
              New order
            </Link>
          ) : null}
          {can('createInvoice') && !c.archived ? (
            <Link className="button" to={`/invoices/new?customerId=${c.id}`}>
              New invoice
            </Link>
          ) : null}
        </div>
      </div>
      <div className="grid grid-3">
        <section className="panel" aria-labelledby="account-title">
          <h2 id="account-title">Account</h2>
          <dl className="facts">
            <dt>Balance</dt>
            <dd>{row ? <Money minor={row.balanceMinor} currency={c.currency} /> : aging.data ? formatMoney(0, c.currency) : '…'}</dd>
            <dt>Overdue</dt>
            <dd>{row ? <Money minor={overdueOf(row.buckets)} currency={c.currency} /> : '…'}</dd>
            <dt>Unapplied cash</dt>
            <dd>{row ? <Money minor={row.unappliedCashMinor} currency={c.currency} /> : '…'}</dd>
            <dt>Credit limit</dt>
            <dd>
              <Money minor={c.creditLimitMinor} currency={c.currency} />
            </dd>
            <dt>Available credit</dt>
            <dd>{credit.data ? <Money minor={credit.data.availableMinor} currency={c.currency} /> : '…'}</dd>
            <dt>Terms</dt>
            <dd>net {c.paymentTermsDays} days</dd>
            <dt>Risk class</dt>
            <dd>{c.riskClass}</dd>
          </dl>
        </section>
        <section className="panel" aria-labelledby="aging-title">
          <h2 id="aging-title">Aging</h2>
          {aging.data ? (
            <table>
              <tbody>
                {aging.data.buckets.map((b) => (
                  <tr key={b.key}>
                    <th scope="row">{b.label}</th>
                    <td className="num">
                      <Money minor={row?.buckets[b.key] ?? 0} currency={c.currency} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Loading />
          )}
        </section>
        <section className="panel" aria-labelledby="contact-title">
          <h2 id="contact-title">Contact</h2>
          <dl className="facts">
            <dt>Number</dt>
            <dd>{c.externalRef ?? '—'}</dd>
            <dt>Email</dt>
            <dd>{c.email ?? '—'}</dd>
            <dt>Segment</dt>
            <dd>{c.segment ?? '—'}</dd>
            <dt>Currency</dt>
            <dd>{c.currency}</dd>
            {(c.contacts ?? []).slice(0, 2).map((contact) => (
              <div key={contact.id} style={{ display: 'contents' }}>
                <dt>{contact.role ?? 'Contact'}</dt>
                <dd>{contact.email ?? contact.name}</dd>
              </div>
            ))}
          </dl>
        </section>
      </div>

      <section className="panel" aria-labelledby="collect-title">
        <h2 id="collect-title">Collections</h2>
        <CollectionActions customerId={c.id} customerName={c.name} currency={c.currency} onDone={reloadActivity} />
        <Show loaded={promises} what="promises">
          {(p) =>
            p.data.length === 0 ? null : (
              <div className="table-wrap" style={{ marginTop: '0.6rem' }}>
                <table aria-label="Promises to pay">
                  <thead>
                    <tr>
                      <th>Promised for</th>
                      <th className="num">Amount</th>
                      <th>Status</th>
                      <th className="hide-narrow">Made by</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.data.map((promise) => (
                      <tr key={promise.id}>
                        <td>
                          <DateText value={promise.promisedOn} />
                        </td>
                        <td className="num">
                          <Money minor={promise.amountMinor} currency={promise.currency} />
                        </td>
                        <td>
                          <Chip status={promise.status} />
                        </td>
                        <td className="hide-narrow">{promise.madeBy}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </Show>
      </section>

      <div className="grid grid-2">
        <section className="panel" aria-labelledby="open-title">
          <h2 id="open-title">
            Open invoices <Link className="more" to={`/invoices?customerId=${c.id}`}>All invoices</Link>
          </h2>
          {openItems ? (
            openItems.length === 0 ? (
              <p className="empty">Nothing open.</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th>Invoice</th>
                      <th>Due</th>
                      <th className="num">Days late</th>
                      <th className="num">Open</th>
                    </tr>
                  </thead>
                  <tbody>
                    {openItems.map((i) => {
                      const late = i.dueDate ? daysBetween(i.dueDate, tenant.today) : 0;
                      return (
                        <tr key={i.id}>
                          <td>
                            <Link to={`/invoices/${i.id}`}>{i.number}</Link>
                          </td>
                          <td>
                            <DateText value={i.dueDate} />
                          </td>
                          <td className="num">{late > 0 ? <Chip status="overdue" label={`${late} d`} /> : '—'}</td>
                          <td className="num">
                            <Money minor={i.openMinor} currency={i.currency} />
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )
          ) : open.error || partial.error ? (
            <ErrorMessage error={open.error ?? partial.error} />
          ) : (
            <Loading />
          )}
        </section>
        <section className="panel" aria-labelledby="timeline-title">
          <h2 id="timeline-title">Timeline</h2>
          <Show loaded={timeline} what="the timeline">
            {(t) =>
              t.data.length === 0 ? (
                <p className="empty">Nothing yet.</p>
              ) : (
                <ol className="timeline">
                  {t.data.map((entry, index) => (
                    <li key={`${entry.reference.id}-${entry.kind}-${index}`}>
                      <span className="when">
                        <DateText value={entry.on} />
                      </span>
                      <span>
                        <Chip status={entry.kind} label={entry.kind.replace(/_/g, ' ')} />{' '}
                        {entry.reference.type === 'invoice' ? <Link to={`/invoices/${entry.reference.id}`}>{entry.summary}</Link> : entry.summary}
                        {entry.actor ? <span className="muted small"> · {entry.actor}</span> : null}
                      </span>
                    </li>
                  ))}
                </ol>
              )
            }
          </Show>
          {timeline.data && timeline.data.data.length >= timelineLimit && timelineLimit < 500 ? (
            <button type="button" className="link" style={{ marginTop: '0.5rem' }} onClick={() => setTimelineLimit(500)}>
              Show everything
            </button>
          ) : null}
        </section>
      </div>
    </>
  );
}
