import { useEffect, useState } from 'react';
import { get, post } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { Link } from '../../shared/router';
import { Chip, DateText, Dialog, ErrorMessage, Field, Form, Loading, Money, useApi, useSubmit } from '../../shared/ui';
import { useTitle } from '../common';
import { useCustomerNames } from '../customer-names';
import { useSession } from '../session';
import type { Invoice, Order, OrderLine } from '../types';
import { billingPolicyLabels, OrderStatusChip, orderStatusLabels } from './Orders';

const cancellable: readonly Order['status'][] = ['draft', 'submitted', 'credit_hold', 'confirmed'];
const deliverable: readonly Order['status'][] = ['confirmed', 'partially_fulfilled'];

/** Quantities arrive as decimal strings ("2", "1.5"): compared and subtracted with 4 decimals, as the server keeps them. */
const quantityUnits = (text: string) => Math.round(Number(text) * 10_000);
const fromUnits = (units: number) => String(units / 10_000);

interface CreditCheck {
  approved: boolean;
  reasons: { code: string; detail: string }[];
  exposureMinor: string;
  exposureWithOrderMinor: string;
  availableMinor: string | null;
  at: string;
}

/** The latest credit decision in the order's history (submission and confirmation each make one). */
function lastCreditCheck(order: Order): CreditCheck | undefined {
  for (const event of [...(order.events ?? [])].reverse()) {
    const payload = event.payload as Partial<CreditCheck> | null;
    if (payload && typeof payload.approved === 'boolean') return { ...(payload as CreditCheck), at: event.at };
  }
  return undefined;
}

