// npm run bench:prediction [-- --seed 20261129] [-- --dry-run]
// Payment-date prediction on a real AR history (IBM Watson Analytics "Accounts Receivable" sample, see
// /work/shared/data/SOURCES.md): trains on the earliest 75 % of invoices by invoice date, predicts the latest 25 %
// with features known before each invoice's date, compares with two baselines, and writes the figures to BENCHMARKS.md.
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { seededRandom } from '../src/kernel/seeded-random.js';
import { epochDay, featureNames, featureVector, indexPaymentHistory, invoiceFeatures, type InvoiceFeatures, type PaymentHistoryItem } from '../src/modules/prediction/features.js';
import { brierScore, meanAbsoluteError, rocAuc } from '../src/modules/prediction/metrics.js';
import { predictInvoice, predictTrees, trainingExamples, trainPaymentModelOnExamples, type PaymentModel, type PaymentModelOptions } from '../src/modules/prediction/model.js';

const { values } = parseArgs({ options: { seed: { type: 'string', default: '20261129' }, data: { type: 'string', default: '/work/shared/data/ar-history/pbifinanceml__WA_Fn-UseC_-Accounts-Receivable.csv' }, 'dry-run': { type: 'boolean', default: false } } });
const seed = Number(values.seed);
const dataPath = values.data;
const testShare = 0.25;

/** M/D/YYYY → YYYY-MM-DD */
function isoFromUsDate(text: string): string {
  const [month, day, year] = text.split('/');
  return `${year}-${month?.padStart(2, '0')}-${day?.padStart(2, '0')}`;
}

/** "55.94" → 5594n, without going through a float. */
function minorFromDecimal(text: string): bigint {
  const [whole, fraction = ''] = text.trim().split('.');
  return BigInt(whole ?? '0') * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
}

