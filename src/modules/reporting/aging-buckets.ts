/**
 * Aging buckets by days past due. `current` holds what is not yet due (days past due <= 0); then one bucket per
 * boundary: with boundaries [30, 60, 90] the buckets are 1-30, 31-60, 61-90 and over 90. Every open item falls in
 * exactly one bucket, so the buckets always add up to the open balance.
 */
export interface AgingBucket {
  readonly key: string;
  readonly label: string;
  /** Inclusive lower bound of days past due; null for `current`. */
  readonly fromDays: number | null;
  /** Inclusive upper bound; null for the last bucket. */
  readonly toDays: number | null;
}

export const standardAgingBoundaries: readonly number[] = [30, 60, 90];
export const maxAgingBoundaries = 12;

/** What the buckets count: days past the due date (the default), or days since the invoice date. */
export type AgingBasis = 'due_date' | 'invoice_date';

export function agingBuckets(boundaries: readonly number[] = standardAgingBoundaries, basis: AgingBasis = 'due_date'): AgingBucket[] {
  const sorted = [...boundaries];
  for (let i = 0; i < sorted.length; i++) {
    const b = sorted[i] ?? 0;
    if (!Number.isInteger(b) || b < 1 || (i > 0 && b <= (sorted[i - 1] ?? 0))) {
      throw new RangeError('aging boundaries must be increasing whole numbers of days, 1 or more');
    }
  }
  if (basis === 'invoice_date') {
    // By age since the invoice date: 0-30, 31-60, … days old (not-yet-due amounts are reported in their own column).
    const buckets: AgingBucket[] = [];
    let from = 0;
    for (const to of sorted) {
      buckets.push({ key: `d${from}_${to}`, label: `${from}-${to} days since invoice`, fromDays: from, toDays: to });
      from = to + 1;
    }
    buckets.push({ key: `over_${from - 1}`, label: `Over ${from - 1} days since invoice`, fromDays: from, toDays: null });
    return buckets;
  }
  const buckets: AgingBucket[] = [{ key: 'current', label: 'Current (not yet due)', fromDays: null, toDays: 0 }];
  let from = 1;
  for (const to of sorted) {
    buckets.push({ key: `d${from}_${to}`, label: `${from}-${to} days past due`, fromDays: from, toDays: to });
    from = to + 1;
  }
  buckets.push({ key: `over_${from - 1}`, label: `Over ${from - 1} days past due`, fromDays: from, toDays: null });
  return buckets;
}

/** Index of the bucket a number of days (past due, or since the invoice) falls in. */
export function bucketIndex(buckets: readonly AgingBucket[], days: number): number {
  for (let i = 0; i < buckets.length; i++) {
    const b = buckets[i];
    if (b && (b.toDays === null || days <= b.toDays)) return i;
  }
  return buckets.length - 1;
}
