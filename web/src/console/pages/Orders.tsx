import { query } from '../../shared/api';
import { Link, setQuery, useLocation } from '../../shared/router';
import { Chip, DateText, Field, Money, Pager, Show, useApi, useCursorPages } from '../../shared/ui';
import { useTitle } from '../common';
import { useCustomerNames } from '../customer-names';
import { useSession } from '../session';
import { orderStatuses, type Order, type Page } from '../types';
import { CustomerPicker } from './Pickers';

const pageSize = 25;

export const orderStatusLabels: Record<Order['status'], string> = {
  draft: 'draft',
  submitted: 'credit checked',
  credit_hold: 'credit hold',
  confirmed: 'confirmed',
  partially_fulfilled: 'partly delivered',
  fulfilled: 'delivered',
  invoiced: 'invoiced',
  closed: 'closed',
  cancelled: 'cancelled',
};

export const billingPolicyLabels: Record<Order['billingPolicy'], string> = {
  on_confirmation: 'on confirmation',
  on_fulfilment: 'per delivery',
  milestones: 'by milestones',
  recurring: 'recurring contract',
};

export function OrderStatusChip({ status }: { status: Order['status'] }) {
  const tone = status === 'credit_hold' ? 'high' : status === 'closed' || status === 'invoiced' ? 'paid' : status === 'cancelled' || status === 'draft' ? 'draft' : 'open';
  return <Chip status={tone} label={orderStatusLabels[status]} />;
}

export function Orders() {
  useTitle('Orders');
  const { can } = useSession();
  const { query: params } = useLocation();
  const status = params.get('status') ?? '';
  const customerId = params.get('customerId') ?? '';
  const pages = useCursorPages(`${status}|${customerId}`);
  const list = useApi<Page<Order>>(`/v1/orders${query({ limit: pageSize, status, customerId, cursor: pages.cursor })}`);
  const nameOf = useCustomerNames([...(list.data?.data.map((o) => o.customerId) ?? []), ...(customerId ? [customerId] : [])]);
  return (
    <>
      <div className="page-head">
        <h1>Orders</h1>
        <div className="actions">
          {can('createOrder') ? (
            <Link className="button primary" to={`/orders/new${customerId ? `?customerId=${customerId}` : ''}`}>
              New order
            </Link>
          ) : null}
        </div>
      </div>
      <div className="toolbar">
        <Field label="Status">
          {(p) => (
            <select {...p} value={status} onChange={(e) => setQuery({ status: e.target.value })}>
              <option value="">Any</option>
              {orderStatuses.map((s) => (
                <option key={s} value={s}>
                  {orderStatusLabels[s]}
                </option>
              ))}
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
        ) : (
          <CustomerFilter />
        )}
      </div>
      <div className="panel">
        <Show loaded={list} what="orders">
          {(page) => (
            <>
              <div className="table-wrap">
                <table aria-label="Orders">
                  <thead>
                    <tr>
                      <th>Number</th>
                      <th>Customer</th>
                      <th className="hide-narrow">Date</th>
                      <th>Status</th>
                      <th className="hide-narrow">Billing</th>
                      <th className="num">Total</th>
                      <th className="num hide-narrow">Invoiced</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.data.map((o) => (
                      <tr key={o.id}>
                        <td>
                          <Link to={`/orders/${o.id}`}>{o.number}</Link>
                        </td>
                        <td>
                          <Link to={`/customers/${o.customerId}`}>{nameOf(o.customerId) ?? '…'}</Link>
                        </td>
                        <td className="hide-narrow">
                          <DateText value={o.orderDate} />
                        </td>
                        <td>
                          <OrderStatusChip status={o.status} />
                        </td>
                        <td className="hide-narrow">{billingPolicyLabels[o.billingPolicy]}</td>
                        <td className="num">
                          <Money minor={o.totalMinor} currency={o.currency} />
                        </td>
                        <td className="num hide-narrow">
                          <Money minor={o.invoicedMinor} currency={o.currency} />
                        </td>
                      </tr>
                    ))}
                    {page.data.length === 0 ? (
                      <tr>
                        <td colSpan={7} className="empty">
                          No orders match.
                        </td>
                      </tr>
                    ) : null}
                  </tbody>
                </table>
              </div>
              <Pager label="Orders" page={pages.page} nextCursor={page.nextCursor} onNext={pages.next} onPrevious={pages.previous} />
            </>
          )}
        </Show>
      </div>
    </>
  );
}

function CustomerFilter() {
  return <CustomerPicker label="Customer" onPick={(c) => setQuery({ customerId: c.id })} />;
}
