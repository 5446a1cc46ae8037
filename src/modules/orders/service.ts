import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { isAnyOf } from '../../db/id-list.js';
import type { Database, Executor, Transaction } from '../../db/connection.js';
import { queryRows, toBigInt } from '../../db/connection.js';
import { inTransaction, pgCode } from '../../db/transaction.js';
import { compareDates } from '../../kernel/business-date.js';
import { newId } from '../../kernel/ids.js';
import { DomainFailure, fail, ok, type FieldError, type Result } from '../../kernel/result.js';
import { priceForOrderLine } from '../catalog/service.js';
import { decideCredit, type CreditDecision, type CreditPosition } from '../credit/credit-decision.js';
import { creditRiskOf, loadCreditSettings } from '../credit/service.js';
import { findCustomer, type CustomerRow } from '../customers/service.js';
import { emitEvent, eventTypes, type EventType } from '../events/service.js';
import { recordAudit } from '../identity/audit.js';
import type { Actor } from '../identity/roles.js';
import { priceInvoice } from '../invoicing/invoice-totals.js';
import { createAndIssueInvoice, findInvoice, issueCreditNote, onInvoiceSettled, takeNextNumber, type InvoiceRow } from '../invoicing/service.js';
import { customerReceivables } from '../reporting/service.js';
import {
  milestoneAmounts,
  milestoneFaults,
  milestonesDue,
  recurrenceComplete,
  recurringPeriodsDue,
  type Milestone,
  type Recurrence,
} from './billing-schedule.js';
import {
  cancellableStatuses,
  exposureStatuses,
  isFullyInvoiced,
  shippableStatuses,
  statusAfterDelivery,
  type BillingPolicy,
  type OrderStatus,
} from './order-lifecycle.js';
import { formatQuantity, parseQuantity, quantityFromDb } from './quantity.js';
import { orderBillings, orderEvents, salesOrderLines, salesOrders, shipmentLines, shipments } from './schema.js';

export type OrderRow = typeof salesOrders.$inferSelect;
export type OrderLineRow = typeof salesOrderLines.$inferSelect;
export type OrderEventRow = typeof orderEvents.$inferSelect;
export type OrderBillingRow = typeof orderBillings.$inferSelect;
export interface OrderDetail extends OrderRow {
  lines: OrderLineRow[];
  billings: OrderBillingRow[];
  events: OrderEventRow[];
}

export const maxLinesPerOrder = 500;

export interface OrderLineInput {
  productId: string;
  quantity: string;
  /** Overrides the price list; needs a role allowed to override prices. */
  unitPriceMinor?: number | undefined;
  discountPercent?: string | undefined;
  taxRatePercent?: string | undefined;
  description?: string | undefined;
}

export interface OrderInput {
  customerId: string;
  orderDate: string;
  customerReference?: string | null | undefined;
  billingPolicy: BillingPolicy;
  milestones?: Milestone[] | undefined;
  recurrence?: Recurrence | undefined;
  lines: OrderLineInput[];
}

const invalid = (message: string, fieldErrors: FieldError[]) => new DomainFailure({ code: 'validation_failed', message, fieldErrors });

// ---- loading -------------------------------------------------------------------------------------

async function lockOrder(tx: Transaction, tenantId: string, orderId: string): Promise<OrderRow> {
  const [order] = await tx
    .select()
    .from(salesOrders)
    .where(and(eq(salesOrders.tenantId, tenantId), eq(salesOrders.id, orderId)))
    .for('update');
  if (!order) throw new DomainFailure({ code: 'not_found', message: `no order ${orderId}` });
  return order;
}

async function loadLines(executor: Executor, tenantId: string, orderId: string): Promise<OrderLineRow[]> {
  return executor
    .select()
    .from(salesOrderLines)
    .where(and(eq(salesOrderLines.tenantId, tenantId), eq(salesOrderLines.orderId, orderId)))
    .orderBy(asc(salesOrderLines.position));
}

async function loadBillings(executor: Executor, tenantId: string, orderId: string): Promise<OrderBillingRow[]> {
  return executor
    .select()
    .from(orderBillings)
    .where(and(eq(orderBillings.tenantId, tenantId), eq(orderBillings.orderId, orderId)))
    .orderBy(asc(orderBillings.id));
}

async function loadDetail(executor: Executor, order: OrderRow): Promise<OrderDetail> {
  const [lines, billings, events] = [
    await loadLines(executor, order.tenantId, order.id),
    await loadBillings(executor, order.tenantId, order.id),
    await executor
      .select()
      .from(orderEvents)
      .where(and(eq(orderEvents.tenantId, order.tenantId), eq(orderEvents.orderId, order.id)))
      .orderBy(asc(orderEvents.id)),
  ];
  return { ...order, lines, billings, events };
}

export async function getOrder(db: Database, actor: Actor, orderId: string): Promise<Result<OrderDetail>> {
  const [order] = await db.select().from(salesOrders).where(and(eq(salesOrders.tenantId, actor.tenantId), eq(salesOrders.id, orderId)));
  if (!order) return fail('not_found', `no order ${orderId}`);
  return ok(await loadDetail(db, order));
}

