import { useState } from 'react';
import { query } from '../../shared/api';
import { Link, setQuery, useLocation } from '../../shared/router';
import { Chip, Field, Money, Pager, Show, useApi, useCursorPages, useDebounced } from '../../shared/ui';
import { useTitle } from '../common';
import type { Customer, Page } from '../types';

const pageSize = 25;

export function Customers() {
  useTitle('Customers');
  const { query: params } = useLocation();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const settled = useDebounced(search.trim());
  const pages = useCursorPages(settled);
  const list = useApi<Page<Customer>>(`/v1/customers${query({ limit: pageSize, search: settled, cursor: pages.cursor })}`);
  return (
    <>
      <div className="page-head">
        <h1>Customers</h1>
      </div>
      <div className="toolbar" role="search">
        <Field label="Search customers" hint="Name, email, customer number or tax ID">
          {(p) => (
            <input
              {...p}
              type="search"
              value={search}
              size={32}
              onChange={(e) => {
                setSearch(e.target.value);
                setQuery({ q: e.target.value.trim() || undefined });
              }}
            />
          )}
        </Field>
      </div>
      <div className="panel">
        <Show loaded={list} what="customers">
          {(page) => (
            <>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th>Customer</th>
                      <th className="hide-narrow">Number</th>
                      <th className="hide-narrow">Segment</th>
                      <th>Risk</th>
                      <th className="num hide-narrow">Terms</th>
                      <th className="num">Credit limit</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.data.map((c) => (
                      <tr key={c.id}>
                        <td>
                          <Link to={`/customers/${c.id}`}>{c.name}</Link>
                          {c.blockedForOrders ? (
                            <>
                              {' '}
                              <Chip status="bad" label="on hold" />
                            </>
                          ) : null}
                        </td>
                        <td className="hide-narrow">{c.externalRef ?? '—'}</td>
                        <td className="hide-narrow">{c.segment ?? '—'}</td>
                        <td>
                          <Chip status={c.riskClass} label={`${c.riskClass} risk`} />
                        </td>
                        <td className="num hide-narrow">net {c.paymentTermsDays}</td>
                        <td className="num">
                          <Money minor={c.creditLimitMinor} currency={c.currency} />
                        </td>
                      </tr>
                    ))}
                    {page.data.length === 0 ? (
                      <tr>
                        <td colSpan={6} className="empty">
                          No customer matches “{settled}”.
                        </td>
                      </tr>
                    ) : null}
                  </tbody>
                </table>
              </div>
              <Pager label="Customers" page={pages.page} nextCursor={page.nextCursor} onNext={pages.next} onPrevious={pages.previous} />
            </>
          )}
        </Show>
      </div>
    </>
  );
}
