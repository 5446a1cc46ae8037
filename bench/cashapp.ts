// Cash application benchmark: `npm run bench:cashapp -- [--invoices 1000000] [--customers 50000] [--lines 100000]
//   [--db-invoices 100000] [--db-lines 5000] [--pglite-db-invoices 20000] [--postgres URL]`
//
// 1. The matching engine alone, on a seeded synthetic book (default 1,000,000 open invoices over 50,000 customers and
//    100,000 bank lines with the noise model below): auto-match rate, precision of what was applied automatically
//    against the generator's truth, and lines per second.
// 2. End to end on each database: a camt.053 file of bank lines over a generated book is imported through the
//    service (parse + store) and cash application run over it (certain matches applied in set-based batches with
//    payments, allocations, journal entries, events, receipts and audit records). Reports seconds for import and for
//    apply, and lines per second. The book has 40 % of its invoices open: --db-lines needs at least 1.25 open
//    invoices per line (100,000 lines: --db-invoices 500000 or more).
//
// Noise model (shares of lines; every draw from one seeded generator, so a run is repeatable):
//   40 % structured reference (invoice number as RF/structured reference), full amount
//   15 % invoice number in free text in varied formatting ("Invoice INV-…", "inv 2026/…", "…123 thanks")
//    5 % invoice number mistyped (one digit changed or two swapped), payer's IBAN known
//    8 % one payment for 2–4 invoices of one customer: numbers listed in the text (half) or no text, IBAN known (half)
//    5 % partial payment (30–90 %) with the structured reference
//    4 % short payment: invoice number in text, 1.00–15.00 of bank charges deducted (within tolerance)
//    2 % overpayment with the structured reference (+1.00–50.00, kept as credit)
//    9 % no reference at all, payer IBAN known, the amount of one of the payer's open invoices
//    7 % unknown payer (not a customer), random text: no correct answer
//    3 % duplicate of an earlier line (same payer, amount, reference): the correct answer is not to apply it
//    2 % a known payer paying an amount that fits nothing: no correct answer
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openPglite, openPostgres, queryRows, toBigInt, type DatabaseHandle } from '../src/db/connection.js';
import { importBankStatement, runCashApplication } from '../src/modules/cashapp/service.js';
import { buildMatchIndex, compactReference, defaultMatchSettings, matchStatementLine, settleInIndex, type KnownPayer, type OpenItem, type StatementLineToMatch } from '../src/modules/cashapp/match.js';
import { findDuplicate, type PaymentSeen } from '../src/modules/cashapp/suspect.js';
import type { Actor } from '../src/modules/identity/roles.js';
import { seededRandom } from '../src/kernel/seeded-random.js';
import { generateBook } from './generate-book.js';

const { values } = parseArgs({
  options: {
    invoices: { type: 'string', default: '1000000' },
    customers: { type: 'string', default: '50000' },
    lines: { type: 'string', default: '100000' },
    'db-invoices': { type: 'string', default: '100000' },
    'pglite-db-invoices': { type: 'string', default: '20000' },
    'db-lines': { type: 'string', default: '5000' },
    postgres: { type: 'string' },
    seed: { type: 'string', default: '20261129' },
  },
});

interface Customer {
  id: string;
  iban: string;
  name: string;
  known: boolean;
}
interface GeneratedLine extends StatementLineToMatch {
  /** the correct allocations, or null when the right answer is not to apply the line automatically */
  truth: Array<{ invoiceId: string; amountMinor: bigint }> | null;
  category: string;
}

const ibanOf = (n: number) => `DE${String(10 + (n % 89)).padStart(2, '0')}5001${String(n).padStart(14, '0')}`;