export async function listOrders(
  db: Database,
  actor: Actor,
  query: { customerId?: string | undefined; status?: OrderStatus | undefined; afterId?: string | undefined; limit: number },
): Promise<OrderRow[]> {
  const conditions = [eq(salesOrders.tenantId, actor.tenantId)];
  if (query.customerId) conditions.push(eq(salesOrders.customerId, query.customerId));
  if (query.status) conditions.push(eq(salesOrders.status, query.status));
  if (query.afterId) conditions.push(gt(salesOrders.id, query.afterId));
  return db.select().from(salesOrders).where(and(...conditions)).orderBy(asc(salesOrders.id)).limit(query.limit + 1);
}

// ---- events and transitions ----------------------------------------------------------------------

async function recordEvent(
  tx: Transaction,
  actor: Actor,
  order: OrderRow,
  type: string,
  change: { from?: OrderStatus; to?: OrderStatus; reason?: string | null; payload?: unknown } = {},
): Promise<void> {
  await tx.insert(orderEvents).values({
    id: newId(),
    tenantId: actor.tenantId,
    orderId: order.id,
    type,
    fromStatus: change.from ?? null,
    toStatus: change.to ?? null,
    reason: change.reason ?? null,
    actor: actor.label,
    payload: change.payload === undefined ? null : JSON.parse(JSON.stringify(change.payload, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))),
  });
}

async function moveTo(
  tx: Transaction,
  actor: Actor,
  order: OrderRow,
  to: OrderStatus,
  eventType: string,
  extra: { reason?: string | null; payload?: unknown; set?: Partial<typeof salesOrders.$inferInsert> } = {},
): Promise<OrderRow> {
  const [after] = await tx
    .update(salesOrders)
    .set({ ...extra.set, status: to, updatedAt: new Date() })
    .where(eq(salesOrders.id, order.id))
    .returning();
  if (!after) throw new Error('update returned nothing');
  await recordEvent(tx, actor, order, eventType, { from: order.status as OrderStatus, to, reason: extra.reason ?? null, payload: extra.payload });
  if ((eventTypes as readonly string[]).includes(eventType)) {
    await emitEvent(tx, actor.tenantId, eventType as EventType, { type: 'sales_order', id: order.id }, {
      id: order.id,
      number: order.number,
      customerId: order.customerId,
      fromStatus: order.status,
      status: to,
      totalMinor: order.totalMinor,
      currency: order.currency,
      reason: extra.reason ?? null,
    });
  }
  await recordAudit(tx, actor, eventType, { type: 'sales_order', id: order.id }, { status: order.status }, { status: to, reason: extra.reason ?? null });
  return after;
}

// ---- create --------------------------------------------------------------------------------------