/** The invoices made from the order (its billings), loaded together. */
function useInvoices(ids: readonly string[]): { invoices: Invoice[] | undefined; error: unknown } {
  const key = ids.join(',');
  const [state, setState] = useState<{ key: string; invoices?: Invoice[]; error?: unknown }>({ key: '' });
  useEffect(() => {
    let live = true;
    const wanted = key ? key.split(',') : [];
    Promise.all(wanted.map((id) => get<Invoice>(`/v1/invoices/${id}`))).then(
      (invoices) => live && setState({ key, invoices }),
      (error: unknown) => live && setState({ key, error }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  return state.key === key ? { invoices: state.invoices, error: state.error } : { invoices: undefined, error: undefined };
}

type DialogKind = 'deliver' | 'return' | 'cancel' | 'release' | 'reject';

export function OrderPage({ id }: { id: string }) {
  const { can } = useSession();
  const order = useApi<Order>(`/v1/orders/${id}`);
  const nameOf = useCustomerNames(order.data ? [order.data.customerId] : []);
  const billed = [...new Set(order.data?.billings?.map((b) => b.invoiceId) ?? [])];
  const { invoices, error: invoicesError } = useInvoices(billed);
  const [dialog, setDialog] = useState<DialogKind>();
  const [notice, setNotice] = useState<string>();
  const step = useSubmit();
  useTitle(order.data ? `Order ${order.data.number}` : 'Order');
  if (order.error) return <ErrorMessage error={order.error} />;
  if (!order.data) return <Loading what="the order" />;
  const o = order.data;
  const lines = o.lines ?? [];
  const check = lastCreditCheck(o);
  const returnable = lines.some((l) => quantityUnits(l.invoicedQuantity) > quantityUnits(l.returnedQuantity));

  const move = async (action: 'submit' | 'confirm', done: (after: Order) => string) => {
    setNotice(undefined);
    let after: Order | undefined;
    if (await step.run(async () => void (after = await post<Order>(`/v1/orders/${o.id}/${action}`, {})))) {
      if (after) setNotice(done(after));
      order.reload();
    }
  };
  const finished = (message: string) => {
    setDialog(undefined);
    setNotice(message);
    order.reload();
  };

  return (
    <>
      <div className="crumbs">
        <Link to="/orders">Orders</Link>
      </div>
      <div className="page-head">
        <h1>Order {o.number}</h1>
        <OrderStatusChip status={o.status} />
        <div className="actions">
          {o.status === 'draft' && can('moveOrder') ? (
            <button type="button" className="primary" disabled={step.busy} onClick={() => void move('submit', (a) => (a.status === 'credit_hold' ? 'The credit check put the order on hold.' : 'Credit check passed: confirm the order next.'))}>
              Submit for credit check
            </button>
          ) : null}
          {o.status === 'submitted' && can('moveOrder') ? (
            <button type="button" className="primary" disabled={step.busy} onClick={() => void move('confirm', (a) => (a.status === 'credit_hold' ? 'The credit check at confirmation put the order on hold.' : 'Order confirmed.'))}>
              Confirm
            </button>
          ) : null}
          {o.status === 'credit_hold' && can('decideCreditHold') ? (
            <>
              <button type="button" className="primary" onClick={() => setDialog('release')}>
                Release…
              </button>
              <button type="button" className="danger" onClick={() => setDialog('reject')}>
                Reject…
              </button>
            </>
          ) : null}
          {deliverable.includes(o.status) && o.billingPolicy !== 'recurring' && can('moveOrder') ? (
            <button type="button" className={o.status === 'confirmed' ? 'primary' : ''} onClick={() => setDialog('deliver')}>
              Record delivery…
            </button>
          ) : null}
          {returnable && can('moveOrder') ? (
            <button type="button" onClick={() => setDialog('return')}>
              Record return…
            </button>
          ) : null}
          {cancellable.includes(o.status) && can('moveOrder') ? (
            <button type="button" className="danger" onClick={() => setDialog('cancel')}>
              Cancel order…
            </button>
          ) : null}
        </div>
      </div>
      <ErrorMessage error={step.error} />
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {o.status === 'credit_hold' ? (
        <section className="panel hold" role="alert" aria-labelledby="hold-title">
          <h2 id="hold-title">On credit hold</h2>
          <ul>
            {(o.holdReasons ?? []).map((r) => (
              <li key={r.code}>{r.detail}</li>
            ))}
          </ul>
          <p className="muted small">
            {can('decideCreditHold') ? 'Release it with a note to confirm it, or reject it.' : 'An AR manager releases or rejects it.'} Nothing is delivered or invoiced while it is on hold.
          </p>
        </section>
      ) : null}
      <div className="grid grid-2">
        <section className="panel" aria-label="Details">
          <dl className="facts">
            <dt>Customer</dt>
            <dd>
              <Link to={`/customers/${o.customerId}`}>{nameOf(o.customerId) ?? '…'}</Link>
            </dd>
            <dt>Order date</dt>
            <dd>
              <DateText value={o.orderDate} />
            </dd>
            <dt>Customer's PO</dt>
            <dd>{o.customerReference ?? '—'}</dd>
            <dt>Invoiced</dt>
            <dd>{billingPolicyLabels[o.billingPolicy]}</dd>
            <dt>Customer sees</dt>
            <dd>{o.customerStatus.replace(/_/g, ' ')}</dd>
            {o.cancelReason ? (
              <>
                <dt>Cancelled because</dt>
                <dd>{o.cancelReason}</dd>
              </>
            ) : null}
          </dl>
        </section>
        <section className="panel" aria-labelledby="credit-title">
          <h2 id="credit-title">Credit check</h2>
          {check ? (
            <dl className="facts">
              <dt>Result</dt>
              <dd>{check.approved ? <Chip status="paid" label="passed" /> : <Chip status="high" label="held" />}</dd>
              <dt>Exposure before</dt>
              <dd>
                <Money minor={Number(check.exposureMinor)} currency={o.currency} />
              </dd>
              <dt>With this order</dt>
              <dd>
                <Money minor={Number(check.exposureWithOrderMinor)} currency={o.currency} />
              </dd>
              <dt>Limit left before</dt>
              <dd>{check.availableMinor === null ? 'no limit' : <Money minor={Number(check.availableMinor)} currency={o.currency} />}</dd>
              <dt>Checked</dt>
              <dd>{formatDateTime(check.at)}</dd>
            </dl>
          ) : (
            <p className="muted">Not checked yet: submitting the draft checks the customer's credit.</p>
          )}
        </section>
      </div>
      <section className="panel" aria-labelledby="order-lines-title">
        <h2 id="order-lines-title">Lines and fulfilment</h2>
        <div className="table-wrap">
          <table aria-label="Order lines">
            <thead>
              <tr>
                <th>Item</th>
                <th className="num">Ordered</th>
                <th className="num">Delivered</th>
                <th className="num">Invoiced</th>
                <th className="num hide-narrow">Returned</th>
                <th className="num hide-narrow">Unit price</th>
                <th className="num">Net</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.id}>
                  <td>
                    {l.description}
                    {Number(l.discountPercent) > 0 ? <span className="muted small"> −{l.discountPercent} %</span> : null}
                    {l.priceOverridden ? <span className="muted small"> (price set by hand)</span> : null}
                  </td>
                  <td className="num">
                    {l.quantity} {l.unit}
                  </td>
                  <td className="num">{l.shippedQuantity}</td>
                  <td className="num">{l.invoicedQuantity}</td>
                  <td className="num hide-narrow">{l.returnedQuantity}</td>
                  <td className="num hide-narrow">
                    <Money minor={l.unitPriceMinor} currency={o.currency} />
                  </td>
                  <td className="num">
                    <Money minor={l.netMinor} currency={o.currency} />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td colSpan={6} className="num">
                  Net
                </td>
                <td className="num">
                  <Money minor={o.subtotalMinor} currency={o.currency} />
                </td>
              </tr>
              <tr>
                <td colSpan={6} className="num">
                  Tax
                </td>
                <td className="num">
                  <Money minor={o.taxMinor} currency={o.currency} />
                </td>
              </tr>
              <tr>
                <td colSpan={6} className="num">
                  Total (invoiced so far <Money minor={o.invoicedMinor} currency={o.currency} />)
                </td>
                <td className="num">
                  <Money minor={o.totalMinor} currency={o.currency} />
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>
      <div className="grid grid-2">
        <section className="panel" aria-labelledby="order-invoices-title">
          <h2 id="order-invoices-title">Invoices from this order</h2>
          {billed.length === 0 ? (
            <p className="muted">
              None yet.{' '}
              {o.billingPolicy === 'on_fulfilment' ? 'Each delivery is invoiced when it is recorded.' : o.billingPolicy === 'on_confirmation' ? 'The order is invoiced when it is confirmed.' : 'The daily run invoices it on its schedule.'}
            </p>
          ) : invoicesError ? (
            <ErrorMessage error={invoicesError} />
          ) : !invoices ? (
            <Loading what="invoices" />
          ) : (
            <table aria-label="Invoices from this order">
              <thead>
                <tr>
                  <th>Number</th>
                  <th>Issued</th>
                  <th>Status</th>
                  <th className="num">Total</th>
                </tr>
              </thead>
              <tbody>
                {invoices.map((i) => (
                  <tr key={i.id}>
                    <td>
                      <Link to={`/invoices/${i.id}`}>{i.number ?? 'draft'}</Link>
                      {i.kind === 'credit_note' ? <span className="muted small"> credit note</span> : null}
                    </td>
                    <td>
                      <DateText value={i.issueDate} />
                    </td>
                    <td>
                      <Chip status={i.status} />
                    </td>
                    <td className="num">
                      <Money minor={i.totalMinor} currency={i.currency} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="panel" aria-labelledby="order-history-title">
          <h2 id="order-history-title">History</h2>
          <ol className="timeline">
            {[...(o.events ?? [])].reverse().map((e, index) => (
              <li key={`${e.at}-${index}`}>
                <span className="when">{formatDateTime(e.at)}</span>
                <span>
                  {e.type.replace(/^order\./, '').replace(/_/g, ' ')}
                  {e.toStatus ? ` → ${orderStatusLabels[e.toStatus as Order['status']] ?? e.toStatus}` : ''}
                  {e.reason ? <span className="muted">: {e.reason}</span> : null} <span className="muted small">({e.actor})</span>
                </span>
              </li>
            ))}
          </ol>
        </section>
      </div>
      <Dialog title={`Record a delivery · ${o.number}`} open={dialog === 'deliver'} onClose={() => setDialog(undefined)}>
        <MovementForm order={o} kind="deliveries" onDone={() => finished(o.billingPolicy === 'on_fulfilment' ? 'Delivery recorded and invoiced.' : 'Delivery recorded.')} />
      </Dialog>
      <Dialog title={`Record a return · ${o.number}`} open={dialog === 'return'} onClose={() => setDialog(undefined)}>
        <MovementForm order={o} kind="returns" onDone={() => finished('Return recorded; a credit note was issued for it.')} />
      </Dialog>
      <Dialog title={`Cancel ${o.number}`} open={dialog === 'cancel'} onClose={() => setDialog(undefined)}>
        <ReasonForm path={`/v1/orders/${o.id}/cancel`} field="reason" label="Reason" button="Cancel order" danger onDone={() => finished('Order cancelled.')} />
      </Dialog>
      <Dialog title={`Release ${o.number} from credit hold`} open={dialog === 'release'} onClose={() => setDialog(undefined)}>
        <ReasonForm path={`/v1/orders/${o.id}/release`} field="note" label="Note (why it may go ahead)" button="Release and confirm" onDone={() => finished('Released from credit hold and confirmed.')} />
      </Dialog>
      <Dialog title={`Reject ${o.number}`} open={dialog === 'reject'} onClose={() => setDialog(undefined)}>
        <ReasonForm path={`/v1/orders/${o.id}/reject`} field="reason" label="Reason" button="Reject order" danger onDone={() => finished('Order rejected.')} />
      </Dialog>
    </>
  );
}

function ReasonForm({ path, field, label, button, danger, onDone }: { path: string; field: 'reason' | 'note'; label: string; button: string; danger?: boolean; onDone: () => void }) {
  const [text, setText] = useState('');
  const { busy, error, fieldErrors, run } = useSubmit();
  return (
    <Form onSubmit={async () => (await run(() => post(path, { [field]: text }))) && onDone()} label={button}>
      <Field label={label} error={fieldErrors[field]}>
        {(p) => <textarea {...p} rows={3} value={text} onChange={(e) => setText(e.target.value)} required />}
      </Field>
      <ErrorMessage error={error} />
      <div className="row">
        <button type="submit" className={danger ? 'danger' : 'primary'} disabled={busy}>
          {button}
        </button>
      </div>
    </Form>
  );
}

/** What is left to move per line: to deliver (ordered − delivered) or to return (invoiced − returned). */
function remaining(line: OrderLine, kind: 'deliveries' | 'returns'): number {
  return kind === 'deliveries'
    ? Math.max(0, quantityUnits(line.quantity) - quantityUnits(line.shippedQuantity))
    : Math.max(0, quantityUnits(line.invoicedQuantity) - quantityUnits(line.returnedQuantity));
}

function MovementForm({ order, kind, onDone }: { order: Order; kind: 'deliveries' | 'returns'; onDone: () => void }) {
  const { tenant } = useSession();
  const open = (order.lines ?? []).filter((l) => remaining(l, kind) > 0);
  const [quantities, setQuantities] = useState<Record<string, string>>(() => Object.fromEntries(open.map((l) => [l.id, fromUnits(remaining(l, kind))])));
  const [date, setDate] = useState(tenant.today);
  const [reference, setReference] = useState('');
  const [reason, setReason] = useState('');
  const [sentLineIds, setSentLineIds] = useState<string[]>([]);
  const { busy, error, fieldErrors, run, fail } = useSubmit();
  const submit = async () => {
    const lines: { lineId: string; quantity: string }[] = [];
    const faults: Record<string, string> = {};
    open.forEach((l) => {
      const text = (quantities[l.id] ?? '').trim().replace(',', '.');
      if (!text || Number(text) === 0) return;
      if (!/^\d{1,14}(\.\d{1,4})?$/.test(text)) faults[l.id] = 'a quantity such as 2 or 1.5';
      else if (quantityUnits(text) > remaining(l, kind)) faults[l.id] = `at most ${fromUnits(remaining(l, kind))}`;
      else lines.push({ lineId: l.id, quantity: text });
    });
    if (Object.keys(faults).length > 0) return fail('Check the quantities.', faults);
    if (lines.length === 0) return fail('Enter a quantity on at least one line.');
    setSentLineIds(lines.map((l) => l.lineId));
    const body = { date, ...(reference.trim() ? { reference: reference.trim() } : {}), lines, ...(kind === 'returns' ? { reason } : {}) };
    if (await run(() => post(`/v1/orders/${order.id}/${kind}`, body))) onDone();
  };
  // Server errors name lines by their position in the request (lines/0/quantity), which skipped the empty ones.
  const serverFault = (lineId: string) => {
    const index = sentLineIds.indexOf(lineId);
    return index < 0 ? undefined : (fieldErrors[`lines/${index}/quantity`] ?? fieldErrors[`lines/${index}/lineId`]);
  };
  return (
    <Form onSubmit={submit} label={kind === 'deliveries' ? 'Record a delivery' : 'Record a return'}>
      {open.map((l) => (
        <Field key={l.id} label={`${l.description} (${kind === 'deliveries' ? 'to deliver' : 'invoiced, not returned'}: ${fromUnits(remaining(l, kind))} ${l.unit})`} error={fieldErrors[l.id] ?? serverFault(l.id)}>
          {(p) => <input {...p} inputMode="decimal" value={quantities[l.id] ?? ''} onChange={(e) => setQuantities((q) => ({ ...q, [l.id]: e.target.value }))} />}
        </Field>
      ))}
      <div className="row">
        <Field label="Date" error={fieldErrors.date}>
          {(p) => <input {...p} type="date" value={date} onChange={(e) => setDate(e.target.value)} />}
        </Field>
        <Field label={kind === 'deliveries' ? 'Delivery note' : 'Return reference'} error={fieldErrors.reference}>
          {(p) => <input {...p} value={reference} onChange={(e) => setReference(e.target.value)} maxLength={100} />}
        </Field>
      </div>
      {kind === 'returns' ? (
        <Field label="Reason" error={fieldErrors.reason}>
          {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} required />}
        </Field>
      ) : null}
      <ErrorMessage error={error} />
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {kind === 'deliveries' ? (order.billingPolicy === 'on_fulfilment' ? 'Record delivery and invoice it' : 'Record delivery') : 'Record return and credit it'}
        </button>
      </div>
    </Form>
  );
}
