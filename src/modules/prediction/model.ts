import { seededRandom } from '../../kernel/seeded-random.js';
import { epochDay, featureNames, featureVector, indexPaymentHistory, invoiceFeatures, isoDateFromEpochDay, type FeatureName, type InvoiceFeatures, type PaymentHistoryItem } from './features.js';

/**
 * Payment-date prediction learned from a tenant's own history: two gradient-boosted tree ensembles over the features of
 * features.ts, one regressing days late (settled − due; negative is early) and one classifying "paid after the due
 * date". Written here rather than taken from a package: small (histogram splits, Newton leaves, L2 on leaf values),
 * deterministic for a seed (row and feature sampling come from seededRandom; ties between splits go to the first
 * feature and bin), and it serialises to plain JSON.
 */

export type BoostingLoss = 'squared' | 'absolute' | 'huber' | 'logistic';

export interface BoostingOptions {
  readonly loss: BoostingLoss;
  /** Upper bound on trees; early stopping on the validation slice picks the number actually kept. */
  readonly maxTrees: number;
  readonly learningRate: number;
  readonly maxDepth: number;
  readonly minSamplesLeaf: number;
  /** L2 penalty on leaf values (in hessian units: rows for squared loss). */
  readonly l2: number;
  /** Share of rows each tree sees (stochastic gradient boosting). */
  readonly rowSubsample: number;
  /** Share of features each tree may split on. */
  readonly featureSubsample: number;
  /** Histogram bins per feature, at most 256. */
  readonly maxBins: number;
  /** Huber loss: residuals beyond this many days count linearly. */
  readonly huberDeltaDays: number;
  readonly seed: number;
}

export interface Tree {
  /** Per node: the feature index split on, or -1 for a leaf. */
  readonly feature: number[];
  /** Go left when value <= threshold. */
  readonly threshold: number[];
  readonly left: number[];
  readonly right: number[];
  /** Leaf value, already multiplied by the learning rate. */
  readonly value: number[];
}

export interface BoostedTrees {
  readonly loss: BoostingLoss;
  readonly baseScore: number;
  readonly trees: readonly Tree[];
}

export const defaultRegressionOptions: BoostingOptions = {
  loss: 'huber',
  maxTrees: 600,
  learningRate: 0.03,
  maxDepth: 3,
  minSamplesLeaf: 15,
  l2: 5,
  rowSubsample: 0.8,
  featureSubsample: 0.8,
  maxBins: 64,
  huberDeltaDays: 8,
  seed: 1,
};

export const defaultClassificationOptions: BoostingOptions = {
  ...defaultRegressionOptions,
  loss: 'logistic',
  l2: 2,
  minSamplesLeaf: 20,
  seed: 2,
};

const maxLeafLogOdds = 4;
const minHessian = 1e-6;

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

function medianOf(values: number[]): number {
  if (values.length === 0) return 0;
  values.sort((a, b) => a - b);
  const middle = values.length >>> 1;
  return values.length % 2 === 1 ? (values[middle] ?? 0) : ((values[middle - 1] ?? 0) + (values[middle] ?? 0)) / 2;
}

/** Per feature: ascending thresholds between distinct values, at most maxBins − 1 of them (quantiles when more). */
function binThresholds(rows: readonly (readonly number[])[], featureCount: number, maxBins: number): number[][] {
  const thresholds: number[][] = [];
  for (let f = 0; f < featureCount; f++) {
    const sorted = rows.map((r) => r[f] ?? 0).sort((a, b) => a - b);
    const distinct = sorted.filter((v, i) => i === 0 || v !== sorted[i - 1]);
    const cuts: number[] = [];
    if (distinct.length <= maxBins) {
      for (let i = 0; i + 1 < distinct.length; i++) cuts.push(((distinct[i] ?? 0) + (distinct[i + 1] ?? 0)) / 2);
    } else {
      for (let b = 1; b < maxBins; b++) {
        const at = sorted[Math.floor((b * sorted.length) / maxBins)] ?? 0;
        // Cut just below a quantile value, between it and the distinct value before it.
        const position = distinct.findIndex((v) => v >= at);
        if (position <= 0) continue;
        const cut = ((distinct[position - 1] ?? 0) + at) / 2;
        if (cuts.length === 0 || cut > (cuts[cuts.length - 1] ?? 0)) cuts.push(cut);
      }
    }
    thresholds.push(cuts);
  }
  return thresholds;
}