export async function createOrder(db: Database, actor: Actor, input: OrderInput, options: { mayOverridePrice: boolean }): Promise<Result<OrderDetail>> {
  return inTransaction(db, async (tx) => {
    const customer = await findCustomer(tx, actor.tenantId, input.customerId);
    if (!customer) throw invalid('unknown customer', [{ pointer: '/customerId', detail: `no customer ${input.customerId}` }]);
    if (customer.archivedAt) throw new DomainFailure({ code: 'invalid_state', message: 'the customer is archived' });
    if (customer.blockedForOrders) throw new DomainFailure({ code: 'invalid_state', message: `${customer.name} is blocked from new orders (credit stop)` });

    const faults: FieldError[] = [];
    if (input.billingPolicy === 'milestones') {
      if (!input.milestones) faults.push({ pointer: '/milestones', detail: 'required for billing by milestones' });
      else for (const f of milestoneFaults(input.milestones)) faults.push({ pointer: '/milestones', detail: f });
    } else if (input.milestones) faults.push({ pointer: '/milestones', detail: 'only for billingPolicy milestones' });
    if (input.billingPolicy === 'recurring') {
      if (!input.recurrence) faults.push({ pointer: '/recurrence', detail: 'required for recurring billing' });
      else if (input.recurrence.endDate && compareDates(input.recurrence.endDate, input.recurrence.startDate) < 0) {
        faults.push({ pointer: '/recurrence/endDate', detail: 'must not be before startDate' });
      }
    } else if (input.recurrence) faults.push({ pointer: '/recurrence', detail: 'only for billingPolicy recurring' });

    const priced: { input: OrderLineInput; productId: string; unit: string; description: string; unitPriceMinor: bigint; overridden: boolean; taxRatePercent: string }[] = [];
    for (const [i, line] of input.lines.entries()) {
      const pointer = `/lines/${i}`;
      const quantity = parseQuantity(line.quantity);
      if (quantity === undefined || quantity <= 0n) faults.push({ pointer: `${pointer}/quantity`, detail: 'a quantity above zero with at most 4 decimal places' });
      const found = await priceForOrderLine(tx, actor.tenantId, { productId: line.productId, currency: customer.currency, segment: customer.segment, onDate: input.orderDate });
      if (!found) {
        faults.push({ pointer: `${pointer}/productId`, detail: `no product ${line.productId}` });
        continue;
      }
      if (!found.product.active) faults.push({ pointer: `${pointer}/productId`, detail: `product ${found.product.sku} is no longer sold` });
      const overridden = line.unitPriceMinor !== undefined && (found.unitPriceMinor === undefined || BigInt(line.unitPriceMinor) !== found.unitPriceMinor);
      if (overridden && !options.mayOverridePrice) {
        throw new DomainFailure({ code: 'forbidden', message: `overriding the price of ${found.product.sku} needs the role admin or ar_manager` });
      }
      const unitPriceMinor = line.unitPriceMinor !== undefined ? BigInt(line.unitPriceMinor) : found.unitPriceMinor;
      if (unitPriceMinor === undefined) {
        faults.push({ pointer: `${pointer}/unitPriceMinor`, detail: `product ${found.product.sku} has no price in ${customer.currency} for this customer` });
        continue;
      }
      priced.push({
        input: line,
        productId: found.product.id,
        unit: found.product.unit,
        description: line.description ?? found.product.name,
        unitPriceMinor,
        overridden,
        taxRatePercent: line.taxRatePercent ?? found.product.defaultTaxRatePercent,
      });
    }
    if (faults.length > 0) throw invalid('the order is invalid', faults);

    const totals = priceInvoice(
      priced.map((p) => ({ description: p.description, quantity: p.input.quantity, unitPriceMinor: p.unitPriceMinor, taxRatePercent: p.taxRatePercent, discountPercent: p.input.discountPercent })),
    );
    if (!totals.ok) throw invalid('the order lines are invalid', totals.faults);

    const id = newId();
    const number = await takeNextNumber(tx, actor.tenantId, 'sales_order', input.orderDate);
    const [order] = await tx
      .insert(salesOrders)
      .values({
        id,
        tenantId: actor.tenantId,
        customerId: customer.id,
        number,
        status: 'draft',
        currency: customer.currency,
        orderDate: input.orderDate,
        customerReference: input.customerReference ?? null,
        billingPolicy: input.billingPolicy,
        billingSchedule: input.milestones ?? input.recurrence ?? null,
        subtotalMinor: totals.totals.subtotalMinor,
        taxMinor: totals.totals.taxMinor,
        totalMinor: totals.totals.totalMinor,
      })
      .returning();
    if (!order) throw new Error('insert returned nothing');
    await tx.insert(salesOrderLines).values(
      priced.map((p, position) => {
        const line = totals.totals.lines[position];
        if (!line) throw new Error('priced lines out of step');
        return {
          id: newId(),
          tenantId: actor.tenantId,
          orderId: id,
          position,
          productId: p.productId,
          description: p.description,
          unit: p.unit,
          quantity: p.input.quantity,
          unitPriceMinor: p.unitPriceMinor,
          priceOverridden: p.overridden,
          discountPercent: p.input.discountPercent ?? '0',
          taxRatePercent: p.taxRatePercent,
          netMinor: line.netMinor,
          taxMinor: line.taxMinor,
        };
      }),
    );
    await recordEvent(tx, actor, order, 'order.created', { to: 'draft' });
    const detail = await loadDetail(tx, order);
    await recordAudit(tx, actor, 'order.created', { type: 'sales_order', id }, null, detail);
    return detail;
  });
}

// ---- credit control ------------------------------------------------------------------------------

/** What an order adds to exposure while not invoiced: its total (one period of a recurring contract). */
function uninvoicedAmount(order: Pick<OrderRow, 'billingPolicy' | 'totalMinor' | 'invoicedMinor'>): bigint {
  if (order.billingPolicy === 'recurring') return order.totalMinor;
  const rest = order.totalMinor - order.invoicedMinor;
  return rest > 0n ? rest : 0n;
}

export async function creditPosition(executor: Executor, customer: CustomerRow, asOf: string, excludeOrderId?: string): Promise<CreditPosition> {
  const receivables = await customerReceivables(executor, customer.tenantId, customer.id, customer.currency, asOf);
  const [orders] = await queryRows<{ amount: string | null }>(
    executor,
    sql`select coalesce(sum(case when billing_policy = 'recurring' then total_minor
                                 else greatest(total_minor - invoiced_minor, 0) end), 0)::text as amount
          from ${salesOrders}
         where tenant_id = ${customer.tenantId} and customer_id = ${customer.id} and currency = ${customer.currency}
           and status in (${sql.join(exposureStatuses.map((s) => sql`${s}`), sql`, `)})
           ${excludeOrderId ? sql`and id <> ${excludeOrderId}` : sql``}`,
  );
  const risk = await creditRiskOf(executor, customer, asOf);
  return {
    limitMinor: customer.creditLimitMinor,
    openReceivablesMinor: receivables.balanceMinor,
    uninvoicedOrdersMinor: toBigInt(orders?.amount),
    oldestOverdueDays: receivables.oldestOverdueDays,
    riskScore: risk.riskScore,
    riskScoreComputedOn: risk.riskScoreComputedOn,
  };
}

/**
 * Locks the customer row first: every credit decision for one customer is serialised, so orders submitted at the
 * same moment are judged one after the other against an exposure that includes the ones approved before them.
 */
async function decideForOrder(tx: Transaction, actor: Actor, order: OrderRow, asOf: string): Promise<{ customer: CustomerRow; decision: CreditDecision }> {
  const customer = await findCustomer(tx, actor.tenantId, order.customerId, { forUpdate: true });
  if (!customer) throw new Error('order without customer');
  if (customer.blockedForOrders) throw new DomainFailure({ code: 'invalid_state', message: `${customer.name} is blocked from new orders (credit stop)` });
  const position = await creditPosition(tx, customer, asOf, order.id);
  const settings = await loadCreditSettings(tx, actor.tenantId);
  return { customer, decision: decideCredit(position, uninvoicedAmount(order), settings) };
}

