import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../kernel/seeded-random.js';
import { epochDay, indexPaymentHistory, invoiceFeatures, isoDateFromEpochDay, type PaymentHistoryItem } from './features.js';
import { meanAbsoluteError, rocAuc } from './metrics.js';
import { customerRiskScore, defaultRegressionOptions, fitBoostedTrees, predictInvoice, predictTrees, trainPaymentModel, type PaymentModelOptions } from './model.js';

/** Small and quick: the unit tests check behaviour, the benchmark checks quality on real data. */
const quick: Partial<PaymentModelOptions> = { regression: { maxTrees: 150, learningRate: 0.1 }, classification: { maxTrees: 150, learningRate: 0.1 } };

/**
 * A tenant whose truth is known: each customer pays `base` days after the due date (−15..+15), 12 days later when the
 * invoice is disputed, 4 days earlier once it receives invoices electronically, ± 2 days of noise.
 */
function syntheticTenant(seed: number, customers: number, invoicesPerCustomer: number): { history: PaymentHistoryItem[]; truth: Map<string, number> } {
  const random = seededRandom(seed);
  const start = epochDay('2025-01-01');
  const history: PaymentHistoryItem[] = [];
  const truth = new Map<string, number>();
  for (let c = 0; c < customers; c++) {
    const base = Math.round(random() * 30 - 15);
    const electronicFromDay = start + Math.floor(random() * 900);
    for (let i = 0; i < invoicesPerCustomer; i++) {
      const invoiceDay = start + Math.floor(random() * 730);
      const disputed = random() < 0.2;
      const electronic = invoiceDay >= electronicFromDay;
      const expected = base + (disputed ? 12 : 0) - (electronic ? 4 : 0);
      const daysLate = expected + Math.round(random() * 4 - 2);
      const invoiceId = `C${c}-${i}`;
      truth.set(invoiceId, expected);
      history.push({
        customerId: `C${c}`,
        invoiceId,
        invoiceDate: isoDateFromEpochDay(invoiceDay),
        dueDate: isoDateFromEpochDay(invoiceDay + 30),
        settledDate: isoDateFromEpochDay(Math.max(invoiceDay, invoiceDay + 30 + daysLate)),
        amountMinor: BigInt(1_000 + Math.floor(random() * 100_000)),
        currency: 'EUR',
        disputed,
        channel: electronic ? 'electronic' : 'paper',
      });
    }
  }
  return { history, truth };
}

describe('boosted trees', () => {
  it('learns a step function with squared loss', () => {
    const rows = Array.from({ length: 200 }, (_, i) => [i / 200, (i * 7) % 13]);
    const targets = rows.map(([x]) => ((x ?? 0) > 0.5 ? 10 : 0));
    const { model } = fitBoostedTrees(rows, targets, { ...defaultRegressionOptions, loss: 'squared', maxTrees: 100, learningRate: 0.3, l2: 0, minSamplesLeaf: 5, rowSubsample: 1, featureSubsample: 1 });
    expect(predictTrees(model, [0.2, 3])).toBeCloseTo(0, 1);
    expect(predictTrees(model, [0.8, 3])).toBeCloseTo(10, 1);
  });

  it('refuses features that are not finite numbers', () => {
    expect(() => fitBoostedTrees([[Number.NaN]], [1], defaultRegressionOptions)).toThrow(RangeError);
  });
});