function syntheticBook(invoiceCount: number, customerCount: number, random: () => number): { customers: Customer[]; items: OpenItem[] } {
  const customers: Customer[] = Array.from({ length: customerCount }, (_, i) => ({ id: `C${i}`, iban: ibanOf(i + 1), name: `Customer ${String(i + 1).padStart(5, '0')} GmbH`, known: random() < 0.85 }));
  const items: OpenItem[] = [];
  for (let n = 1; n <= invoiceCount; n++) {
    const customer = customers[Math.floor(random() * customerCount)] as Customer;
    const amount = BigInt(Math.round(5_000 * Math.exp(random() * 5.3))); // 50.00 .. ~10,000.00, skewed small
    const day = 1 + Math.floor(random() * 330);
    const issue = new Date(Date.UTC(2026, 0, day)).toISOString().slice(0, 10);
    const due = new Date(Date.UTC(2026, 0, day + 30)).toISOString().slice(0, 10);
    items.push({ invoiceId: `I${n}`, number: `INV-2026-${String(n).padStart(7, '0')}`, customerId: customer.id, currency: 'EUR', openMinor: amount, totalMinor: amount, issueDate: issue, dueDate: due, creditorReference: null, discountMinor: null, discountDeadline: null });
  }
  return { customers, items };
}

function mistype(number: string, random: () => number): string {
  const digits = [...number];
  const positions = digits.map((c, i) => (/\d/.test(c) ? i : -1)).filter((i) => i >= number.length - 5);
  const at = positions[Math.floor(random() * positions.length)] as number;
  if (random() < 0.5 && at + 1 < digits.length && digits[at] !== digits[at + 1]) [digits[at], digits[at + 1]] = [digits[at + 1] as string, digits[at] as string];
  else digits[at] = String((Number(digits[at]) + 1 + Math.floor(random() * 8)) % 10);
  return digits.join('');
}

function formatted(number: string, random: () => number): string {
  const digits = number.replace(/^INV-/, '');
  const [year, seq] = digits.split('-') as [string, string];
  const forms = [`Invoice ${number}`, `inv ${year}/${Number(seq)}`, `RE ${number.toLowerCase()} thanks`, `${year}-${seq} payment`, `Rechnung Nr. ${number}`, `INV${year}${seq}`];
  return forms[Math.floor(random() * forms.length)] as string;
}

