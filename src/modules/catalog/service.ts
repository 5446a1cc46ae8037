import { and, asc, eq, gt, gte, ilike, inArray, isNull, lte, or, type SQL } from 'drizzle-orm';
import type { Database, Executor, Transaction } from '../../db/connection.js';
import { inTransaction, pgCode } from '../../db/transaction.js';
import { parseBusinessDate } from '../../kernel/business-date.js';
import { isKnownCurrency } from '../../kernel/currency.js';
import { newId } from '../../kernel/ids.js';
import { parseDecimal } from '../../kernel/money.js';
import { DomainFailure, fail, ok, type DomainError, type FieldError, type Result } from '../../kernel/result.js';
import { recordAudit } from '../identity/audit.js';
import type { Actor } from '../identity/roles.js';
import { resolveUnitPrice, type PriceSource } from './price-resolution.js';
import { priceListItems, priceLists, productPrices, products } from './schema.js';

export type ProductRow = typeof products.$inferSelect;
export type PriceListRow = typeof priceLists.$inferSelect;

export const productKinds = ['good', 'service'] as const;
export type ProductKind = (typeof productKinds)[number];

/** One list price per currency; ISO 4217 has fewer than 200 active codes. */
export const maxPricesPerProduct = 200;
export const maxItemsPerPriceList = 5000;
/** Rows per INSERT statement: keeps a large price list under PostgreSQL's bind-parameter limit. */
const insertBatchRows = 1000;
const maxTaxRateScale = 4;

export interface ListPriceView {
  currency: string;
  unitPriceMinor: bigint;
}

export interface ProductWithPrices extends ProductRow {
  /** List prices, by currency code. */
  prices: ListPriceView[];
}

export interface PriceListItemView {
  productId: string;
  sku: string;
  unitPriceMinor: bigint;
}

export interface PriceListWithItems extends PriceListRow {
  /** Items, by SKU. */
  items: PriceListItemView[];
}

export interface ListPriceInput {
  currency: string;
  unitPriceMinor: number;
}

export interface ProductInput {
  sku: string;
  name: string;
  description?: string | null | undefined;
  unit: string;
  kind: ProductKind;
  /** Decimal string in percent ("19", "7.7", "0"). */
  defaultTaxRatePercent: string;
  active?: boolean | undefined;
  prices?: ListPriceInput[] | undefined;
}

/** SKU and kind are fixed once orders can refer to the product; `prices`, when given, replaces all list prices. */
export type ProductPatch = Partial<Pick<ProductInput, 'name' | 'description' | 'unit' | 'defaultTaxRatePercent' | 'active' | 'prices'>>;

export interface PriceListItemInput {
  productId: string;
  unitPriceMinor: number;
}

export interface PriceListInput {
  name: string;
  segment: string;
  currency: string;
  validFrom: string;
  validTo?: string | null | undefined;
  items: PriceListItemInput[];
}

/** Segment and currency are fixed (the items are priced in that currency); `items`, when given, replaces all items. */
export type PriceListPatch = Partial<Pick<PriceListInput, 'name' | 'validFrom' | 'validTo' | 'items'>>;

// ---- validation ---------------------------------------------------------------------------------

function invalid(message: string, fieldErrors: FieldError[]): DomainFailure {
  return new DomainFailure({ code: 'validation_failed', message, fieldErrors });
}

function amountFaults(amount: number, pointer: string): FieldError[] {
  if (!Number.isSafeInteger(amount)) return [{ pointer, detail: 'amounts are integer minor units (cents), not decimals' }];
  return amount < 0 ? [{ pointer, detail: 'must not be negative' }] : [];
}

function taxRateFaults(rate: string, pointer: string): FieldError[] {
  const parsed = parseDecimal(rate);
  if (!parsed || parsed.scale > maxTaxRateScale || parsed.units > 100n * 10n ** BigInt(parsed.scale)) {
    return [{ pointer, detail: 'a percentage from 0 to 100 with at most 4 decimal places, as a string ("19", "7.7", "0")' }];
  }
  return [];
}

function listPriceFaults(prices: ListPriceInput[]): FieldError[] {
  const faults: FieldError[] = [];
  if (prices.length > maxPricesPerProduct) faults.push({ pointer: '/prices', detail: `at most ${maxPricesPerProduct} prices` });
  const seen = new Set<string>();
  for (const [i, p] of prices.entries()) {
    if (!isKnownCurrency(p.currency)) faults.push({ pointer: `/prices/${i}/currency`, detail: 'not an ISO 4217 currency code' });
    else if (seen.has(p.currency)) faults.push({ pointer: `/prices/${i}/currency`, detail: `a second price in ${p.currency}; give one per currency` });
    seen.add(p.currency);
    faults.push(...amountFaults(p.unitPriceMinor, `/prices/${i}/unitPriceMinor`));
  }
  return faults;
}

