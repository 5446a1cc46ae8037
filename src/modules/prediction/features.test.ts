import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../kernel/business-date.js';
import { epochDay, extractFeatures, featureNames, featureVector, isoDateFromEpochDay, type PaymentHistoryItem } from './features.js';

function invoice(
  invoiceId: string,
  customerId: string,
  invoiceDate: string,
  termsDays: number,
  settledDate: string | null,
  extra: Partial<PaymentHistoryItem> = {},
): PaymentHistoryItem {
  return { customerId, invoiceId, invoiceDate, dueDate: addDays(invoiceDate, termsDays), settledDate, amountMinor: 100_00n, currency: 'EUR', disputed: false, channel: 'paper', ...extra };
}

describe('payment features', () => {
  // Customer A as known on 2026-03-15: settled A2 (5 days early, disputed), A1 (5 late), A3 (10 late, electronic);
  // A4 open and 14 days overdue; A5 issued later. Customer B: one invoice 20 days late.
  const history: PaymentHistoryItem[] = [
    invoice('A1', 'A', '2026-01-01', 30, '2026-02-05'),
    invoice('A2', 'A', '2026-01-10', 30, '2026-02-04', { disputed: true, amountMinor: 200_00n }),
    invoice('A3', 'A', '2026-02-01', 30, '2026-03-13', { channel: 'electronic', amountMinor: 150_00n }),
    invoice('A4', 'A', '2026-02-15', 14, '2026-03-30'),
    invoice('A5', 'A', '2026-03-20', 30, '2026-03-25'),
    invoice('B1', 'B', '2026-01-05', 30, '2026-02-24'),
  ];
  const target = invoice('T', 'A', '2026-03-15', 30, null, { channel: 'electronic', amountMinor: 300_00n });

  it('summarises the customer history known on the invoice date (hand-computed)', () => {
    const { values } = extractFeatures(history, target);
    // Days late in settlement order: −5, 5, 10. Tenant: those and B's 20 → mean 7.5, 3 of 4 late.
    expect(values.tenantMeanDaysLate).toBe(7.5);
    expect(values.tenantShareLate).toBe(0.75);
    expect(values.priorSettledCount).toBe(3);
    expect(values.meanDaysLate).toBeCloseTo((10 + 3 * 7.5) / 6, 12);
    expect(values.medianDaysLate).toBe(5);
    expect(values.last3MeanDaysLate).toBeCloseTo(10 / 3, 12);
    expect(values.lastDaysLate).toBe(10);
    expect(values.trendDaysLatePerInvoice).toBeCloseTo(7.5, 12);
    expect(values.stdDaysLate).toBeCloseTo(Math.sqrt(350 / 6), 12);
    expect(values.shareLate).toBeCloseTo((2 + 3 * 0.75) / 6, 12);
    const meanDaysLate = 32.5 / 6;
    const undisputed = (15 + 3 * meanDaysLate) / 5;
    expect(values.meanDaysLateUndisputed).toBeCloseTo(undisputed, 12);
    expect(values.sameChannelSettledCount).toBe(1);
    expect(values.meanDaysLateSameChannelUndisputed).toBeCloseTo((10 + 3 * undisputed) / 4, 12);
    // Paper history shifted by this customer's electronic − paper gap (10 − 5): [10, 10], shrunk towards the mean.
    expect(values.channelAdjustedMeanDaysLate).toBeCloseTo((20 + 3 * meanDaysLate) / 5, 12);
    expect(values.disputedUpliftDays).toBe(-12.5);
    expect(values.priorDisputedShare).toBeCloseTo(1 / 3, 12);
    expect(values.logAmount).toBeCloseTo(Math.log1p(300), 12);
    expect(values.amountToCustomerMean).toBe(2);
    expect(values.termsDays).toBe(30);
    expect(values.disputed).toBe(0);
    expect(values.paperChannel).toBe(0);
    expect(values.invoiceMonth).toBe(3);
    expect(values.customerTenureDays).toBe(73);
    expect(values.openCount).toBe(1);
    expect(values.openOverdueCount).toBe(1);
    expect(values.maxDaysOverdueOpen).toBe(14);
  });

  it('falls back to the tenant for a customer without history', () => {
    const { values } = extractFeatures(history, invoice('N1', 'new', '2026-03-15', 30, null, { channel: undefined }));
    expect(values.priorSettledCount).toBe(0);
    expect(values.meanDaysLate).toBe(7.5);
    expect(values.medianDaysLate).toBe(7.5);
    expect(values.shareLate).toBe(0.75);
    expect(values.paperChannel).toBe(0.5);
    expect(values.customerTenureDays).toBe(0);
  });

  it('gives a finite vector in the order of featureNames', () => {
    const vector = featureVector(extractFeatures(history, target));
    expect(vector).toHaveLength(featureNames.length);
    expect(vector.every(Number.isFinite)).toBe(true);
  });

  it('converts dates to epoch days and back', () => {
    expect(epochDay('1970-01-02')).toBe(1);
    expect(isoDateFromEpochDay(epochDay('2024-02-29'))).toBe('2024-02-29');
    expect(() => epochDay('2026-02-30')).toThrow(RangeError);
  });

  it('never uses what happened on or after the cut-off: later settlements, later invoices, or the order of the history', () => {
    const start = epochDay('2026-01-01');
    const itemArb = fc.record({
      customer: fc.constantFrom('a', 'b', 'c'),
      invoiceDay: fc.integer({ min: 0, max: 150 }),
      termsDays: fc.constantFrom(0, 14, 30, 60),
      settleAfterDays: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
      amountMinor: fc.bigInt({ min: 1n, max: 10_000_000n }),
      disputed: fc.boolean(),
      channel: fc.constantFrom('paper', 'electronic', 'Electronic ', undefined),
    });
    type Generated = typeof itemArb extends fc.Arbitrary<infer T> ? T : never;
    const toItem = (g: Generated, invoiceId: string): PaymentHistoryItem => ({
      customerId: g.customer,
      invoiceId,
      invoiceDate: isoDateFromEpochDay(start + g.invoiceDay),
      dueDate: isoDateFromEpochDay(start + g.invoiceDay + g.termsDays),
      settledDate: g.settleAfterDays === null ? null : isoDateFromEpochDay(start + g.invoiceDay + g.settleAfterDays),
      amountMinor: g.amountMinor,
      currency: 'EUR',
      disputed: g.disputed,
      channel: g.channel,
    });
    fc.assert(
      fc.property(
        fc.array(itemArb, { minLength: 1, maxLength: 40 }),
        fc.nat(),
        fc.array(fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }), { minLength: 40, maxLength: 40 }),
        fc.array(itemArb, { maxLength: 10 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 60, maxLength: 60 }),
        (generated, targetPick, laterSettlements, extra, shuffleKeys) => {
          const items = generated.map((g, i) => toItem(g, `I${i}`));
          const target = items[targetPick % items.length] as PaymentHistoryItem;
          const cutOffDay = epochDay(target.invoiceDate);
          const expected = extractFeatures(items, target);

          // What could have been different after the cut-off: every settlement on or after it moved or undone,
          // every invoice issued on or after it (other than the target) removed, new later invoices added.
          const variant: PaymentHistoryItem[] = [];
          items.forEach((item, i) => {
            if (item !== target && epochDay(item.invoiceDate) >= cutOffDay) return;
            if (item.settledDate !== null && epochDay(item.settledDate) >= cutOffDay) {
              const later = laterSettlements[i] ?? null;
              variant.push({ ...item, settledDate: later === null ? null : isoDateFromEpochDay(cutOffDay + later) });
            } else {
              variant.push(item);
            }
          });
          extra.forEach((g, i) => {
            const future = toItem({ ...g, invoiceDay: cutOffDay - start + (g.invoiceDay % 30) }, `X${i}`);
            variant.push(future);
          });
          const shuffled = variant.map((item, i) => [shuffleKeys[i] ?? 0, item] as const).sort((a, b) => a[0] - b[0]).map(([, item]) => item);

          expect(extractFeatures(shuffled, target)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
