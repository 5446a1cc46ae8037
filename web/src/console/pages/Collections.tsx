import { useState } from 'react';
import { ApiError, query } from '../../shared/api';
import { formatNumber } from '../../shared/format';
import { Link, setQuery, useLocation } from '../../shared/router';
import { Chip, DateText, ErrorMessage, Field, Loading, Money, Show, useApi, useDebounced } from '../../shared/ui';
import { useTitle } from '../common';
import { useCustomerNames } from '../customer-names';
import { useSession } from '../session';
import type { Dispute, DunningNotice, Page, Worklist } from '../types';
import { CollectionActions } from './CollectionActions';

const tabs = [
  { key: 'worklist', label: 'Worklist' },
  { key: 'notices', label: 'Dunning notices' },
  { key: 'disputes', label: 'Open disputes' },
] as const;

export function Collections() {
  useTitle('Collections');
  const { query: params } = useLocation();
  const tab = tabs.find((t) => t.key === params.get('tab'))?.key ?? 'worklist';
  return (
    <>
      <div className="page-head">
        <h1>Collections</h1>
      </div>
      <div className="tabs" role="tablist" aria-label="Collections">
        {tabs.map((t) => (
          <button key={t.key} type="button" role="tab" aria-selected={tab === t.key} onClick={() => setQuery({ tab: t.key === 'worklist' ? undefined : t.key })}>
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel">{tab === 'worklist' ? <WorklistView /> : tab === 'notices' ? <Notices /> : <Disputes />}</div>
    </>
  );
}

const pageSize = 25;

function WorklistView() {
  const { role } = useSession();
  const [collector, setCollector] = useState('');
  const settled = useDebounced(collector.trim());
  const [offset, setOffset] = useState(0);
  const worklist = useApi<Worklist>(`/v1/worklist${query({ limit: pageSize, offset, collector: role === 'collector' ? undefined : settled })}`);
  if (worklist.error instanceof ApiError && worklist.error.status === 404) {
    return <p className="muted">The worklist is not available on this server yet.</p>;
  }
  return (
    <>
      {role !== 'collector' ? (
        <div className="toolbar">
          <Field label="Collector" hint="A name, “unassigned”, or empty for everybody">
            {(p) => (
              <input
                {...p}
                value={collector}
                onChange={(e) => {
                  setCollector(e.target.value);
                  setOffset(0);
                }}
              />
            )}
          </Field>
        </div>
      ) : null}
      <Show loaded={worklist} what="the worklist">
        {(w) => (
          <>
            <p className="muted">
              {w.total} account{w.total === 1 ? '' : 's'} to work on <DateText value={w.asOf} />
              {w.collector ? ` · ${w.collector}` : ''}, most urgent first.
            </p>
            {w.data.length === 0 ? (
              <p className="empty panel">Nothing to chase today.</p>
            ) : (
              <div className="panel table-wrap">
                <table aria-label="Worklist" className="worklist">
                  <thead>
                    <tr>
                      <th className="num">#</th>
                      <th>Customer</th>
                      <th className="num">Overdue</th>
                      <th>Why now</th>
                      <th className="hide-narrow">Last contact</th>
                      <th className="hide-narrow">Promised for</th>
                      <th>Actions</th>
                    </tr>
                  </thead>
                  <tbody>
                    {w.data.map((entry, index) => (
                      <tr key={entry.customerId}>
                        <td className="num muted">{offset + index + 1}</td>
                        <td>
                          <Link to={`/customers/${entry.customerId}`}>{entry.customerName}</Link>
                          <div className="small">
                            <Chip status={entry.riskClass} label={`${entry.riskClass} risk`} />
                            {entry.openDisputes > 0 ? <Chip status="warn" label={`${entry.openDisputes} disputed`} /> : null}
                            {entry.collector && role !== 'collector' ? <span className="muted"> {entry.collector}</span> : null}
                          </div>
                        </td>
                        <td className="num">
                          {entry.overdue.map((o) => (
                            <div key={o.currency}>
                              <Money minor={o.totalMinor} currency={o.currency} />
                            </div>
                          ))}
                          <div className="muted small" title="Priority score: weighted overdue amount plus boosts (see the API docs)">
                            score {formatNumber(entry.score / 100, 0)}
                          </div>
                        </td>
                        <td className="small">
                          <ul className="reasons">
                            {entry.reasons.map((r) => (
                              <li key={r}>{r}</li>
                            ))}
                          </ul>
                        </td>
                        <td className="hide-narrow">
                          <DateText value={entry.lastContactOn} />
                        </td>
                        <td className="hide-narrow">
                          <DateText value={entry.nextPromisedOn} />
                        </td>
                        <td>
                          <CollectionActions compact customerId={entry.customerId} customerName={entry.customerName} currency={entry.overdue[0]?.currency ?? 'EUR'} onDone={worklist.reload} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <nav className="pager" aria-label="Worklist pages">
              <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - pageSize))}>
                ← Previous
              </button>
              <span className="muted">
                {w.total === 0 ? 0 : offset + 1}–{Math.min(offset + pageSize, w.total)} of {w.total}
              </span>
              <button type="button" disabled={offset + pageSize >= w.total} onClick={() => setOffset(offset + pageSize)}>
                Next →
              </button>
            </nav>
          </>
        )}
      </Show>
    </>
  );
}

function Notices() {
  const notices = useApi<{ data: DunningNotice[] }>('/v1/dunning-notices?limit=200');
  const nameOf = useCustomerNames(notices.data?.data.map((n) => n.customerId) ?? []);
  return (
    <div className="panel">
      <Show loaded={notices} what="dunning notices">
        {(list) =>
          list.data.length === 0 ? (
            <p className="empty">No dunning notices yet: the daily run sends them.</p>
          ) : (
            <div className="table-wrap">
              <table aria-label="Dunning notices">
                <thead>
                  <tr>
                    <th>Date</th>
                    <th>Customer</th>
                    <th>Level</th>
                    <th className="hide-narrow">Channel</th>
                    <th>Status</th>
                    <th className="num">Invoices</th>
                    <th className="num">Open</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.map((n) => {
                    const currency = n.lines[0]?.currency ?? 'EUR';
                    return (
                      <tr key={n.id}>
                        <td>
                          <DateText value={n.asOf} />
                        </td>
                        <td>
                          <Link to={`/customers/${n.customerId}`}>{nameOf(n.customerId) ?? '…'}</Link>
                        </td>
                        <td>
                          {n.level} · {n.levelName}
                        </td>
                        <td className="hide-narrow">{n.channel}</td>
                        <td>
                          <Chip status={n.status} />
                        </td>
                        <td className="num">{n.lines.length}</td>
                        <td className="num">
                          <Money minor={n.lines.reduce((s, l) => s + l.openMinor, 0)} currency={currency} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )
        }
      </Show>
    </div>
  );
}

function Disputes() {
  const disputes = useApi<Page<Dispute>>('/v1/disputes?status=open&limit=100');
  const nameOf = useCustomerNames(disputes.data?.data.map((d) => d.customerId) ?? []);
  if (disputes.error) return <ErrorMessage error={disputes.error} />;
  if (!disputes.data) return <Loading what="disputes" />;
  return (
    <div className="panel">
      {disputes.data.data.length === 0 ? (
        <p className="empty">No open disputes.</p>
      ) : (
        <div className="table-wrap">
          <table aria-label="Open disputes">
            <thead>
              <tr>
                <th>Opened</th>
                <th>Customer</th>
                <th>Invoice</th>
                <th>Reason</th>
                <th className="num">Amount</th>
                <th>Resolve by</th>
              </tr>
            </thead>
            <tbody>
              {disputes.data.data.map((d) => (
                <tr key={d.id}>
                  <td>
                    <DateText value={d.openedOn} />
                  </td>
                  <td>
                    <Link to={`/customers/${d.customerId}`}>{nameOf(d.customerId) ?? '…'}</Link>
                  </td>
                  <td>
                    <Link to={`/invoices/${d.invoiceId}`}>invoice</Link>
                  </td>
                  <td title={d.description}>{d.reason.replace(/_/g, ' ')}</td>
                  <td className="num">
                    <Money minor={d.amountMinor} currency={d.currency} />
                  </td>
                  <td>
                    <DateText value={d.resolveBy} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
