/**
 * The matching engine: for each incoming bank statement line, which open invoices does it pay, how sure are we, and
 * why. A pure function of the line, an index of the tenant's open items and payers, and the tenant's rules; it never
 * reads the clock or the database. The service applies proposals at or above the tenant's threshold and queues the
 * rest for a person, whose choices feed back into the payer index ("learned" IBANs and names).
 *
 * Confidence is a number in [0, 1]; the defaults below are calibrated so that auto-applied proposals are right at
 * least 999 times in 1000 on the generator of bench/cashapp.ts (see BENCHMARKS.md), and every proposal explains
 * itself in words a credit controller understands.
 */

export type MatchRuleName =
  | 'structured_reference'
  | 'invoice_number'
  | 'fuzzy_invoice_number'
  | 'payer_amount'
  | 'payer_combination'
  | 'payer_total';

export const allMatchRules: readonly MatchRuleName[] = [
  'structured_reference',
  'invoice_number',
  'fuzzy_invoice_number',
  'payer_amount',
  'payer_combination',
  'payer_total',
];

export interface MatchSettings {
  /** rules in the order they are tried; a rule not listed is off */
  rules: readonly MatchRuleName[];
  /** proposals at or above this confidence are applied without a person */
  autoApplyThreshold: number;
  /** a payment short of the open amount by at most this much (and this share) is treated as bank charges */
  shortPaymentToleranceMinor: bigint;
  shortPaymentToleranceBasisPoints: number;
  /** subset-sum bounds for "one payment for several invoices" */
  maxCombinationSize: number;
  maxCombinationsPerLine: number;
  /** open items of one payer considered for combinations (the oldest first) */
  maxOpenItemsPerCombination: number;
}

export const defaultMatchSettings: MatchSettings = Object.freeze({
  rules: allMatchRules,
  autoApplyThreshold: 0.9,
  shortPaymentToleranceMinor: 2500n,
  shortPaymentToleranceBasisPoints: 100,
  maxCombinationSize: 5,
  maxCombinationsPerLine: 20_000,
  maxOpenItemsPerCombination: 24,
});

export interface OpenItem {
  invoiceId: string;
  number: string;
  customerId: string;
  currency: string;
  openMinor: bigint;
  totalMinor: bigint;
  issueDate: string;
  dueDate: string | null;
  creditorReference: string | null;
  /** early-payment discount still available, and its last day */
  discountMinor: bigint | null;
  discountDeadline: string | null;
}

export interface KnownPayer {
  customerId: string;
  /** IBANs the customer has paid from (learned from applied payments and manual matches) */
  ibans: readonly string[];
  /** the customer's name and names it has paid under */
  names: readonly string[];
}

export interface StatementLineToMatch {
  lineId: string;
  amountMinor: bigint;
  currency: string;
  valueDate: string;
  structuredReference: string | null;
  customerReference: string | null;
  remittanceText: string;
  payerName: string | null;
  payerIban: string | null;
}

export interface ProposedAllocation {
  invoiceId: string;
  amountMinor: bigint;
}

export type Adjustment =
  | { kind: 'early_payment_discount'; invoiceId: string; amountMinor: bigint }
  | { kind: 'bank_charges'; invoiceId: string; amountMinor: bigint };

export interface MatchProposal {
  lineId: string;
  rule: MatchRuleName;
  customerId: string;
  allocations: ProposedAllocation[];
  /** short amounts settled other than by cash: discount taken within terms, bank charges within tolerance */
  adjustments: Adjustment[];
  /** cash left over after the allocations (an overpayment or a payment on account): stays as customer credit */
  unappliedMinor: bigint;
  confidence: number;
  explanation: string;
}

export interface MatchOutcome {
  lineId: string;
  /** the best proposal, if any rule found one */
  proposal: MatchProposal | null;
  /** the runners-up a person may pick from in the exception queue */
  alternatives: MatchProposal[];
  /** true when the proposal may be applied without a person */
  autoApply: boolean;
  /** why nothing was proposed or why it needs a person */
  reasons: string[];
}