/** Lines over the open items, following the noise model; each invoice is the truth of at most one line. */
function generateLines(lineCount: number, customers: Customer[], items: OpenItem[], random: () => number): GeneratedLine[] {
  const byCustomer = new Map<string, OpenItem[]>();
  for (const item of items) {
    const list = byCustomer.get(item.customerId) ?? [];
    list.push(item);
    byCustomer.set(item.customerId, list);
  }
  const customerById = new Map(customers.map((c) => [c.id, c]));
  const used = new Set<string>();
  const lines: GeneratedLine[] = [];
  const pick = (): OpenItem => {
    // Each line pays invoices no other line pays; beyond ~80 % of the open items the book is too small for the lines.
    if (used.size > items.length * 0.8) throw new Error(`${lineCount} lines need more open invoices than the ${items.length} in this book: raise --db-invoices / --pglite-db-invoices`);
    for (;;) {
      const item = items[Math.floor(random() * items.length)] as OpenItem;
      if (!used.has(item.invoiceId)) {
        used.add(item.invoiceId);
        return item;
      }
    }
  };
  const date = (item: OpenItem) => item.dueDate ?? item.issueDate;
  const base = (item: OpenItem, category: string): GeneratedLine => {
    const c = customerById.get(item.customerId) as Customer;
    return { lineId: `L${lines.length + 1}`, amountMinor: item.openMinor, currency: 'EUR', valueDate: date(item), structuredReference: null, customerReference: null, remittanceText: '', payerName: c.name.toUpperCase(), payerIban: c.iban, truth: [{ invoiceId: item.invoiceId, amountMinor: item.openMinor }], category };
  };
  while (lines.length < lineCount) {
    const r = random();
    if (r < 0.4) {
      const item = pick();
      lines.push({ ...base(item, 'structured reference'), structuredReference: item.number });
    } else if (r < 0.55) {
      const item = pick();
      lines.push({ ...base(item, 'number in text'), remittanceText: formatted(item.number, random) });
    } else if (r < 0.6) {
      const item = pick();
      const c = customerById.get(item.customerId) as Customer;
      lines.push({ ...base(item, 'mistyped number'), remittanceText: `Invoice ${mistype(item.number, random)}`, truth: c.known ? [{ invoiceId: item.invoiceId, amountMinor: item.openMinor }] : null });
    } else if (r < 0.68) {
      const first = pick();
      const open = (byCustomer.get(first.customerId) ?? []).filter((i) => !used.has(i.invoiceId));
      const extra = open.slice(0, 1 + Math.floor(random() * 3));
      extra.forEach((i) => used.add(i.invoiceId));
      const group = [first, ...extra];
      const c = customerById.get(first.customerId) as Customer;
      const withText = random() < 0.5;
      const total = group.reduce((s, i) => s + i.openMinor, 0n);
      lines.push({
        ...base(first, 'combined payment'), amountMinor: total, remittanceText: withText ? group.map((i) => i.number).join(', ') : '',
        truth: group.length === 1 || withText || c.known ? group.map((i) => ({ invoiceId: i.invoiceId, amountMinor: i.openMinor })) : null,
      });
    } else if (r < 0.73) {
      const item = pick();
      const share = (item.openMinor * BigInt(30 + Math.floor(random() * 60))) / 100n;
      const paid = share > 0n ? share : 1n;
      lines.push({ ...base(item, 'partial payment'), amountMinor: paid, structuredReference: item.number, truth: [{ invoiceId: item.invoiceId, amountMinor: paid }] });
    } else if (r < 0.77) {
      const item = pick();
      const drawn = BigInt(100 + Math.floor(random() * 1400));
      // Charges never swallow a small invoice whole: a bank line always brings money in.
      const charges = drawn < item.openMinor ? drawn : item.openMinor / 10n;
      const tolerated = charges <= 2500n && charges * 100n <= item.openMinor;
      lines.push({ ...base(item, 'short payment'), amountMinor: item.openMinor - charges, remittanceText: `Invoice ${item.number}`, truth: [{ invoiceId: item.invoiceId, amountMinor: tolerated ? item.openMinor - charges : item.openMinor - charges }] });
    } else if (r < 0.79) {
      const item = pick();
      lines.push({ ...base(item, 'overpayment'), amountMinor: item.openMinor + BigInt(100 + Math.floor(random() * 4900)), structuredReference: item.number });
    } else if (r < 0.88) {
      const item = pick();
      const c = customerById.get(item.customerId) as Customer;
      const sameAmount = (byCustomer.get(item.customerId) ?? []).filter((i) => i.openMinor === item.openMinor).length;
      lines.push({ ...base(item, 'no reference, known payer'), truth: c.known && sameAmount === 1 ? [{ invoiceId: item.invoiceId, amountMinor: item.openMinor }] : null });
    } else if (r < 0.95) {
      const n = 900_000_000 + lines.length;
      lines.push({ lineId: `L${lines.length + 1}`, amountMinor: BigInt(1_000 + Math.floor(random() * 500_000)), currency: 'EUR', valueDate: '2026-06-15', structuredReference: null, customerReference: null, remittanceText: `Order ${Math.floor(random() * 1e6)} refund`, payerName: `Stranger ${n} Ltd`, payerIban: ibanOf(n), truth: null, category: 'unknown payer' });
    } else if (r < 0.98 && lines.length > 0) {
      const earlier = lines[Math.floor(random() * lines.length)] as GeneratedLine;
      lines.push({ ...earlier, lineId: `L${lines.length + 1}`, truth: null, category: 'duplicate' });
    } else {
      const item = items[Math.floor(random() * items.length)] as OpenItem;
      lines.push({ ...base(item, 'amount fits nothing'), amountMinor: 7n + BigInt(Math.floor(random() * 99)), truth: null });
    }
  }
  return lines;
}

const sameAllocations = (a: Array<{ invoiceId: string; amountMinor: bigint }>, b: Array<{ invoiceId: string; amountMinor: bigint }>) =>
  a.length === b.length && a.map((x) => `${x.invoiceId}:${x.amountMinor}`).sort().join() === b.map((x) => `${x.invoiceId}:${x.amountMinor}`).sort().join();

