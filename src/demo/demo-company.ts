import { sql } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { queryRows, type Database } from '../db/connection.js';
import { inTransaction } from '../db/transaction.js';
import { createCustomer } from '../modules/customers/service.js';
import type { Actor } from '../modules/identity/roles.js';
import { createApiKey, type TenantRow } from '../modules/identity/service.js';
import { billingRunItems, billingRuns } from '../modules/invoicing/schema.js';
import { applyOpenBalances, lockInvoices, type InvoiceRow } from '../modules/invoicing/service.js';
import { issueBillingRun } from '../modules/invoicing/store.js';
import { saveExchangeRate } from '../modules/ledger/store.js';
import { insertCheckedPayments, type CheckedPayment } from '../modules/payments/service.js';
import { openTenant } from '../tenancy.js';
import { seededRandom } from '../kernel/seeded-random.js';

/**
 * The demo company: about 50 customers with different payment habits and about 2,000 invoices over the 12 months
 * before `today`, with their payments, all posted through the real use cases so the ledger, the aging and every
 * report agree. Deterministic: a seeded generator and `today` as the only date, so two loads are identical.
 *
 * The habits are shaped on the real AR history in ../shared/data/ar-history (2,466 paid invoices): about 64 % paid
 * on time, median 26 days to settle, per-customer mean lateness from 0 to about 20 days; we add a few chronic late
 * payers, partial payers and two that stopped paying, so every aging bucket has something in it.
 */
export const demoTenantName = 'Demo Company (sample data)';

type Habit = 'prompt' | 'mostly_on_time' | 'late' | 'chronic' | 'partial' | 'stopped_paying';

const habitMix: readonly [Habit, number][] = [
  ['prompt', 20],
  ['mostly_on_time', 12],
  ['late', 8],
  ['chronic', 5],
  ['partial', 3],
  ['stopped_paying', 2],
];

const companyNames = [
  'Nordwind Logistik GmbH', 'Alpenglühen Hotels AG', 'Bergmann Maschinenbau KG', 'Rheinkraft Energie GmbH', 'Hafenblick Spedition',
  'Sonnenfeld Bio-Markt', 'Weber & Söhne Metallbau', 'Lindenhof Gastronomie', 'Kranich Elektrotechnik', 'Blaue Brücke Verlag',
  'Eichenwald Möbelwerk', 'Fichtner Bauunternehmung', 'Grünspan Gartenbau', 'Hansa Kühltransporte', 'Isarwerk Druckerei',
  'Jung & Partner Architekten', 'Kaiser Feinkost', 'Lorenz Medizintechnik', 'Mühlbach Brauerei', 'Neckar Textil GmbH',
  'Oberland Sanitär', 'Pfalzgraf Weinhandel', 'Quelle Mineralbrunnen', 'Rosenthal Porzellan Handel', 'Schwarzwald Holzbau',
  'Taunus Kliniken', 'Uhlig Automobile', 'Vogel Optik', 'Wendt Schifffahrt', 'Zeller Apotheken',
  'Ahrens Software GmbH', 'Brandt Bürobedarf', 'Conrad Kältetechnik', 'Dreyer Reisen', 'Engel Pharma Vertrieb',
  'Falk Fahrradmanufaktur', 'Graf Sicherheitsdienste', 'Heller Labor', 'Iversen Fischhandel', 'Jansen Agrar',
  'Keller Getränke', 'Lang Elektro', 'Mayer Kunststoffe', 'Nowak Fliesen', 'Otto Verpackungen',
  'Peters Fensterbau', 'Richter Stahlhandel', 'Seidel Chemie', 'Atlantic Trading Inc.', 'Harbor Foods LLC',
];

const lineItems: readonly { description: string; priceMinor: [number, number]; taxRatePercent: string }[] = [
  { description: 'Maintenance contract (monthly)', priceMinor: [15_000, 90_000], taxRatePercent: '19' },
  { description: 'Spare parts kit', priceMinor: [2_500, 40_000], taxRatePercent: '19' },
  { description: 'On-site service, hours', priceMinor: [8_500, 12_000], taxRatePercent: '19' },
  { description: 'Consumables', priceMinor: [900, 6_000], taxRatePercent: '19' },
  { description: 'Technical handbooks', priceMinor: [1_500, 4_500], taxRatePercent: '7' },
  { description: 'Freight', priceMinor: [1_200, 9_000], taxRatePercent: '19' },
];

interface PlannedPayment {
  share: 'all' | 'half' | 'rest';
  date: Temporal.PlainDate;
  method: 'bank_transfer' | 'direct_debit' | 'card' | 'cheque';
  overpaidMinor: bigint;
}

interface PlannedInvoice {
  customerId: string;
  name: string;
  currency: string;
  issueDate: Temporal.PlainDate;
  lines: { description: string; quantity: string; unitPriceMinor: number; taxRatePercent: string }[];
  payments: PlannedPayment[];
}