/** Bin of a value: the first threshold it does not exceed, or the count of thresholds. */
function binOf(cuts: readonly number[], value: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (value <= (cuts[mid] ?? 0)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function baseScoreFor(loss: BoostingLoss, targets: readonly number[]): number {
  if (loss === 'logistic') {
    const share = Math.min(1 - 1e-4, Math.max(1e-4, targets.reduce((s, t) => s + t, 0) / targets.length));
    return Math.log(share / (1 - share));
  }
  if (loss === 'squared') return targets.reduce((s, t) => s + t, 0) / targets.length;
  return medianOf([...targets]);
}

function gradients(loss: BoostingLoss, raw: number, target: number, huberDelta: number): [number, number] {
  switch (loss) {
    case 'squared':
      return [raw - target, 1];
    case 'absolute':
      return [Math.sign(raw - target), 1];
    case 'huber':
      return [Math.max(-huberDelta, Math.min(huberDelta, raw - target)), 1];
    case 'logistic': {
      const p = sigmoid(raw);
      return [p - target, Math.max(minHessian, p * (1 - p))];
    }
  }
}

export function lossValue(loss: BoostingLoss, raw: number, target: number, huberDelta: number): number {
  const r = raw - target;
  switch (loss) {
    case 'squared':
      return r * r;
    case 'absolute':
      return Math.abs(r);
    case 'huber':
      return Math.abs(r) <= huberDelta ? 0.5 * r * r : huberDelta * (Math.abs(r) - 0.5 * huberDelta);
    case 'logistic': {
      // log(1 + e^raw) − target·raw, computed without overflow.
      return Math.max(raw, 0) + Math.log1p(Math.exp(-Math.abs(raw))) - target * raw;
    }
  }
}

export function predictTrees(model: BoostedTrees, x: readonly number[]): number {
  let raw = model.baseScore;
  for (const tree of model.trees) {
    let node = 0;
    while ((tree.feature[node] ?? -1) >= 0) {
      node = (x[tree.feature[node] ?? 0] ?? 0) <= (tree.threshold[node] ?? 0) ? (tree.left[node] ?? 0) : (tree.right[node] ?? 0);
    }
    raw += tree.value[node] ?? 0;
  }
  return raw;
}

interface GrowContext {
  readonly bins: Uint8Array[]; // per feature, per row
  readonly cuts: number[][];
  readonly grad: Float64Array;
  readonly hess: Float64Array;
  readonly residual: Float64Array; // target − current raw, for absolute-loss leaf refits
  readonly options: BoostingOptions;
  readonly features: readonly number[];
}

function growTree(context: GrowContext, rows: number[]): Tree {
  const tree: Tree = { feature: [], threshold: [], left: [], right: [], value: [] };
  const { options } = context;
  const leafValue = (members: number[], g: number, h: number) => {
    if (options.loss === 'absolute') return options.learningRate * medianOf(members.map((r) => context.residual[r] ?? 0));
    const newton = -g / (h + options.l2);
    const bounded = options.loss === 'logistic' ? Math.max(-maxLeafLogOdds, Math.min(maxLeafLogOdds, newton)) : newton;
    return options.learningRate * bounded;
  };
  const build = (members: number[], depth: number): number => {
    const node = tree.feature.length;
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push(0);
    let g = 0;
    let h = 0;
    for (const r of members) {
      g += context.grad[r] ?? 0;
      h += context.hess[r] ?? 0;
    }
    let best = { gain: 1e-9, feature: -1, bin: -1 };
    if (depth < options.maxDepth && members.length >= 2 * options.minSamplesLeaf) {
      const parentScore = (g * g) / (h + options.l2);
      for (const f of context.features) {
        const binCount = (context.cuts[f]?.length ?? 0) + 1;
        if (binCount < 2) continue;
        const gBins = new Float64Array(binCount);
        const hBins = new Float64Array(binCount);
        const nBins = new Int32Array(binCount);
        const column = context.bins[f] as Uint8Array;
        for (const r of members) {
          const b = column[r] ?? 0;
          gBins[b] = (gBins[b] ?? 0) + (context.grad[r] ?? 0);
          hBins[b] = (hBins[b] ?? 0) + (context.hess[r] ?? 0);
          nBins[b] = (nBins[b] ?? 0) + 1;
        }
        let gLeft = 0;
        let hLeft = 0;
        let nLeft = 0;
        for (let b = 0; b + 1 < binCount; b++) {
          gLeft += gBins[b] ?? 0;
          hLeft += hBins[b] ?? 0;
          nLeft += nBins[b] ?? 0;
          const nRight = members.length - nLeft;
          if (nLeft < options.minSamplesLeaf) continue;
          if (nRight < options.minSamplesLeaf) break;
          const gRight = g - gLeft;
          const hRight = h - hLeft;
          const gain = (gLeft * gLeft) / (hLeft + options.l2) + (gRight * gRight) / (hRight + options.l2) - parentScore;
          if (gain > best.gain) best = { gain, feature: f, bin: b };
        }
      }
    }
    if (best.feature < 0) {
      tree.value[node] = leafValue(members, g, h);
      return node;
    }
    const column = context.bins[best.feature] as Uint8Array;
    const leftMembers = members.filter((r) => (column[r] ?? 0) <= best.bin);
    const rightMembers = members.filter((r) => (column[r] ?? 0) > best.bin);
    tree.feature[node] = best.feature;
    tree.threshold[node] = context.cuts[best.feature]?.[best.bin] ?? 0;
    tree.left[node] = build(leftMembers, depth + 1);
    tree.right[node] = build(rightMembers, depth + 1);
    return node;
  };
  build(rows, 0);
  return tree;
}

export interface BoostingFit {
  readonly model: BoostedTrees;
  /** Mean validation loss after each tree (empty without a validation set). */
  readonly validationCurve: readonly number[];
}

/**
 * Fits boosted trees. With a validation set, trees are added up to maxTrees and the ensemble is cut back to the
 * number with the lowest validation loss.
 */
export function fitBoostedTrees(
  rows: readonly (readonly number[])[],
  targets: readonly number[],
  options: BoostingOptions,
  validation?: { readonly rows: readonly (readonly number[])[]; readonly targets: readonly number[] },
): BoostingFit {
  if (rows.length === 0) throw new RangeError('no training rows');
  if (rows.length !== targets.length) throw new RangeError('rows and targets differ in length');
  if (options.maxBins > 256 || options.maxBins < 2) throw new RangeError('maxBins must be 2..256');
  for (const row of rows) if (row.some((v) => !Number.isFinite(v))) throw new RangeError('features must be finite numbers');
  const featureCount = rows[0]?.length ?? 0;
  const cuts = binThresholds(rows, featureCount, options.maxBins);
  const bins = cuts.map((c, f) => Uint8Array.from(rows, (row) => binOf(c, row[f] ?? 0)));
  const baseScore = baseScoreFor(options.loss, targets);
  const raw = new Float64Array(rows.length).fill(baseScore);
  const grad = new Float64Array(rows.length);
  const hess = new Float64Array(rows.length);
  const residual = new Float64Array(rows.length);
  const validationRaw = new Float64Array(validation?.rows.length ?? 0).fill(baseScore);
  const random = seededRandom(options.seed);
  const trees: Tree[] = [];
  const validationCurve: number[] = [];
  for (let t = 0; t < options.maxTrees; t++) {
    for (let r = 0; r < rows.length; r++) {
      const [g, h] = gradients(options.loss, raw[r] ?? 0, targets[r] ?? 0, options.huberDeltaDays);
      grad[r] = g;
      hess[r] = h;
      residual[r] = (targets[r] ?? 0) - (raw[r] ?? 0);
    }
    const sampledRows: number[] = [];
    for (let r = 0; r < rows.length; r++) if (random() < options.rowSubsample) sampledRows.push(r);
    const sampledFeatures: number[] = [];
    for (let f = 0; f < featureCount; f++) if (random() < options.featureSubsample) sampledFeatures.push(f);
    if (sampledFeatures.length === 0) sampledFeatures.push(Math.floor(random() * featureCount));
    const tree = growTree({ bins, cuts, grad, hess, residual, options, features: sampledFeatures }, sampledRows.length > 0 ? sampledRows : rows.map((_, r) => r));
    trees.push(tree);
    const single: BoostedTrees = { loss: options.loss, baseScore: 0, trees: [tree] };
    for (let r = 0; r < rows.length; r++) raw[r] = (raw[r] ?? 0) + predictTrees(single, rows[r] ?? []);
    if (validation) {
      let total = 0;
      for (let r = 0; r < validation.rows.length; r++) {
        validationRaw[r] = (validationRaw[r] ?? 0) + predictTrees(single, validation.rows[r] ?? []);
        total += lossValue(options.loss, validationRaw[r] ?? 0, validation.targets[r] ?? 0, options.huberDeltaDays);
      }
      validationCurve.push(total / validation.rows.length);
    }
  }
  let kept = trees.length;
  if (validationCurve.length > 0) {
    let bestLoss = Infinity;
    validationCurve.forEach((l, i) => {
      if (l < bestLoss) {
        bestLoss = l;
        kept = i + 1;
      }
    });
  }
  return { model: { loss: options.loss, baseScore, trees: trees.slice(0, kept) }, validationCurve };
}

export interface PaymentModelOptions {
  readonly seed: number;
  readonly regression: Partial<BoostingOptions>;
  readonly classification: Partial<BoostingOptions>;
  /** The latest share of training invoices (by invoice date) held out to choose the number of trees. */
  readonly validationShare: number;
  /** The features the model uses (default: all of features.ts). */
  readonly features: readonly FeatureName[];
}

export interface PaymentModel {
  readonly featureNames: readonly FeatureName[];
  readonly regressor: BoostedTrees;
  readonly classifier: BoostedTrees;
  /** Quantiles (0 %, 1 %, ..., 100 %) of the regression's errors (actual − predicted days late) on held-out invoices. */
  readonly residualQuantiles: readonly number[];
  /** Weight of the classifier in probabilityLate (0..1, chosen on the held-out slice); the rest is the regression's view. */
  readonly classifierWeight: number;
  readonly trainingInvoices: number;
  /** Mean days late of the training invoices: the answer for a tenant with no history at all. */
  readonly meanDaysLate: number;
}

export interface PaymentPrediction {
  readonly invoiceId: string;
  /** Due date + expected days late, never before the cut-off the features were taken at (an open invoice is not paid in the past). */
  readonly predictedPaymentDate: string;
  /** Settled − due date in days, negative when the invoice is expected to be paid early. */
  readonly expectedDaysLate: number;
  /** Probability of settlement after the due date. */
  readonly probabilityLate: number;
}

export interface TrainingExample {
  readonly features: InvoiceFeatures;
  readonly daysLate: number;
}

/** Training examples: each settled invoice with its features as known on its own invoice date. */
export function trainingExamples(history: readonly PaymentHistoryItem[]): TrainingExample[] {
  const index = indexPaymentHistory(history);
  return history
    .filter((item) => item.settledDate !== null)
    .map((item) => ({ features: invoiceFeatures(index, item), daysLate: epochDay(item.settledDate ?? item.dueDate) - epochDay(item.dueDate) }))
    .sort((a, b) => epochDay(a.features.invoiceDate) - epochDay(b.features.invoiceDate) || (a.features.invoiceId < b.features.invoiceId ? -1 : a.features.invoiceId > b.features.invoiceId ? 1 : 0));
}

/**
 * Trains both ensembles on the settled invoices of `history`. Features are taken as of each invoice's own date, the
 * way they will be at prediction time. The latest `validationShare` of invoices choose the number of trees; the
 * ensembles are then refitted on all invoices with that number.
 */
export function trainPaymentModel(history: readonly PaymentHistoryItem[], options: Partial<PaymentModelOptions> = {}): PaymentModel {
  return trainPaymentModelOnExamples(trainingExamples(history), options);
}

export function trainPaymentModelOnExamples(examples: readonly TrainingExample[], options: Partial<PaymentModelOptions> = {}): PaymentModel {
  if (examples.length === 0) throw new RangeError('no settled invoices to learn from');
  const seed = options.seed ?? 20261129;
  const names = options.features ?? featureNames;
  const validationShare = options.validationShare ?? 0.2;
  const regression: BoostingOptions = { ...defaultRegressionOptions, seed, ...options.regression };
  const classification: BoostingOptions = { ...defaultClassificationOptions, seed: seed + 1, ...options.classification };
  const rows = examples.map((e) => featureVector(e.features, names));
  const daysLate = examples.map((e) => e.daysLate);
  const late = daysLate.map((d) => (d > 0 ? 1 : 0));
  const split = Math.floor(examples.length * (1 - validationShare));
  const hasValidation = split > 0 && split < examples.length;
  const fit = (targets: number[], boosting: BoostingOptions) => {
    if (!hasValidation) return { model: fitBoostedTrees(rows, targets, boosting).model, heldOut: [] as number[] };
    const chosen = fitBoostedTrees(rows.slice(0, split), targets.slice(0, split), boosting, { rows: rows.slice(split), targets: targets.slice(split) }).model;
    const heldOut = rows.slice(split).map((x) => predictTrees(chosen, x));
    // Refit on everything with the chosen size, a little larger for the larger sample.
    const trees = Math.max(1, Math.round(chosen.trees.length / (1 - validationShare)));
    return { model: fitBoostedTrees(rows, targets, { ...boosting, maxTrees: trees }).model, heldOut };
  };
  const regressor = fit(daysLate, regression);
  // Residuals of the regression on invoices it did not see (the validation slice, predicted by the ensemble fitted
  // before it); without a validation slice, the in-sample residuals of the final ensemble, which are too narrow.
  const residuals = hasValidation
    ? regressor.heldOut.map((p, i) => (daysLate[split + i] ?? 0) - p)
    : rows.map((x, i) => (daysLate[i] ?? 0) - predictTrees(regressor.model, x));
  const classifier = fit(late, classification);
  const residualQuantiles = quantiles(residuals, residualQuantileCount);
  // The blend weight with the lowest log loss on the held-out slice (both views predicted by their early-stopping fits).
  let classifierWeight = 0.5;
  if (hasValidation) {
    let bestLoss = Infinity;
    for (let step = 0; step <= 10; step++) {
      const weight = step / 10;
      let total = 0;
      classifier.heldOut.forEach((raw, i) => {
        const p = weight * sigmoid(raw) + (1 - weight) * probabilityLateFromResiduals(residualQuantiles, regressor.heldOut[i] ?? 0);
        const clipped = Math.min(1 - 1e-6, Math.max(1e-6, p));
        total -= (late[split + i] ?? 0) === 1 ? Math.log(clipped) : Math.log(1 - clipped);
      });
      if (total < bestLoss - 1e-12) {
        bestLoss = total;
        classifierWeight = weight;
      }
    }
  }
  return {
    featureNames: names,
    regressor: regressor.model,
    classifier: classifier.model,
    residualQuantiles,
    classifierWeight,
    trainingInvoices: examples.length,
    meanDaysLate: daysLate.reduce((s, d) => s + d, 0) / daysLate.length,
  };
}

const residualQuantileCount = 101;

/** `count` evenly spaced quantiles (0 %, ..., 100 %) of the values, linear between order statistics. */
function quantiles(values: readonly number[], count: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  return Array.from({ length: count }, (_, q) => {
    const position = (q / (count - 1)) * (sorted.length - 1);
    const below = Math.floor(position);
    const fraction = position - below;
    return (sorted[below] ?? 0) * (1 - fraction) + (sorted[Math.min(sorted.length - 1, below + 1)] ?? 0) * fraction;
  });
}

/**
 * P(days late ≥ 1) from the regression: the share of held-out residuals r with expected + r > 0.5 (days are whole;
 * 0.5 splits "on the due date" from "a day late"), interpolated between quantiles so it moves smoothly.
 */
function probabilityLateFromResiduals(residualQuantiles: readonly number[], expectedDaysLate: number): number {
  const n = residualQuantiles.length;
  if (n < 2) return expectedDaysLate > 0.5 ? 1 : 0;
  const threshold = 0.5 - expectedDaysLate;
  if (threshold <= (residualQuantiles[0] ?? 0)) return 1;
  if (threshold >= (residualQuantiles[n - 1] ?? 0)) return 0;
  let i = 0;
  while (i + 1 < n && (residualQuantiles[i + 1] ?? 0) < threshold) i += 1;
  const low = residualQuantiles[i] ?? 0;
  const high = residualQuantiles[i + 1] ?? 0;
  const cdf = (i + (high > low ? (threshold - low) / (high - low) : 0.5)) / (n - 1);
  return 1 - cdf;
}

export function predictInvoice(model: PaymentModel, features: InvoiceFeatures): PaymentPrediction {
  const x = featureVector(features, model.featureNames);
  const expectedDaysLate = predictTrees(model.regressor, x);
  // Two views of the same question, blended: the classifier, and the regression's expected lateness read through the
  // spread of its held-out errors (the regression learns from how late, not only whether, so it often ranks better).
  const probabilityLate =
    model.classifierWeight * sigmoid(predictTrees(model.classifier, x)) + (1 - model.classifierWeight) * probabilityLateFromResiduals(model.residualQuantiles, expectedDaysLate);
  const dueDay = epochDay(features.dueDate);
  const paymentDay = Math.max(epochDay(features.asOf), dueDay + Math.round(expectedDaysLate));
  return { invoiceId: features.invoiceId, predictedPaymentDate: isoDateFromEpochDay(paymentDay), expectedDaysLate, probabilityLate };
}

export interface OpenInvoiceRisk {
  readonly amountMinor: bigint;
  readonly probabilityLate: number;
  readonly expectedDaysLate: number;
}

export interface CustomerRisk {
  /** 0 (pays on time, nothing worsening) to 100 (everything open expected late, badly, and getting worse). */
  readonly score: number;
  readonly weightedProbabilityLate: number;
  readonly severity: number;
  readonly worsening: number;
}

/** Expected lateness at which the severity part of the risk score is full. */
export const riskSeverityFullDays = 30;
/** Trend (days late gained per invoice) at which the worsening part of the risk score is full. */
export const riskWorseningFullDaysPerInvoice = 5;

/**
 * A customer's risk score, 0–100, from the predictions for its open invoices and its recent trend:
 *
 *   score = 100 × (0.60 × P + 0.25 × S + 0.15 × W), rounded
 *
 * - P, the open amount at risk: the probability of late payment of each open invoice, weighted by its amount — a large
 *   invoice likely to be late weighs more than a small one. With nothing open, P is the customer's share of late
 *   payments in its history (`historicalShareLate`), so a customer is scored before its next invoice.
 * - S, severity: the amount-weighted expected days late of the open invoices (early counts as 0), ÷ 30 days, capped at 1.
 *   Being 2 days late and 40 days late are different risks even at the same probability.
 * - W, worsening: the recent trend of days late per invoice (the `trendDaysLatePerInvoice` feature), ÷ 5 days per
 *   invoice, between 0 and 1. An improving customer gets no credit beyond 0: the score is about risk, not merit.
 *
 * Amounts are used as weights only, so the currency does not matter as long as one customer's invoices share one.
 */
export function customerRiskScore(open: readonly OpenInvoiceRisk[], trendDaysLatePerInvoice: number, historicalShareLate: number): CustomerRisk {
  const clamp = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);
  const weights = open.map((o) => Math.max(0, Number(o.amountMinor)));
  const totalWeight = weights.reduce((s, w) => s + w, 0);
  const weighted = (value: (o: OpenInvoiceRisk) => number) =>
    totalWeight > 0 ? open.reduce((s, o, i) => s + (weights[i] ?? 0) * value(o), 0) / totalWeight : open.length > 0 ? open.reduce((s, o) => s + value(o), 0) / open.length : 0;
  const weightedProbabilityLate = clamp(open.length > 0 ? weighted((o) => o.probabilityLate) : historicalShareLate);
  const severity = clamp(weighted((o) => Math.max(0, o.expectedDaysLate)) / riskSeverityFullDays);
  const worsening = clamp(trendDaysLatePerInvoice / riskWorseningFullDaysPerInvoice);
  const score = Math.round(100 * (0.6 * weightedProbabilityLate + 0.25 * severity + 0.15 * worsening));
  return { score, weightedProbabilityLate, severity, worsening };
}