/** Everything the engine knows about a tenant's open items and payers, indexed for lookups in O(1). */
export interface MatchIndex {
  byId: Map<string, OpenItem>;
  byReference: Map<string, OpenItem>;
  byNumberKey: Map<string, OpenItem[]>;
  byCustomer: Map<string, OpenItem[]>;
  customerByIban: Map<string, string>;
  customersByName: Map<string, string[]>;
}

/** Upper-case letters and digits only: "inv-2026/00123" → "INV202600123". */
export function compactReference(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/**
 * A key that survives the ways people retype an invoice number: letters dropped, separators changed, leading zeros
 * dropped from each digit group ("INV-2026-000123", "inv 2026/123", "2026-123" → "2026.123").
 */
export function invoiceNumberKey(text: string): string | null {
  const groups = text.match(/\d+/g);
  if (!groups) return null;
  const key = groups.map((g) => g.replace(/^0+(?=\d)/, '')).join('.');
  return key.replace(/\./g, '').length >= 3 ? key : null;
}

/** Normalised payer name for lookups: case, accents, legal forms and punctuation removed. */
export function payerNameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9 ]/g, ' ')
    .split(/\s+/)
    .filter((w) => w && !legalForms.has(w))
    .join(' ');
}
const legalForms = new Set(['LTD', 'LIMITED', 'GMBH', 'AG', 'SA', 'SAS', 'SARL', 'BV', 'NV', 'INC', 'LLC', 'PLC', 'CO', 'KG', 'OY', 'AB', 'AS', 'SPA', 'SRL', 'THE']);

export function buildMatchIndex(openItems: Iterable<OpenItem>, payers: Iterable<KnownPayer>): MatchIndex {
  const index: MatchIndex = { byId: new Map(), byReference: new Map(), byNumberKey: new Map(), byCustomer: new Map(), customerByIban: new Map(), customersByName: new Map() };
  for (const item of openItems) {
    if (item.openMinor <= 0n) continue;
    index.byId.set(item.invoiceId, item);
    if (item.creditorReference) index.byReference.set(compactReference(item.creditorReference), item);
    index.byReference.set(compactReference(item.number), item);
    const key = invoiceNumberKey(item.number);
    if (key) push(index.byNumberKey, key, item);
    push(index.byCustomer, item.customerId, item);
  }
  for (const list of index.byCustomer.values()) list.sort(byAge);
  for (const payer of payers) {
    for (const iban of payer.ibans) index.customerByIban.set(compactReference(iban), payer.customerId);
    for (const name of payer.names) {
      const key = payerNameKey(name);
      if (!key) continue;
      const list = index.customersByName.get(key) ?? [];
      if (!list.includes(payer.customerId)) list.push(payer.customerId);
      index.customersByName.set(key, list);
    }
  }
  return index;
}

/** Removes an item from the index once it is fully paid, so later lines in the same run do not pay it again. */
export function settleInIndex(index: MatchIndex, invoiceId: string, paidMinor: bigint): void {
  const item = index.byId.get(invoiceId);
  if (!item) return;
  const remaining = item.openMinor - paidMinor;
  if (remaining > 0n) {
    index.byId.set(invoiceId, { ...item, openMinor: remaining });
    replaceIn(index, item, { ...item, openMinor: remaining });
    return;
  }
  index.byId.delete(invoiceId);
  if (item.creditorReference) index.byReference.delete(compactReference(item.creditorReference));
  index.byReference.delete(compactReference(item.number));
  const key = invoiceNumberKey(item.number);
  if (key) remove(index.byNumberKey, key, invoiceId);
  remove(index.byCustomer, item.customerId, invoiceId);
}

