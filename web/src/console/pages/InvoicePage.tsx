import { useState } from 'react';
import { ApiError, del, post, type Problem } from '../../shared/api';
import { formatDateTime, formatMoney, parseMoney } from '../../shared/format';
import { Link, navigate } from '../../shared/router';
import { Chip, DateText, Dialog, ErrorMessage, Field, Form, Loading, Money, Show, useApi, useSubmit } from '../../shared/ui';
import { useTitle } from '../common';
import { useCustomerNames } from '../customer-names';
import { useSession } from '../session';
import type { Invoice } from '../types';

export function InvoicePage({ id }: { id: string }) {
  const { can } = useSession();
  const invoice = useApi<Invoice>(`/v1/invoices/${id}`);
  const nameOf = useCustomerNames(invoice.data ? [invoice.data.customerId] : []);
  const [dialog, setDialog] = useState<'void' | 'credit' | undefined>();
  const issue = useSubmit();
  const [ublProblem, setUblProblem] = useState<ApiError | undefined>();
  useTitle(invoice.data?.number ?? 'Invoice');
  if (invoice.error) return <ErrorMessage error={invoice.error} />;
  if (!invoice.data) return <Loading what="the invoice" />;
  const i = invoice.data;
  const title = i.kind === 'credit_note' ? 'Credit note' : i.kind === 'write_off' ? 'Write-off' : 'Invoice';
  const unpaid = i.status === 'open' && i.openMinor === i.totalMinor;
  const creditable = i.kind === 'invoice' && (i.status === 'open' || i.status === 'partially_paid' || i.status === 'paid');
  const fileName = (i.number ?? i.id).replace(/[^\w.-]+/g, '_');
  return (
    <>
      <div className="crumbs">
        <Link to="/invoices">Invoices</Link>
      </div>
      <div className="page-head">
        <h1>
          {title} {i.number ?? '(draft)'}
        </h1>
        <Chip status={i.status} />
        <div className="actions">
          {i.status !== 'draft' ? (
            <>
              <a className="button" href={`/v1/invoices/${i.id}/pdf`} download={`${fileName}.pdf`}>
                PDF
              </a>
              <button type="button" onClick={() => void downloadUbl(i.id, `${fileName}.xml`).then(setUblProblem)}>
                UBL e-invoice
              </button>
            </>
          ) : null}
          {i.status === 'draft' && can('issueInvoice') ? (
            <button type="button" className="primary" disabled={issue.busy} onClick={() => void issue.run(() => post(`/v1/invoices/${i.id}/issue`)).then((ok) => ok && invoice.reload())}>
              Issue
            </button>
          ) : null}
          {i.status === 'draft' && can('createInvoice') ? (
            <button type="button" className="danger" disabled={issue.busy} onClick={() => void issue.run(() => del(`/v1/invoices/${i.id}`)).then((ok) => ok && navigate('/invoices'))}>
              Delete draft
            </button>
          ) : null}
          {creditable && can('creditInvoice') ? (
            <button type="button" onClick={() => setDialog('credit')}>
              Credit…
            </button>
          ) : null}
          {unpaid && can('voidInvoice') ? (
            <button type="button" className="danger" onClick={() => setDialog('void')}>
              Void…
            </button>
          ) : null}
        </div>
      </div>
      <ErrorMessage error={issue.error} />
      {ublProblem ? (
        <div role="alert" className="panel">
          <ErrorMessage error={ublProblem} />
          <p>
            The Peppol BIS 3 e-invoice needs the details named above (set them on the customer or in the company settings).{' '}
            <a href={`/v1/invoices/${i.id}/ubl?conformance=en16931`} download={`${fileName}.xml`}>
              Download the plain EN 16931 version instead
            </a>
          </p>
        </div>
      ) : null}
      <div className="grid grid-2">
        <section className="panel" aria-label="Details">
          <dl className="facts">
            <dt>Customer</dt>
            <dd>
              <Link to={`/customers/${i.customerId}`}>{nameOf(i.customerId) ?? '…'}</Link>
            </dd>
            <dt>Issued</dt>
            <dd>
              <DateText value={i.issueDate} />
            </dd>
            <dt>Due</dt>
            <dd>
              <DateText value={i.dueDate} />
            </dd>
            <dt>Payment reference</dt>
            <dd>{i.creditorReference ?? '—'}</dd>
            {i.creditedInvoiceId ? (
              <>
                <dt>Credits</dt>
                <dd>
                  <Link to={`/invoices/${i.creditedInvoiceId}`}>the original invoice</Link>
                </dd>
              </>
            ) : null}
            {i.voidReason ? (
              <>
                <dt>Void because</dt>
                <dd>{i.voidReason}</dd>
              </>
            ) : null}
          </dl>
        </section>
        <section className="panel" aria-label="Amounts">
          <dl className="facts">
            <dt>Net</dt>
            <dd>
              <Money minor={i.subtotalMinor} currency={i.currency} />
            </dd>
            <dt>Tax</dt>
            <dd>
              <Money minor={i.taxMinor} currency={i.currency} />
            </dd>
            <dt>Total</dt>
            <dd>
              <strong>
                <Money minor={i.totalMinor} currency={i.currency} />
              </strong>
            </dd>
            <dt>Open</dt>
            <dd>
              <Money minor={i.openMinor} currency={i.currency} />
            </dd>
          </dl>
        </section>
      </div>
      <section className="panel" aria-labelledby="lines-title">
        <h2 id="lines-title">Lines</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>#</th>
                <th>Description</th>
                <th className="num">Quantity</th>
                <th className="num">Unit price</th>
                <th className="num hide-narrow">Tax rate</th>
                <th className="num">Net</th>
              </tr>
            </thead>
            <tbody>
              {(i.lines ?? []).map((line, index) => (
                <tr key={line.position}>
                  <td>{index + 1}</td>
                  <td>{line.description}</td>
                  <td className="num">{line.quantity}</td>
                  <td className="num">
                    <Money minor={line.unitPriceMinor} currency={i.currency} />
                  </td>
                  <td className="num hide-narrow">{line.taxRatePercent} %</td>
                  <td className="num">
                    <Money minor={line.netMinor} currency={i.currency} />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              {(i.taxSummary ?? []).map((t) => (
                <tr key={t.taxRatePercent}>
                  <td colSpan={5} className="num">
                    Tax {t.taxRatePercent} % on {formatMoney(t.baseMinor, i.currency)}
                  </td>
                  <td className="num">
                    <Money minor={t.taxMinor} currency={i.currency} />
                  </td>
                </tr>
              ))}
              <tr>
                <td colSpan={5} className="num">
                  Total
                </td>
                <td className="num">
                  <Money minor={i.totalMinor} currency={i.currency} />
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>
      {i.kind === 'invoice' && i.status !== 'draft' ? <InvoiceEmails invoiceId={i.id} /> : null}
      <Dialog title={`Void ${i.number ?? ''}`} open={dialog === 'void'} onClose={() => setDialog(undefined)}>
        <VoidForm invoice={i} onDone={() => (setDialog(undefined), invoice.reload())} />
      </Dialog>
      <Dialog title={`Credit ${i.number ?? ''}`} open={dialog === 'credit'} onClose={() => setDialog(undefined)}>
        <CreditForm invoice={i} onDone={(creditNoteId) => (setDialog(undefined), navigate(`/invoices/${creditNoteId}`))} />
      </Dialog>
    </>
  );
}

function VoidForm({ invoice, onDone }: { invoice: Invoice; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const { busy, error, fieldErrors, run } = useSubmit();
  return (
    <Form onSubmit={async () => (await run(() => post(`/v1/invoices/${invoice.id}/void`, { reason }))) && onDone()} label="Void the invoice">
      <p>A full credit note cancels the invoice; it keeps its number.</p>
      <Field label="Reason" error={fieldErrors.reason}>
        {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} required />}
      </Field>
      <ErrorMessage error={error} />
      <div className="row">
        <button type="submit" className="danger" disabled={busy}>
          Void invoice
        </button>
      </div>
    </Form>
  );
}

function CreditForm({ invoice, onDone }: { invoice: Invoice; onDone: (creditNoteId: string) => void }) {
  const first = invoice.lines?.[0];
  const [description, setDescription] = useState(first ? `Credit: ${first.description}` : 'Credit');
  const [amount, setAmount] = useState('');
  const [taxRate, setTaxRate] = useState(first?.taxRatePercent ?? '19');
  const [reason, setReason] = useState('');
  const { busy, error, fieldErrors, run, fail } = useSubmit();
  const submit = async () => {
    const unitPriceMinor = parseMoney(amount, invoice.currency);
    if (unitPriceMinor === undefined || unitPriceMinor <= 0) return fail('Check the amount.', { 'lines/0/unitPriceMinor': 'Enter the net amount to credit' });
    let id = '';
    const ok = await run(async () => {
      id = (await post<Invoice>(`/v1/invoices/${invoice.id}/credit-notes`, { reason, lines: [{ description, quantity: '1', unitPriceMinor, taxRatePercent: taxRate }] })).id;
    });
    if (ok) onDone(id);
  };
  return (
    <Form onSubmit={submit} label="Credit the invoice">
      <Field label="Description" error={fieldErrors['lines/0/description']}>
        {(p) => <input {...p} value={description} onChange={(e) => setDescription(e.target.value)} required />}
      </Field>
      <div className="row">
        <Field label={`Net amount (${invoice.currency})`} error={fieldErrors['lines/0/unitPriceMinor']}>
          {(p) => <input {...p} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required />}
        </Field>
        <Field label="Tax rate %" error={fieldErrors['lines/0/taxRatePercent']}>
          {(p) => <input {...p} inputMode="decimal" size={6} value={taxRate} onChange={(e) => setTaxRate(e.target.value)} />}
        </Field>
      </div>
      <Field label="Reason" error={fieldErrors.reason}>
        {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} required />}
      </Field>
      <ErrorMessage error={error} />
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          Issue credit note
        </button>
      </div>
    </Form>
  );
}

interface OutboxEmail {
  id: string;
  to: string;
  subject: string;
  status: string;
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
}

/** What was (or will be) emailed for the invoice, and the message as the customer gets it. */
function InvoiceEmails({ invoiceId }: { invoiceId: string }) {
  const emails = useApi<{ data: OutboxEmail[] }>(`/v1/invoices/${invoiceId}/emails`);
  const [preview, setPreview] = useState<{ to: string | null; subject: string; body: string; language: string }>();
  const { busy, error, run } = useSubmit();
  const show = (language?: 'en' | 'de') =>
    void run(async () => setPreview(await post<{ to: string | null; subject: string; body: string; language: string }>(`/v1/invoices/${invoiceId}/email-preview`, language ? { language } : {})));
  return (
    <section className="panel" aria-labelledby="emails-title">
      <h2 id="emails-title">Email</h2>
      <Show loaded={emails} what="emails">
        {(list) =>
          list.data.length === 0 ? (
            <p className="muted">No email for this invoice (the customer has no address or asked for none).</p>
          ) : (
            <ul>
              {list.data.map((m) => (
                <li key={m.id}>
                  {m.subject} → {m.to}: <Chip status={m.status === 'sent' ? 'sent' : m.status === 'failed' ? 'broken' : 'queued'} label={m.status} />{' '}
                  {m.sentAt ? <span className="muted small">{formatDateTime(m.sentAt)}</span> : m.attempts > 0 ? <span className="muted small">{m.attempts} attempts; {m.lastError}</span> : null}
                </li>
              ))}
            </ul>
          )
        }
      </Show>
      <div className="row">
        <button type="button" disabled={busy} onClick={() => show()}>
          Preview the email
        </button>
        <button type="button" className="link" disabled={busy} onClick={() => show(preview?.language === 'de' ? 'en' : 'de')}>
          {preview?.language === 'de' ? 'in English' : 'in German'}
        </button>
      </div>
      <ErrorMessage error={error} />
      {preview ? (
        <div className="stack" role="status" aria-label="Email preview" style={{ marginTop: '0.5rem' }}>
          <span className="muted small">To: {preview.to ?? '(no address)'}</span>
          <strong>{preview.subject}</strong>
          <pre className="preview">{preview.body}</pre>
        </div>
      ) : null}
    </section>
  );
}

/**
 * Downloads the Peppol e-invoice, or returns the API's problem when the invoice cannot be one yet (a missing electronic
 * address names the field), so the page can say what is missing instead of saving an error as the XML file.
 */
async function downloadUbl(invoiceId: string, fileName: string): Promise<ApiError | undefined> {
  const response = await fetch(`/v1/invoices/${invoiceId}/ubl`, { credentials: 'same-origin' });
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({ detail: response.statusText }))) as Partial<Problem>;
    return new ApiError({ ...problem, status: response.status });
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return undefined;
}