async function lockCustomerThenOrder(tx: Transaction, actor: Actor, orderId: string): Promise<OrderRow> {
  // Lock order: customer first, then the order (the same order everywhere, so no deadlock).
  const [peek] = await tx.select({ customerId: salesOrders.customerId }).from(salesOrders).where(and(eq(salesOrders.tenantId, actor.tenantId), eq(salesOrders.id, orderId)));
  if (!peek) throw new DomainFailure({ code: 'not_found', message: `no order ${orderId}` });
  await findCustomer(tx, actor.tenantId, peek.customerId, { forUpdate: true });
  return lockOrder(tx, actor.tenantId, orderId);
}

function requireStatus(order: OrderRow, allowed: readonly OrderStatus[], action: string): void {
  if (!allowed.includes(order.status as OrderStatus)) {
    throw new DomainFailure({ code: 'invalid_state', message: `order ${order.number} is ${order.status}; it cannot be ${action}` });
  }
}

const decisionPayload = (d: CreditDecision) => ({
  approved: d.approved,
  reasons: d.reasons,
  exposureMinor: d.exposureMinor,
  exposureWithOrderMinor: d.exposureWithOrderMinor,
  availableMinor: d.availableMinor,
});

export async function submitOrder(db: Database, actor: Actor, orderId: string, asOf: string): Promise<Result<OrderDetail>> {
  return inTransaction(db, async (tx) => {
    const order = await lockCustomerThenOrder(tx, actor, orderId);
    requireStatus(order, ['draft'], 'submitted');
    const { decision } = await decideForOrder(tx, actor, order, asOf);
    const submitted = await moveTo(tx, actor, order, 'submitted', 'order.submitted', { payload: decisionPayload(decision) });
    const after = decision.approved
      ? submitted
      : await moveTo(tx, actor, submitted, 'credit_hold', 'order.credit_hold', {
          reason: decision.reasons.map((r) => r.detail).join('; '),
          payload: decisionPayload(decision),
          set: { holdReasons: decision.reasons },
        });
    return loadDetail(tx, after);
  });
}

export async function confirmOrder(db: Database, actor: Actor, orderId: string, asOf: string): Promise<Result<OrderDetail>> {
  return inTransaction(db, async (tx) => {
    const order = await lockCustomerThenOrder(tx, actor, orderId);
    requireStatus(order, ['submitted'], 'confirmed');
    // Re-checked at confirmation: the customer's position may have changed since submission.
    const { decision } = await decideForOrder(tx, actor, order, asOf);
    if (!decision.approved) {
      const held = await moveTo(tx, actor, order, 'credit_hold', 'order.credit_hold', {
        reason: decision.reasons.map((r) => r.detail).join('; '),
        payload: decisionPayload(decision),
        set: { holdReasons: decision.reasons },
      });
      return loadDetail(tx, held);
    }
    const confirmed = await moveTo(tx, actor, order, 'confirmed', 'order.confirmed', { payload: decisionPayload(decision) });
    return loadDetail(tx, await afterConfirmation(tx, actor, confirmed, asOf));
  });
}

export async function releaseOrder(db: Database, actor: Actor, orderId: string, input: { note: string; asOf: string }): Promise<Result<OrderDetail>> {
  return inTransaction(db, async (tx) => {
    const order = await lockCustomerThenOrder(tx, actor, orderId);
    requireStatus(order, ['credit_hold'], 'released');
    const released = await moveTo(tx, actor, order, 'confirmed', 'order.released', { reason: input.note, set: { holdReasons: null } });
    await recordEvent(tx, actor, released, 'order.confirmed', { to: 'confirmed', reason: `released from credit hold: ${input.note}` });
    await emitEvent(tx, actor.tenantId, 'order.confirmed', { type: 'sales_order', id: orderId }, { id: orderId, number: order.number, customerId: order.customerId, status: 'confirmed', reason: input.note });
    return loadDetail(tx, await afterConfirmation(tx, actor, released, input.asOf));
  });
}

export async function rejectOrder(db: Database, actor: Actor, orderId: string, reason: string): Promise<Result<OrderDetail>> {
  return inTransaction(db, async (tx) => {
    const order = await lockOrder(tx, actor.tenantId, orderId);
    requireStatus(order, ['credit_hold'], 'rejected');
    const rejected = await moveTo(tx, actor, order, 'cancelled', 'order.rejected', { reason, set: { cancelReason: `credit rejected: ${reason}` } });
    return loadDetail(tx, rejected);
  });
}

export async function cancelOrder(db: Database, actor: Actor, orderId: string, reason: string): Promise<Result<OrderDetail>> {
  return inTransaction(db, async (tx) => {
    const order = await lockOrder(tx, actor.tenantId, orderId);
    requireStatus(order, cancellableStatuses, 'cancelled');
    const lines = await loadLines(tx, actor.tenantId, orderId);
    const started = lines.some((l) => quantityFromDb(l.shippedQuantity) > 0n || quantityFromDb(l.invoicedQuantity) > 0n) || order.invoicedMinor > 0n;
    if (started) throw new DomainFailure({ code: 'invalid_state', message: `order ${order.number} has deliveries or invoices; credit or return instead of cancelling` });
    return loadDetail(tx, await moveTo(tx, actor, order, 'cancelled', 'order.cancelled', { reason, set: { cancelReason: reason } }));
  });
}

