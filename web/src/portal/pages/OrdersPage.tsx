import { useEffect } from 'react';
import { Chip, DateText, Money, Show, useApi } from '../../shared/ui';
import type { PortalMe, PortalOrder } from '../types';
import { rowsOf } from './InvoiceList';

/** The customer's orders (drafts stay with the company), newest first, with what has been invoiced of each. */
export function OrdersPage({ me }: { me: PortalMe }) {
  const orders = useApi<{ data: PortalOrder[] } | PortalOrder[]>('/portal/v1/orders?limit=100');
  useEffect(() => {
    document.title = `Orders · ${me.customer.name}`;
  }, [me.customer.name]);
  const rows = rowsOf(orders.data);
  return (
    <>
      <div className="page-head">
        <h1>Your orders</h1>
      </div>
      <div className="panel">
        <Show loaded={orders} what="your orders">
          {() =>
            rows.length === 0 ? (
              <p className="empty">No orders yet.</p>
            ) : (
              <div className="table-wrap">
                <table aria-label="Orders">
                  <thead>
                    <tr>
                      <th>Order</th>
                      <th>Date</th>
                      <th className="hide-narrow">Your reference</th>
                      <th>Status</th>
                      <th className="num">Total</th>
                      <th className="num hide-narrow">Invoiced</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((o) => (
                      <tr key={o.id}>
                        <td>{o.number}</td>
                        <td>
                          <DateText value={o.orderDate} />
                        </td>
                        <td className="hide-narrow">{o.customerReference ?? ''}</td>
                        <td>
                          <Chip status={o.status} label={o.status.replace(/_/g, ' ')} />
                        </td>
                        <td className="num">
                          <Money minor={o.totalMinor} currency={o.currency} />
                        </td>
                        <td className="num hide-narrow">
                          <Money minor={o.invoicedMinor} currency={o.currency} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </Show>
      </div>
    </>
  );
}
