import { z } from 'zod';
import type { Database } from '../../db/connection.js';
import {
  actorOf,
  businessDate,
  currencyCode,
  decodeCursor,
  idParam,
  minorToJson,
  nonNegativeAmountMinor,
  pageOf,
  pageQuery,
  pageSchema,
  requireRole,
  unwrap,
  type CashloopApp,
} from '../../http/conventions.js';
import { tenantToday } from '../identity/service.js';
import {
  createPriceList,
  createProduct,
  getPriceList,
  getProduct,
  listPriceLists,
  listProducts,
  maxItemsPerPriceList,
  maxPricesPerProduct,
  productKinds,
  resolvePrice,
  updatePriceList,
  updateProduct,
  type PriceListRow,
  type PriceListWithItems,
  type ProductKind,
  type ProductWithPrices,
} from './service.js';

const percentText = z.string().regex(/^\d{1,3}(\.\d{1,4})?$/, 'a percentage as a string ("19", "7.7", "0")');
const segmentText = z.string().trim().min(1).max(50);

const listPriceInput = z.strictObject({
  currency: currencyCode,
  unitPriceMinor: nonNegativeAmountMinor.describe('Price of one unit, tax exclusive, in minor units of the currency'),
});

const productInput = z.strictObject({
  sku: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^\S+$/, 'no spaces')
    .describe('Stock keeping unit, unique in the company; cannot be changed later'),
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).nullish(),
  unit: z.string().trim().min(1).max(20).describe('Unit of measure as printed on documents: pcs, h, kg, month'),
  kind: z.enum(productKinds),
  defaultTaxRatePercent: percentText.describe('Tax rate for order lines unless the line says otherwise'),
  active: z.boolean().optional().describe('Inactive products cannot be ordered'),
  prices: z.array(listPriceInput).max(maxPricesPerProduct).optional().describe('List prices, at most one per currency'),
});

const productPatch = productInput
  .omit({ sku: true, kind: true })
  .partial()
  .strict()
  .describe('Fields to change; `prices`, when given, replaces every list price');

const productView = z.object({
  id: z.uuid(),
  sku: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  unit: z.string(),
  kind: z.enum(productKinds),
  defaultTaxRatePercent: z.string(),
  active: z.boolean(),
  prices: z.array(z.object({ currency: z.string(), unitPriceMinor: z.number().int() })),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const priceListItemInput = z.strictObject({
  productId: z.uuid(),
  unitPriceMinor: nonNegativeAmountMinor.describe('Price of one unit in this list, tax exclusive, in minor units'),
});

const priceListInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  segment: segmentText.describe('Customer segment the list applies to, e.g. wholesale'),
  currency: currencyCode,
  validFrom: businessDate.describe('First day the list applies'),
  validTo: businessDate.nullish().describe('Last day the list applies; null or omitted for open-ended'),
  items: z.array(priceListItemInput).max(maxItemsPerPriceList),
});

const priceListPatch = z
  .strictObject({
    name: priceListInput.shape.name,
    validFrom: priceListInput.shape.validFrom,
    validTo: businessDate.nullable().describe('Last day the list applies; null for open-ended'),
    items: priceListInput.shape.items.describe('Replaces every item of the list'),
  })
  .partial();

const priceListView = z.object({
  id: z.uuid(),
  name: z.string(),
  segment: z.string(),
  currency: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  createdAt: z.string(),
  items: z.array(z.object({ productId: z.uuid(), sku: z.string(), unitPriceMinor: z.number().int() })).optional(),
});

const resolvedPriceView = z.object({
  productId: z.uuid(),
  sku: z.string(),
  currency: z.string(),
  segment: z.string().nullable(),
  onDate: z.string(),
  unitPriceMinor: z.number().int().nullable().describe('Null: the product has no price in this currency'),
  source: z.enum(['price_list', 'list_price']).nullable(),
  priceListId: z.uuid().nullable(),
});

/** "19.0000" as stored in numeric(7,4) back to "19", "7.7000" to "7.7". */
function percentFromDb(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}