// ---- billing -------------------------------------------------------------------------------------

async function bill(
  tx: Transaction,
  actor: Actor,
  order: OrderRow,
  billingKey: string,
  invoiceLines: { description: string; quantity: string; unitPriceMinor: number; taxRatePercent: string; discountPercent?: string }[],
  quantities: Record<string, string>,
  issueDate: string,
): Promise<{ order: OrderRow; invoice: InvoiceRow }> {
  // The unique (order, billing key) makes a second billing of the same thing fail and roll back.
  const [existing] = await tx
    .select({ id: orderBillings.id })
    .from(orderBillings)
    .where(and(eq(orderBillings.orderId, order.id), eq(orderBillings.billingKey, billingKey)));
  if (existing) throw new DomainFailure({ code: 'conflict', message: `order ${order.number} was already billed for ${billingKey}` });
  const invoice = await createAndIssueInvoice(
    tx,
    actor,
    {
      customerId: order.customerId,
      lines: invoiceLines,
      memo: `Order ${order.number}${order.customerReference ? `, your reference ${order.customerReference}` : ''}`,
    },
    issueDate,
  );
  await tx.insert(orderBillings).values({ id: newId(), tenantId: actor.tenantId, orderId: order.id, billingKey, invoiceId: invoice.id, quantities });
  for (const [lineId, quantity] of Object.entries(quantities)) {
    await tx
      .update(salesOrderLines)
      .set({ invoicedQuantity: sql`${salesOrderLines.invoicedQuantity} + ${quantity}::numeric` })
      .where(eq(salesOrderLines.id, lineId));
  }
  const [after] = await tx
    .update(salesOrders)
    .set({ invoicedMinor: sql`${salesOrders.invoicedMinor} + ${invoice.totalMinor}`, updatedAt: new Date() })
    .where(eq(salesOrders.id, order.id))
    .returning();
  if (!after) throw new Error('update returned nothing');
  await recordEvent(tx, actor, after, 'order.invoice_issued', { payload: { billingKey, invoiceId: invoice.id, number: invoice.number, totalMinor: invoice.totalMinor } });
  return { order: after, invoice };
}

function invoiceLinesFor(lines: OrderLineRow[], quantities: Map<string, bigint>) {
  return lines
    .filter((l) => (quantities.get(l.id) ?? 0n) > 0n)
    .map((l) => ({
      description: l.description,
      quantity: formatQuantity(quantities.get(l.id) ?? 0n),
      unitPriceMinor: Number(l.unitPriceMinor),
      taxRatePercent: l.taxRatePercent,
      discountPercent: l.discountPercent,
    }));
}

async function afterConfirmation(tx: Transaction, actor: Actor, order: OrderRow, asOf: string): Promise<OrderRow> {
  if (order.billingPolicy !== 'on_confirmation') return order;
  const lines = await loadLines(tx, actor.tenantId, order.id);
  const quantities = new Map(lines.map((l) => [l.id, quantityFromDb(l.quantity)]));
  const issueDate = compareDates(asOf, order.orderDate) < 0 ? order.orderDate : asOf;
  const { order: billed } = await bill(
    tx,
    actor,
    order,
    'confirmation',
    invoiceLinesFor(lines, quantities),
    Object.fromEntries([...quantities].map(([id, q]) => [id, formatQuantity(q)])),
    issueDate,
  );
  return billed;
}

/** Moves a fully billed order to invoiced, and straight on to closed when everything billed is already paid. */
async function settleStatus(tx: Transaction, actor: Actor, order: OrderRow): Promise<OrderRow> {
  let current = order;
  if (['confirmed', 'partially_fulfilled', 'fulfilled'].includes(current.status)) {
    const lines = await loadLines(tx, actor.tenantId, current.id);
    const billings = await loadBillings(tx, actor.tenantId, current.id);
    const keys = new Set(billings.map((b) => b.billingKey));
    let complete: boolean;
    if (current.billingPolicy === 'milestones') complete = milestonesDue(current.billingSchedule as Milestone[], '9999-12-31', keys).length === 0;
    else if (current.billingPolicy === 'recurring') complete = recurrenceComplete(current.billingSchedule as Recurrence, keys);
    else {
      complete = isFullyInvoiced(
        lines.map((l) => ({ quantity: quantityFromDb(l.quantity), shipped: quantityFromDb(l.shippedQuantity), invoiced: quantityFromDb(l.invoicedQuantity) })),
      );
    }
    if (complete) current = await moveTo(tx, actor, current, 'invoiced', 'order.invoiced');
  }
  if (current.status === 'invoiced' && (await allBilledInvoicesPaid(tx, current))) {
    current = await moveTo(tx, actor, current, 'closed', 'order.closed', { reason: 'every invoice of the order is paid' });
  }
  return current;
}

async function allBilledInvoicesPaid(executor: Executor, order: OrderRow): Promise<boolean> {
  const [row] = await queryRows<{ unpaid: number }>(
    executor,
    sql`select count(*)::int as unpaid
          from ${orderBillings} b
          where b.tenant_id = ${order.tenantId} and b.order_id = ${order.id} and b.billing_key not like 'return:%'
            and exists (select 1 from invoices i where i.id = b.invoice_id and i.open_minor > 0)`,
  );
  return (row?.unpaid ?? 1) === 0;
}

