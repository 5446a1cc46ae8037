import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, numeric, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { tenants } from '../identity/schema.js';

export const products = pgTable(
  'products',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    /** Unit of measure as printed on documents: pcs, h, kg, month ... */
    unit: text('unit').notNull(),
    kind: text('kind').notNull(),
    defaultTaxRatePercent: numeric('default_tax_rate_percent', { precision: 7, scale: 4 }).notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('products_tenant_sku_key').on(t.tenantId, t.sku),
    check('products_kind_check', sql`${t.kind} in ('good', 'service')`),
  ],
);

/** The list price of a product in one currency. */
export const productPrices = pgTable(
  'product_prices',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    productId: uuid('product_id').notNull().references(() => products.id),
    currency: text('currency').notNull(),
    unitPriceMinor: bigint('unit_price_minor', { mode: 'bigint' }).notNull(),
  },
  (t) => [
    unique('product_prices_product_currency_key').on(t.productId, t.currency),
    check('product_prices_amount_check', sql`${t.unitPriceMinor} >= 0`),
  ],
);

/** Prices for one customer segment in one currency, valid from a date (and until a date, if set). */
export const priceLists = pgTable(
  'price_lists',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    name: text('name').notNull(),
    segment: text('segment').notNull(),
    currency: text('currency').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('price_lists_segment_idx').on(t.tenantId, t.segment, t.currency),
    check('price_lists_validity_check', sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
  ],
);

export const priceListItems = pgTable(
  'price_list_items',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    priceListId: uuid('price_list_id').notNull().references(() => priceLists.id),
    productId: uuid('product_id').notNull().references(() => products.id),
    unitPriceMinor: bigint('unit_price_minor', { mode: 'bigint' }).notNull(),
  },
  (t) => [
    unique('price_list_items_list_product_key').on(t.priceListId, t.productId),
    check('price_list_items_amount_check', sql`${t.unitPriceMinor} >= 0`),
  ],
);
