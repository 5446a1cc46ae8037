import { useEffect, useState } from 'react';
import { post } from '../../shared/api';
import { addDays, formatMoney, moneyInput, parseMoney } from '../../shared/format';
import { Link, navigate } from '../../shared/router';
import { Chip, DateText, Dialog, ErrorMessage, Field, Form, Loading, Money, useApi, useSubmit } from '../../shared/ui';
import type { PortalInvoice, PortalMe } from '../types';
import { BankTransfer } from './BankTransfer';

const reasons = [
  { key: 'pricing', label: 'The price is wrong' },
  { key: 'quantity', label: 'The quantity is wrong' },
  { key: 'quality', label: 'Quality problem' },
  { key: 'not_received', label: 'Not received' },
  { key: 'duplicate_billing', label: 'Billed twice' },
  { key: 'other', label: 'Something else' },
] as const;

export function InvoiceDetail({ id, me }: { id: string; me: PortalMe }) {
  const invoice = useApi<PortalInvoice>(`/portal/v1/invoices/${id}`);
  const [dialog, setDialog] = useState<'dispute' | 'promise'>();
  const [done, setDone] = useState<string>();
  useEffect(() => {
    document.title = `${invoice.data?.number ?? 'Invoice'} · Invoices`;
  }, [invoice.data?.number]);
  if (invoice.error) {
    return (
      <>
        <h1>Invoice not found</h1>
        <ErrorMessage error={invoice.error} />
        <p>
          <Link to="/portal/">Back to your invoices</Link>
        </p>
      </>
    );
  }
  if (!invoice.data) return <Loading what="the invoice" />;
  const i = invoice.data;
  const open = i.openMinor > 0 && !i.paymentPending;
  const fileName = (i.number ?? i.id).replace(/[^\w.-]+/g, '_');
  return (
    <>
      <div className="crumbs">
        <Link to="/portal/">Your invoices</Link>
      </div>
      <div className="page-head">
        <h1>Invoice {i.number}</h1>
        {i.paymentPending ? <Chip status="pending" label="payment pending" /> : <Chip status={i.status} label={i.status === 'partially_paid' ? 'part paid' : i.status} />}
        <div className="actions">
          <a className="button" href={`/portal/v1/invoices/${i.id}/pdf`} download={`${fileName}.pdf`}>
            Download PDF
          </a>
          <a className="button" href={`/portal/v1/invoices/${i.id}/ubl`} download={`${fileName}.xml`}>
            Download e-invoice (UBL)
          </a>
          {open ? (
            <button type="button" className="primary" onClick={() => navigate(`/portal/pay?invoices=${i.id}`)}>
              Pay {formatMoney(i.openMinor, i.currency)}
            </button>
          ) : null}
        </div>
      </div>
      {done ? (
        <p className="notice" role="status">
          {done}
        </p>
      ) : null}
      <section className="panel" aria-label="Invoice">
        <dl className="facts">
          <dt>Date</dt>
          <dd>
            <DateText value={i.issueDate} />
          </dd>
          <dt>Due</dt>
          <dd>
            <DateText value={i.dueDate} />
          </dd>
          <dt>Total</dt>
          <dd>
            <Money minor={i.totalMinor} currency={i.currency} />
          </dd>
          <dt>Still to pay</dt>
          <dd>
            <strong>
              <Money minor={i.openMinor} currency={i.currency} />
            </strong>
          </dd>
          {i.paymentReference ? (
            <>
              <dt>Payment reference</dt>
              <dd>{i.paymentReference}</dd>
            </>
          ) : null}
        </dl>
      </section>
      {open && i.kind !== 'credit_note' ? <BankTransfer payee={me.payee} reference={i.paymentReference} /> : null}
      {i.lines && i.lines.length > 0 ? (
        <section className="panel table-wrap" aria-label="Lines">
          <table>
            <thead>
              <tr>
                <th>Description</th>
                <th className="num">Quantity</th>
                <th className="num">Unit price</th>
                <th className="num">Net</th>
              </tr>
            </thead>
            <tbody>
              {i.lines.map((line) => (
                <tr key={line.position}>
                  <td>{line.description}</td>
                  <td className="num">{line.quantity}</td>
                  <td className="num">
                    <Money minor={line.unitPriceMinor} currency={i.currency} />
                  </td>
                  <td className="num">
                    <Money minor={line.netMinor} currency={i.currency} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {open ? (
        <section className="panel" aria-label="Something wrong, or need time?">
          <div className="row">
            <button type="button" onClick={() => setDialog('dispute')}>
              Something is wrong with this invoice
            </button>
            <button type="button" onClick={() => setDialog('promise')}>
              Tell us when you will pay
            </button>
          </div>
        </section>
      ) : null}
      <Dialog title={`Query invoice ${i.number ?? ''}`} open={dialog === 'dispute'} onClose={() => setDialog(undefined)}>
        <DisputeForm
          invoice={i}
          onDone={() => {
            setDialog(undefined);
            setDone('Thank you: we have your query and will come back to you. We will not send reminders for this invoice meanwhile.');
          }}
        />
      </Dialog>
      <Dialog title="When will you pay?" open={dialog === 'promise'} onClose={() => setDialog(undefined)}>
        <PromiseForm
          invoice={i}
          onDone={(message) => {
            setDialog(undefined);
            setDone(message);
          }}
        />
      </Dialog>
    </>
  );
}

function DisputeForm({ invoice, onDone }: { invoice: PortalInvoice; onDone: () => void }) {
  const [reason, setReason] = useState<(typeof reasons)[number]['key']>('pricing');
  const [description, setDescription] = useState('');
  const [amount, setAmount] = useState('');
  const { busy, error, fieldErrors, run, fail } = useSubmit();
  const submit = async () => {
    const amountMinor = amount.trim() ? parseMoney(amount, invoice.currency) : undefined;
    if (amount.trim() && (amountMinor === undefined || amountMinor <= 0)) return fail('Check the amount.', { amountMinor: 'Enter the amount in question, or leave empty for the whole invoice' });
    if (await run(() => post('/portal/v1/disputes', { invoiceId: invoice.id, reason, description, ...(amountMinor ? { amountMinor } : {}) }))) onDone();
  };
  return (
    <Form onSubmit={submit} label="Query the invoice">
      <Field label="What is wrong" error={fieldErrors.reason}>
        {(p) => (
          <select {...p} value={reason} onChange={(e) => setReason(e.target.value as typeof reason)}>
            {reasons.map((r) => (
              <option key={r.key} value={r.key}>
                {r.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Tell us more" error={fieldErrors.description}>
        {(p) => <textarea {...p} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} required />}
      </Field>
      <Field label={`Amount in question (${invoice.currency}, optional)`} error={fieldErrors.amountMinor}>
        {(p) => <input {...p} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} placeholder="the whole invoice" />}
      </Field>
      <ErrorMessage error={error} />
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          Send
        </button>
      </div>
    </Form>
  );
}

function PromiseForm({ invoice, onDone }: { invoice: PortalInvoice; onDone: (message: string) => void }) {
  const today = new Date().toISOString().slice(0, 10);
  const [promisedOn, setPromisedOn] = useState(addDays(today, 7));
  const [amount, setAmount] = useState(moneyInput(invoice.openMinor, invoice.currency));
  const { busy, error, fieldErrors, run, fail } = useSubmit();
  const submit = async () => {
    const amountMinor = parseMoney(amount, invoice.currency);
    if (amountMinor === undefined || amountMinor <= 0) return fail('Check the amount.', { amountMinor: 'Enter the amount you will pay' });
    if (await run(() => post('/portal/v1/promises', { amountMinor, currency: invoice.currency, promisedOn, invoiceIds: [invoice.id] })))
      onDone(`Thank you: we expect ${formatMoney(amountMinor, invoice.currency)} by ${promisedOn}.`);
  };
  return (
    <Form onSubmit={submit} label="Promise to pay">
      <div className="row">
        <Field label={`Amount (${invoice.currency})`} error={fieldErrors.amountMinor}>
          {(p) => <input {...p} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required />}
        </Field>
        <Field label="I will pay by" error={fieldErrors.promisedOn}>
          {(p) => <input {...p} type="date" min={today} value={promisedOn} onChange={(e) => setPromisedOn(e.target.value)} required />}
        </Field>
      </div>
      <ErrorMessage error={error} />
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          Confirm
        </button>
      </div>
    </Form>
  );
}