// An order closes itself when the last of its invoices is settled, in the settling transaction.
onInvoiceSettled(async (tx, settled) => {
  const byId = new Map(settled.map((i) => [i.id, i]));
  const tenantId = settled[0]?.tenantId;
  if (!tenantId) return;
  const rows = await tx
    .select({ orderId: orderBillings.orderId, invoiceId: orderBillings.invoiceId })
    .from(orderBillings)
    .where(and(eq(orderBillings.tenantId, tenantId), isAnyOf(orderBillings.invoiceId, [...byId.keys()])));
  for (const { orderId, invoiceId } of rows) {
    const invoice = byId.get(invoiceId);
    const order = await lockOrder(tx, tenantId, orderId);
    if (order.status === 'invoiced' && (await allBilledInvoicesPaid(tx, order))) {
      await moveTo(tx, { tenantId, role: 'admin', label: 'system:settlement' }, order, 'closed', 'order.closed', {
        reason: `invoice ${invoice?.number} settled; every invoice of the order is paid`,
      });
    }
  }
});

// ---- fulfilment and returns ----------------------------------------------------------------------

export interface MovementInput {
  date: string;
  reference?: string | null | undefined;
  reason?: string | undefined;
  lines: { lineId: string; quantity: string }[];
}

function movementQuantities(lines: OrderLineRow[], input: MovementInput, available: (line: OrderLineRow) => bigint, what: string): Map<string, bigint> {
  const byId = new Map(lines.map((l) => [l.id, l]));
  const faults: FieldError[] = [];
  const quantities = new Map<string, bigint>();
  input.lines.forEach((m, i) => {
    const line = byId.get(m.lineId);
    const q = parseQuantity(m.quantity);
    if (!line) faults.push({ pointer: `/lines/${i}/lineId`, detail: `no line ${m.lineId} on this order` });
    else if (quantities.has(m.lineId)) faults.push({ pointer: `/lines/${i}/lineId`, detail: 'the same line appears twice' });
    else if (q === undefined || q <= 0n) faults.push({ pointer: `/lines/${i}/quantity`, detail: 'a quantity above zero with at most 4 decimal places' });
    else if (q > available(line)) {
      faults.push({ pointer: `/lines/${i}/quantity`, detail: `only ${formatQuantity(available(line))} ${line.unit} can be ${what} on line ${line.position + 1}` });
    } else quantities.set(m.lineId, q);
  });
  if (faults.length > 0) throw invalid(`the ${what} quantities are invalid`, faults);
  return quantities;
}

export async function recordDelivery(db: Database, actor: Actor, orderId: string, input: MovementInput): Promise<Result<OrderDetail>> {
  return inTransaction(db, async (tx) => {
    let order = await lockOrder(tx, actor.tenantId, orderId);
    requireStatus(order, shippableStatuses, 'delivered');
    if (compareDates(input.date, order.orderDate) < 0) throw invalid('delivered before the order date', [{ pointer: '/date', detail: `on or after ${order.orderDate}` }]);
    const lines = await loadLines(tx, actor.tenantId, orderId);
    const quantities = movementQuantities(lines, input, (l) => quantityFromDb(l.quantity) - quantityFromDb(l.shippedQuantity), 'delivered');
    const shipmentId = newId();
    await tx.insert(shipments).values({ id: shipmentId, tenantId: actor.tenantId, orderId, kind: 'delivery', shippedOn: input.date, reference: input.reference ?? null });
    await tx.insert(shipmentLines).values([...quantities].map(([lineId, q]) => ({ id: newId(), tenantId: actor.tenantId, shipmentId, orderLineId: lineId, quantity: formatQuantity(q) })));
    for (const [lineId, q] of quantities) {
      await tx
        .update(salesOrderLines)
        .set({ shippedQuantity: sql`${salesOrderLines.shippedQuantity} + ${formatQuantity(q)}::numeric` })
        .where(eq(salesOrderLines.id, lineId));
    }
    const after = await loadLines(tx, actor.tenantId, orderId);
    const status = statusAfterDelivery(after.map((l) => ({ quantity: quantityFromDb(l.quantity), shipped: quantityFromDb(l.shippedQuantity) })));
    order = await moveTo(tx, actor, order, status, status === 'fulfilled' ? 'order.fulfilled' : 'order.partially_fulfilled', {
      payload: { shipmentId, date: input.date, reference: input.reference ?? null, lines: Object.fromEntries([...quantities].map(([id, q]) => [id, formatQuantity(q)])) },
    });
    if (order.billingPolicy === 'on_fulfilment') {
      ({ order } = await bill(
        tx,
        actor,
        order,
        `shipment:${shipmentId}`,
        invoiceLinesFor(lines, quantities),
        Object.fromEntries([...quantities].map(([id, q]) => [id, formatQuantity(q)])),
        input.date,
      ));
    }
    return loadDetail(tx, await settleStatus(tx, actor, order));
  });
}

/**
 * Goods sent back: for each returned line, credit notes for the returned quantity against the invoices that billed
 * it (newest first, never more than each invoice billed of that line less what earlier returns credited).
 */
