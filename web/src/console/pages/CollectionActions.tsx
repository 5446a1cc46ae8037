/** The collector's three actions on an account: log a call or note, record a promise to pay, open a dispute. */
import { useState } from 'react';
import { post, query } from '../../shared/api';
import { addDays, formatMoney, moneyInput, parseMoney } from '../../shared/format';
import { Dialog, ErrorMessage, Field, Form, Loading, useApi, useSubmit } from '../../shared/ui';
import { useSession } from '../session';
import { disputeReasons, type Invoice, type Page } from '../types';

type Kind = 'activity' | 'promise' | 'dispute';

export function CollectionActions({ customerId, customerName, currency, onDone, compact }: { customerId: string; customerName: string; currency: string; onDone: () => void; compact?: boolean }) {
  const { can } = useSession();
  const [open, setOpen] = useState<Kind | undefined>();
  const [done, setDone] = useState<string>();
  const close = () => setOpen(undefined);
  const finished = (message: string) => {
    setOpen(undefined);
    setDone(message);
    onDone();
  };
  if (!can('logActivity') && !can('recordPromise') && !can('openDispute')) return null;
  return (
    <>
      <div className={compact ? 'row compact' : 'row'} role="group" aria-label={`Actions for ${customerName}`}>
        {can('logActivity') ? (
          <button type="button" onClick={() => setOpen('activity')}>
            {compact ? 'Call/note' : 'Log call or note'}
          </button>
        ) : null}
        {can('recordPromise') ? (
          <button type="button" onClick={() => setOpen('promise')}>
            {compact ? 'Promise' : 'Record promise'}
          </button>
        ) : null}
        {can('openDispute') ? (
          <button type="button" onClick={() => setOpen('dispute')}>
            {compact ? 'Dispute' : 'Open dispute'}
          </button>
        ) : null}
      </div>
      {done ? (
        <p className="notice small" role="status" style={{ marginTop: '0.35rem' }}>
          {done}
        </p>
      ) : null}
      <Dialog title={`Log a call or note · ${customerName}`} open={open === 'activity'} onClose={close}>
        <ActivityForm customerId={customerId} onDone={() => finished('Logged.')} />
      </Dialog>
      <Dialog title={`Promise to pay · ${customerName}`} open={open === 'promise'} onClose={close}>
        <PromiseForm customerId={customerId} currency={currency} onDone={(text) => finished(text)} />
      </Dialog>
      <Dialog title={`Open a dispute · ${customerName}`} open={open === 'dispute'} onClose={close}>
        <DisputeForm customerId={customerId} onDone={() => finished('Dispute opened: dunning of the invoice is paused.')} />
      </Dialog>
    </>
  );
}

function ActivityForm({ customerId, onDone }: { customerId: string; onDone: () => void }) {
  const [kind, setKind] = useState<'call' | 'email' | 'note'>('call');
  const [summary, setSummary] = useState('');
  const { busy, error, fieldErrors, run } = useSubmit();
  return (
    <Form onSubmit={async () => (await run(() => post(`/v1/customers/${customerId}/activities`, { kind, summary }))) && onDone()} label="Log a call or note">
      <Field label="Kind" error={fieldErrors.kind}>
        {(p) => (
          <select {...p} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            <option value="call">Call</option>
            <option value="email">Email</option>
            <option value="note">Note</option>
          </select>
        )}
      </Field>
      <Field label="What happened" error={fieldErrors.summary}>
        {(p) => <textarea {...p} rows={3} value={summary} onChange={(e) => setSummary(e.target.value)} required />}
      </Field>
      <ErrorMessage error={error} />
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          Save
        </button>
      </div>
    </Form>
  );
}

function useOpenInvoices(customerId: string) {
  // Open and partly paid are two statuses: both are what a promise or dispute can be about.
  const open = useApi<Page<Invoice>>(`/v1/invoices${query({ customerId, status: 'open', kind: 'invoice', limit: 200 })}`);
  const partial = useApi<Page<Invoice>>(`/v1/invoices${query({ customerId, status: 'partially_paid', kind: 'invoice', limit: 200 })}`);
  const invoices = open.data && partial.data ? [...open.data.data, ...partial.data.data].sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? '')) : undefined;
  return { invoices, error: open.error ?? partial.error };
}

