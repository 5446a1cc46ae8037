import { query } from '../../shared/api';
import { daysBetween } from '../../shared/format';
import { Link, setQuery, useLocation } from '../../shared/router';
import { Chip, DateText, Field, Money, Pager, Show, useApi, useCursorPages } from '../../shared/ui';
import { useTitle } from '../common';
import { useCustomerNames } from '../customer-names';
import { useSession } from '../session';
import type { Invoice, InvoiceStatus, Page } from '../types';

const pageSize = 25;
const statuses: InvoiceStatus[] = ['draft', 'open', 'partially_paid', 'paid', 'void', 'applied', 'written_off'];

export function Invoices() {
  useTitle('Invoices');
  const { tenant, can } = useSession();
  const { query: params } = useLocation();
  const status = params.get('status') ?? '';
  const kind = params.get('kind') ?? '';
  const customerId = params.get('customerId') ?? '';
  const filters = `${status}|${kind}|${customerId}`;
  const pages = useCursorPages(filters);
  const list = useApi<Page<Invoice>>(`/v1/invoices${query({ limit: pageSize, status, kind, customerId, cursor: pages.cursor })}`);
  const nameOf = useCustomerNames(list.data?.data.map((i) => i.customerId) ?? []);
  return (
    <>
      <div className="page-head">
        <h1>Invoices</h1>
        <div className="actions">
          {can('createInvoice') ? (
            <Link className="button primary" to={`/invoices/new${customerId ? `?customerId=${customerId}` : ''}`}>
              New invoice
            </Link>
          ) : null}
        </div>
      </div>
      <div className="toolbar">
        <Field label="Status">
          {(p) => (
            <select {...p} value={status} onChange={(e) => setQuery({ status: e.target.value })}>
              <option value="">Any</option>
              {statuses.map((s) => (
                <option key={s} value={s}>
                  {s.replace(/_/g, ' ')}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Kind">
          {(p) => (
            <select {...p} value={kind} onChange={(e) => setQuery({ kind: e.target.value })}>
              <option value="">Any</option>
              <option value="invoice">Invoices</option>
              <option value="credit_note">Credit notes</option>
              <option value="write_off">Write-offs</option>
            </select>
          )}
        </Field>
        {customerId ? (
          <span>
            Customer: <Link to={`/customers/${customerId}`}>{nameOf(customerId) ?? '…'}</Link>{' '}
            <button type="button" className="link" onClick={() => setQuery({ customerId: undefined })}>
              (all customers)
            </button>
          </span>
        ) : null}
      </div>
      <div className="panel">
        <Show loaded={list} what="invoices">
          {(page) => (
            <>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th>Number</th>
                      <th>Customer</th>
                      <th className="hide-narrow">Issued</th>
                      <th>Due</th>
                      <th>Status</th>
                      <th className="num hide-narrow">Total</th>
                      <th className="num">Open</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.data.map((i) => {
                      const late = i.dueDate && i.openMinor > 0 ? daysBetween(i.dueDate, tenant.today) : 0;
                      return (
                        <tr key={i.id}>
                          <td>
                            <Link to={`/invoices/${i.id}`}>{i.number ?? 'draft'}</Link>
                            {i.kind !== 'invoice' ? <span className="muted small"> {i.kind.replace('_', ' ')}</span> : null}
                          </td>
                          <td>
                            <Link to={`/customers/${i.customerId}`}>{nameOf(i.customerId) ?? '…'}</Link>
                          </td>
                          <td className="hide-narrow">
                            <DateText value={i.issueDate} />
                          </td>
                          <td>
                            <DateText value={i.dueDate} />
                          </td>
                          <td>
                            <Chip status={i.status} /> {late > 0 ? <Chip status="overdue" label={`${late} d late`} /> : null}
                          </td>
                          <td className="num hide-narrow">
                            <Money minor={i.totalMinor} currency={i.currency} />
                          </td>
                          <td className="num">
                            <Money minor={i.openMinor} currency={i.currency} />
                          </td>
                        </tr>
                      );
                    })}
                    {page.data.length === 0 ? (
                      <tr>
                        <td colSpan={7} className="empty">
                          No invoices match.
                        </td>
                      </tr>
                    ) : null}
                  </tbody>
                </table>
              </div>
              <Pager label="Invoices" page={pages.page} nextCursor={page.nextCursor} onNext={pages.next} onPrevious={pages.previous} />
            </>
          )}
        </Show>
      </div>
    </>
  );
}
