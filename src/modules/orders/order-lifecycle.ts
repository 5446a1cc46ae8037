/**
 * The sales order lifecycle. Every transition is an explicit action:
 *   draft --submit--> submitted (credit check passed) | credit_hold
 *   credit_hold --release (ar_manager, note)--> confirmed;  credit_hold --reject--> cancelled
 *   submitted --confirm--> confirmed (credit re-checked) | credit_hold
 *   confirmed --ship--> partially_fulfilled --ship--> fulfilled
 *   fully billed and fully delivered (or all scheduled billing done) --> invoiced --all invoices paid--> closed
 *   draft | submitted | credit_hold | confirmed (nothing shipped or invoiced) --cancel--> cancelled
 */
export const orderStatuses = [
  'draft',
  'submitted',
  'credit_hold',
  'confirmed',
  'partially_fulfilled',
  'fulfilled',
  'invoiced',
  'closed',
  'cancelled',
] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export const billingPolicies = ['on_confirmation', 'on_fulfilment', 'milestones', 'recurring'] as const;
export type BillingPolicy = (typeof billingPolicies)[number];

/** Statuses whose not-yet-invoiced amount counts towards the customer's credit exposure. */
export const exposureStatuses: readonly OrderStatus[] = ['submitted', 'confirmed', 'partially_fulfilled', 'fulfilled'];

export const cancellableStatuses: readonly OrderStatus[] = ['draft', 'submitted', 'credit_hold', 'confirmed'];

export const shippableStatuses: readonly OrderStatus[] = ['confirmed', 'partially_fulfilled'];

/** What the customer sees in the portal: no internal credit decisions. */
export function customerFacingStatus(status: OrderStatus): string {
  switch (status) {
    case 'draft':
      return 'draft';
    case 'submitted':
    case 'credit_hold':
      return 'received';
    case 'confirmed':
      return 'confirmed';
    case 'partially_fulfilled':
      return 'partially_delivered';
    case 'fulfilled':
      return 'delivered';
    case 'invoiced':
      return 'invoiced';
    case 'closed':
      return 'completed';
    case 'cancelled':
      return 'cancelled';
  }
}

/** After a delivery: fulfilled when every line is delivered in full. */
export function statusAfterDelivery(lines: readonly { quantity: bigint; shipped: bigint }[]): 'partially_fulfilled' | 'fulfilled' {
  return lines.every((l) => l.shipped >= l.quantity) ? 'fulfilled' : 'partially_fulfilled';
}

/** A one-off order is fully invoiced when it is fully delivered and every delivered unit is billed. */
export function isFullyInvoiced(lines: readonly { quantity: bigint; shipped: bigint; invoiced: bigint }[]): boolean {
  return lines.every((l) => l.invoiced >= l.quantity && l.shipped >= l.quantity);
}