export interface DemoOptions {
  today: string;
  bootstrapKey?: string;
  onProgress?: (done: number, total: number) => void;
  invoicesPerCustomer?: number;
}

/** Payments recorded per transaction: large enough for the multi-row statements to pay off. */
const paymentsPerTransaction = 500;

/** PGlite runs in this thread: let the server answer requests while the demo loads. */
const yieldToServer = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Creates the demo tenant and loads its year. Everything random is drawn first, in a fixed order (the plan); then the
 * invoices are issued with one billing run per issue date (run key `demo:<date>`), in date order, and the payments
 * recorded in value-date order, a few hundred per transaction, the way automatic cash application records them
 * (invoices locked, allocations checked, payments and open balances written in bulk). About 10 s on PGlite for 2,000
 * invoices and 1,900 payments. onProgress counts invoices and payments; between steps it yields to the event loop.
 */
export async function loadDemoCompany(db: Database, options: DemoOptions): Promise<{ tenant: TenantRow; adminKey: string }> {
  const random = seededRandom(20_261_124);
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const today = Temporal.PlainDate.from(options.today);
  const firstDay = today.subtract({ days: 364 });

  const tenant = await openTenant(db, { name: demoTenantName, baseCurrency: 'EUR', timeZone: 'Europe/Berlin', isDemo: true }, 'system:demo');
  const actor: Actor = { tenantId: tenant.id, role: 'admin', label: 'system:demo' };
  const { key } = await createApiKey(db, actor, { role: 'admin', name: 'demo admin', ...(options.bootstrapKey ? { presetKey: options.bootstrapKey } : {}) });
  // The US customers are invoiced in USD: a month-start EUR rate for the year (a made-up, gently moving series), so
  // their invoices and payments are booked in EUR and payments realise small exchange differences.
  for (let month = 0; month <= 13; month++) {
    const rateDate = firstDay.subtract({ days: 31 }).with({ day: 1 }).add({ months: month });
    const rate = (0.9 + 0.025 * Math.sin(month / 2) + 0.01 * (month % 3)).toFixed(4);
    const saved = await saveExchangeRate(db, actor, { currency: 'USD', rateDate: rateDate.toString(), rate, source: 'demo' });
    if (!saved.ok) throw new Error(`demo exchange rate: ${saved.error.message}`);
  }

  const habits = habitMix.flatMap(([habit, count]) => Array.from({ length: count }, () => habit));
  const perCustomer = options.invoicesPerCustomer ?? 40;
  const plans: PlannedInvoice[] = [];
  for (const [index, name] of companyNames.entries()) {
    // 7 is coprime with 50: the habits spread over the list instead of following its order.
    const habit = habits[(index * 7) % habits.length] ?? 'prompt';
    const currency = name.endsWith('Inc.') || name.endsWith('LLC') ? 'USD' : 'EUR';
    const terms = pick([14, 30, 30, 30, 45, 60]);
    const size = pick([1, 1, 2, 3, 5]);
    const created = await createCustomer(db, actor, {
      name,
      email: `accounts@${name.toLowerCase().replace(/[^a-z]+/g, '-').replace(/^-|-$/g, '')}.example`,
      currency,
      paymentTermsDays: terms,
      creditLimitMinor: size * 2_500_000,
      segment: size >= 3 ? 'wholesale' : 'retail',
      externalRef: `C${String(10_001 + index)}`,
      // Sample addresses do not exist: the demo never emails anyone.
      invoiceDelivery: 'none',
      contacts: [{ name: `Accounts payable, ${name}`, email: `ap@${name.toLowerCase().replace(/[^a-z]+/g, '-').replace(/^-|-$/g, '')}.example`, role: 'accounts payable' }],
    });
    if (!created.ok) throw new Error(`demo customer ${name}: ${created.error.message}`);
    const customer = created.value;

    // Plan this customer's year: every random draw happens here, in a fixed order, so the book is deterministic.
    for (let n = 0; n < perCustomer; n++) {
      const issueDate = firstDay.add({ days: between(0, 364) });
      const lines = Array.from({ length: between(1, 3) }, () => {
        const item = pick(lineItems);
        return { description: item.description, quantity: String(between(1, 4)), unitPriceMinor: between(item.priceMinor[0], item.priceMinor[1]) * size, taxRatePercent: item.taxRatePercent };
      });
      const due = issueDate.add({ days: terms });
      const lateness =
        habit === 'prompt' ? -between(0, Math.min(terms, 20))
        : habit === 'mostly_on_time' ? (random() < 0.7 ? -between(0, 5) : between(1, 8))
        : habit === 'late' ? between(3, 25)
        : habit === 'chronic' ? between(20, 75)
        : habit === 'partial' ? between(0, 10)
        : undefined;
      const payDate = due.add({ days: lateness ?? between(10, 40) });
      const method = pick(['bank_transfer', 'bank_transfer', 'bank_transfer', 'direct_debit', 'card', 'cheque'] as const);
      const payments: PlannedPayment[] = [];
      // Customers who stopped paying settled only what fell due in the first half of the year.
      const pays = !(lateness === undefined && Temporal.PlainDate.compare(issueDate, firstDay.add({ days: 150 })) > 0);
      if (habit === 'partial') {
        // Half on the day, the rest some weeks later.
        const later = payDate.add({ days: between(20, 45) });
        if (pays) payments.push({ share: 'half', date: payDate, method, overpaidMinor: 0n }, { share: 'rest', date: later, method, overpaidMinor: 0n });
      } else {
        // Now and then a customer pays a little more than due: it stays as unapplied cash on the account.
        const overpaidMinor = random() < 0.03 ? BigInt(between(100, 5_000)) : 0n;
        if (pays) payments.push({ share: 'all', date: payDate, method, overpaidMinor });
      }
      plans.push({ customerId: customer.id, name, currency, issueDate, lines, payments: payments.filter((p) => Temporal.PlainDate.compare(p.date, today) <= 0) });
    }
  }

  // One billing run per issue date, in date order, so invoice numbers follow the calendar as in a real book.
  plans.sort((a, b) => Temporal.PlainDate.compare(a.issueDate, b.issueDate));
  const byDate = new Map<string, PlannedInvoice[]>();
  for (const plan of plans) {
    const date = plan.issueDate.toString();
    const group = byDate.get(date);
    if (group) group.push(plan);
    else byDate.set(date, [plan]);
  }
  const planned = plans.flatMap((plan) => plan.payments.map((payment) => ({ plan, payment })));
  const total = plans.length + planned.length;
  let done = 0;
  for (const [date, group] of byDate) {
    const run = await issueBillingRun(db, actor, { runKey: `demo:${date}`, issueDate: date, invoices: group.map((p) => ({ customerId: p.customerId, lines: p.lines })) });
    if (!run.ok) throw new Error(`demo invoices of ${date}: ${run.error.message}`);
    done += group.length;
    options.onProgress?.(done, total);
    await yieldToServer();
  }

  // Which invoice each plan became: the runs record it per position of the request.
  const issued = await queryRows<{ run_key: string; item_index: number; invoice_id: string }>(
    db,
    sql`select r.run_key, i.item_index, i.invoice_id::text as invoice_id
          from ${billingRunItems} i join ${billingRuns} r on r.id = i.run_id
         where r.tenant_id = ${tenant.id} and r.run_key like 'demo:%'`,
  );
  const invoiceIdOf = new Map<PlannedInvoice, string>();
  for (const row of issued) {
    const plan = byDate.get(row.run_key.slice('demo:'.length))?.[Number(row.item_index)];
    if (plan) invoiceIdOf.set(plan, row.invoice_id);
  }
  if (invoiceIdOf.size !== plans.length) throw new Error(`demo invoices: ${invoiceIdOf.size} of ${plans.length} issued`);

  // Payments in value-date order, in batches of one transaction each, as automatic cash application records them:
  // the invoices locked, each allocation checked against the open balance it leaves, then written in bulk.
  planned.sort((a, b) => Temporal.PlainDate.compare(a.payment.date, b.payment.date));
  for (let start = 0; start < planned.length; start += paymentsPerTransaction) {
    const batch = planned.slice(start, start + paymentsPerTransaction);
    const result = await inTransaction(db, async (tx) => {
      const ids = [...new Set(batch.map((b) => invoiceIdOf.get(b.plan) ?? ''))].sort();
      const locked = await lockInvoices(tx, actor.tenantId, ids);
      const openAfter = new Map<string, bigint>();
      const checked: CheckedPayment[] = batch.map(({ plan, payment }) => {
        const invoice = locked.get(invoiceIdOf.get(plan) ?? '');
        if (!invoice) throw new Error(`demo payment: invoice of ${plan.name} on ${plan.issueDate.toString()} not issued`);
        const half = invoice.totalMinor / 2n;
        const amountMinor = payment.share === 'all' ? invoice.totalMinor : payment.share === 'half' ? half : invoice.totalMinor - half;
        const open = (openAfter.get(invoice.id) ?? invoice.openMinor) - amountMinor;
        if (open < 0n) throw new Error(`demo payment: invoice ${invoice.number} has less open than ${amountMinor}`);
        openAfter.set(invoice.id, open);
        return {
          customerId: plan.customerId, method: payment.method, amountMinor: amountMinor + payment.overpaidMinor, currency: plan.currency, valueDate: payment.date.toString(),
          payerName: plan.name, reference: invoice.number, allocations: [{ invoice, amountMinor, openAfterMinor: open }],
        };
      });
      await insertCheckedPayments(tx, actor, checked);
      await applyOpenBalances(tx, actor.tenantId, [...openAfter].map(([id, openMinor]) => ({ invoice: locked.get(id) as InvoiceRow, openMinor, settledBy: 'payment' as const })));
    });
    if (!result.ok) throw new Error(`demo payments: ${result.error.message}`);
    done += batch.length;
    options.onProgress?.(done, total);
    await yieldToServer();
  }
  return { tenant, adminKey: key };
}
