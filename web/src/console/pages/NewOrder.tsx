import { useState } from 'react';
import { post } from '../../shared/api';
import { formatMoney, parseMoney } from '../../shared/format';
import { Link, navigate, useLocation } from '../../shared/router';
import { ErrorMessage, Field, Form, useApi, useSubmit } from '../../shared/ui';
import { useTitle } from '../common';
import { useSession } from '../session';
import type { BillingPolicy, Customer, Order, Product } from '../types';
import { billingPolicyLabels } from './Orders';
import { CustomerPicker, ProductPicker } from './Pickers';

interface DraftLine {
  key: number;
  product: Product;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  taxRatePercent: string;
}

/** "1,5" as a person in Germany types it is "1.5" to the API. */
const decimalText = (text: string) => text.trim().replace(',', '.');

const offeredPolicies: BillingPolicy[] = ['on_fulfilment', 'on_confirmation', 'recurring'];

export function NewOrder() {
  useTitle('New order');
  const { tenant, can } = useSession();
  const { query: params } = useLocation();
  const givenCustomerId = params.get('customerId') ?? undefined;
  const given = useApi<Customer>(givenCustomerId ? `/v1/customers/${givenCustomerId}` : undefined);
  const [picked, setPicked] = useState<Customer>();
  const customer = picked ?? given.data;
  const [orderDate, setOrderDate] = useState(tenant.today);
  const [customerReference, setCustomerReference] = useState('');
  const [billingPolicy, setBillingPolicy] = useState<BillingPolicy>('on_fulfilment');
  const [interval, setBillingInterval] = useState<'monthly' | 'quarterly'>('monthly');
  const [startDate, setStartDate] = useState(tenant.today);
  const [lines, setLines] = useState<DraftLine[]>([]);
  const [nextKey, setNextKey] = useState(1);
  const { busy, error, fieldErrors, run, fail } = useSubmit();
  const mayOverridePrice = can('overrideOrderPrice');

  const addLine = (product: Product) => {
    setLines((ls) => [...ls, { key: nextKey, product, quantity: '1', unitPrice: '', discountPercent: '', taxRatePercent: '' }]);
    setNextKey((k) => k + 1);
  };
  const change = (key: number, patch: Partial<DraftLine>) => setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));

  const submit = async () => {
    if (!customer) return fail('Choose the customer.', { customerId: 'Choose the customer' });
    if (lines.length === 0) return fail('Add at least one line.', { lines: 'Add a product' });
    const faults: Record<string, string> = {};
    const body = {
      customerId: customer.id,
      orderDate,
      ...(customerReference.trim() ? { customerReference: customerReference.trim() } : {}),
      billingPolicy,
      ...(billingPolicy === 'recurring' ? { recurrence: { interval, startDate, endDate: null } } : {}),
      lines: lines.map((l, i) => {
        const unitPriceMinor = l.unitPrice.trim() ? parseMoney(l.unitPrice, customer.currency) : undefined;
        if (l.unitPrice.trim() && unitPriceMinor === undefined) faults[`lines/${i}/unitPriceMinor`] = 'not an amount';
        return {
          productId: l.product.id,
          quantity: decimalText(l.quantity),
          ...(unitPriceMinor !== undefined ? { unitPriceMinor } : {}),
          ...(l.discountPercent.trim() ? { discountPercent: decimalText(l.discountPercent) } : {}),
          ...(l.taxRatePercent.trim() ? { taxRatePercent: decimalText(l.taxRatePercent) } : {}),
        };
      }),
    };
    if (Object.keys(faults).length > 0) return fail('Check the lines.', faults);
    let created: Order | undefined;
    if (await run(async () => void (created = await post<Order>('/v1/orders', body)))) navigate(`/orders/${created?.id ?? ''}`);
  };

  return (
    <>
      <div className="crumbs">
        <Link to="/orders">Orders</Link>
      </div>
      <div className="page-head">
        <h1>New order</h1>
      </div>
      <Form onSubmit={submit} label="New order">
        <section className="panel" aria-labelledby="order-customer">
          <h2 id="order-customer">Customer</h2>
          {customer ? (
            <p>
              <Link to={`/customers/${customer.id}`}>{customer.name}</Link> <span className="muted">({customer.currency})</span>{' '}
              <button type="button" className="link" onClick={() => (setPicked(undefined), setLines([]), givenCustomerId && navigate('/orders/new', { replace: true }))}>
                change
              </button>
              {customer.blockedForOrders ? <span className="form-error"> This customer is blocked from new orders (credit stop).</span> : null}
            </p>
          ) : (
            <CustomerPicker label="Customer" error={fieldErrors.customerId} onPick={setPicked} />
          )}
          <div className="row">
            <Field label="Order date" error={fieldErrors.orderDate}>
              {(p) => <input {...p} type="date" value={orderDate} onChange={(e) => setOrderDate(e.target.value)} required />}
            </Field>
            <Field label="Customer's PO number" error={fieldErrors.customerReference}>
              {(p) => <input {...p} value={customerReference} onChange={(e) => setCustomerReference(e.target.value)} maxLength={100} />}
            </Field>
            <Field label="Invoice" error={fieldErrors.billingPolicy}>
              {(p) => (
                <select {...p} value={billingPolicy} onChange={(e) => setBillingPolicy(e.target.value as BillingPolicy)}>
                  {offeredPolicies.map((b) => (
                    <option key={b} value={b}>
                      {billingPolicyLabels[b]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          {billingPolicy === 'recurring' ? (
            <div className="row">
              <Field label="Every" error={fieldErrors['recurrence/interval']}>
                {(p) => (
                  <select {...p} value={interval} onChange={(e) => setBillingInterval(e.target.value as typeof interval)}>
                    <option value="monthly">month</option>
                    <option value="quarterly">quarter</option>
                  </select>
                )}
              </Field>
              <Field label="From" error={fieldErrors['recurrence/startDate'] ?? fieldErrors.recurrence}>
                {(p) => <input {...p} type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} />}
              </Field>
            </div>
          ) : null}
        </section>
        {customer ? (
          <section className="panel" aria-labelledby="order-lines">
            <h2 id="order-lines">Lines</h2>
            {lines.length === 0 ? <p className="muted">No lines yet: add a product below.</p> : null}
            {lines.map((l, i) => {
              const listPrice = l.product.prices.find((p) => p.currency === customer.currency);
              return (
                <fieldset key={l.key} className="line-editor" aria-label={`Line ${i + 1}: ${l.product.name}`}>
                  <div>
                    <strong>{l.product.name}</strong>
                    <div className="muted small">
                      {l.product.sku} · {listPrice ? `list price ${formatMoney(listPrice.unitPriceMinor, customer.currency)}` : `no ${customer.currency} list price`}
                    </div>
                    {fieldErrors[`lines/${i}/productId`] ? <span className="error small">{fieldErrors[`lines/${i}/productId`]}</span> : null}
                  </div>
                  <Field label={`Quantity (${l.product.unit})`} error={fieldErrors[`lines/${i}/quantity`]}>
                    {(p) => <input {...p} inputMode="decimal" value={l.quantity} onChange={(e) => change(l.key, { quantity: e.target.value })} />}
                  </Field>
                  <Field label="Unit price" error={fieldErrors[`lines/${i}/unitPriceMinor`]} {...(mayOverridePrice ? { hint: 'empty: price list' } : {})}>
                    {(p) => (
                      <input
                        {...p}
                        inputMode="decimal"
                        value={l.unitPrice}
                        onChange={(e) => change(l.key, { unitPrice: e.target.value })}
                        disabled={!mayOverridePrice}
                        placeholder={mayOverridePrice ? '' : 'price list'}
                      />
                    )}
                  </Field>
                  <Field label="Discount %" error={fieldErrors[`lines/${i}/discountPercent`]}>
                    {(p) => <input {...p} inputMode="decimal" value={l.discountPercent} onChange={(e) => change(l.key, { discountPercent: e.target.value })} />}
                  </Field>
                  <Field label="Tax rate %" error={fieldErrors[`lines/${i}/taxRatePercent`]}>
                    {(p) => (
                      <input {...p} inputMode="decimal" value={l.taxRatePercent} placeholder={l.product.defaultTaxRatePercent} onChange={(e) => change(l.key, { taxRatePercent: e.target.value })} />
                    )}
                  </Field>
                  <button type="button" className="link" onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))} aria-label={`Remove line ${i + 1}`}>
                    Remove
                  </button>
                </fieldset>
              );
            })}
            {fieldErrors.lines ? <p className="error">{fieldErrors.lines}</p> : null}
            <h3 style={{ marginTop: '1rem' }}>Add a product</h3>
            <ProductPicker label="Product" currency={customer.currency} onPick={addLine} />
          </section>
        ) : null}
        <ErrorMessage error={error} />
        <div className="row">
          <button type="submit" className="primary" disabled={busy || !customer}>
            Create draft order
          </button>
          <span className="muted small">Prices, tax and totals are worked out by the server from the price list of the customer's segment.</span>
        </div>
      </Form>
    </>
  );
}
