/**
 * Planning a batch of cash applications against the invoices as they are once locked. Pure: no I/O.
 *
 * The engine proposed each line against its in-memory picture of the open items; between that and the moment the
 * batch holds the invoices' row locks, a person may have matched something by hand or a credit note may have been
 * applied. The plan re-checks every line against the locked invoices, in order, with running balances: a line is
 * applied whole or not at all, and no invoice is ever settled beyond its open balance.
 */
import type { MatchProposal, ProposedAllocation } from './match.js';

export interface LockedInvoice {
  id: string;
  customerId: string;
  kind: string;
  status: string;
  currency: string;
  openMinor: bigint;
  number: string | null;
}

export interface LineToApply {
  lineId: string;
  amountMinor: bigint;
  currency: string;
  customerId: string;
  allocations: readonly ProposedAllocation[];
  adjustments: MatchProposal['adjustments'];
}

export interface PlannedLine {
  line: LineToApply;
  /** each allocation with the invoice's open balance right after it */
  allocations: Array<{ invoiceId: string; amountMinor: bigint; openAfterMinor: bigint }>;
}

export interface ApplicationPlan {
  accepted: PlannedLine[];
  refused: Array<{ lineId: string; reason: string }>;
  /** final open balance of every invoice the accepted lines touch */
  openAfter: Map<string, bigint>;
}

const settleable = new Set(['open', 'partially_paid']);

export function planApplication(lines: readonly LineToApply[], invoices: ReadonlyMap<string, LockedInvoice>): ApplicationPlan {
  const open = new Map<string, bigint>();
  const openOf = (invoice: LockedInvoice) => open.get(invoice.id) ?? invoice.openMinor;
  const plan: ApplicationPlan = { accepted: [], refused: [], openAfter: open };
  for (const line of lines) {
    const refusal = refusalFor(line, invoices, openOf);
    if (refusal) {
      plan.refused.push({ lineId: line.lineId, reason: refusal });
      continue;
    }
    const allocations: PlannedLine['allocations'] = [];
    for (const a of line.allocations) {
      const invoice = invoices.get(a.invoiceId) as LockedInvoice;
      const after = openOf(invoice) - a.amountMinor;
      open.set(invoice.id, after);
      allocations.push({ invoiceId: a.invoiceId, amountMinor: a.amountMinor, openAfterMinor: after });
    }
    for (const adj of line.adjustments) {
      const invoice = invoices.get(adj.invoiceId) as LockedInvoice;
      open.set(invoice.id, openOf(invoice) - adj.amountMinor);
    }
    plan.accepted.push({ line, allocations });
  }
  return plan;
}

function refusalFor(line: LineToApply, invoices: ReadonlyMap<string, LockedInvoice>, openOf: (invoice: LockedInvoice) => bigint): string | undefined {
  if (line.amountMinor <= 0n) return 'only incoming payments can be applied';
  if (line.amountMinor > BigInt(Number.MAX_SAFE_INTEGER)) return 'the amount is too large to record as one payment';
  const allocated = line.allocations.reduce((s, a) => s + a.amountMinor, 0n);
  if (allocated > line.amountMinor) return `allocations total ${allocated}, the line brought ${line.amountMinor}`;
  // What this line takes from each invoice (an invoice may appear in an allocation and in an adjustment).
  const takes = new Map<string, bigint>();
  for (const part of [...line.allocations, ...line.adjustments]) {
    if (part.amountMinor <= 0n) return 'every allocation must be positive';
    takes.set(part.invoiceId, (takes.get(part.invoiceId) ?? 0n) + part.amountMinor);
  }
  const allocatedIds = new Set<string>();
  for (const a of line.allocations) {
    if (allocatedIds.has(a.invoiceId)) return 'the same invoice appears twice';
    allocatedIds.add(a.invoiceId);
  }
  for (const [invoiceId, amount] of takes) {
    const invoice = invoices.get(invoiceId);
    if (!invoice || invoice.customerId !== line.customerId) return `no invoice ${invoiceId} for this customer`;
    if (invoice.kind !== 'invoice') return `${invoice.number ?? invoiceId} is a ${invoice.kind.replace('_', ' ')}, not an invoice`;
    if (!settleable.has(invoice.status)) return `invoice ${invoice.number ?? invoiceId} is ${invoice.status}`;
    if (invoice.currency !== line.currency) return `invoice ${invoice.number} is in ${invoice.currency}, the payment in ${line.currency}`;
    const open = openOf(invoice);
    if (amount > open) return `invoice ${invoice.number} has ${open} open now; cannot settle ${amount}`;
  }
  return undefined;
}
