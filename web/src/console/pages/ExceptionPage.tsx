import { useState } from 'react';
import { post, query } from '../../shared/api';
import { formatMoney, formatNumber, moneyInput, parseMoney } from '../../shared/format';
import { Link } from '../../shared/router';
import { Chip, DateText, ErrorMessage, Field, Form, Loading, Money, useApi, useDebounced, useSubmit } from '../../shared/ui';
import { useTitle } from '../common';
import { rememberCustomerName, useCustomerNames } from '../customer-names';
import { useSession } from '../session';
import type { Customer, Invoice, MatchProposal, Page, StatementLine } from '../types';

/** One bank line in the exception queue: the engine's proposal and why, and the three ways to resolve it. */
export function ExceptionPage({ id }: { id: string }) {
  useTitle('Exception');
  const { can } = useSession();
  const line = useApi<StatementLine>(`/v1/statement-lines/${id}`);
  const [done, setDone] = useState<string>();
  if (line.error) return <ErrorMessage error={line.error} />;
  if (!line.data) return <Loading what="the statement line" />;
  const l = line.data;
  const resolved = (message: string) => {
    setDone(message);
    line.reload();
  };
  return (
    <>
      <div className="crumbs">
        <Link to="/cash">Exception queue</Link>
      </div>
      <div className="page-head">
        <h1>
          <Money minor={l.amountMinor} currency={l.currency} /> from {l.payerName ?? 'an unknown payer'}
        </h1>
        <Chip status={l.status} />
      </div>
      {done ? (
        <p className="notice" role="status">
          {done} <Link to="/cash">Back to the queue</Link>
        </p>
      ) : null}
      <div className="grid grid-2">
        <section className="panel" aria-labelledby="line-title">
          <h2 id="line-title">Bank line</h2>
          <dl className="facts">
            <dt>Value date</dt>
            <dd>
              <DateText value={l.valueDate} />
            </dd>
            <dt>Amount</dt>
            <dd>
              <Money minor={l.amountMinor} currency={l.currency} />
            </dd>
            <dt>Payer</dt>
            <dd>{l.payerName ?? '—'}</dd>
            <dt>Payer account</dt>
            <dd>{l.payerIban ?? '—'}</dd>
            <dt>Reference</dt>
            <dd>{l.structuredReference ?? l.customerReference ?? '—'}</dd>
            <dt>Remittance text</dt>
            <dd>{l.remittanceText || '—'}</dd>
            <dt>Bank reference</dt>
            <dd className="small">{l.bankReference ?? '—'}</dd>
          </dl>
        </section>
        <section className="panel" aria-labelledby="proposal-title">
          <h2 id="proposal-title">What the engine found</h2>
          {l.reasons && l.reasons.length > 0 ? (
            <div className="explain">
              Why it needs a person:
              <ul>
                {l.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {l.proposal ? (
            <ProposalView proposal={l.proposal} currency={l.currency} />
          ) : (
            <p className="muted" style={{ marginTop: '0.5rem' }}>
              No proposal: match it by hand, or set it aside.
            </p>
          )}
          {l.explanation && !l.proposal ? <p className="small">{l.explanation}</p> : null}
        </section>
      </div>
      {l.status === 'exception' && can('resolveException') ? (
        <>
          {l.proposal ? <AcceptProposal line={l} onDone={() => resolved('Proposal accepted: the payment is recorded and allocated.')} /> : null}
          <ManualMatch line={l} onDone={() => resolved('Matched by hand: the payment is recorded and allocated.')} />
          <RejectLine line={l} onDone={(aside) => resolved(aside ? 'Set aside as not a customer payment.' : 'Proposal rejected: the line stays in the queue for a manual match.')} />
        </>
      ) : null}
    </>
  );
}

function ProposalView({ proposal, currency }: { proposal: MatchProposal; currency: string }) {
  const nameOf = useCustomerNames([proposal.customerId]);
  return (
    <div className="stack" style={{ marginTop: '0.5rem' }}>
      <p>
        <strong>{proposal.rule.replace(/_/g, ' ')}</strong> · confidence {formatNumber(proposal.confidence * 100, 0)} % ·{' '}
        <Link to={`/customers/${proposal.customerId}`}>{nameOf(proposal.customerId) ?? '…'}</Link>
      </p>
      <p className="explain">{proposal.explanation}</p>
      <table aria-label="Proposed allocations">
        <tbody>
          {proposal.allocations.map((a) => (
            <tr key={a.invoiceId}>
              <td>
                <InvoiceLink id={a.invoiceId} />
              </td>
              <td className="num">
                <Money minor={Number(a.amountMinor)} currency={currency} />
              </td>
            </tr>
          ))}
          {proposal.adjustments.map((a) => (
            <tr key={`${a.kind}-${a.invoiceId}`}>
              <td className="muted">{a.kind.replace(/_/g, ' ')}</td>
              <td className="num">
                <Money minor={Number(a.amountMinor)} currency={currency} />
              </td>
            </tr>
          ))}
          {Number(proposal.unappliedMinor) > 0 ? (
            <tr>
              <td className="muted">left as customer credit</td>
              <td className="num">
                <Money minor={Number(proposal.unappliedMinor)} currency={currency} />
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

function InvoiceLink({ id }: { id: string }) {
  const invoice = useApi<Invoice>(`/v1/invoices/${id}`);
  return <Link to={`/invoices/${id}`}>{invoice.data?.number ?? 'invoice'}</Link>;
}

function AcceptProposal({ line, onDone }: { line: StatementLine; onDone: () => void }) {
  const { busy, error, run } = useSubmit();
  return (
    <section className="panel" aria-labelledby="accept-title">
      <h2 id="accept-title">Accept the proposal</h2>
      <div className="row">
        <button type="button" className="primary" disabled={busy} onClick={() => void run(() => post(`/v1/statement-lines/${line.id}/accept`)).then((ok) => ok && onDone())}>
          Accept proposal
        </button>
        <span className="muted small">Records the payment, allocates it as proposed, and the engine remembers the payer.</span>
      </div>
      <ErrorMessage error={error} />
    </section>
  );
}

function RejectLine({ line, onDone }: { line: StatementLine; onDone: (setAside: boolean) => void }) {
  const [reason, setReason] = useState('');
  const [notCustomer, setNotCustomer] = useState(!line.proposal);
  const { busy, error, fieldErrors, run } = useSubmit();
  return (
    <section className="panel" aria-labelledby="reject-title">
      <h2 id="reject-title">{line.proposal ? 'Reject the proposal or set the line aside' : 'Set the line aside'}</h2>
      <Form onSubmit={async () => (await run(() => post(`/v1/statement-lines/${line.id}/reject`, { reason, notACustomerPayment: notCustomer }))) && onDone(notCustomer)} label="Reject">
        <div className="row">
          <Field label="Reason" error={fieldErrors.reason}>
            {(p) => <input {...p} size={36} value={reason} onChange={(e) => setReason(e.target.value)} required />}
          </Field>
          <label className="check">
            <input type="checkbox" checked={notCustomer} onChange={(e) => setNotCustomer(e.target.checked)} disabled={!line.proposal} />
            Not a customer payment
          </label>
          <button type="submit" disabled={busy}>
            {notCustomer ? 'Set aside' : 'Reject proposal'}
          </button>
        </div>
        <ErrorMessage error={error} />
      </Form>
    </section>
  );
}

/** Search the customer, then split the amount across their open invoices; what is left stays as their credit. */
function ManualMatch({ line, onDone }: { line: StatementLine; onDone: () => void }) {
  const [search, setSearch] = useState(line.payerName ?? '');
  const settled = useDebounced(search.trim());
  const [customer, setCustomer] = useState<Customer>();
  const candidates = useApi<Page<Customer>>(customer ? undefined : `/v1/customers${query({ search: settled, limit: 8 })}`);
  const open = useApi<Page<Invoice>>(customer ? `/v1/invoices${query({ customerId: customer.id, status: 'open', kind: 'invoice', limit: 200 })}` : undefined);
  const partial = useApi<Page<Invoice>>(customer ? `/v1/invoices${query({ customerId: customer.id, status: 'partially_paid', kind: 'invoice', limit: 200 })}` : undefined);
  const invoices = open.data && partial.data ? [...open.data.data, ...partial.data.data].sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? '')) : undefined;
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const { busy, error, fieldErrors, run, fail } = useSubmit();
  const currency = line.currency;
  const allocated = Object.values(amounts).reduce((sum, text) => sum + (parseMoney(text, currency) ?? 0), 0);
  const left = line.amountMinor - allocated;

  const fillOldestFirst = () => {
    let remaining = line.amountMinor;
    const next: Record<string, string> = {};
    for (const invoice of invoices ?? []) {
      if (remaining <= 0) break;
      const take = Math.min(remaining, invoice.openMinor);
      next[invoice.id] = moneyInput(take, currency);
      remaining -= take;
    }
    setAmounts(next);
  };
  const submit = async () => {
    if (!customer) return fail('Choose the customer who paid.');
    const allocations: { invoiceId: string; amountMinor: number }[] = [];
    const errors: Record<string, string> = {};
    for (const [invoiceId, text] of Object.entries(amounts)) {
      if (!text.trim()) continue;
      const amountMinor = parseMoney(text, currency);
      const invoice = invoices?.find((i) => i.id === invoiceId);
      if (amountMinor === undefined || amountMinor <= 0) errors[invoiceId] = 'not an amount';
      else if (invoice && amountMinor > invoice.openMinor) errors[invoiceId] = `more than the ${formatMoney(invoice.openMinor, currency)} open`;
      else allocations.push({ invoiceId, amountMinor });
    }
    if (Object.keys(errors).length > 0) return fail('Check the amounts.', errors);
    if (allocated > line.amountMinor) return fail(`The allocations add up to more than the ${formatMoney(line.amountMinor, currency)} received.`);
    if (await run(() => post(`/v1/statement-lines/${line.id}/match`, { customerId: customer.id, allocations }))) onDone();
  };

  return (
    <section className="panel" aria-labelledby="match-title">
      <h2 id="match-title">Match by hand</h2>
      {!customer ? (
        <div className="stack">
          <Field label="Customer who paid">
            {(p) => <input {...p} type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Name, number, email" />}
          </Field>
          {candidates.data ? (
            <ul className="stack" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Matching customers">
              {candidates.data.data
                .filter((c) => c.currency === currency)
                .map((c) => (
                  <li key={c.id}>
                    <button
                      type="button"
                      onClick={() => {
                        rememberCustomerName(c.id, c.name);
                        setCustomer(c);
                        setAmounts({});
                      }}
                    >
                      {c.name}
                    </button>{' '}
                    <span className="muted small">{c.externalRef}</span>
                  </li>
                ))}
              {candidates.data.data.filter((c) => c.currency === currency).length === 0 ? <li className="muted">No customer in {currency} matches.</li> : null}
            </ul>
          ) : (
            <Loading />
          )}
        </div>
      ) : (
        <Form onSubmit={submit} label="Match by hand">
          <p>
            Paid by <strong>{customer.name}</strong>{' '}
            <button type="button" className="link" onClick={() => setCustomer(undefined)}>
              (another customer)
            </button>
          </p>
          {invoices ? (
            invoices.length === 0 ? (
              <p className="muted">No open invoices: the whole amount stays as the customer&apos;s credit.</p>
            ) : (
              <div className="table-wrap">
                <table aria-label="Open invoices to allocate to">
                  <thead>
                    <tr>
                      <th>Invoice</th>
                      <th>Due</th>
                      <th className="num">Open</th>
                      <th className="num">Allocate</th>
                    </tr>
                  </thead>
                  <tbody>
                    {invoices.map((invoice) => (
                      <tr key={invoice.id}>
                        <td>{invoice.number}</td>
                        <td>
                          <DateText value={invoice.dueDate} />
                        </td>
                        <td className="num">
                          <Money minor={invoice.openMinor} currency={currency} />
                        </td>
                        <td className="num">
                          <input
                            aria-label={`Amount for ${invoice.number ?? 'invoice'}`}
                            aria-invalid={Boolean(fieldErrors[invoice.id])}
                            inputMode="decimal"
                            size={10}
                            style={{ textAlign: 'right' }}
                            value={amounts[invoice.id] ?? ''}
                            onChange={(e) => setAmounts({ ...amounts, [invoice.id]: e.target.value })}
                          />
                          {fieldErrors[invoice.id] ? <div className="error small">{fieldErrors[invoice.id]}</div> : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          ) : (
            <Loading what="open invoices" />
          )}
          <div className="row">
            <button type="button" onClick={fillOldestFirst} disabled={!invoices || invoices.length === 0}>
              Fill oldest first
            </button>
            <span className={left < 0 ? 'error' : 'muted'} role="status">
              Allocated {formatMoney(allocated, currency)} of {formatMoney(line.amountMinor, currency)}
              {left > 0 ? ` · ${formatMoney(left, currency)} stays as credit` : left < 0 ? ' · too much' : ''}
            </span>
          </div>
          <ErrorMessage error={error} />
          <div className="row">
            <button type="submit" className="primary" disabled={busy}>
              Apply payment
            </button>
          </div>
        </Form>
      )}
    </section>
  );
}