function validityFaults(validFrom: string, validTo: string | null): FieldError[] {
  const faults: FieldError[] = [];
  if (!parseBusinessDate(validFrom)) faults.push({ pointer: '/validFrom', detail: 'a calendar date as YYYY-MM-DD' });
  if (validTo !== null && !parseBusinessDate(validTo)) faults.push({ pointer: '/validTo', detail: 'a calendar date as YYYY-MM-DD' });
  // ISO dates compare as strings in calendar order.
  if (faults.length === 0 && validTo !== null && validTo < validFrom) {
    faults.push({ pointer: '/validTo', detail: `must not be before validFrom (${validFrom})` });
  }
  return faults;
}

/** Items must name distinct products of this tenant; another tenant's product is as unknown as a made-up id. */
async function itemFaults(tx: Executor, tenantId: string, items: PriceListItemInput[]): Promise<FieldError[]> {
  const faults: FieldError[] = [];
  if (items.length > maxItemsPerPriceList) return [{ pointer: '/items', detail: `at most ${maxItemsPerPriceList} items` }];
  const ids = [...new Set(items.map((i) => i.productId))];
  const known = new Set<string>();
  for (let start = 0; start < ids.length; start += insertBatchRows) {
    const batch = ids.slice(start, start + insertBatchRows);
    const rows = await tx
      .select({ id: products.id })
      .from(products)
      .where(and(eq(products.tenantId, tenantId), inArray(products.id, batch)));
    for (const r of rows) known.add(r.id);
  }
  const seen = new Set<string>();
  for (const [i, item] of items.entries()) {
    if (!known.has(item.productId)) faults.push({ pointer: `/items/${i}/productId`, detail: `no product ${item.productId}` });
    else if (seen.has(item.productId)) faults.push({ pointer: `/items/${i}/productId`, detail: 'this product is already in the list; give one price per product' });
    seen.add(item.productId);
    faults.push(...amountFaults(item.unitPriceMinor, `/items/${i}/unitPriceMinor`));
  }
  return faults;
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (pgCode(error) !== '23505') return false;
  for (let current: unknown = error, depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    if ((current as { constraint?: unknown }).constraint === constraint) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

function duplicateSku(sku: string): DomainError {
  return { code: 'conflict', message: `a product with SKU "${sku}" already exists; SKUs are unique per company` };
}

// ---- products -----------------------------------------------------------------------------------

/** A product of this tenant, or undefined: another tenant's product does not exist from here. */
export async function findProduct(
  executor: Executor,
  tenantId: string,
  productId: string,
  options: { forUpdate?: boolean } = {},
): Promise<ProductRow | undefined> {
  const query = executor
    .select()
    .from(products)
    .where(and(eq(products.tenantId, tenantId), eq(products.id, productId)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

async function loadListPrices(executor: Executor, tenantId: string, productIds: string[]): Promise<Map<string, ListPriceView[]>> {
  const byProduct = new Map<string, ListPriceView[]>(productIds.map((id) => [id, []]));
  if (productIds.length === 0) return byProduct;
  const rows = await executor
    .select({ productId: productPrices.productId, currency: productPrices.currency, unitPriceMinor: productPrices.unitPriceMinor })
    .from(productPrices)
    .where(and(eq(productPrices.tenantId, tenantId), inArray(productPrices.productId, productIds)))
    .orderBy(asc(productPrices.currency));
  for (const r of rows) byProduct.get(r.productId)?.push({ currency: r.currency, unitPriceMinor: r.unitPriceMinor });
  return byProduct;
}

async function withPrices(executor: Executor, row: ProductRow): Promise<ProductWithPrices> {
  const prices = await loadListPrices(executor, row.tenantId, [row.id]);
  return { ...row, prices: prices.get(row.id) ?? [] };
}

async function writeListPrices(tx: Transaction, tenantId: string, productId: string, prices: ListPriceInput[]): Promise<void> {
  await tx.delete(productPrices).where(and(eq(productPrices.tenantId, tenantId), eq(productPrices.productId, productId)));
  if (prices.length === 0) return;
  await tx.insert(productPrices).values(
    prices.map((p) => ({ id: newId(), tenantId, productId, currency: p.currency, unitPriceMinor: BigInt(p.unitPriceMinor) })),
  );
}

export async function getProduct(db: Database, actor: Actor, productId: string): Promise<Result<ProductWithPrices>> {
  const row = await findProduct(db, actor.tenantId, productId);
  if (!row) return fail('not_found', `no product ${productId}`);
  return ok(await withPrices(db, row));
}

export async function createProduct(db: Database, actor: Actor, input: ProductInput): Promise<Result<ProductWithPrices>> {
  const prices = input.prices ?? [];
  try {
    return await inTransaction(db, async (tx) => {
      const faults = [...taxRateFaults(input.defaultTaxRatePercent, '/defaultTaxRatePercent'), ...listPriceFaults(prices)];
      if (faults.length > 0) throw invalid('the product is invalid', faults);
      const [taken] = await tx
        .select({ id: products.id })
        .from(products)
        .where(and(eq(products.tenantId, actor.tenantId), eq(products.sku, input.sku)));
      if (taken) throw new DomainFailure(duplicateSku(input.sku));
      const id = newId();
      const [row] = await tx
        .insert(products)
        .values({
          id,
          tenantId: actor.tenantId,
          sku: input.sku,
          name: input.name,
          description: input.description ?? null,
          unit: input.unit,
          kind: input.kind,
          defaultTaxRatePercent: input.defaultTaxRatePercent,
          active: input.active ?? true,
        })
        .returning();
      if (!row) throw new Error('insert returned nothing');
      await writeListPrices(tx, actor.tenantId, id, prices);
      const created = await withPrices(tx, row);
      await recordAudit(tx, actor, 'product.created', { type: 'product', id }, null, created);
      return created;
    });
  } catch (error) {
    // Two requests with the same new SKU at once: the unique key decides, and the loser gets the same 409.
    if (isUniqueViolation(error, 'products_tenant_sku_key')) return { ok: false, error: duplicateSku(input.sku) };
    throw error;
  }
}

export async function updateProduct(db: Database, actor: Actor, productId: string, patch: ProductPatch): Promise<Result<ProductWithPrices>> {
  return inTransaction(db, async (tx) => {
    const found = await findProduct(tx, actor.tenantId, productId, { forUpdate: true });
    if (!found) throw new DomainFailure({ code: 'not_found', message: `no product ${productId}` });
    const faults = [
      ...(patch.defaultTaxRatePercent !== undefined ? taxRateFaults(patch.defaultTaxRatePercent, '/defaultTaxRatePercent') : []),
      ...(patch.prices !== undefined ? listPriceFaults(patch.prices) : []),
    ];
    if (faults.length > 0) throw invalid('the product change is invalid', faults);
    const before = await withPrices(tx, found);
    const changes: Partial<typeof products.$inferInsert> = { updatedAt: new Date() };
    if (patch.name !== undefined) changes.name = patch.name;
    if (patch.description !== undefined) changes.description = patch.description;
    if (patch.unit !== undefined) changes.unit = patch.unit;
    if (patch.defaultTaxRatePercent !== undefined) changes.defaultTaxRatePercent = patch.defaultTaxRatePercent;
    if (patch.active !== undefined) changes.active = patch.active;
    const [row] = await tx
      .update(products)
      .set(changes)
      .where(and(eq(products.tenantId, actor.tenantId), eq(products.id, productId)))
      .returning();
    if (!row) throw new Error('update returned nothing');
    if (patch.prices !== undefined) await writeListPrices(tx, actor.tenantId, productId, patch.prices);
    const after = await withPrices(tx, row);
    await recordAudit(tx, actor, 'product.updated', { type: 'product', id: productId }, before, after);
    return after;
  });
}

function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A page of products (limit + 1 rows, for pageOf), with their list prices. */
export async function listProducts(
  db: Database,
  actor: Actor,
  query: { search?: string | undefined; active?: boolean | undefined; afterId?: string | undefined; limit: number },
): Promise<ProductWithPrices[]> {
  const conditions: SQL[] = [eq(products.tenantId, actor.tenantId)];
  if (query.active !== undefined) conditions.push(eq(products.active, query.active));
  if (query.afterId) conditions.push(gt(products.id, query.afterId));
  if (query.search) {
    const pattern = likePattern(query.search);
    const match = or(ilike(products.sku, pattern), ilike(products.name, pattern));
    if (match) conditions.push(match);
  }
  const rows = await db.select().from(products).where(and(...conditions)).orderBy(asc(products.id)).limit(query.limit + 1);
  const prices = await loadListPrices(db, actor.tenantId, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, prices: prices.get(r.id) ?? [] }));
}

// ---- price lists --------------------------------------------------------------------------------

/** A price list of this tenant, or undefined. */
export async function findPriceList(
  executor: Executor,
  tenantId: string,
  priceListId: string,
  options: { forUpdate?: boolean } = {},
): Promise<PriceListRow | undefined> {
  const query = executor
    .select()
    .from(priceLists)
    .where(and(eq(priceLists.tenantId, tenantId), eq(priceLists.id, priceListId)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

async function withItems(executor: Executor, row: PriceListRow): Promise<PriceListWithItems> {
  const items = await executor
    .select({ productId: priceListItems.productId, sku: products.sku, unitPriceMinor: priceListItems.unitPriceMinor })
    .from(priceListItems)
    .innerJoin(products, eq(products.id, priceListItems.productId))
    .where(and(eq(priceListItems.tenantId, row.tenantId), eq(priceListItems.priceListId, row.id)))
    .orderBy(asc(products.sku));
  return { ...row, items };
}

async function writeItems(tx: Transaction, tenantId: string, priceListId: string, items: PriceListItemInput[]): Promise<void> {
  await tx.delete(priceListItems).where(and(eq(priceListItems.tenantId, tenantId), eq(priceListItems.priceListId, priceListId)));
  for (let start = 0; start < items.length; start += insertBatchRows) {
    await tx.insert(priceListItems).values(
      items.slice(start, start + insertBatchRows).map((i) => ({
        id: newId(),
        tenantId,
        priceListId,
        productId: i.productId,
        unitPriceMinor: BigInt(i.unitPriceMinor),
      })),
    );
  }
}

export async function getPriceList(db: Database, actor: Actor, priceListId: string): Promise<Result<PriceListWithItems>> {
  const row = await findPriceList(db, actor.tenantId, priceListId);
  if (!row) return fail('not_found', `no price list ${priceListId}`);
  return ok(await withItems(db, row));
}

export async function createPriceList(db: Database, actor: Actor, input: PriceListInput): Promise<Result<PriceListWithItems>> {
  return inTransaction(db, async (tx) => {
    const validTo = input.validTo ?? null;
    const faults = [
      ...(isKnownCurrency(input.currency) ? [] : [{ pointer: '/currency', detail: 'not an ISO 4217 currency code' }]),
      ...validityFaults(input.validFrom, validTo),
      ...(await itemFaults(tx, actor.tenantId, input.items)),
    ];
    if (faults.length > 0) throw invalid('the price list is invalid', faults);
    const id = newId();
    const [row] = await tx
      .insert(priceLists)
      .values({ id, tenantId: actor.tenantId, name: input.name, segment: input.segment, currency: input.currency, validFrom: input.validFrom, validTo })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await writeItems(tx, actor.tenantId, id, input.items);
    const created = await withItems(tx, row);
    await recordAudit(tx, actor, 'price_list.created', { type: 'price_list', id }, null, created);
    return created;
  });
}

/** Renames a price list, moves its validity, and (with `items`) replaces all its items, in one change. */
export async function updatePriceList(db: Database, actor: Actor, priceListId: string, patch: PriceListPatch): Promise<Result<PriceListWithItems>> {
  return inTransaction(db, async (tx) => {
    const found = await findPriceList(tx, actor.tenantId, priceListId, { forUpdate: true });
    if (!found) throw new DomainFailure({ code: 'not_found', message: `no price list ${priceListId}` });
    const validFrom = patch.validFrom ?? found.validFrom;
    const validTo = patch.validTo === undefined ? found.validTo : patch.validTo;
    const faults = [...validityFaults(validFrom, validTo), ...(patch.items !== undefined ? await itemFaults(tx, actor.tenantId, patch.items) : [])];
    if (faults.length > 0) throw invalid('the price list change is invalid', faults);
    const before = await withItems(tx, found);
    const [row] = await tx
      .update(priceLists)
      .set({ name: patch.name ?? found.name, validFrom, validTo })
      .where(and(eq(priceLists.tenantId, actor.tenantId), eq(priceLists.id, priceListId)))
      .returning();
    if (!row) throw new Error('update returned nothing');
    if (patch.items !== undefined) await writeItems(tx, actor.tenantId, priceListId, patch.items);
    const after = await withItems(tx, row);
    const action = patch.items !== undefined && Object.keys(patch).length === 1 ? 'price_list.items_replaced' : 'price_list.updated';
    await recordAudit(tx, actor, action, { type: 'price_list', id: priceListId }, before, after);
    return after;
  });
}

/** Replaces every item of a price list: products left out no longer have a price in it. */
export async function replacePriceListItems(
  db: Database,
  actor: Actor,
  priceListId: string,
  items: PriceListItemInput[],
): Promise<Result<PriceListWithItems>> {
  return updatePriceList(db, actor, priceListId, { items });
}

/** A page of price lists (limit + 1 rows, for pageOf), without their items. */
export async function listPriceLists(
  db: Database,
  actor: Actor,
  query: { segment?: string | undefined; currency?: string | undefined; validOn?: string | undefined; afterId?: string | undefined; limit: number },
): Promise<PriceListRow[]> {
  const conditions: SQL[] = [eq(priceLists.tenantId, actor.tenantId)];
  if (query.segment !== undefined) conditions.push(eq(priceLists.segment, query.segment));
  if (query.currency !== undefined) conditions.push(eq(priceLists.currency, query.currency));
  if (query.validOn !== undefined) {
    conditions.push(lte(priceLists.validFrom, query.validOn));
    const openOrLater = or(isNull(priceLists.validTo), gte(priceLists.validTo, query.validOn));
    if (openOrLater) conditions.push(openOrLater);
  }
  if (query.afterId) conditions.push(gt(priceLists.id, query.afterId));
  return db.select().from(priceLists).where(and(...conditions)).orderBy(asc(priceLists.id)).limit(query.limit + 1);
}

// ---- price resolution ---------------------------------------------------------------------------

export interface PriceForOrderLine {
  product: ProductRow;
  /** Undefined: the product has no price in that currency for this segment and date. */
  unitPriceMinor: bigint | undefined;
  source?: PriceSource;
  priceListId?: string;
}

/**
 * The unit price of a product for an order line: the price list of the customer's segment valid on the date, else
 * the list price in the currency (see price-resolution.ts). Undefined when the tenant has no such product. Loads only
 * the product, its list price in the currency and the lists of the segment valid on the date that contain it.
 */
export async function priceForOrderLine(
  executor: Executor,
  tenantId: string,
  q: { productId: string; currency: string; segment: string | null; onDate: string },
): Promise<PriceForOrderLine | undefined> {
  const product = await findProduct(executor, tenantId, q.productId);
  if (!product) return undefined;
  const listPrices = await executor
    .select({ productId: productPrices.productId, currency: productPrices.currency, unitPriceMinor: productPrices.unitPriceMinor })
    .from(productPrices)
    .where(and(eq(productPrices.tenantId, tenantId), eq(productPrices.productId, q.productId), eq(productPrices.currency, q.currency)));
  const listed =
    q.segment === null
      ? []
      : await executor
          .select({
            id: priceLists.id,
            segment: priceLists.segment,
            currency: priceLists.currency,
            validFrom: priceLists.validFrom,
            validTo: priceLists.validTo,
            productId: priceListItems.productId,
            unitPriceMinor: priceListItems.unitPriceMinor,
          })
          .from(priceLists)
          .innerJoin(priceListItems, and(eq(priceListItems.priceListId, priceLists.id), eq(priceListItems.productId, q.productId)))
          .where(
            and(
              eq(priceLists.tenantId, tenantId),
              eq(priceLists.segment, q.segment),
              eq(priceLists.currency, q.currency),
              lte(priceLists.validFrom, q.onDate),
              or(isNull(priceLists.validTo), gte(priceLists.validTo, q.onDate)),
            ),
          );
  const resolved = resolveUnitPrice({
    productId: q.productId,
    currency: q.currency,
    segment: q.segment,
    onDate: q.onDate,
    listPrices,
    priceLists: listed.map((l) => ({
      id: l.id,
      segment: l.segment,
      currency: l.currency,
      validFrom: l.validFrom,
      validTo: l.validTo,
      items: [{ productId: l.productId, unitPriceMinor: l.unitPriceMinor }],
    })),
  });
  if (!resolved) return { product, unitPriceMinor: undefined };
  return {
    product,
    unitPriceMinor: resolved.unitPriceMinor,
    source: resolved.source,
    ...(resolved.priceListId !== undefined ? { priceListId: resolved.priceListId } : {}),
  };
}

/** The price a customer of `segment` would pay for the product on `onDate`, for the API. */
export async function resolvePrice(
  db: Database,
  actor: Actor,
  productId: string,
  q: { currency: string; segment: string | null; onDate: string },
): Promise<Result<PriceForOrderLine>> {
  const found = await priceForOrderLine(db, actor.tenantId, { productId, ...q });
  return found ? ok(found) : fail('not_found', `no product ${productId}`);
}