function replaceIn(index: MatchIndex, old: OpenItem, next: OpenItem) {
  if (old.creditorReference) index.byReference.set(compactReference(old.creditorReference), next);
  index.byReference.set(compactReference(old.number), next);
  const key = invoiceNumberKey(old.number);
  const swap = (list: OpenItem[] | undefined) => list?.forEach((x, i) => x.invoiceId === old.invoiceId && (list[i] = next));
  if (key) swap(index.byNumberKey.get(key));
  swap(index.byCustomer.get(old.customerId));
}

/** Records what a person taught the engine: this IBAN and this name pay for this customer. */
export function learnPayer(index: MatchIndex, customerId: string, iban: string | null, name: string | null): void {
  if (iban) index.customerByIban.set(compactReference(iban), customerId);
  if (name) {
    const key = payerNameKey(name);
    if (key) {
      const list = index.customersByName.get(key) ?? [];
      if (!list.includes(customerId)) list.push(customerId);
      index.customersByName.set(key, list);
    }
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
function remove(map: Map<string, OpenItem[]>, key: string, invoiceId: string) {
  const list = map.get(key);
  if (!list) return;
  const next = list.filter((x) => x.invoiceId !== invoiceId);
  if (next.length === 0) map.delete(key);
  else map.set(key, next);
}
function byAge(a: OpenItem, b: OpenItem): number {
  const ad = a.dueDate ?? a.issueDate;
  const bd = b.dueDate ?? b.issueDate;
  return ad < bd ? -1 : ad > bd ? 1 : a.number < b.number ? -1 : 1;
}

const formatAmount = (minor: bigint) => minor.toString();

/** Damerau–Levenshtein distance, bounded: returns limit + 1 as soon as it is exceeded. */
export function editDistance(a: string, b: string, limit = 2): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push(Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    const row = rows[i] as number[];
    const prev = rows[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (rows[i - 2]?.[j - 2] as number) + 1);
      row[j] = d;
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
  }
  return rows[a.length]?.[b.length] ?? limit + 1;
}

/** Candidate invoice numbers written in free text: a digit run of 3+ with optional letters and separators around it. */
export function referenceCandidates(text: string): string[] {
  const found = text.toUpperCase().match(/[A-Z]{0,6}[-\s/.#:]{0,2}\d[\d\-\s/.]{1,24}\d/g) ?? [];
  return [...new Set(found.map((c) => c.trim()))].slice(0, 20);
}

/** What a payment of `paidMinor` against an item's open amount means, with short-payment handling. */
function settle(item: OpenItem, paidMinor: bigint, valueDate: string, settings: MatchSettings): { allocation: bigint; adjustment: Adjustment | null; unapplied: bigint; note: string } | null {
  const open = item.openMinor;
  if (paidMinor === open) return { allocation: open, adjustment: null, unapplied: 0n, note: 'pays it in full' };
  if (paidMinor > open) return { allocation: open, adjustment: null, unapplied: paidMinor - open, note: `pays it in full with ${formatAmount(paidMinor - open)} over, kept as credit` };
  const short = open - paidMinor;
  if (item.discountMinor && item.discountDeadline && valueDate <= item.discountDeadline && short === item.discountMinor) {
    return { allocation: paidMinor, adjustment: { kind: 'early_payment_discount', invoiceId: item.invoiceId, amountMinor: short }, unapplied: 0n, note: `takes the early-payment discount of ${formatAmount(short)} within its deadline ${item.discountDeadline}` };
  }
  const relativeLimit = (open * BigInt(settings.shortPaymentToleranceBasisPoints)) / 10_000n;
  if (short <= settings.shortPaymentToleranceMinor && short <= relativeLimit) {
    return { allocation: paidMinor, adjustment: { kind: 'bank_charges', invoiceId: item.invoiceId, amountMinor: short }, unapplied: 0n, note: `is ${formatAmount(short)} short, within the bank-charges tolerance` };
  }
  return null;
}

interface Candidate {
  proposal: MatchProposal;
}

/**
 * One identified invoice. `payerConfirmed` says whether the payer is known to be this invoice's customer: without
 * it, an amount that does not fit (an overpayment, a partial payment) is weak evidence that the reference is right
 * (a mistyped number can be another customer's real invoice number), so it goes to a person.
 */
function single(line: StatementLineToMatch, item: OpenItem, rule: MatchRuleName, base: number, why: string, settings: MatchSettings, payerConfirmed: boolean): MatchProposal | null {
  const partialAllowed = payerConfirmed;
  if (item.currency !== line.currency) {
    return {
      lineId: line.lineId, rule, customerId: item.customerId, allocations: [], adjustments: [], unappliedMinor: line.amountMinor,
      confidence: Math.min(base, 0.5),
      explanation: `${why}, but the payment is in ${line.currency} and invoice ${item.number} in ${item.currency}: convert and match by hand`,
    };
  }
  const outcome = settle(item, line.amountMinor, line.valueDate, settings);
  if (outcome) {
    const penalty = outcome.adjustment?.kind === 'bank_charges' ? (payerConfirmed ? 0.03 : 0.06) : outcome.unapplied > 0n ? (payerConfirmed ? 0.04 : 0.15) : 0;
    return {
      lineId: line.lineId, rule, customerId: item.customerId,
      allocations: [{ invoiceId: item.invoiceId, amountMinor: outcome.allocation }],
      adjustments: outcome.adjustment ? [outcome.adjustment] : [],
      unappliedMinor: outcome.unapplied,
      confidence: base - penalty,
      explanation: `${why}; the ${formatAmount(line.amountMinor)} ${line.currency} ${outcome.note}`,
    };
  }
  // Less than open and not explained by a discount or charges: a partial payment of an identified invoice.
  return {
    lineId: line.lineId, rule, customerId: item.customerId,
    allocations: [{ invoiceId: item.invoiceId, amountMinor: line.amountMinor }],
    adjustments: [], unappliedMinor: 0n,
    confidence: partialAllowed ? base - 0.06 : base - 0.3,
    explanation: `${why}; ${formatAmount(line.amountMinor)} of the ${formatAmount(item.openMinor)} open is paid, the rest stays open (partial payment)`,
  };
}

/** Several identified invoices paid by one line: in full, oldest first, the rest as credit or a partial on the last. */
function several(line: StatementLineToMatch, items: OpenItem[], rule: MatchRuleName, base: number, why: string, settings: MatchSettings): MatchProposal | null {
  const customers = new Set(items.map((i) => i.customerId));
  if (customers.size !== 1 || items.some((i) => i.currency !== line.currency)) return null;
  const total = items.reduce((s, i) => s + i.openMinor, 0n);
  const numbers = items.map((i) => i.number).join(', ');
  const customerId = items[0]?.customerId as string;
  if (total === line.amountMinor) {
    return { lineId: line.lineId, rule, customerId, allocations: items.map((i) => ({ invoiceId: i.invoiceId, amountMinor: i.openMinor })), adjustments: [], unappliedMinor: 0n, confidence: base, explanation: `${why}: ${numbers}, and the amount equals their open total` };
  }
  const short = total - line.amountMinor;
  if (short > 0n && short <= settings.shortPaymentToleranceMinor && short <= (total * BigInt(settings.shortPaymentToleranceBasisPoints)) / 10_000n) {
    const last = items[items.length - 1] as OpenItem;
    return {
      lineId: line.lineId, rule, customerId,
      allocations: items.map((i) => ({ invoiceId: i.invoiceId, amountMinor: i === last ? i.openMinor - short : i.openMinor })),
      adjustments: [{ kind: 'bank_charges', invoiceId: last.invoiceId, amountMinor: short }], unappliedMinor: 0n,
      confidence: base - 0.03,
      explanation: `${why}: ${numbers}; ${formatAmount(short)} short of their open total, within the bank-charges tolerance`,
    };
  }
  // Amount does not fit: propose oldest-first for a person to confirm.
  let left = line.amountMinor;
  const allocations: ProposedAllocation[] = [];
  for (const i of items) {
    if (left <= 0n) break;
    const take = left < i.openMinor ? left : i.openMinor;
    allocations.push({ invoiceId: i.invoiceId, amountMinor: take });
    left -= take;
  }
  return { lineId: line.lineId, rule, customerId, allocations, adjustments: [], unappliedMinor: left, confidence: base - 0.3, explanation: `${why}: ${numbers}, but the amount ${formatAmount(line.amountMinor)} is not their open total ${formatAmount(total)}; applied oldest first for review` };
}

/** The customer who sent the line: a learned IBAN first, else a unique exact name match. */
function identifyPayer(line: StatementLineToMatch, index: MatchIndex): { customerId: string; how: string; strength: number } | null {
  if (line.payerIban) {
    const customerId = index.customerByIban.get(compactReference(line.payerIban));
    if (customerId) return { customerId, how: `paid from ${line.payerIban}, an account this customer has paid from before`, strength: 1 };
  }
  if (line.payerName) {
    const candidates = index.customersByName.get(payerNameKey(line.payerName)) ?? [];
    if (candidates.length === 1) return { customerId: candidates[0] as string, how: `payer name "${line.payerName}" is this customer's name`, strength: 0.9 };
  }
  return null;
}

/** Subsets of the payer's open items (oldest first) summing exactly to the amount, bounded by size and count. */
export function findCombinations(items: readonly OpenItem[], amountMinor: bigint, maxSize: number, maxTried: number): { found: OpenItem[][]; exhausted: boolean } {
  const found: OpenItem[][] = [];
  let tried = 0;
  let exhausted = true;
  const chosen: OpenItem[] = [];
  const walk = (start: number, remaining: bigint): void => {
    if (found.length > 1) return;
    for (let i = start; i < items.length; i++) {
      if (++tried > maxTried) {
        exhausted = false;
        return;
      }
      const item = items[i] as OpenItem;
      if (item.openMinor > remaining) continue;
      chosen.push(item);
      if (item.openMinor === remaining) {
        if (chosen.length >= 2) found.push([...chosen]);
      } else if (chosen.length < maxSize) walk(i + 1, remaining - item.openMinor);
      chosen.pop();
      if (found.length > 1 || !exhausted) return;
    }
  };
  walk(0, amountMinor);
  return { found, exhausted };
}

type IdentifiedPayer = ReturnType<typeof identifyPayer>;

function ruleProposals(rule: MatchRuleName, line: StatementLineToMatch, index: MatchIndex, settings: MatchSettings, payer: IdentifiedPayer): MatchProposal[] {
  const payerAgrees = (customerId: string) => payer?.customerId === customerId;
  switch (rule) {
    case 'structured_reference': {
      const refs = [line.structuredReference, line.customerReference].filter((r): r is string => Boolean(r));
      for (const ref of refs) {
        const item = index.byReference.get(compactReference(ref));
        if (item) {
          const why = `structured reference ${ref} is invoice ${item.number}'s`;
          // An RF reference carries check digits, so a typo cannot turn it into another invoice's: strong on its own.
          const checked = /^RF\d{2}/i.test(compactReference(ref)) && compactReference(ref) === compactReference(item.creditorReference ?? '');
          const p = single(line, item, rule, payerAgrees(item.customerId) || !payer ? 0.99 : 0.9, payer && !payerAgrees(item.customerId) ? `${why} (paid by another customer's account)` : why, settings, payerAgrees(item.customerId) || checked);
          return p ? [p] : [];
        }
      }
      return [];
    }
    case 'invoice_number': {
      const hits = new Map<string, OpenItem>();
      const ambiguous: string[] = [];
      for (const candidate of referenceCandidates(`${line.remittanceText} ${line.customerReference ?? ''}`)) {
        const exact = index.byReference.get(compactReference(candidate));
        if (exact) {
          hits.set(exact.invoiceId, exact);
          continue;
        }
        const key = invoiceNumberKey(candidate);
        const byKey = key ? (index.byNumberKey.get(key) ?? []) : [];
        const narrowed = byKey.length > 1 && payer ? byKey.filter((i) => payerAgrees(i.customerId)) : byKey;
        if (narrowed.length === 1) hits.set((narrowed[0] as OpenItem).invoiceId, narrowed[0] as OpenItem);
        else if (narrowed.length > 1) ambiguous.push(candidate);
      }
      const items = [...hits.values()].sort(byAge);
      if (items.length === 0) return [];
      const agreeing = items.every((i) => payerAgrees(i.customerId));
      const base = agreeing ? 0.98 : payer ? 0.8 : 0.96;
      const mention = ambiguous.length > 0 ? ` (also mentions ${ambiguous.join(', ')}, which fits several invoices)` : '';
      if (items.length === 1) {
        const item = items[0] as OpenItem;
        const p = single(line, item, rule, base, `remittance text names invoice ${item.number}${agreeing ? ` and ${payer?.how}` : ''}${mention}`, settings, agreeing);
        return p ? [p] : [];
      }
      const p = several(line, items, rule, base - 0.01, `remittance text names ${items.length} invoices${mention}`, settings);
      return p ? [p] : [];
    }
    case 'fuzzy_invoice_number': {
      // Typos: one edit away from an open invoice of the identified payer, or of an invoice with exactly this amount.
      const candidates = referenceCandidates(`${line.remittanceText} ${line.customerReference ?? ''}`).map(compactReference);
      if (candidates.length === 0) return [];
      const pool = payer ? (index.byCustomer.get(payer.customerId) ?? []) : [];
      const matches = new Map<string, OpenItem>();
      for (const c of candidates) {
        for (const item of pool) {
          const n = compactReference(item.number);
          if (Math.abs(n.length - c.length) <= 1 && editDistance(n, c, 1) <= 1) matches.set(item.invoiceId, item);
          else {
            // The digits alone, when the payer left the prefix out.
            const digits = n.replace(/^[A-Z]+/, '');
            if (digits.length >= 4 && Math.abs(digits.length - c.length) <= 1 && editDistance(digits, c.replace(/^[A-Z]+/, ''), 1) <= 1) matches.set(item.invoiceId, item);
          }
        }
      }
      if (matches.size !== 1) return [];
      const item = [...matches.values()][0] as OpenItem;
      const amountFits = settle(item, line.amountMinor, line.valueDate, settings) !== null && line.amountMinor <= item.openMinor;
      const p = single(line, item, rule, amountFits ? 0.95 : 0.7, `remittance text nearly names invoice ${item.number} (one character off) and ${payer?.how ?? 'the payer is unknown'}`, settings, false);
      return p ? [p] : [];
    }
    case 'payer_amount': {
      if (!payer) return [];
      const items = (index.byCustomer.get(payer.customerId) ?? []).filter((i) => i.currency === line.currency);
      const exact = items.filter((i) => i.openMinor === line.amountMinor);
      if (exact.length === 1) {
        const p = single(line, exact[0] as OpenItem, rule, payer.strength >= 1 ? 0.93 : 0.85, `${payer.how}, and ${(exact[0] as OpenItem).number} is its only open invoice of exactly this amount`, settings, false);
        return p ? [p] : [];
      }
      if (exact.length > 1) {
        const p = single(line, exact[0] as OpenItem, rule, 0.7, `${payer.how}; ${exact.length} open invoices have exactly this amount, the oldest (${(exact[0] as OpenItem).number}) is proposed`, settings, false);
        return p ? [p] : [];
      }
      // Discounts or charges: a single open item that this amount settles within terms or tolerance.
      const fitting = items.filter((i) => i.openMinor > line.amountMinor && settle(i, line.amountMinor, line.valueDate, settings) !== null);
      if (fitting.length === 1) {
        const p = single(line, fitting[0] as OpenItem, rule, payer.strength >= 1 ? 0.92 : 0.84, `${payer.how}, and only ${(fitting[0] as OpenItem).number} fits this amount`, settings, false);
        return p ? [p] : [];
      }
      return [];
    }
    case 'payer_combination': {
      if (!payer) return [];
      const items = (index.byCustomer.get(payer.customerId) ?? []).filter((i) => i.currency === line.currency).slice(0, settings.maxOpenItemsPerCombination);
      const { found, exhausted } = findCombinations(items, line.amountMinor, settings.maxCombinationSize, settings.maxCombinationsPerLine);
      if (found.length === 0) return [];
      const combo = found[0] as OpenItem[];
      const unique = found.length === 1 && exhausted;
      const p = several(line, combo, rule, unique ? (payer.strength >= 1 ? 0.92 : 0.85) : 0.6, `${payer.how}; ${unique ? 'exactly one' : 'more than one'} combination of its open invoices adds up to the amount`, settings);
      return p ? [p] : [];
    }
    case 'payer_total': {
      if (!payer) return [];
      const items = (index.byCustomer.get(payer.customerId) ?? []).filter((i) => i.currency === line.currency);
      if (items.length < 2) return [];
      const total = items.reduce((s, i) => s + i.openMinor, 0n);
      if (total !== line.amountMinor) return [];
      const p = several(line, items, rule, payer.strength >= 1 ? 0.94 : 0.86, `${payer.how}; the amount settles all ${items.length} of its open invoices`, settings);
      return p ? [p] : [];
    }
  }
}

/** Matches one incoming payment (a credit line) against the index. Debits and zero lines are not customer payments. */
export function matchStatementLine(line: StatementLineToMatch, index: MatchIndex, settings: MatchSettings = defaultMatchSettings): MatchOutcome {
  if (line.amountMinor <= 0n) return { lineId: line.lineId, proposal: null, alternatives: [], autoApply: false, reasons: ['not an incoming payment (a debit or zero amount)'] };
  const proposals: Candidate[] = [];
  const payer = identifyPayer(line, index);
  for (const rule of settings.rules) {
    for (const proposal of ruleProposals(rule, line, index, settings, payer)) proposals.push({ proposal });
    // A near-certain answer from an earlier rule ends the search: later rules are weaker evidence.
    if (proposals.some((c) => c.proposal.confidence >= 0.97)) break;
  }
  if (proposals.length === 0) {
    return {
      lineId: line.lineId, proposal: null, alternatives: [], autoApply: false,
      reasons: [payer ? `${payer.how}, but no open invoice or combination fits ${formatAmount(line.amountMinor)} ${line.currency}` : 'no reference to an open invoice and the payer is not known'],
    };
  }
  proposals.sort((a, b) => b.proposal.confidence - a.proposal.confidence);
  const [best, ...rest] = proposals.map((c) => c.proposal);
  const proposal = best as MatchProposal;
  // Two different answers of similar strength: a person decides.
  const contested = rest.find((r) => !sameAllocations(r, proposal) && r.confidence >= proposal.confidence - 0.05);
  const reasons: string[] = [];
  if (contested) reasons.push(`another rule (${contested.rule}) proposes a different match: ${contested.explanation}`);
  if (proposal.confidence < settings.autoApplyThreshold) reasons.push(`confidence ${proposal.confidence.toFixed(2)} is below the auto-apply threshold ${settings.autoApplyThreshold}`);
  if (proposal.allocations.length === 0) reasons.push('nothing can be allocated automatically');
  return { lineId: line.lineId, proposal, alternatives: rest.filter((r) => !sameAllocations(r, proposal)).slice(0, 3), autoApply: reasons.length === 0, reasons };
}

function sameAllocations(a: MatchProposal, b: MatchProposal): boolean {
  if (a.allocations.length !== b.allocations.length) return false;
  const key = (p: MatchProposal) => p.allocations.map((x) => `${x.invoiceId}:${x.amountMinor}`).sort().join('|');
  return key(a) === key(b);
}