// Columns: countryCode, customerID, PaperlessDate, invoiceNumber, InvoiceDate, DueDate, InvoiceAmount, Disputed,
// SettledDate, PaperlessBill, DaysToSettle, DaysLate. DaysToSettle and DaysLate are derived from the dates (outcomes)
// and are not used; PaperlessBill is the delivery channel of the invoice. No currency column: the sample is in USD.
const records = parse(await readFile(dataPath, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
const history: PaymentHistoryItem[] = records.map((r) => ({
  customerId: r.customerID ?? '',
  invoiceId: r.invoiceNumber ?? '',
  invoiceDate: isoFromUsDate(r.InvoiceDate ?? ''),
  dueDate: isoFromUsDate(r.DueDate ?? ''),
  settledDate: r.SettledDate ? isoFromUsDate(r.SettledDate) : null,
  amountMinor: minorFromDecimal(r.InvoiceAmount ?? '0'),
  currency: 'USD',
  disputed: r.Disputed === 'Yes',
  channel: (r.PaperlessBill ?? '').toLowerCase(),
}));

// The split: invoices sorted by invoice date; the test set starts at the invoice date of the 75th percentile, and all
// invoices of that date go to the test set, so "train" is exactly "invoiced before the split date".
const byDate = [...history].sort((a, b) => epochDay(a.invoiceDate) - epochDay(b.invoiceDate) || (a.invoiceId < b.invoiceId ? -1 : 1));
const splitDate = byDate[Math.floor(byDate.length * (1 - testShare))]?.invoiceDate ?? '';
const train = byDate.filter((i) => i.invoiceDate < splitDate);
const test = byDate.filter((i) => i.invoiceDate >= splitDate);
const daysLateOf = (i: PaymentHistoryItem) => epochDay(i.settledDate ?? i.dueDate) - epochDay(i.dueDate);
const actualDaysLate = test.map(daysLateOf);
const actualSettledDay = test.map((i) => epochDay(i.settledDate ?? i.dueDate));
const isLate = actualDaysLate.map((d) => d > 0);

// Features of a test invoice come from the whole history as known before its invoice date: the index holds every
// settlement, and invoiceFeatures only looks at those before the cut-off (property-tested in features.test.ts).
const fullIndex = indexPaymentHistory(history);
const testFeatures: InvoiceFeatures[] = test.map((i) => invoiceFeatures(fullIndex, i));

interface Evaluation {
  readonly label: string;
  readonly trainingInvoices: number;
  readonly mae: number;
  readonly auc: number;
  readonly brier: number;
  readonly trainingSeconds: number;
  readonly model: PaymentModel;
}

function evaluate(label: string, trainItems: readonly PaymentHistoryItem[], options: Partial<PaymentModelOptions>): Evaluation {
  const started = performance.now();
  const examples = trainingExamples(trainItems);
  const model = trainPaymentModelOnExamples(examples, { seed, ...options });
  const trainingSeconds = (performance.now() - started) / 1000;
  const predictions = testFeatures.map((f) => predictInvoice(model, f));
  const mae = meanAbsoluteError(predictions.map((p) => epochDay(p.predictedPaymentDate)), actualSettledDay);
  const probabilities = predictions.map((p) => p.probabilityLate);
  return { label, trainingInvoices: examples.length, mae, auc: rocAuc(probabilities, isLate), brier: brierScore(probabilities, isLate), trainingSeconds, model };
}

// Baseline (a): paid on the due date.
const dueDateMae = meanAbsoluteError(test.map((i) => epochDay(i.dueDate)), actualSettledDay);
// Baseline (b1): the customer's mean days late over its training invoices; the training mean for a customer without any.
const trainMean = train.map(daysLateOf).reduce((s, d) => s + d, 0) / train.length;
const trainByCustomer = new Map<string, number[]>();
for (const i of train) trainByCustomer.set(i.customerId, [...(trainByCustomer.get(i.customerId) ?? []), daysLateOf(i)]);
const customerTrainMean = (customerId: string) => {
  const d = trainByCustomer.get(customerId);
  return d && d.length > 0 ? d.reduce((s, x) => s + x, 0) / d.length : trainMean;
};
const trainMeanMae = meanAbsoluteError(test.map((i) => epochDay(i.dueDate) + Math.round(customerTrainMean(i.customerId))), actualSettledDay);
// Baseline (b2): the customer's mean days late over every invoice settled before the invoice date (the same knowledge
// the model has), falling back to the mean of all invoices settled before that date.
const priorMean = test.map((i) => {
  const cutOff = epochDay(i.invoiceDate);
  const prior = history.filter((h) => h.settledDate !== null && epochDay(h.settledDate) < cutOff);
  const own = prior.filter((h) => h.customerId === i.customerId).map(daysLateOf);
  const all = prior.map(daysLateOf);
  return own.length > 0 ? own.reduce((s, d) => s + d, 0) / own.length : all.reduce((s, d) => s + d, 0) / Math.max(1, all.length);
});
const priorMeanMae = meanAbsoluteError(test.map((i, k) => epochDay(i.dueDate) + Math.round(priorMean[k] ?? 0)), actualSettledDay);
// Ranking baselines for "paid late": the customer's prior share of late payments, and its prior mean days late.
const shareLateAuc = rocAuc(testFeatures.map((f) => f.values.shareLate), isLate);
const priorMeanAuc = rocAuc(priorMean, isLate);

const main = evaluate('model (all features)', train, {});
const withoutDisputed = evaluate('model without the invoice\'s own disputed flag', train, { features: featureNames.filter((n) => n !== 'disputed') });
// Strict: only what was settled before the split date is a training label (train invoices settled later are dropped).
const strict = evaluate('model trained only on invoices settled before the split date', train.filter((i) => i.settledDate !== null && i.settledDate < splitDate), {});
const determinism = evaluate('same seed again', train, {});
if (determinism.mae !== main.mae || determinism.auc !== main.auc) throw new Error('training is not deterministic for a seed');
const otherSeeds = [1, 2, 3].map((k) => evaluate(`seed ${seed + k}`, train, { seed: seed + k }));
const range = (xs: number[], digits: number) => `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;
// The two views inside probabilityLate, ranked on their own.
const classifierOnlyAuc = rocAuc(testFeatures.map((f) => predictTrees(main.model.classifier, featureVector(f, main.model.featureNames))), isLate);
const regressionOnlyAuc = rocAuc(testFeatures.map((f) => predictTrees(main.model.regressor, featureVector(f, main.model.featureNames))), isLate);

const bestBaselineMae = Math.min(trainMeanMae, priorMeanMae);
const improvement = (mae: number, baseline: number) => `${(((baseline - mae) / baseline) * 100).toFixed(1)} %`;
// Permutation importance on the test set: how much the MAE grows when one feature's values are shuffled among the
// test invoices (split counts would favour features with many distinct values, such as the amount).
const random = seededRandom(seed);
const testVectors = testFeatures.map((f) => featureVector(f, main.model.featureNames));
const maeOfVectors = (vectors: number[][]) =>
  meanAbsoluteError(vectors.map((x, k) => Math.max(epochDay(test[k]?.invoiceDate ?? ''), epochDay(test[k]?.dueDate ?? '') + Math.round(predictTrees(main.model.regressor, x)))), actualSettledDay);
const importance = main.model.featureNames.map((name, column) => {
  const permutation = testVectors.map((_, k) => k);
  for (let k = permutation.length - 1; k > 0; k--) {
    const j = Math.floor(random() * (k + 1));
    [permutation[k], permutation[j]] = [permutation[j] ?? 0, permutation[k] ?? 0];
  }
  const shuffled = testVectors.map((x, k) => x.map((v, c) => (c === column ? (testVectors[permutation[k] ?? 0]?.[c] ?? 0) : v)));
  return [name, maeOfVectors(shuffled) - main.mae] as const;
});
const topFeatures = [...importance].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([name, increase]) => `${name} (+${increase.toFixed(2)})`).join(', ');

const rows: string[] = [
  `| data | ${history.length.toLocaleString('en')} settled invoices, ${new Set(history.map((h) => h.customerId)).size} customers, invoiced ${byDate[0]?.invoiceDate} to ${byDate.at(-1)?.invoiceDate}; ${(isLate.filter(Boolean).length / test.length * 100).toFixed(1)} % of test invoices paid late |`,
  `| split | train: ${train.length.toLocaleString('en')} invoices dated before ${splitDate}; test: ${test.length.toLocaleString('en')} invoices dated ${splitDate} to ${byDate.at(-1)?.invoiceDate} |`,
  `| MAE, baseline (a) due date | ${dueDateMae.toFixed(2)} days |`,
  `| MAE, baseline (b1) customer's mean delay over its training invoices | ${trainMeanMae.toFixed(2)} days |`,
  `| MAE, baseline (b2) customer's mean delay over all invoices settled before the invoice date | ${priorMeanMae.toFixed(2)} days |`,
  `| **MAE, model** | **${main.mae.toFixed(2)} days**: ${improvement(main.mae, dueDateMae)} below (a), ${improvement(main.mae, trainMeanMae)} below (b1), ${improvement(main.mae, priorMeanMae)} below (b2) (goal ≥ 25 % below the better customer-mean baseline: ${(bestBaselineMae - main.mae) / bestBaselineMae >= 0.25 ? 'met' : 'not met'}) |`,
  `| **ROC AUC, paid late, model** | **${main.auc.toFixed(3)}** (goal ≥ 0.85: ${main.auc >= 0.85 ? 'met' : 'not met'}); Brier ${main.brier.toFixed(3)} |`,
  `| ROC AUC of the two views blended into probabilityLate: classifier alone / expected days late alone (classifier weight chosen on held-out training invoices: ${main.model.classifierWeight}) | ${classifierOnlyAuc.toFixed(3)} / ${regressionOnlyAuc.toFixed(3)} |`,
  `| ROC AUC, ranking by the customer's prior share late / prior mean delay (no model) | ${shareLateAuc.toFixed(3)} / ${priorMeanAuc.toFixed(3)} |`,
  `| other seeds (${otherSeeds.map((e) => e.label.replace('seed ', '')).join(', ')}) | MAE ${range(otherSeeds.map((e) => e.mae), 2)} days, AUC ${range(otherSeeds.map((e) => e.auc), 3)} |`,
  `| ablation: without the invoice's own disputed flag | MAE ${withoutDisputed.mae.toFixed(2)} days (${improvement(withoutDisputed.mae, priorMeanMae)} below (b2)), AUC ${withoutDisputed.auc.toFixed(3)} |`,
  `| ablation: trained only on the ${strict.trainingInvoices.toLocaleString('en')} train invoices settled before ${splitDate} | MAE ${strict.mae.toFixed(2)} days (${improvement(strict.mae, priorMeanMae)} below (b2)), AUC ${strict.auc.toFixed(3)} |`,
  `| model | gradient-boosted trees (written in src/modules/prediction/model.ts): Huber regression of days late, logistic classification of late, blended with P(late) read from the regression and its held-out error spread; ${main.model.regressor.trees.length} + ${main.model.classifier.trees.length} trees of depth ≤ 3 chosen on the latest 20 % of training invoices, seed ${seed} |`,
  `| features (${main.model.featureNames.length}) | ${main.model.featureNames.join(', ')} |`,
  `| permutation importance (MAE increase in days when the feature is shuffled across test invoices), top 8 | ${topFeatures} |`,
  `| training time (features + both ensembles, incl. tree-count selection) | ${main.trainingSeconds.toFixed(2)} s |`,
];

const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const section = [
  '<!-- bench:prediction -->',
  '## Payment-date prediction (real AR history)',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}. Data: the IBM Watson Analytics "Accounts Receivable" sample`,
  '(`/work/shared/data/ar-history`, see SOURCES.md). Features of a test invoice use only what was known before its invoice date',
  '(settlements strictly before it; later-settled invoices count as open). MAE is in whole days between the predicted and the',
  'actual settlement date; every prediction, baselines included, is rounded to a whole day.',
  `Reproduce: \`npm run bench:prediction${values.seed === '20261129' ? '' : ` -- --seed ${values.seed}`}\`.`,
  '',
  '| measure | value |',
  '|---|---|',
  ...rows,
  '<!-- /bench:prediction -->',
].join('\n');
if (values['dry-run']) {
  process.stdout.write(`${section}\n(dry run: BENCHMARKS.md not written)\n`);
  process.exit(0);
}
const benchmarks = new URL('../BENCHMARKS.md', import.meta.url);
const existing = await readFile(benchmarks, 'utf8').catch(() => '# Benchmarks\n\nSpeed targets live here, never in unit tests. Each section says how to reproduce it.\n');
const marker = /<!-- bench:prediction -->[\s\S]*<!-- \/bench:prediction -->/;
await writeFile(benchmarks, marker.test(existing) ? existing.replace(marker, section) : `${existing.trimEnd()}\n\n${section}\n`);
process.stdout.write(`${section}\n`);