describe('payment model', () => {
  const { history, truth } = syntheticTenant(7, 25, 32);
  const byDate = [...history].sort((a, b) => epochDay(a.invoiceDate) - epochDay(b.invoiceDate));
  const cut = Math.floor(byDate.length * 0.75);
  const train = byDate.slice(0, cut);
  const test = byDate.slice(cut);
  const index = indexPaymentHistory(history);
  const testFeatures = test.map((item) => invoiceFeatures(index, item));

  it('is deterministic for a seed', () => {
    const a = trainPaymentModel(train, { ...quick, seed: 42 });
    const b = trainPaymentModel([...train].reverse(), { ...quick, seed: 42 });
    expect(b).toEqual(a);
    expect(testFeatures.map((f) => predictInvoice(b, f))).toEqual(testFeatures.map((f) => predictInvoice(a, f)));
    const other = trainPaymentModel(train, { ...quick, seed: 43 });
    expect(other.regressor.trees).not.toEqual(a.regressor.trees);
  });

  it('learns a tenant whose truth is known, from history known before each invoice', () => {
    const model = trainPaymentModel(train, { ...quick, seed: 1 });
    const predictions = testFeatures.map((f) => predictInvoice(model, f));
    const actual = test.map((item) => epochDay(item.settledDate ?? item.dueDate));
    const modelMae = meanAbsoluteError(predictions.map((p) => epochDay(p.predictedPaymentDate)), actual);
    // The customer's mean delay so far ignores the dispute and channel effects the model should find.
    const customerMeanMae = meanAbsoluteError(testFeatures.map((f) => epochDay(f.dueDate) + Math.round(f.values.meanDaysLate)), actual);
    // The truth itself misses by the noise: |uniform ±2 rounded| ≈ 1 day.
    const truthMae = meanAbsoluteError(test.map((item) => epochDay(item.dueDate) + (truth.get(item.invoiceId) ?? 0)), actual);
    expect(truthMae).toBeLessThan(1.3);
    expect(modelMae).toBeLessThan(2.5);
    expect(modelMae).toBeLessThan(0.5 * customerMeanMae);
    const late = test.map((item) => epochDay(item.settledDate ?? item.dueDate) > epochDay(item.dueDate));
    expect(rocAuc(predictions.map((p) => p.probabilityLate), late)).toBeGreaterThan(0.9);
    for (const p of predictions) {
      expect(p.probabilityLate).toBeGreaterThanOrEqual(0);
      expect(p.probabilityLate).toBeLessThanOrEqual(1);
    }
  });

  it('predicts the due date plus the expected days late, never a day before the cut-off', () => {
    const model = trainPaymentModel(train, { ...quick, seed: 1 });
    const item = test[0] as PaymentHistoryItem;
    const onIssue = predictInvoice(model, invoiceFeatures(index, item));
    expect(onIssue.predictedPaymentDate).toBe(isoDateFromEpochDay(Math.max(epochDay(item.invoiceDate), epochDay(item.dueDate) + Math.round(onIssue.expectedDaysLate))));
    const muchLater = isoDateFromEpochDay(epochDay(item.dueDate) + 400);
    const stillOpen = { ...item, settledDate: null };
    expect(predictInvoice(model, invoiceFeatures(indexPaymentHistory([...history.filter((h) => h.invoiceId !== item.invoiceId), stillOpen]), stillOpen, muchLater)).predictedPaymentDate).toBe(muchLater);
  });

  it('refuses to train without a settled invoice', () => {
    expect(() => trainPaymentModel([{ ...(train[0] as PaymentHistoryItem), settledDate: null }])).toThrow(RangeError);
  });
});

describe('customer risk score', () => {
  it('uses the history share late when nothing is open', () => {
    // 100 × 0.6 × 0.5
    expect(customerRiskScore([], 0, 0.5).score).toBe(30);
  });

  it('weights open invoices by amount and adds severity and a worsening trend (hand-computed)', () => {
    const risk = customerRiskScore(
      [
        { amountMinor: 100_00n, probabilityLate: 1, expectedDaysLate: 30 },
        { amountMinor: 300_00n, probabilityLate: 0, expectedDaysLate: -5 },
      ],
      10,
      0.9,
    );
    // P = 100/400 = 0.25; S = (100 × 30 + 300 × 0) / 400 / 30 = 0.25; W = min(1, 10/5) = 1
    expect(risk).toEqual({ score: 36, weightedProbabilityLate: 0.25, severity: 0.25, worsening: 1 });
  });

  it('is 0 for a customer paying early with nothing worsening and 100 at the worst', () => {
    expect(customerRiskScore([{ amountMinor: 1n, probabilityLate: 0, expectedDaysLate: -3 }], -2, 0).score).toBe(0);
    expect(customerRiskScore([{ amountMinor: 1n, probabilityLate: 1, expectedDaysLate: 90 }], 8, 1).score).toBe(100);
  });
});