function toProductView(p: ProductWithPrices) {
  return {
    id: p.id,
    sku: p.sku,
    name: p.name,
    description: p.description,
    unit: p.unit,
    kind: p.kind as ProductKind,
    defaultTaxRatePercent: percentFromDb(p.defaultTaxRatePercent),
    active: p.active,
    prices: p.prices.map((price) => ({ currency: price.currency, unitPriceMinor: minorToJson(price.unitPriceMinor) })),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

function toPriceListView(l: PriceListRow | PriceListWithItems) {
  return {
    id: l.id,
    name: l.name,
    segment: l.segment,
    currency: l.currency,
    validFrom: l.validFrom,
    validTo: l.validTo,
    createdAt: l.createdAt.toISOString(),
    ...('items' in l ? { items: l.items.map((i) => ({ productId: i.productId, sku: i.sku, unitPriceMinor: minorToJson(i.unitPriceMinor) })) } : {}),
  };
}

export function registerCatalogRoutes(app: CashloopApp, db: Database): void {
  const tags = ['catalogue'];

  app.post('/v1/products', {
    schema: { tags, summary: 'Create a product with its list prices (admin, ar_manager)', body: productInput, response: { 201: productView } },
    handler: async (request, reply) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      const created = unwrap(await createProduct(db, actor, request.body));
      return reply.status(201).send(toProductView(created));
    },
  });

  app.get('/v1/products', {
    schema: {
      tags,
      summary: 'List products, with search over SKU and name',
      querystring: pageQuery.extend({
        search: z.string().max(200).optional(),
        active: z
          .enum(['true', 'false'])
          .optional()
          .transform((v) => (v === undefined ? undefined : v === 'true')),
      }),
      response: { 200: pageSchema(productView) },
    },
    handler: async (request) => {
      const { limit, cursor, search, active } = request.query;
      const rows = await listProducts(db, actorOf(request), { search, active, afterId: decodeCursor(cursor), limit });
      const page = pageOf(rows, limit);
      return { data: page.items.map(toProductView), nextCursor: page.nextCursor };
    },
  });

  app.get('/v1/products/:id', {
    schema: { tags, summary: 'Get a product with its list prices', params: idParam, response: { 200: productView } },
    handler: async (request) => toProductView(unwrap(await getProduct(db, actorOf(request), request.params.id))),
  });

  app.patch('/v1/products/:id', {
    schema: { tags, summary: 'Change a product (not its SKU or kind) (admin, ar_manager)', params: idParam, body: productPatch, response: { 200: productView } },
    handler: async (request) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      return toProductView(unwrap(await updateProduct(db, actor, request.params.id, request.body)));
    },
  });

  app.get('/v1/products/:id/price', {
    schema: {
      tags,
      summary: 'The unit price a customer of a segment pays on a date: the valid price list of the segment, else the list price',
      params: idParam,
      querystring: z.object({
        currency: currencyCode,
        segment: segmentText.optional().describe('Customer segment; omitted: list prices only'),
        onDate: businessDate.optional().describe("Defaults to the tenant's today"),
      }),
      response: { 200: resolvedPriceView },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const { currency } = request.query;
      const segment = request.query.segment ?? null;
      const onDate = request.query.onDate ?? (await tenantToday(db, actor.tenantId));
      const found = unwrap(await resolvePrice(db, actor, request.params.id, { currency, segment, onDate }));
      return {
        productId: found.product.id,
        sku: found.product.sku,
        currency,
        segment,
        onDate,
        unitPriceMinor: found.unitPriceMinor === undefined ? null : minorToJson(found.unitPriceMinor),
        source: found.source ?? null,
        priceListId: found.priceListId ?? null,
      };
    },
  });

  app.post('/v1/price-lists', {
    schema: { tags, summary: 'Create a price list for a segment and currency (admin, ar_manager)', body: priceListInput, response: { 201: priceListView } },
    handler: async (request, reply) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      const created = unwrap(await createPriceList(db, actor, request.body));
      return reply.status(201).send(toPriceListView(created));
    },
  });

  app.get('/v1/price-lists', {
    schema: {
      tags,
      summary: 'List price lists (without items)',
      querystring: pageQuery.extend({
        segment: segmentText.optional(),
        currency: currencyCode.optional(),
        validOn: businessDate.optional().describe('Only lists valid on this date'),
      }),
      response: { 200: pageSchema(priceListView) },
    },
    handler: async (request) => {
      const { limit, cursor, segment, currency, validOn } = request.query;
      const rows = await listPriceLists(db, actorOf(request), { segment, currency, validOn, afterId: decodeCursor(cursor), limit });
      const page = pageOf(rows, limit);
      return { data: page.items.map(toPriceListView), nextCursor: page.nextCursor };
    },
  });

  app.get('/v1/price-lists/:id', {
    schema: { tags, summary: 'Get a price list with its items', params: idParam, response: { 200: priceListView } },
    handler: async (request) => toPriceListView(unwrap(await getPriceList(db, actorOf(request), request.params.id))),
  });

  app.patch('/v1/price-lists/:id', {
    schema: {
      tags,
      summary: 'Rename a price list, change its validity, or replace its items (admin, ar_manager)',
      params: idParam,
      body: priceListPatch,
      response: { 200: priceListView },
    },
    handler: async (request) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      return toPriceListView(unwrap(await updatePriceList(db, actor, request.params.id, request.body)));
    },
  });
}