function engineBenchmark(invoiceCount: number, customerCount: number, lineCount: number, seed: number) {
  const random = seededRandom(seed);
  const { customers, items } = syntheticBook(invoiceCount, customerCount, random);
  const lines = generateLines(lineCount, customers, items, random);
  const payers: KnownPayer[] = customers.map((c) => ({ customerId: c.id, ibans: c.known ? [c.iban] : [], names: [] }));
  const startIndex = performance.now();
  const index = buildMatchIndex(items, payers);
  const indexMs = performance.now() - startIndex;
  const seen = new Map<string, PaymentSeen[]>();
  let auto = 0;
  let autoCorrect = 0;
  let withTruth = 0;
  let withTruthAuto = 0;
  const wrong: Record<string, number> = {};
  const missedByCategory: Record<string, number> = {};
  const start = performance.now();
  for (const line of lines) {
    const outcome = matchStatementLine(line, index, defaultMatchSettings);
    const key = `${line.amountMinor}`;
    const asSeen = { lineId: line.lineId, valueDate: line.valueDate, amountMinor: line.amountMinor, payerIban: line.payerIban, payerName: line.payerName, reference: line.structuredReference ?? line.remittanceText };
    const sameAmount = seen.get(key) ?? [];
    const duplicate = findDuplicate(asSeen, sameAmount);
    sameAmount.push(asSeen);
    seen.set(key, sameAmount);
    const applied = outcome.autoApply && !duplicate && outcome.proposal !== null;
    if (line.truth) withTruth++;
    if (applied && outcome.proposal) {
      auto++;
      for (const a of outcome.proposal.allocations) settleInIndex(index, a.invoiceId, a.amountMinor);
      for (const a of outcome.proposal.adjustments) settleInIndex(index, a.invoiceId, a.amountMinor);
      if (line.truth && sameAllocations(outcome.proposal.allocations, line.truth)) {
        autoCorrect++;
        withTruthAuto++;
      } else wrong[line.category] = (wrong[line.category] ?? 0) + 1;
    } else if (line.truth) missedByCategory[line.category] = (missedByCategory[line.category] ?? 0) + 1;
  }
  const ms = performance.now() - start;
  return { lines: lines.length, indexMs, ms, auto, autoCorrect, withTruth, withTruthAuto, wrong, missedByCategory, lines_: lines };
}