export async function recordReturn(db: Database, actor: Actor, orderId: string, input: MovementInput & { reason: string }): Promise<Result<OrderDetail>> {
  return inTransaction(db, async (tx) => {
    const order = await lockOrder(tx, actor.tenantId, orderId);
    requireStatus(order, ['partially_fulfilled', 'fulfilled', 'invoiced', 'closed'], 'returned');
    if (order.billingPolicy !== 'on_confirmation' && order.billingPolicy !== 'on_fulfilment') {
      throw new DomainFailure({ code: 'invalid_state', message: 'returns on milestone or recurring orders are credited on the invoice itself (POST /v1/invoices/{id}/credit-notes)' });
    }
    const lines = await loadLines(tx, actor.tenantId, orderId);
    const quantities = movementQuantities(lines, input, (l) => quantityFromDb(l.shippedQuantity) - quantityFromDb(l.returnedQuantity), 'returned');
    const shipmentId = newId();
    await tx.insert(shipments).values({ id: shipmentId, tenantId: actor.tenantId, orderId, kind: 'return', shippedOn: input.date, reference: input.reference ?? null });
    await tx.insert(shipmentLines).values([...quantities].map(([lineId, q]) => ({ id: newId(), tenantId: actor.tenantId, shipmentId, orderLineId: lineId, quantity: formatQuantity(q) })));

    // What each invoice billed of each line, less what returns already credited against it.
    const billings = await loadBillings(tx, actor.tenantId, orderId);
    const creditable = new Map<string, Map<string, bigint>>();
    for (const b of billings) {
      const q = b.quantities as Record<string, string>;
      const isReturn = b.billingKey.startsWith('return:');
      const invoiceId = isReturn ? (b.billingKey.split(':')[2] ?? '') : b.invoiceId;
      const perLine = creditable.get(invoiceId) ?? new Map<string, bigint>();
      for (const [lineId, text] of Object.entries(q)) {
        perLine.set(lineId, (perLine.get(lineId) ?? 0n) + (isReturn ? -quantityFromDb(text) : quantityFromDb(text)));
      }
      creditable.set(invoiceId, perLine);
    }
    const newestFirst = billings.filter((b) => !b.billingKey.startsWith('return:')).reverse();
    const plan = new Map<string, Map<string, bigint>>();
    for (const [lineId, wanted] of quantities) {
      let left = wanted;
      for (const b of newestFirst) {
        if (left === 0n) break;
        const can = creditable.get(b.invoiceId)?.get(lineId) ?? 0n;
        if (can <= 0n) continue;
        const take = can < left ? can : left;
        const perInvoice = plan.get(b.invoiceId) ?? new Map<string, bigint>();
        perInvoice.set(lineId, (perInvoice.get(lineId) ?? 0n) + take);
        plan.set(b.invoiceId, perInvoice);
        left -= take;
      }
      if (left > 0n) throw new DomainFailure({ code: 'invalid_state', message: 'part of the returned quantity was never invoiced' });
    }
    for (const [invoiceId, perLine] of plan) {
      const creditNote = await issueCreditNote(tx, actor, invoiceId, {
        lines: invoiceLinesFor(lines, perLine),
        issueDate: input.date,
        reason: `return on order ${order.number}: ${input.reason}`,
      });
      await tx.insert(orderBillings).values({
        id: newId(),
        tenantId: actor.tenantId,
        orderId,
        billingKey: `return:${shipmentId}:${invoiceId}`,
        invoiceId: creditNote.id,
        quantities: Object.fromEntries([...perLine].map(([id, q]) => [id, formatQuantity(q)])),
      });
    }
    for (const [lineId, q] of quantities) {
      await tx
        .update(salesOrderLines)
        .set({ returnedQuantity: sql`${salesOrderLines.returnedQuantity} + ${formatQuantity(q)}::numeric` })
        .where(eq(salesOrderLines.id, lineId));
    }
    await emitEvent(tx, actor.tenantId, 'order.returned', { type: 'sales_order', id: orderId }, { id: orderId, number: order.number, customerId: order.customerId, reason: input.reason });
    await recordEvent(tx, actor, order, 'order.returned', {
      reason: input.reason,
      payload: { shipmentId, date: input.date, lines: Object.fromEntries([...quantities].map(([id, q]) => [id, formatQuantity(q)])) },
    });
    await recordAudit(tx, actor, 'order.returned', { type: 'sales_order', id: orderId }, null, { shipmentId, reason: input.reason });
    const [current] = await tx.select().from(salesOrders).where(eq(salesOrders.id, orderId));
    return loadDetail(tx, await settleStatus(tx, actor, current ?? order));
  });
}

// ---- scheduled billing (the daily run) -----------------------------------------------------------

/**
 * Bills what milestone and recurring orders owe on asOf: each due milestone and each due period once, ever. One
 * transaction per order, so a run stopped half-way keeps what it finished and the next run adds only the rest.
 */
