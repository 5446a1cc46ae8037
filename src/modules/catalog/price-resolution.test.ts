import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveUnitPrice, type ListPrice, type PriceListForResolution, type PriceQuery } from './price-resolution.js';

const widget = 'product-widget';
const gadget = 'product-gadget';

const listPrices: ListPrice[] = [
  { productId: widget, currency: 'EUR', unitPriceMinor: 1_000n },
  { productId: widget, currency: 'USD', unitPriceMinor: 1_200n },
  { productId: gadget, currency: 'EUR', unitPriceMinor: 5_000n },
];

function list(id: string, overrides: Partial<PriceListForResolution> = {}): PriceListForResolution {
  return {
    id,
    segment: 'wholesale',
    currency: 'EUR',
    validFrom: '2026-01-01',
    validTo: '2026-06-30',
    items: [{ productId: widget, unitPriceMinor: 800n }],
    ...overrides,
  };
}

function query(overrides: Partial<PriceQuery>): PriceQuery {
  return { productId: widget, currency: 'EUR', segment: 'wholesale', onDate: '2026-03-01', listPrices, priceLists: [], ...overrides };
}

describe('resolveUnitPrice', () => {
  const cases: { name: string; query: Partial<PriceQuery>; expected: ReturnType<typeof resolveUnitPrice> }[] = [
    {
      name: 'takes the price list of the customer segment valid on the date',
      query: { priceLists: [list('wholesale-2026')] },
      expected: { unitPriceMinor: 800n, source: 'price_list', priceListId: 'wholesale-2026' },
    },
    {
      name: 'ignores a price list of another segment and falls back to the list price',
      query: { segment: 'retail', priceLists: [list('wholesale-2026')] },
      expected: { unitPriceMinor: 1_000n, source: 'list_price' },
    },
    {
      name: 'gives a customer without a segment the list price',
      query: { segment: null, priceLists: [list('wholesale-2026')] },
      expected: { unitPriceMinor: 1_000n, source: 'list_price' },
    },
    {
      name: 'counts the first day of validity as inside',
      query: { onDate: '2026-01-01', priceLists: [list('wholesale-2026')] },
      expected: { unitPriceMinor: 800n, source: 'price_list', priceListId: 'wholesale-2026' },
    },
    {
      name: 'counts the last day of validity as inside',
      query: { onDate: '2026-06-30', priceLists: [list('wholesale-2026')] },
      expected: { unitPriceMinor: 800n, source: 'price_list', priceListId: 'wholesale-2026' },
    },
    {
      name: 'does not apply a price list the day before it starts',
      query: { onDate: '2025-12-31', priceLists: [list('wholesale-2026')] },
      expected: { unitPriceMinor: 1_000n, source: 'list_price' },
    },
    {
      name: 'does not apply a price list the day after it ends',
      query: { onDate: '2026-07-01', priceLists: [list('wholesale-2026')] },
      expected: { unitPriceMinor: 1_000n, source: 'list_price' },
    },
    {
      name: 'applies an open-ended price list far in the future',
      query: { onDate: '2099-12-31', priceLists: [list('open', { validTo: null })] },
      expected: { unitPriceMinor: 800n, source: 'price_list', priceListId: 'open' },
    },
    {
      name: 'prefers the list with the latest validFrom when several are valid',
      query: {
        onDate: '2026-05-15',
        priceLists: [
          list('base', { validFrom: '2025-01-01', validTo: null, items: [{ productId: widget, unitPriceMinor: 900n }] }),
          list('spring-promo', { validFrom: '2026-05-01', validTo: '2026-05-31', items: [{ productId: widget, unitPriceMinor: 700n }] }),
          list('2026', { validFrom: '2026-01-01', items: [{ productId: widget, unitPriceMinor: 800n }] }),
        ],
      },
      expected: { unitPriceMinor: 700n, source: 'price_list', priceListId: 'spring-promo' },
    },
    {
      name: 'skips a newer valid list that does not contain the product',
      query: {
        priceLists: [list('older'), list('newer-without-widget', { validFrom: '2026-02-01', items: [{ productId: gadget, unitPriceMinor: 4_000n }] })],
      },
      expected: { unitPriceMinor: 800n, source: 'price_list', priceListId: 'older' },
    },
    {
      name: 'breaks a tie on validFrom by the smaller id, whatever the order given',
      query: { priceLists: [list('b', { items: [{ productId: widget, unitPriceMinor: 820n }] }), list('a')] },
      expected: { unitPriceMinor: 800n, source: 'price_list', priceListId: 'a' },
    },
    {
      name: 'ignores a price list in another currency',
      query: { currency: 'USD', priceLists: [list('wholesale-eur')] },
      expected: { unitPriceMinor: 1_200n, source: 'list_price' },
    },
    {
      name: 'takes a price list price of zero (a free item) over the list price',
      query: { priceLists: [list('free', { items: [{ productId: widget, unitPriceMinor: 0n }] })] },
      expected: { unitPriceMinor: 0n, source: 'price_list', priceListId: 'free' },
    },
    {
      name: 'has no price in a currency with neither a list price nor a price list',
      query: { currency: 'CHF', priceLists: [list('wholesale-2026')] },
      expected: undefined,
    },
    {
      name: 'has no price for a product with no list price in the currency and no price list',
      query: { productId: gadget, currency: 'USD' },
      expected: undefined,
    },
    {
      name: 'uses a price list even when the product has no list price in that currency',
      query: { currency: 'CHF', priceLists: [list('chf', { currency: 'CHF' })] },
      expected: { unitPriceMinor: 800n, source: 'price_list', priceListId: 'chf' },
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      expect(resolveUnitPrice(query(c.query))).toEqual(c.expected);
    });
  }
});