function camt053(lines: GeneratedLine[], statementId: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const money = (m: bigint) => `${m / 100n}.${String(m % 100n).padStart(2, '0')}`;
  const entries = lines.map(
    (l) => `<Ntry><Amt Ccy="EUR">${money(l.amountMinor)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>${l.valueDate}</Dt></BookgDt><ValDt><Dt>${l.valueDate}</Dt></ValDt><AcctSvcrRef>${l.lineId}</AcctSvcrRef><NtryDtls><TxDtls><RltdPties><Dbtr><Nm>${esc(l.payerName ?? '')}</Nm></Dbtr><DbtrAcct><Id><IBAN>${l.payerIban}</IBAN></Id></DbtrAcct></RltdPties><RmtInf>${l.structuredReference ? `<Strd><CdtrRefInf><Ref>${l.structuredReference}</Ref></CdtrRefInf></Strd>` : ''}${l.remittanceText ? `<Ustrd>${esc(l.remittanceText)}</Ustrd>` : ''}</RmtInf></TxDtls></NtryDtls></Ntry>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>${statementId}</MsgId><CreDtTm>2026-11-29T00:00:00</CreDtTm></GrpHdr><Stmt><Id>${statementId}</Id><Acct><Id><IBAN>DE02120300000000202051</IBAN></Id><Ccy>EUR</Ccy></Acct>${entries.join('')}</Stmt></BkToCstmrStmt></Document>`;
}

/**
 * The book, the generated lines and their camt.053 file, imported. Kept apart from the apply so that none of it is
 * still reachable while the apply runs: a server applying a statement holds no generator's book, and the process's
 * garbage collector would otherwise go through a few hundred megabytes of it on every full collection.
 */
async function importGeneratedStatement(label: string, handle: DatabaseHandle, invoiceCount: number, lineCount: number, seed: number) {
  const customerCount = Math.max(100, Math.floor(invoiceCount / 20));
  const tenant = await generateBook(handle.db, invoiceCount, customerCount);
  const actor: Actor = { tenantId: tenant.id, role: 'admin', label: 'bench' };
  const random = seededRandom(seed);
  const customerRows = await queryRows<{ id: string; name: string }>(handle.db, sql`select id, name from customers where tenant_id = ${tenant.id} order by name`);
  const customers: Customer[] = customerRows.map((c, i) => ({ id: c.id, name: c.name, iban: ibanOf(i + 1), known: random() < 0.85 }));
  const known = customers.filter((c) => c.known);
  for (let i = 0; i < known.length; i += 1000) {
    const chunk = known.slice(i, i + 1000);
    await handle.db.execute(sql`insert into known_payers (id, tenant_id, customer_id, iban, source, payment_count, largest_payment_minor)
      select gen_random_uuid(), ${tenant.id}::uuid, c.customer_id::uuid, c.iban, 'manual', 1, 0
        from json_to_recordset(${JSON.stringify(chunk.map((c) => ({ customer_id: c.id, iban: compactReference(c.iban) })))}::json) as c(customer_id text, iban text)`);
  }
  const rows = await queryRows<Record<string, unknown>>(handle.db, sql`select id, number, customer_id, open_minor, issue_date::text as issue_date, due_date::text as due_date from invoices where tenant_id = ${tenant.id} and status = 'open'`);
  const items: OpenItem[] = rows.map((r) => ({ invoiceId: r.id as string, number: r.number as string, customerId: r.customer_id as string, currency: 'EUR', openMinor: toBigInt(r.open_minor), totalMinor: toBigInt(r.open_minor), issueDate: r.issue_date as string, dueDate: r.due_date as string, creditorReference: null, discountMinor: null, discountDeadline: null }));
  const lines = generateLines(lineCount, customers, items, random);
  const file = camt053(lines, `BENCH-${label}-${invoiceCount}`);
  const importStart = performance.now();
  const imported = await importBankStatement(handle.db, actor, { content: file });
  const importMs = performance.now() - importStart;
  if (!imported.ok) throw new Error(JSON.stringify(imported.error));
  return { actor, openItems: items.length, importMs };
}

async function endToEnd(label: string, handle: DatabaseHandle, invoiceCount: number, lineCount: number, seed: number) {
  const { actor, openItems, importMs } = await importGeneratedStatement(label, handle, invoiceCount, lineCount, seed);
  const cpuBefore = process.cpuUsage();
  const applyStart = performance.now();
  const summary = await runCashApplication(handle.db, actor);
  const applyMs = performance.now() - applyStart;
  const cpu = process.cpuUsage(cpuBefore);
  return { label, invoiceCount, openItems, lineCount, importMs, applyMs, applyNodeCpuMs: (cpu.user + cpu.system) / 1000, summary };
}

const seed = Number(values.seed);
const [invoiceCount, customerCount, lineCount] = [Number(values.invoices), Number(values.customers), Number(values.lines)];
console.info(`engine: ${invoiceCount} open invoices, ${customerCount} customers, ${lineCount} lines`);
const engine = engineBenchmark(invoiceCount, customerCount, lineCount, seed);
const pct = (a: number, b: number) => `${((100 * a) / Math.max(b, 1)).toFixed(3)} %`;
console.info({ ...engine, lines_: undefined });

const results: Awaited<ReturnType<typeof endToEnd>>[] = [];
const dbLines = Number(values['db-lines']);
if (dbLines > 0 && Number(values['pglite-db-invoices']) > 0) {
  // PGlite keeps its data in a folder, as `npm start` does (./data): a scratch folder here, removed afterwards.
  const dataDir = await mkdtemp(join(tmpdir(), 'cashloop-bench-cashapp-'));
  const handle = await openPglite({ dataDir });
  await migrateDatabase(handle);
  results.push(await endToEnd('PGlite', handle, Number(values['pglite-db-invoices']), dbLines, seed));
  await handle.close();
  await rm(dataDir, { recursive: true, force: true });
  console.info(results.at(-1));
}
if (values.postgres && dbLines > 0) {
  const url = new URL(values.postgres);
  const admin = await openPostgres(url.toString());
  const name = `cashloop_bench_cashapp_${Date.now()}`;
  await admin.db.execute(sql.raw(`create database ${name}`));
  await admin.close();
  url.pathname = `/${name}`;
  const handle = await openPostgres(url.toString());
  await migrateDatabase(handle, url.toString());
  results.push(await endToEnd('PostgreSQL', handle, Number(values['db-invoices']), dbLines, seed));
  await handle.close();
  console.info(results.at(-1));
}

const section = [
  '## Cash application',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
  `Command: \`npm run bench:cashapp -- --invoices ${invoiceCount} --customers ${customerCount} --lines ${lineCount} --db-invoices ${values['db-invoices']} --pglite-db-invoices ${values['pglite-db-invoices']} --db-lines ${dbLines}${values.postgres ? ' --postgres <url>' : ''}\` (seed ${seed}; noise model in bench/cashapp.ts).`,
  '',
  '### The matching engine',
  '',
  '| measure | value |',
  '| --- | --- |',
  `| open invoices / customers / bank lines | ${invoiceCount.toLocaleString('en')} / ${customerCount.toLocaleString('en')} / ${engine.lines.toLocaleString('en')} |`,
  `| lines with a correct answer | ${engine.withTruth.toLocaleString('en')} |`,
  `| auto-match rate (auto-applied correctly / lines with a correct answer) | ${pct(engine.withTruthAuto, engine.withTruth)} (goal ≥ 95 %) |`,
  `| precision (correct / auto-applied) | ${pct(engine.autoCorrect, engine.auto)} of ${engine.auto.toLocaleString('en')} (goal ≥ 99.9 %) |`,
  `| wrong auto-applications by line kind | ${JSON.stringify(engine.wrong)} |`,
  `| left for a person although answerable, by kind | ${JSON.stringify(engine.missedByCategory)} |`,
  `| index build | ${(engine.indexMs / 1000).toFixed(2)} s |`,
  `| engine speed | ${Math.round(engine.lines / (engine.ms / 1000)).toLocaleString('en')} lines/s (${(engine.ms / 1000).toFixed(2)} s) |`,
  '',
  '### Import and apply, end to end',
  '',
  '| database | open invoices | bank lines | import (parse + store) | apply | applied / exceptions / suspect | lines per second (apply) | Node CPU during the apply |',
  '| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: |',
  ...results.map((r) => `| ${r.label} | ${r.openItems.toLocaleString('en')} | ${r.lineCount.toLocaleString('en')} | ${(r.importMs / 1000).toFixed(2)} s | ${(r.applyMs / 1000).toFixed(2)} s | ${r.summary.applied} / ${r.summary.exceptions} / ${r.summary.suspect} | ${Math.round(r.lineCount / (r.applyMs / 1000))} | ${(r.applyNodeCpuMs / 1000).toFixed(2)} s |`),
  '',
].join('\n');
const path = new URL('../BENCHMARKS.md', import.meta.url);
const current = await readFile(path, 'utf8').catch(() => '# Benchmarks\n');
const start = current.indexOf('## Cash application');
// The section ends at the next heading or at the next section's marker comment (<!-- bench:… -->), which stays.
const ends = start >= 0 ? ['\n## ', '\n<!-- bench:'].map((m) => current.indexOf(m, start + 5)).filter((i) => i >= 0) : [];
const next = ends.length > 0 ? Math.min(...ends) : -1;
const updated = start >= 0 ? current.slice(0, start) + section + (next >= 0 ? current.slice(next + 1) : '') : `${current.trimEnd()}\n\n${section}`;
await writeFile(path, updated);
console.info(section);
