import { useEffect, useState } from 'react';
import { del, patch, post } from '../../shared/api';
import { Chip, ErrorMessage, Field, Form, Show, useApi, useSubmit } from '../../shared/ui';
import { sandboxCards, type Card } from '../types';
import { rowsOf } from './InvoiceList';

/** Cards on file (kept by the payment gateway as tokens, never here) and autopay of invoices when they fall due. */
export function CardsPage() {
  const cards = useApi<{ data: Card[] } | Card[]>('/portal/v1/cards');
  const change = useSubmit();
  useEffect(() => {
    document.title = 'Cards · Invoices';
  }, []);
  const setAutopay = (card: Card, autopay: boolean) => void change.run(() => patch(`/portal/v1/cards/${card.id}`, { autopay })).then(() => cards.reload());
  const remove = (card: Card) => void change.run(() => del(`/portal/v1/cards/${card.id}`)).then(() => cards.reload());
  return (
    <>
      <h1>Cards and autopay</h1>
      <section className="panel" aria-labelledby="cards-title">
        <h2 id="cards-title">Your cards</h2>
        <Show loaded={cards} what="your cards">
          {(answer) => {
            const list = rowsOf(answer).filter((c) => c.status !== 'removed');
            return list.length === 0 ? (
              <p className="empty">No card on file.</p>
            ) : (
              <div className="table-wrap">
                <table aria-label="Cards">
                  <thead>
                    <tr>
                      <th>Card</th>
                      <th>Expires</th>
                      <th>Autopay</th>
                      <th>
                        <span className="visually-hidden">Remove</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((c) => (
                      <tr key={c.id}>
                        <td>
                          {c.brand ?? 'Card'} ending {c.last4}
                        </td>
                        <td>
                          {c.expiryMonth}/{c.expiryYear} {c.expired ? <Chip status="bad" label="expired" /> : null}
                        </td>
                        <td>
                          <label className="check">
                            <input type="checkbox" checked={c.autopay} disabled={change.busy} onChange={(e) => setAutopay(c, e.target.checked)} />
                            Pay invoices automatically when due
                          </label>
                        </td>
                        <td>
                          <button type="button" className="danger" disabled={change.busy} onClick={() => remove(c)} aria-label={`Remove the card ending ${c.last4 ?? ''}`}>
                            Remove
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
          }}
        </Show>
        <ErrorMessage error={change.error} />
        <p className="muted small">Autopay uses one card: turning it on for a card turns it off for the others.</p>
      </section>
      <AddCard onAdded={cards.reload} />
    </>
  );
}

function AddCard({ onAdded }: { onAdded: () => void }) {
  const [cardNumber, setCardNumber] = useState('');
  const [autopay, setAutopay] = useState(false);
  const { busy, error, fieldErrors, run } = useSubmit();
  const submit = async () => {
    if (await run(() => post('/portal/v1/cards', { sandboxCardNumber: cardNumber, autopay }))) {
      setCardNumber('');
      setAutopay(false);
      onAdded();
    }
  };
  return (
    <section className="panel" aria-labelledby="add-card-title">
      <h2 id="add-card-title">Add a card</h2>
      <Form onSubmit={submit} label="Add a card">
        <Field label="Card number" error={fieldErrors.sandboxCardNumber} hint="Sandbox: test cards only, for example 4242 4242 4242 4242.">
          {(p) => <input {...p} inputMode="numeric" autoComplete="cc-number" list="add-test-cards" value={cardNumber} onChange={(e) => setCardNumber(e.target.value)} required />}
        </Field>
        <datalist id="add-test-cards">
          {sandboxCards.map((c) => (
            <option key={c.number} value={c.number}>
              {c.label}
            </option>
          ))}
        </datalist>
        <label className="check">
          <input type="checkbox" checked={autopay} onChange={(e) => setAutopay(e.target.checked)} />
          Use it to pay invoices automatically when due
        </label>
        <ErrorMessage error={error} />
        <div className="row">
          <button type="submit" className="primary" disabled={busy}>
            Add card
          </button>
        </div>
      </Form>
    </section>
  );
}
