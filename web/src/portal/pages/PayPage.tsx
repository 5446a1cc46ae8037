import { useEffect, useRef, useState } from 'react';
import { ApiError, get, post } from '../../shared/api';
import { formatMoney } from '../../shared/format';
import { Link, navigate, useLocation } from '../../shared/router';
import { ErrorMessage, Field, Form, Loading, Money, useApi, useSubmit } from '../../shared/ui';
import { sandboxCards, type Card, type PortalInvoice, type PortalMe, type PortalPayment } from '../types';
import { BankTransfer } from './BankTransfer';
import { rowsOf } from './InvoiceList';

/** Pay one or several invoices by card: a card on file, or a card number (the sandbox takes only its test cards). */
export function PayPage({ me }: { me: PortalMe }) {
  const { query } = useLocation();
  const ids = (query.get('invoices') ?? '').split(',').filter(Boolean);
  const [invoices, setInvoices] = useState<PortalInvoice[]>();
  const [loadError, setLoadError] = useState<unknown>();
  const cards = useApi<{ data: Card[] } | Card[]>('/portal/v1/cards');
  const usable = rowsOf(cards.data).filter((c) => !c.expired && c.status !== 'removed');
  const [choice, setChoice] = useState<string>('new');
  const [cardNumber, setCardNumber] = useState('');
  const [save, setSave] = useState(false);
  const { busy, error, fieldErrors, run, fail } = useSubmit();
  const idsKey = ids.join(',');
  // The same payment sent twice (a lost answer, a second click) is charged once: one key per card and invoices.
  const attemptKeys = useRef(new Map<string, string>());
  const attemptKey = (body: string) => {
    let key = attemptKeys.current.get(body);
    if (!key) attemptKeys.current.set(body, (key = crypto.randomUUID()));
    return key;
  };

  useEffect(() => {
    document.title = 'Pay · Invoices';
    const wanted = idsKey.split(',').filter(Boolean);
    Promise.all(wanted.map((id) => get<PortalInvoice>(`/portal/v1/invoices/${id}`))).then(setInvoices, setLoadError);
  }, [idsKey]);
  // A card on file is the likely choice: preselect the first when the cards arrive.
  const firstCardId = usable[0]?.id;
  useEffect(() => {
    if (firstCardId) setChoice((c) => (c === 'new' ? firstCardId : c));
  }, [firstCardId]);

  if (ids.length === 0) return <p>No invoice chosen. <Link to="/portal/">Your invoices</Link></p>;
  if (loadError) return <ErrorMessage error={loadError} />;
  if (!invoices) return <Loading what="the invoices" />;
  const currency = invoices[0]?.currency ?? 'EUR';
  const total = invoices.reduce((s, i) => s + i.openMinor, 0);

  const submit = async () => {
    if (choice === 'new' && cardNumber.replace(/\D/g, '').length < 12) return fail('Check the card number.', { sandboxCardNumber: 'Enter the card number' });
    let paid: PortalPayment | undefined;
    const ok = await run(async () => {
      let cardId = choice === 'new' ? undefined : choice;
      if (!cardId && save) cardId = (await post<Card>('/portal/v1/cards', { sandboxCardNumber: cardNumber })).id;
      const invoiceIds = invoices.map((i) => i.id);
      const body = cardId ? { invoiceIds, cardId } : { invoiceIds, sandboxCardNumber: cardNumber };
      paid = await post<PortalPayment>('/portal/v1/payments', body, { headers: { 'idempotency-key': attemptKey(JSON.stringify(body)) } });
    });
    if (!ok || !paid) return;
    const amount = encodeURIComponent(formatMoney(paid.amountMinor, paid.currency));
    navigate(paid.status === 'paid' ? `/portal/?status=paid&paid=${amount}` : `/portal/?pending=${amount}`);
  };
  const declined = error instanceof ApiError && error.status === 402;

  return (
    <>
      <div className="crumbs">
        <Link to="/portal/">Your invoices</Link>
      </div>
      <h1>Pay {formatMoney(total, currency)}</h1>
      <div className="grid grid-2">
        <section className="panel" aria-labelledby="paying-title">
          <h2 id="paying-title">You are paying</h2>
          <table>
            <tbody>
              {invoices.map((i) => (
                <tr key={i.id}>
                  <td>{i.number}</td>
                  <td className="num">
                    <Money minor={i.openMinor} currency={i.currency} />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td>Total</td>
                <td className="num">
                  <Money minor={total} currency={currency} />
                </td>
              </tr>
            </tfoot>
          </table>
        </section>
        <section className="panel" aria-labelledby="card-title">
          <h2 id="card-title">Card</h2>
          <Form onSubmit={submit} label="Pay by card">
            <fieldset className="stack" style={{ border: 0, margin: 0, padding: 0 }}>
              <legend className="visually-hidden">Which card</legend>
              {usable.map((c) => (
                <label key={c.id} className="check">
                  <input type="radio" name="card" value={c.id} checked={choice === c.id} onChange={() => setChoice(c.id)} />
                  {c.brand ?? 'Card'} ending {c.last4} · expires {c.expiryMonth}/{c.expiryYear}
                </label>
              ))}
              {usable.length > 0 ? (
                <label className="check">
                  <input type="radio" name="card" value="new" checked={choice === 'new'} onChange={() => setChoice('new')} />
                  Another card
                </label>
              ) : null}
            </fieldset>
            {choice === 'new' ? (
              <>
                <Field label="Card number" error={fieldErrors.sandboxCardNumber} hint="Sandbox: use a test card, for example 4242 4242 4242 4242.">
                  {(p) => (
                    <input {...p} inputMode="numeric" autoComplete="cc-number" list="test-cards" value={cardNumber} onChange={(e) => setCardNumber(e.target.value)} required />
                  )}
                </Field>
                <datalist id="test-cards">
                  {sandboxCards.map((c) => (
                    <option key={c.number} value={c.number}>
                      {c.label}
                    </option>
                  ))}
                </datalist>
                <label className="check">
                  <input type="checkbox" checked={save} onChange={(e) => setSave(e.target.checked)} />
                  Keep this card for next time
                </label>
              </>
            ) : null}
            {declined ? (
              <p className="form-error" role="alert">
                The payment was declined: {error.message}
              </p>
            ) : (
              <ErrorMessage error={error} />
            )}
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Paying…' : `Pay ${formatMoney(total, currency)}`}
            </button>
          </Form>
        </section>
      </div>
      <BankTransfer
        payee={me.payee}
        reference={
          invoices
            .map((i) => i.paymentReference)
            .filter(Boolean)
            .join(', ') || null
        }
      />
    </>
  );
}
