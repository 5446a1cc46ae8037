import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type ApiClient, type ApiResponse, type TestServer, type TestTenant } from './support/api.js';

let server: TestServer;
let company: TestTenant;
let competitor: TestTenant;

beforeAll(async () => {
  server = await startTestServer();
  company = await server.createTenant({ name: 'Acme Supplies GmbH' });
  competitor = await server.createTenant({ name: 'Initech AG' });
});
afterAll(async () => server?.close());

function expectProblem(response: ApiResponse, status: number, pointer?: string): void {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(response.body.status).toBe(status);
  if (pointer) expect(response.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
}

const priceOf = (api: ApiClient, productId: string, query: string) => api.ok('GET', `/v1/products/${productId}/price?${query}`);

/** Everything a failed request must not have touched: products, price lists and the audit trail. */
async function catalogueState(api: ApiClient) {
  const products = await api.ok('GET', '/v1/products?limit=200');
  const lists = await api.ok('GET', '/v1/price-lists?limit=200');
  const listsWithItems = await Promise.all(lists.data.map((l: { id: string }) => api.ok('GET', `/v1/price-lists/${l.id}`)));
  const audit = await api.ok('GET', '/v1/audit-records?limit=200');
  return { products: products.data, lists: listsWithItems, auditCount: audit.data.length };
}

describe('the catalogue over HTTP', () => {
  let widget: any;
  let consulting: any;

  it('creates products with list prices in EUR and USD and finds them by SKU or name', async () => {
    const api = company.as('ar_manager');
    widget = await api.ok('POST', '/v1/products', {
      sku: 'WID-100',
      name: 'Widget, blue',
      unit: 'pcs',
      kind: 'good',
      defaultTaxRatePercent: '19',
      prices: [
        { currency: 'EUR', unitPriceMinor: 1_000 },
        { currency: 'USD', unitPriceMinor: 1_200 },
      ],
    });
    expect(widget).toMatchObject({
      sku: 'WID-100',
      kind: 'good',
      defaultTaxRatePercent: '19',
      active: true,
      description: null,
      prices: [
        { currency: 'EUR', unitPriceMinor: 1_000 },
        { currency: 'USD', unitPriceMinor: 1_200 },
      ],
    });
    consulting = await api.ok('POST', '/v1/products', {
      sku: 'SRV-CONSULT',
      name: 'Consulting hour',
      description: 'Senior consultant, on site',
      unit: 'h',
      kind: 'service',
      defaultTaxRatePercent: '7.7',
      prices: [{ currency: 'EUR', unitPriceMinor: 12_000 }],
    });
    expect(consulting.defaultTaxRatePercent).toBe('7.7');

    expect(await api.ok('GET', `/v1/products/${widget.id}`)).toEqual(widget);
    const bySku = await api.ok('GET', '/v1/products?search=wid-1');
    expect(bySku.data.map((p: any) => p.id)).toEqual([widget.id]);
    const byName = await api.ok('GET', '/v1/products?search=consulting');
    expect(byName.data.map((p: any) => p.id)).toEqual([consulting.id]);

    const first = await api.ok('GET', '/v1/products?limit=1');
    expect(first.data).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = await api.ok('GET', `/v1/products?limit=1&cursor=${first.nextCursor}`);
    expect(second.data.map((p: any) => p.id)).not.toContain(first.data[0].id);
    expect(second.nextCursor).toBeNull();

    const created = await api.ok('GET', `/v1/audit-records?entityType=product&entityId=${widget.id}`);
    expect(created.data.map((r: any) => r.action)).toEqual(['product.created']);
  });

  it('changes a product and replaces its list prices', async () => {
    const api = company.as('admin');
    const changed = await api.ok('PATCH', `/v1/products/${consulting.id}`, {
      name: 'Consulting hour (senior)',
      defaultTaxRatePercent: '8.1',
      prices: [
        { currency: 'CHF', unitPriceMinor: 13_000 },
        { currency: 'EUR', unitPriceMinor: 12_500 },
      ],
    });
    expect(changed).toMatchObject({
      sku: 'SRV-CONSULT',
      name: 'Consulting hour (senior)',
      description: 'Senior consultant, on site',
      defaultTaxRatePercent: '8.1',
      prices: [
        { currency: 'CHF', unitPriceMinor: 13_000 },
        { currency: 'EUR', unitPriceMinor: 12_500 },
      ],
    });
    const deactivated = await api.ok('PATCH', `/v1/products/${consulting.id}`, { active: false });
    expect(deactivated.active).toBe(false);
    expect(deactivated.prices).toEqual(changed.prices);
    const inactive = await api.ok('GET', '/v1/products?active=false');
    expect(inactive.data.map((p: any) => p.id)).toEqual([consulting.id]);
  });

  it('resolves the price by segment and validity, inclusive of both ends, the latest list winning', async () => {
    const api = company.as('ar_manager');
    const wholesale = await api.ok('POST', '/v1/price-lists', {
      name: 'Wholesale H1 2026',
      segment: 'wholesale',
      currency: 'EUR',
      validFrom: '2026-01-01',
      validTo: '2026-06-30',
      items: [{ productId: widget.id, unitPriceMinor: 800 }],
    });
    expect(wholesale).toMatchObject({ segment: 'wholesale', validTo: '2026-06-30', items: [{ productId: widget.id, sku: 'WID-100', unitPriceMinor: 800 }] });
    const promo = await api.ok('POST', '/v1/price-lists', {
      name: 'Wholesale May promotion',
      segment: 'wholesale',
      currency: 'EUR',
      validFrom: '2026-05-01',
      validTo: '2026-05-31',
      items: [{ productId: widget.id, unitPriceMinor: 700 }],
    });
    const retail = await api.ok('POST', '/v1/price-lists', {
      name: 'Retail from March',
      segment: 'retail',
      currency: 'EUR',
      validFrom: '2026-03-01',
      items: [{ productId: widget.id, unitPriceMinor: 950 }],
    });
    expect(retail.validTo).toBeNull();

    const cases: [string, number | null, string | null, string | null][] = [
      ['segment=wholesale&onDate=2025-12-31', 1_000, 'list_price', null],
      ['segment=wholesale&onDate=2026-01-01', 800, 'price_list', wholesale.id],
      ['segment=wholesale&onDate=2026-05-01', 700, 'price_list', promo.id],
      ['segment=wholesale&onDate=2026-05-31', 700, 'price_list', promo.id],
      ['segment=wholesale&onDate=2026-06-01', 800, 'price_list', wholesale.id],
      ['segment=wholesale&onDate=2026-06-30', 800, 'price_list', wholesale.id],
      ['segment=wholesale&onDate=2026-07-01', 1_000, 'list_price', null],
      ['segment=retail&onDate=2026-02-28', 1_000, 'list_price', null],
      ['segment=retail&onDate=2026-05-15', 950, 'price_list', retail.id],
      ['segment=enterprise&onDate=2026-05-15', 1_000, 'list_price', null],
      ['onDate=2026-05-15', 1_000, 'list_price', null],
    ];
    for (const [query, unitPriceMinor, source, priceListId] of cases) {
      const resolved = await priceOf(api, widget.id, `currency=EUR&${query}`);
      expect({ query, unitPriceMinor: resolved.unitPriceMinor, source: resolved.source, priceListId: resolved.priceListId }).toEqual({
        query,
        unitPriceMinor,
        source,
        priceListId,
      });
    }
    // The EUR lists do not price in USD; there is no price at all in JPY.
    expect(await priceOf(api, widget.id, 'currency=USD&segment=wholesale&onDate=2026-05-15')).toMatchObject({ unitPriceMinor: 1_200, source: 'list_price' });
    expect(await priceOf(api, widget.id, 'currency=JPY&segment=wholesale&onDate=2026-05-15')).toMatchObject({ unitPriceMinor: null, source: null, priceListId: null });
    // Without a date, the tenant's today applies.
    const today = await priceOf(api, widget.id, 'currency=EUR');
    expect(today.onDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const filtered = await api.ok('GET', '/v1/price-lists?segment=wholesale&validOn=2026-05-15');
    expect(filtered.data.map((l: any) => l.id).sort()).toEqual([wholesale.id, promo.id].sort());
    expect(filtered.data[0].items).toBeUndefined();
  });

  it('moves the validity of a price list and replaces its items', async () => {
    const api = company.as('admin');
    const lists = await api.ok('GET', '/v1/price-lists?segment=wholesale');
    const h1 = lists.data.find((l: any) => l.name === 'Wholesale H1 2026');

    const extended = await api.ok('PATCH', `/v1/price-lists/${h1.id}`, { validTo: null });
    expect(extended.validTo).toBeNull();
    expect(await priceOf(api, widget.id, 'currency=EUR&segment=wholesale&onDate=2026-07-01')).toMatchObject({ unitPriceMinor: 800, priceListId: h1.id });

    const replaced = await api.ok('PATCH', `/v1/price-lists/${h1.id}`, { name: 'Wholesale 2026', items: [{ productId: consulting.id, unitPriceMinor: 11_000 }] });
    expect(replaced).toMatchObject({ name: 'Wholesale 2026', items: [{ productId: consulting.id, sku: 'SRV-CONSULT', unitPriceMinor: 11_000 }] });
    expect(await priceOf(api, widget.id, 'currency=EUR&segment=wholesale&onDate=2026-07-01')).toMatchObject({ unitPriceMinor: 1_000, source: 'list_price' });
    expect(await priceOf(api, consulting.id, 'currency=EUR&segment=wholesale&onDate=2026-07-01')).toMatchObject({ unitPriceMinor: 11_000, source: 'price_list' });

    const audit = await api.ok('GET', `/v1/audit-records?entityType=price_list&entityId=${h1.id}`);
    expect(audit.data.map((r: any) => r.action)).toEqual(['price_list.updated', 'price_list.updated', 'price_list.created']);
  });

  it('refuses a second product with the same SKU with 409, but another company may use it', async () => {
    const api = company.as('ar_manager');
    const before = await catalogueState(api);
    const duplicate = await api.post('/v1/products', { sku: 'WID-100', name: 'Another widget', unit: 'pcs', kind: 'good', defaultTaxRatePercent: '19' });
    expectProblem(duplicate, 409);
    expect(duplicate.body.detail).toContain('WID-100');
    expect(await catalogueState(api)).toEqual(before);

    const elsewhere = await competitor.admin.post('/v1/products', { sku: 'WID-100', name: 'Their widget', unit: 'pcs', kind: 'good', defaultTaxRatePercent: '19' });
    expect(elsewhere.status).toBe(201);
  });

  it('gives exactly one of two simultaneous creations of a new SKU a 201 and the other a 409', async () => {
    const api = company.as('ar_manager');
    const body = { sku: 'RACE-1', name: 'Raced', unit: 'pcs', kind: 'good', defaultTaxRatePercent: '0', prices: [{ currency: 'EUR', unitPriceMinor: 1 }] };
    const responses = await Promise.all([api.post('/v1/products', body), api.post('/v1/products', body), api.post('/v1/products', body)]);
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    for (const r of responses.filter((r) => r.status === 409)) expectProblem(r, 409);
    expect((await api.ok('GET', '/v1/products?search=RACE-1')).data).toHaveLength(1);
  });

  it('refuses bad input with problem+json naming the field, and changes nothing', async () => {
    const api = company.as('admin');
    const before = await catalogueState(api);
    const product = { sku: 'NEW-1', name: 'New', unit: 'pcs', kind: 'good', defaultTaxRatePercent: '19' };
    const [theirProduct] = (await competitor.admin.ok('GET', '/v1/products')).data;
    const badProducts: [unknown, string][] = [
      [{ ...product, prices: [{ currency: 'XYZ', unitPriceMinor: 100 }] }, '/prices/0/currency'],
      [{ ...product, prices: [{ currency: 'eur', unitPriceMinor: 100 }] }, '/prices/0/currency'],
      [{ ...product, prices: [{ currency: 'EUR', unitPriceMinor: -1 }] }, '/prices/0/unitPriceMinor'],
      [{ ...product, prices: [{ currency: 'EUR', unitPriceMinor: 9.99 }] }, '/prices/0/unitPriceMinor'],
      [
        {
          ...product,
          prices: [
            { currency: 'EUR', unitPriceMinor: 100 },
            { currency: 'EUR', unitPriceMinor: 200 },
          ],
        },
        '/prices/1/currency',
      ],
      [{ ...product, defaultTaxRatePercent: '19%' }, '/defaultTaxRatePercent'],
      [{ ...product, defaultTaxRatePercent: '101' }, '/defaultTaxRatePercent'],
      [{ ...product, defaultTaxRatePercent: 19 }, '/defaultTaxRatePercent'],
      [{ ...product, kind: 'subscription' }, '/kind'],
      [{ ...product, colour: 'blue' }, '/'],
    ];
    for (const [body, pointer] of badProducts) expectProblem(await api.post('/v1/products', body), 400, pointer);
    expectProblem(await api.patch(`/v1/products/${widget.id}`, { defaultTaxRatePercent: '120' }), 400, '/defaultTaxRatePercent');
    expectProblem(await api.patch(`/v1/products/${widget.id}`, { prices: [{ currency: 'USD', unitPriceMinor: -5 }] }), 400, '/prices/0/unitPriceMinor');
    expectProblem(await api.patch(`/v1/products/${widget.id}`, { sku: 'RENAMED' }), 400);

    const list = { name: 'Bad', segment: 'wholesale', currency: 'EUR', validFrom: '2026-01-01', items: [{ productId: widget.id, unitPriceMinor: 100 }] };
    const badLists: [unknown, string][] = [
      [{ ...list, currency: 'XYZ' }, '/currency'],
      [{ ...list, validTo: '2025-12-31' }, '/validTo'],
      [{ ...list, validFrom: '2026-02-30' }, '/validFrom'],
      [{ ...list, items: [{ productId: theirProduct.id, unitPriceMinor: 100 }] }, '/items/0/productId'],
      [{ ...list, items: [{ productId: '00000000-0000-7000-8000-000000000000', unitPriceMinor: 100 }] }, '/items/0/productId'],
      [{ ...list, items: [{ productId: widget.id, unitPriceMinor: -100 }] }, '/items/0/unitPriceMinor'],
      [
        {
          ...list,
          items: [
            { productId: widget.id, unitPriceMinor: 100 },
            { productId: widget.id, unitPriceMinor: 90 },
          ],
        },
        '/items/1/productId',
      ],
    ];
    for (const [body, pointer] of badLists) expectProblem(await api.post('/v1/price-lists', body), 400, pointer);
    const retail = (await api.ok('GET', '/v1/price-lists?segment=retail')).data[0];
    expectProblem(await api.patch(`/v1/price-lists/${retail.id}`, { validTo: '2026-02-01' }), 400, '/validTo');
    expectProblem(await api.patch(`/v1/price-lists/${retail.id}`, { items: [{ productId: theirProduct.id, unitPriceMinor: 1 }] }), 400, '/items/0/productId');
    expectProblem(await api.patch(`/v1/price-lists/${retail.id}`, { currency: 'USD' }), 400);

    expectProblem(await api.get(`/v1/products/${widget.id}/price?currency=EUR&onDate=2026-13-01`), 400);
    expectProblem(await api.get(`/v1/products/${widget.id}/price`), 400);
    expect(await catalogueState(api)).toEqual(before);
  });

  it("keeps each company's products and price lists invisible to the others", async () => {
    const them = competitor.admin;
    const retail = (await company.admin.ok('GET', '/v1/price-lists?segment=retail')).data[0];
    expectProblem(await them.get(`/v1/products/${widget.id}`), 404);
    expectProblem(await them.patch(`/v1/products/${widget.id}`, { name: 'Hijacked' }), 404);
    expectProblem(await them.get(`/v1/products/${widget.id}/price?currency=EUR`), 404);
    expectProblem(await them.get(`/v1/price-lists/${retail.id}`), 404);
    expectProblem(await them.patch(`/v1/price-lists/${retail.id}`, { name: 'Hijacked' }), 404);
    expect((await them.ok('GET', '/v1/products')).data.map((p: any) => p.sku)).toEqual(['WID-100']);
    expect((await them.ok('GET', '/v1/price-lists')).data).toEqual([]);
    expect((await company.admin.ok('GET', `/v1/products/${widget.id}`)).name).toBe('Widget, blue');
  });

  it('lets collectors and viewers read the catalogue but not change it', async () => {
    const before = await catalogueState(company.admin);
    const product = { sku: 'COL-1', name: 'Not allowed', unit: 'pcs', kind: 'good', defaultTaxRatePercent: '19' };
    const list = { name: 'Not allowed', segment: 'retail', currency: 'EUR', validFrom: '2026-01-01', items: [] };
    for (const role of ['collector', 'viewer'] as const) {
      const api = company.as(role);
      expectProblem(await api.post('/v1/products', product), 403);
      expectProblem(await api.patch(`/v1/products/${widget.id}`, { name: 'Renamed' }), 403);
      expectProblem(await api.post('/v1/price-lists', list), 403);
      const retail = (await api.ok('GET', '/v1/price-lists?segment=retail')).data[0];
      expectProblem(await api.patch(`/v1/price-lists/${retail.id}`, { validTo: null }), 403);
      expect((await api.ok('GET', `/v1/products/${widget.id}`)).sku).toBe('WID-100');
      expect((await priceOf(api, widget.id, 'currency=EUR&segment=retail&onDate=2026-05-15')).unitPriceMinor).toBe(950);
    }
    expect(await catalogueState(company.admin)).toEqual(before);
  });
});
