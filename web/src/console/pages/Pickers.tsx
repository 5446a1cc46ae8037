/** Choosing a customer or a product by typing: the server searches, a few candidates are offered as buttons. */
import { useState } from 'react';
import { query } from '../../shared/api';
import { Field, Loading, useApi, useDebounced } from '../../shared/ui';
import { rememberCustomerName } from '../customer-names';
import type { Customer, Page, Product } from '../types';

const candidatesMax = 8;

export function CustomerPicker({ label, error, onPick }: { label: string; error?: string | undefined; onPick: (customer: Customer) => void }) {
  const [search, setSearch] = useState('');
  const settled = useDebounced(search.trim());
  const candidates = useApi<Page<Customer>>(settled ? `/v1/customers${query({ search: settled, limit: candidatesMax })}` : undefined);
  return (
    <div className="stack">
      <Field label={label} error={error} hint="Type a name, number or email, then choose.">
        {(p) => <input {...p} type="search" value={search} onChange={(e) => setSearch(e.target.value)} autoComplete="off" />}
      </Field>
      {settled ? (
        candidates.data ? (
          <ul className="picks" aria-label={`${label}: matches`}>
            {candidates.data.data
              .filter((c) => !c.archived)
              .map((c) => (
                <li key={c.id}>
                  <button
                    type="button"
                    onClick={() => {
                      rememberCustomerName(c.id, c.name);
                      onPick(c);
                    }}
                  >
                    {c.name}
                  </button>{' '}
                  <span className="muted small">
                    {c.currency}
                    {c.externalRef ? ` · ${c.externalRef}` : ''}
                    {c.blockedForOrders ? ' · blocked for orders' : ''}
                  </span>
                </li>
              ))}
            {candidates.data.data.length === 0 ? <li className="muted">No customer matches.</li> : null}
          </ul>
        ) : (
          <Loading />
        )
      ) : null}
    </div>
  );
}

/** Active products, searched over SKU and name; `currency` shows each one's list price when it has one. */
export function ProductPicker({ label, error, currency, onPick }: { label: string; error?: string | undefined; currency: string; onPick: (product: Product) => void }) {
  const [search, setSearch] = useState('');
  const settled = useDebounced(search.trim());
  const candidates = useApi<Page<Product>>(`/v1/products${query({ search: settled, active: 'true', limit: candidatesMax })}`);
  return (
    <div className="stack">
      <Field label={label} error={error}>
        {(p) => <input {...p} type="search" value={search} onChange={(e) => setSearch(e.target.value)} autoComplete="off" placeholder="SKU or name" />}
      </Field>
      {candidates.data ? (
        <ul className="picks" aria-label={`${label}: matches`}>
          {candidates.data.data.map((product) => {
            const price = product.prices.find((p) => p.currency === currency);
            return (
              <li key={product.id}>
                <button type="button" onClick={() => onPick(product)}>
                  {product.name}
                </button>{' '}
                <span className="muted small">
                  {product.sku} · {product.unit}
                  {price ? '' : ` · no ${currency} list price`}
                </span>
              </li>
            );
          })}
          {candidates.data.data.length === 0 ? <li className="muted">{settled ? 'No product matches.' : 'No products in the catalogue yet (POST /v1/products).'}</li> : null}
        </ul>
      ) : (
        <Loading />
      )}
    </div>
  );
}