export async function billScheduledOrders(
  db: Database,
  tenantId: string,
  asOf: string,
  heartbeat: () => Promise<void> = async () => undefined,
): Promise<{ invoicesIssued: number; ordersBilled: number; skippedBilledElsewhere: number }> {
  const actor: Actor = { tenantId, role: 'admin', label: 'system:daily-run' };
  const candidates = await db
    .select({ id: salesOrders.id, billingPolicy: salesOrders.billingPolicy, billingSchedule: salesOrders.billingSchedule })
    .from(salesOrders)
    .where(
      and(
        eq(salesOrders.tenantId, tenantId),
        inArray(salesOrders.billingPolicy, ['milestones', 'recurring']),
        inArray(salesOrders.status, ['confirmed', 'partially_fulfilled', 'fulfilled']),
      ),
    )
    .orderBy(asc(salesOrders.id));
  // Decide from one read which orders owe something today; only those get a transaction (checked again under lock).
  const billedKeys = new Map<string, Set<string>>();
  if (candidates.length > 0) {
    const rows = await db
      .select({ orderId: orderBillings.orderId, billingKey: orderBillings.billingKey })
      .from(orderBillings)
      .where(and(eq(orderBillings.tenantId, tenantId), inArray(orderBillings.orderId, candidates.map((c) => c.id))));
    for (const r of rows) billedKeys.set(r.orderId, (billedKeys.get(r.orderId) ?? new Set()).add(r.billingKey));
  }
  const owing = candidates.filter((c) => {
    const keys = billedKeys.get(c.id) ?? new Set<string>();
    return c.billingPolicy === 'milestones'
      ? milestonesDue(c.billingSchedule as Milestone[], asOf, keys).length > 0
      : recurringPeriodsDue(c.billingSchedule as Recurrence, asOf, keys).length > 0;
  });
  let invoicesIssued = 0;
  let ordersBilled = 0;
  let skippedBilledElsewhere = 0;
  for (const { id } of owing) {
    await heartbeat();
    const result = await inTransaction(db, async (tx) => {
      let order = await lockOrder(tx, tenantId, id);
      if (!['confirmed', 'partially_fulfilled', 'fulfilled'].includes(order.status)) return 0;
      const lines = await loadLines(tx, tenantId, id);
      const keys = new Set((await loadBillings(tx, tenantId, id)).map((b) => b.billingKey));
      let issued = 0;
      if (order.billingPolicy === 'milestones') {
        const milestones = order.billingSchedule as Milestone[];
        const groups = new Map<string, bigint>();
        for (const l of lines) groups.set(l.taxRatePercent, (groups.get(l.taxRatePercent) ?? 0n) + l.netMinor);
        const shares = new Map([...groups].map(([rate, net]) => [rate, milestoneAmounts(net, milestones)]));
        for (const m of milestonesDue(milestones, asOf, keys)) {
          const invoiceLines = [...shares]
            .map(([rate, amounts]) => ({
              description: `${m.label}: ${m.percent} % of order ${order.number}`,
              quantity: '1',
              unitPriceMinor: Number(amounts.get(m.key) ?? 0n),
              taxRatePercent: rate,
            }))
            .filter((l) => l.unitPriceMinor > 0);
          ({ order } = await bill(tx, actor, order, `milestone:${m.key}`, invoiceLines, {}, m.date));
          issued++;
        }
      } else {
        const recurrence = order.billingSchedule as Recurrence;
        for (const period of recurringPeriodsDue(recurrence, asOf, keys)) {
          const invoiceLines = lines.map((l) => ({
            description: `${l.description} (${period.start} to ${period.end})`,
            quantity: formatQuantity(quantityFromDb(l.quantity)),
            unitPriceMinor: Number(l.unitPriceMinor),
            taxRatePercent: l.taxRatePercent,
            discountPercent: l.discountPercent,
          }));
          ({ order } = await bill(tx, actor, order, period.key, invoiceLines, {}, period.start));
          keys.add(period.key);
          issued++;
        }
      }
      await settleStatus(tx, actor, order);
      return issued;
    })
      .catch((error: unknown) => {
        // Another worker billed the same period between our read and our insert: the unique key refused ours.
        if (pgCode(error) === '23505') return { ok: false as const, error: { code: 'conflict' as const, message: 'billed elsewhere' } };
        throw error;
      });
    if (!result.ok) {
      if (result.error.code === 'conflict') {
        skippedBilledElsewhere++;
        continue;
      }
      throw new Error(`billing order ${id} failed: ${result.error.message}`);
    }
    invoicesIssued += result.value;
    if (result.value > 0) ordersBilled++;
  }
  return { invoicesIssued, ordersBilled, skippedBilledElsewhere };
}

export async function orderInvoices(executor: Executor, tenantId: string, orderId: string): Promise<InvoiceRow[]> {
  const billings = await loadBillings(executor, tenantId, orderId);
  const found: InvoiceRow[] = [];
  for (const b of billings) {
    const invoice = await findInvoice(executor, tenantId, b.invoiceId);
    if (invoice) found.push(invoice);
  }
  return found;
}

/** The sales order an invoice or credit note was billed from, if any: its number and the customer's purchase-order reference. */
export async function orderOfInvoice(executor: Executor, tenantId: string, invoiceId: string): Promise<{ number: string; customerReference: string | null } | undefined> {
  const [row] = await executor
    .select({ number: salesOrders.number, customerReference: salesOrders.customerReference })
    .from(orderBillings)
    .innerJoin(salesOrders, eq(salesOrders.id, orderBillings.orderId))
    .where(and(eq(orderBillings.tenantId, tenantId), eq(orderBillings.invoiceId, invoiceId)))
    .limit(1);
  return row;
}