function PromiseForm({ customerId, currency, onDone }: { customerId: string; currency: string; onDone: (message: string) => void }) {
  const { tenant } = useSession();
  const { invoices, error: loadError } = useOpenInvoices(customerId);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [amount, setAmount] = useState('');
  const [promisedOn, setPromisedOn] = useState(addDays(tenant.today, 7));
  const [note, setNote] = useState('');
  const { busy, error, fieldErrors, run, fail } = useSubmit();
  const toggle = (invoice: Invoice) => {
    const next = new Set(selected);
    if (next.has(invoice.id)) next.delete(invoice.id);
    else next.add(invoice.id);
    setSelected(next);
    const sum = (invoices ?? []).filter((i) => next.has(i.id)).reduce((s, i) => s + i.openMinor, 0);
    if (sum > 0) setAmount(moneyInput(sum, currency));
  };
  const submit = async () => {
    const amountMinor = parseMoney(amount, currency);
    if (amountMinor === undefined || amountMinor <= 0) return fail('Check the amount.', { amountMinor: 'Enter the amount promised, for example 1250.00' });
    const ok = await run(() => post(`/v1/customers/${customerId}/promises`, { amountMinor, currency, promisedOn, invoiceIds: [...selected], ...(note.trim() ? { note: note.trim() } : {}) }));
    if (ok) onDone(`Promise recorded: ${formatMoney(amountMinor, currency)} by ${promisedOn}.`);
  };
  return (
    <Form onSubmit={submit} label="Record a promise to pay">
      <fieldset className="stack" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend className="small muted">Invoices covered (none = all open invoices)</legend>
        {loadError ? <ErrorMessage error={loadError} /> : null}
        {!invoices && !loadError ? <Loading what="open invoices" /> : null}
        <div style={{ maxHeight: 180, overflowY: 'auto' }}>
          {(invoices ?? []).map((i) => (
            <label key={i.id} className="check" style={{ display: 'flex', padding: '0.15rem 0' }}>
              <input type="checkbox" checked={selected.has(i.id)} onChange={() => toggle(i)} />
              <span>
                {i.number} · due {i.dueDate} · <span className="num">{formatMoney(i.openMinor, i.currency)}</span>
              </span>
            </label>
          ))}
          {invoices && invoices.length === 0 ? <p className="muted">No open invoices.</p> : null}
        </div>
      </fieldset>
      <div className="row">
        <Field label={`Amount (${currency})`} error={fieldErrors.amountMinor}>
          {(p) => <input {...p} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required />}
        </Field>
        <Field label="Promised for" error={fieldErrors.promisedOn}>
          {(p) => <input {...p} type="date" value={promisedOn} onChange={(e) => setPromisedOn(e.target.value)} required />}
        </Field>
      </div>
      <Field label="Note" error={fieldErrors.note}>
        {(p) => <input {...p} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <ErrorMessage error={error} />
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          Record promise
        </button>
      </div>
    </Form>
  );
}

function DisputeForm({ customerId, onDone }: { customerId: string; onDone: () => void }) {
  const { invoices, error: loadError } = useOpenInvoices(customerId);
  const [invoiceId, setInvoiceId] = useState('');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState<(typeof disputeReasons)[number]>('pricing');
  const [description, setDescription] = useState('');
  const { busy, error, fieldErrors, run, fail } = useSubmit();
  const invoice = invoices?.find((i) => i.id === invoiceId);
  const submit = async () => {
    if (!invoice) return fail('Choose the invoice in dispute.', { invoiceId: 'Choose an invoice' });
    const amountMinor = amount.trim() ? parseMoney(amount, invoice.currency) : undefined;
    if (amount.trim() && (amountMinor === undefined || amountMinor <= 0)) return fail('Check the amount.', { amountMinor: 'Enter the disputed part, or leave empty for the whole invoice' });
    if (await run(() => post('/v1/disputes', { invoiceId, reason, description, ...(amountMinor ? { amountMinor } : {}) }))) onDone();
  };
  return (
    <Form onSubmit={submit} label="Open a dispute">
      {loadError ? <ErrorMessage error={loadError} /> : null}
      <Field label="Invoice" error={fieldErrors.invoiceId}>
        {(p) => (
          <select {...p} value={invoiceId} onChange={(e) => setInvoiceId(e.target.value)} required>
            <option value="">{invoices ? 'Choose…' : 'Loading…'}</option>
            {(invoices ?? []).map((i) => (
              <option key={i.id} value={i.id}>
                {i.number} · due {i.dueDate} · {formatMoney(i.openMinor, i.currency)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="row">
        <Field label="Reason" error={fieldErrors.reason}>
          {(p) => (
            <select {...p} value={reason} onChange={(e) => setReason(e.target.value as typeof reason)}>
              {disputeReasons.map((r) => (
                <option key={r} value={r}>
                  {r.replace(/_/g, ' ')}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Disputed amount (optional)" error={fieldErrors.amountMinor}>
          {(p) => <input {...p} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} placeholder="whole invoice" />}
        </Field>
      </div>
      <Field label="Description" error={fieldErrors.description}>
        {(p) => <textarea {...p} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} required />}
      </Field>
      <ErrorMessage error={error} />
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          Open dispute
        </button>
      </div>
    </Form>
  );
}