// ---- properties --------------------------------------------------------------------------------

const products = ['p1', 'p2', 'p3'];
const currencies = ['EUR', 'USD'];
const segments = ['retail', 'wholesale'];
const dayArb = fc.integer({ min: 0, max: 30 });
const isoDay = (day: number) => new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10);
const priceArb = fc.bigInt({ min: 0n, max: 10n ** 9n });

/** A price list; `near` biases it towards the query (same segment, currency and product, validity around the date). */
function priceListArb(near?: { segment: string | null; currency: string; productId: string; onDay: number }) {
  const pick = <T>(preferred: T | undefined, all: T[]) =>
    preferred === undefined ? fc.constantFrom(...all) : fc.oneof({ weight: 4, arbitrary: fc.constant(preferred) }, { weight: 1, arbitrary: fc.constantFrom(...all) });
  return fc
    .record({
      id: fc.uuid(),
      segment: pick(near?.segment ?? undefined, segments),
      currency: pick(near?.currency, currencies),
      fromDay: near ? fc.integer({ min: near.onDay - 10, max: near.onDay + 3 }) : dayArb,
      lengthDays: fc.option(fc.integer({ min: 0, max: 12 }), { nil: null, freq: 3 }),
      items: fc.uniqueArray(fc.record({ productId: pick(near?.productId, products), unitPriceMinor: priceArb }), { selector: (i) => i.productId, maxLength: 3 }),
    })
    .map(
      ({ fromDay, lengthDays, ...l }): PriceListForResolution => ({
        ...l,
        validFrom: isoDay(fromDay),
        validTo: lengthDays === null ? null : isoDay(fromDay + lengthDays),
      }),
    );
}

const queryArb = fc
  .record({
    productId: fc.constantFrom(...products),
    currency: fc.constantFrom(...currencies),
    segment: fc.option(fc.constantFrom(...segments), { nil: null, freq: 6 }),
    onDay: dayArb,
    listPrices: fc.uniqueArray(fc.record({ productId: fc.constantFrom(...products), currency: fc.constantFrom(...currencies), unitPriceMinor: priceArb }), {
      selector: (p) => `${p.productId}/${p.currency}`,
      maxLength: 6,
    }),
  })
  .chain(({ onDay, ...q }) =>
    fc.array(priceListArb({ ...q, onDay }), { maxLength: 6 }).map((priceLists): PriceQuery => ({ ...q, onDate: isoDay(onDay), priceLists })),
  );

const applies = (q: PriceQuery, l: PriceListForResolution) =>
  l.segment === q.segment && l.currency === q.currency && l.validFrom <= q.onDate && (l.validTo === null || q.onDate <= l.validTo) && l.items.some((i) => i.productId === q.productId);

describe('resolveUnitPrice properties', () => {
  it('takes a price only from a list that applies, and then from the one with the latest validFrom', () => {
    fc.assert(
      fc.property(queryArb, (q) => {
        const resolved = resolveUnitPrice(q);
        const applicable = q.priceLists.filter((l) => applies(q, l));
        if (applicable.length === 0) {
          expect(resolved?.source).not.toBe('price_list');
          return;
        }
        expect(resolved?.source).toBe('price_list');
        const chosen = q.priceLists.find((l) => l.id === resolved?.priceListId);
        expect(chosen && applies(q, chosen)).toBe(true);
        expect(chosen?.validFrom).toBe(applicable.map((l) => l.validFrom).sort().at(-1));
        expect(resolved?.unitPriceMinor).toBe(chosen?.items.find((i) => i.productId === q.productId)?.unitPriceMinor);
      }),
    );
  });

  it('falls back to exactly the list price in the currency, or to nothing', () => {
    fc.assert(
      fc.property(queryArb, (q) => {
        fc.pre(!q.priceLists.some((l) => applies(q, l)));
        const listPrice = q.listPrices.find((p) => p.productId === q.productId && p.currency === q.currency);
        expect(resolveUnitPrice(q)).toEqual(listPrice ? { unitPriceMinor: listPrice.unitPriceMinor, source: 'list_price' } : undefined);
      }),
    );
  });

  it('does not depend on the order in which price lists and list prices are given', () => {
    const permuted = queryArb.chain((q) =>
      fc.record({
        original: fc.constant(q),
        priceLists: fc.shuffledSubarray([...q.priceLists], { minLength: q.priceLists.length, maxLength: q.priceLists.length }),
        listPrices: fc.shuffledSubarray([...q.listPrices], { minLength: q.listPrices.length, maxLength: q.listPrices.length }),
      }),
    );
    fc.assert(
      fc.property(permuted, ({ original, priceLists, listPrices }) => {
        expect(resolveUnitPrice({ ...original, priceLists, listPrices })).toEqual(resolveUnitPrice(original));
      }),
    );
  });

  it('is unaffected by adding a price list of another segment or currency', () => {
    fc.assert(
      fc.property(queryArb, priceListArb(), (q, extra) => {
        fc.pre(extra.segment !== q.segment || extra.currency !== q.currency);
        expect(resolveUnitPrice({ ...q, priceLists: [...q.priceLists, extra] })).toEqual(resolveUnitPrice(q));
      }),
    );
  });
});
