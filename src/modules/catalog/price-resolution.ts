/**
 * Which unit price applies to a product for a customer on a date: the catalogue's pricing rule as a plain function.
 *
 * 1. A price list of the customer's segment, in the currency, valid on the date (validFrom <= onDate <= validTo, or no
 *    validTo), that contains the product. Of several, the one with the latest validFrom wins: a newer list (a price
 *    increase, a promotion) overrides an older open-ended one. Equal validFrom is broken by the smaller id, so the
 *    answer never depends on the order the lists were loaded in.
 * 2. Else the product's list price in the currency.
 * 3. Else there is no price: undefined.
 */

export interface ListPrice {
  readonly productId: string;
  readonly currency: string;
  readonly unitPriceMinor: bigint;
}

export interface PriceListForResolution {
  readonly id: string;
  readonly segment: string;
  readonly currency: string;
  /** YYYY-MM-DD, inclusive. */
  readonly validFrom: string;
  /** YYYY-MM-DD, inclusive; null for open-ended. */
  readonly validTo: string | null;
  readonly items: readonly { readonly productId: string; readonly unitPriceMinor: bigint }[];
}

export interface PriceQuery {
  readonly productId: string;
  readonly currency: string;
  /** The customer's segment; a customer without one gets list prices only. */
  readonly segment: string | null;
  /** YYYY-MM-DD: the order or invoice date the price is for. */
  readonly onDate: string;
  readonly listPrices: readonly ListPrice[];
  readonly priceLists: readonly PriceListForResolution[];
}

export type PriceSource = 'price_list' | 'list_price';

export interface ResolvedPrice {
  readonly unitPriceMinor: bigint;
  readonly source: PriceSource;
  /** The price list the price came from (source price_list only). */
  readonly priceListId?: string;
}

// Business dates are ISO YYYY-MM-DD with four-digit years, so their string order is their calendar order.
function isValidOn(list: PriceListForResolution, onDate: string): boolean {
  return list.validFrom <= onDate && (list.validTo === null || onDate <= list.validTo);
}

/** True when `a` should win over `b`: later validFrom, then the smaller id. */
function takesPrecedence(a: PriceListForResolution, b: PriceListForResolution): boolean {
  if (a.validFrom !== b.validFrom) return a.validFrom > b.validFrom;
  return a.id < b.id;
}

export function resolveUnitPrice(input: PriceQuery): ResolvedPrice | undefined {
  let best: { list: PriceListForResolution; unitPriceMinor: bigint } | undefined;
  if (input.segment !== null) {
    for (const list of input.priceLists) {
      if (list.segment !== input.segment || list.currency !== input.currency || !isValidOn(list, input.onDate)) continue;
      const item = list.items.find((i) => i.productId === input.productId);
      if (!item) continue;
      if (!best || takesPrecedence(list, best.list)) best = { list, unitPriceMinor: item.unitPriceMinor };
    }
  }
  if (best) return { unitPriceMinor: best.unitPriceMinor, source: 'price_list', priceListId: best.list.id };
  const listPrice = input.listPrices.find((p) => p.productId === input.productId && p.currency === input.currency);
  return listPrice ? { unitPriceMinor: listPrice.unitPriceMinor, source: 'list_price' } : undefined;
}
