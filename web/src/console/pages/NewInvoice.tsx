import { useState } from 'react';
import { post } from '../../shared/api';
import { parseMoney } from '../../shared/format';
import { Link, navigate, useLocation } from '../../shared/router';
import { ErrorMessage, Field, Form, useApi, useSubmit } from '../../shared/ui';
import { useTitle } from '../common';
import type { Customer, Invoice, PaymentTerms } from '../types';
import { CustomerPicker } from './Pickers';

interface DraftLine {
  key: number;
  description: string;
  quantity: string;
  unitPrice: string;
  taxRatePercent: string;
  discountPercent: string;
}

const decimalText = (text: string) => text.trim().replace(',', '.');
const emptyLine = (key: number): DraftLine => ({ key, description: '', quantity: '1', unitPrice: '', taxRatePercent: '19', discountPercent: '' });

/** A draft invoice typed by hand; the server prices it, and it is issued from its page. */
export function NewInvoice() {
  useTitle('New invoice');
  const { query: params } = useLocation();
  const givenCustomerId = params.get('customerId') ?? undefined;
  const given = useApi<Customer>(givenCustomerId ? `/v1/customers/${givenCustomerId}` : undefined);
  const terms = useApi<{ data: PaymentTerms[] }>('/v1/payment-terms');
  const [picked, setPicked] = useState<Customer>();
  const customer = picked ?? given.data;
  const [lines, setLines] = useState<DraftLine[]>([emptyLine(0)]);
  const [paymentTermsId, setPaymentTermsId] = useState('');
  const [memo, setMemo] = useState('');
  const { busy, error, fieldErrors, run, fail } = useSubmit();
  const change = (key: number, patch: Partial<DraftLine>) => setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));

  const submit = async () => {
    if (!customer) return fail('Choose the customer.', { customerId: 'Choose the customer' });
    const faults: Record<string, string> = {};
    const body = {
      customerId: customer.id,
      ...(paymentTermsId ? { paymentTermsId } : {}),
      ...(memo.trim() ? { memo: memo.trim() } : {}),
      lines: lines.map((l, i) => {
        const unitPriceMinor = parseMoney(l.unitPrice, customer.currency);
        if (unitPriceMinor === undefined) faults[`lines/${i}/unitPriceMinor`] = 'not an amount';
        return {
          description: l.description,
          quantity: decimalText(l.quantity),
          unitPriceMinor: unitPriceMinor ?? 0,
          taxRatePercent: decimalText(l.taxRatePercent) || '0',
          ...(l.discountPercent.trim() ? { discountPercent: decimalText(l.discountPercent) } : {}),
        };
      }),
    };
    if (Object.keys(faults).length > 0) return fail('Check the lines.', faults);
    let created: Invoice | undefined;
    if (await run(async () => void (created = await post<Invoice>('/v1/invoices', body)))) navigate(`/invoices/${created?.id ?? ''}`);
  };

  return (
    <>
      <div className="crumbs">
        <Link to="/invoices">Invoices</Link>
      </div>
      <div className="page-head">
        <h1>New invoice</h1>
      </div>
      <Form onSubmit={submit} label="New invoice">
        <section className="panel" aria-labelledby="invoice-customer">
          <h2 id="invoice-customer">Customer</h2>
          {customer ? (
            <p>
              <Link to={`/customers/${customer.id}`}>{customer.name}</Link> <span className="muted">({customer.currency})</span>{' '}
              <button type="button" className="link" onClick={() => (setPicked(undefined), givenCustomerId && navigate('/invoices/new', { replace: true }))}>
                change
              </button>
            </p>
          ) : (
            <CustomerPicker label="Customer" error={fieldErrors.customerId} onPick={setPicked} />
          )}
          <div className="row">
            <Field label="Payment terms" error={fieldErrors.paymentTermsId}>
              {(p) => (
                <select {...p} value={paymentTermsId} onChange={(e) => setPaymentTermsId(e.target.value)}>
                  <option value="">The customer's terms</option>
                  {(terms.data?.data ?? []).map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Memo" error={fieldErrors.memo}>
              {(p) => <input {...p} value={memo} onChange={(e) => setMemo(e.target.value)} />}
            </Field>
          </div>
        </section>
        <section className="panel" aria-labelledby="invoice-lines">
          <h2 id="invoice-lines">Lines</h2>
          {lines.map((l, i) => (
            <fieldset key={l.key} className="line-editor" aria-label={`Line ${i + 1}`}>
              <Field label={`Description ${i + 1}`} error={fieldErrors[`lines/${i}/description`]}>
                {(p) => <input {...p} value={l.description} onChange={(e) => change(l.key, { description: e.target.value })} />}
              </Field>
              <Field label="Quantity" error={fieldErrors[`lines/${i}/quantity`]}>
                {(p) => <input {...p} inputMode="decimal" value={l.quantity} onChange={(e) => change(l.key, { quantity: e.target.value })} />}
              </Field>
              <Field label={`Unit price (${customer?.currency ?? 'net'})`} error={fieldErrors[`lines/${i}/unitPriceMinor`]}>
                {(p) => <input {...p} inputMode="decimal" value={l.unitPrice} onChange={(e) => change(l.key, { unitPrice: e.target.value })} />}
              </Field>
              <Field label="Tax rate %" error={fieldErrors[`lines/${i}/taxRatePercent`]}>
                {(p) => <input {...p} inputMode="decimal" value={l.taxRatePercent} onChange={(e) => change(l.key, { taxRatePercent: e.target.value })} />}
              </Field>
              <Field label="Discount %" error={fieldErrors[`lines/${i}/discountPercent`]}>
                {(p) => <input {...p} inputMode="decimal" value={l.discountPercent} onChange={(e) => change(l.key, { discountPercent: e.target.value })} />}
              </Field>
              <button type="button" className="link" disabled={lines.length === 1} onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))} aria-label={`Remove line ${i + 1}`}>
                Remove
              </button>
            </fieldset>
          ))}
          {fieldErrors.lines ? <p className="error">{fieldErrors.lines}</p> : null}
          <div className="row" style={{ marginTop: '0.5rem' }}>
            <button type="button" onClick={() => setLines((ls) => [...ls, emptyLine(Math.max(...ls.map((x) => x.key)) + 1)])}>
              Add a line
            </button>
          </div>
        </section>
        <ErrorMessage error={error} />
        <div className="row">
          <button type="submit" className="primary" disabled={busy}>
            Save draft
          </button>
          <span className="muted small">Tax and totals are computed by the server; issue the draft from its page to number and post it.</span>
        </div>
      </Form>
    </>
  );
}
