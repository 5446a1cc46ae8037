/** The parts of the /v1 API the console reads (see /openapi.json for the full shapes). */
export type Role = 'admin' | 'ar_manager' | 'collector' | 'viewer';

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export interface SessionView {
  user: { id: string; email: string; name: string; role: Role };
  tenant: { id: string; name: string };
}

export interface Tenant {
  id: string;
  name: string;
  baseCurrency: string;
  timeZone: string;
  isDemo: boolean;
  today: string;
  role: Role;
}

export type RiskClass = 'low' | 'medium' | 'high';

export interface Customer {
  id: string;
  name: string;
  email: string | null;
  currency: string;
  paymentTermsDays: number;
  paymentTermsId: string | null;
  creditLimitMinor: number | null;
  externalRef: string | null;
  segment: string | null;
  riskClass: RiskClass;
  blockedForOrders: boolean;
  archived: boolean;
  city: string | null;
  countryCode: string | null;
  contacts?: { id: string; name: string; email: string | null; phone: string | null; role: string | null }[];
}

export interface CreditPosition {
  currency: string;
  riskClass: string;
  blockedForOrders: boolean;
  creditLimitMinor: number | null;
  openReceivablesMinor: number;
  exposureMinor: number;
  availableMinor: number | null;
  oldestOverdueDays: number;
}

export type InvoiceStatus = 'draft' | 'open' | 'partially_paid' | 'paid' | 'void' | 'applied' | 'written_off';

export interface InvoiceLine {
  position: number;
  description: string;
  quantity: string;
  unitPriceMinor: number;
  taxRatePercent: string;
  discountPercent: string;
  netMinor: number;
  taxMinor: number;
}

export interface Invoice {
  id: string;
  kind: 'invoice' | 'credit_note' | 'write_off';
  number: string | null;
  status: InvoiceStatus;
  customerId: string;
  currency: string;
  issueDate: string | null;
  dueDate: string | null;
  subtotalMinor: number;
  taxMinor: number;
  totalMinor: number;
  openMinor: number;
  creditorReference: string | null;
  creditedInvoiceId: string | null;
  voidReason: string | null;
  memo: string | null;
  lines?: InvoiceLine[];
  taxSummary?: { taxRatePercent: string; baseMinor: number; taxMinor: number }[];
}

export interface AgingBucket {
  key: string;
  label: string;
  fromDays: number | null;
  toDays: number | null;
}

export interface AgingAmounts {
  buckets: Record<string, number>;
  openInvoicesMinor: number;
  unappliedCashMinor: number;
  unappliedCreditsMinor: number;
  balanceMinor: number;
}

export interface AgingReport {
  asOf: string;
  tenantCurrency: string;
  buckets: AgingBucket[];
  customers: (AgingAmounts & { customerId: string; customerName: string; currency: string })[];
  totalsByCurrency: (AgingAmounts & { currency: string })[];
}

export interface KpiFigure {
  kpi: string;
  unit: 'days' | 'percent' | 'times';
  formula: string;
  value: number | null;
  reason: string | null;
  /** the tenant's goal for this KPI, when one is set */
  target?: number | null;
}

export interface KpiTrend {
  currency: string;
  points: { period: { start: string; end: string; days: number }; figures: KpiFigure[] }[];
}

export interface Payment {
  id: string;
  customerId: string;
  method: string;
  amountMinor: number;
  currency: string;
  valueDate: string;
  payerName: string | null;
  reference: string | null;
  unappliedMinor: number;
  status: 'received' | 'reversed';
}

export type LineStatus = 'new' | 'applied' | 'exception' | 'ignored' | 'rejected';

/** The matching engine's proposal as stored on a line (amounts as decimal strings: they are bigints on the server). */
export interface MatchProposal {
  rule: string;
  customerId: string;
  allocations: { invoiceId: string; amountMinor: string }[];
  adjustments: { kind: 'early_payment_discount' | 'bank_charges'; invoiceId: string; amountMinor: string }[];
  unappliedMinor: string;
  confidence: number;
  explanation: string;
}

export interface StatementLine {
  id: string;
  statementId: string;
  position: number;
  bookingDate: string | null;
  valueDate: string;
  amountMinor: number;
  currency: string;
  bankReference: string | null;
  customerReference: string | null;
  structuredReference: string | null;
  remittanceText: string;
  payerName: string | null;
  payerIban: string | null;
  status: LineStatus;
  customerId: string | null;
  paymentId: string | null;
  rule: string | null;
  confidence: number | null;
  explanation: string | null;
  proposal: MatchProposal | null;
  alternatives: MatchProposal[] | null;
  reasons: string[] | null;
}

export interface StatementImport {
  fileSha256: string;
  format: string;
  statements: { id: string | null; statementKey: string; account: string; lines: number; newLines: number; alreadyImported: boolean }[];
  linesAdded: number;
  linesAlreadyKnown: number;
  cashApplication: { linesConsidered: number; applied: number; exceptions: number; suspect: number; failedToApply: number } | null;
}

export interface WorklistEntry {
  customerId: string;
  customerName: string;
  collector: string | null;
  riskClass: RiskClass;
  score: number;
  reasons: string[];
  overdue: { currency: string; totalMinor: number; bands: { band: string; amountMinor: number }[] }[];
  nextPromisedOn: string | null;
  openDisputes: number;
  lastContactOn: string | null;
}

export interface Worklist {
  asOf: string;
  collector: string | null;
  total: number;
  data: WorklistEntry[];
}

export interface DunningNotice {
  id: string;
  customerId: string;
  asOf: string;
  level: number;
  levelName: string;
  channel: string;
  status: string;
  lines: { invoiceId: string; number: string; currency: string; dueDate: string; openMinor: number; daysPastDue: number }[];
}

export type DisputeReason = 'pricing' | 'quantity' | 'quality' | 'not_received' | 'duplicate_billing' | 'other';
export const disputeReasons: readonly DisputeReason[] = ['pricing', 'quantity', 'quality', 'not_received', 'duplicate_billing', 'other'];

export interface Dispute {
  id: string;
  customerId: string;
  invoiceId: string;
  amountMinor: number;
  currency: string;
  reason: DisputeReason;
  description: string;
  status: string;
  openedOn: string;
  resolveBy: string;
}

export interface PromiseToPay {
  id: string;
  amountMinor: number;
  currency: string;
  promisedOn: string;
  madeOn: string;
  invoiceIds: string[];
  status: 'open' | 'kept' | 'broken';
  madeBy: string;
}

export interface TimelineEntry {
  on: string;
  kind: string;
  summary: string;
  actor: string | null;
  reference: { type: string; id: string };
}

export interface PaymentTerms {
  id: string;
  name: string;
  definition: { due?: { kind: string; days?: number; day?: number }; discount?: { percent: string; withinDays: number }; instalments?: unknown[] };
}

export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

export type OrderStatus = 'draft' | 'submitted' | 'credit_hold' | 'confirmed' | 'partially_fulfilled' | 'fulfilled' | 'invoiced' | 'closed' | 'cancelled';
export const orderStatuses: readonly OrderStatus[] = ['draft', 'submitted', 'credit_hold', 'confirmed', 'partially_fulfilled', 'fulfilled', 'invoiced', 'closed', 'cancelled'];
export type BillingPolicy = 'on_confirmation' | 'on_fulfilment' | 'milestones' | 'recurring';

export interface OrderLine {
  id: string;
  position: number;
  productId: string;
  description: string;
  unit: string;
  quantity: string;
  unitPriceMinor: number;
  priceOverridden: boolean;
  discountPercent: string;
  taxRatePercent: string;
  netMinor: number;
  taxMinor: number;
  shippedQuantity: string;
  invoicedQuantity: string;
  returnedQuantity: string;
}

export interface OrderEvent {
  type: string;
  fromStatus: string | null;
  toStatus: string | null;
  reason: string | null;
  actor: string;
  at: string;
  payload: unknown;
}

export interface Order {
  id: string;
  number: string;
  customerId: string;
  status: OrderStatus;
  customerStatus: string;
  currency: string;
  orderDate: string;
  customerReference: string | null;
  billingPolicy: BillingPolicy;
  billingSchedule: unknown;
  subtotalMinor: number;
  taxMinor: number;
  totalMinor: number;
  invoicedMinor: number;
  holdReasons: { code: string; detail: string }[] | null;
  cancelReason: string | null;
  lines?: OrderLine[];
  billings?: { billingKey: string; invoiceId: string; quantities: unknown }[];
  events?: OrderEvent[];
}

export interface Product {
  id: string;
  sku: string;
  name: string;
  unit: string;
  kind: string;
  defaultTaxRatePercent: string;
  active: boolean;
  prices: { currency: string; unitPriceMinor: number }[];
}

export interface ApiKey {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}

export type TemplateKind = 'invoice' | 'payment_receipt' | 'dunning_reminder' | 'dunning_final_notice';
export interface EmailTemplate {
  kind: TemplateKind;
  language: 'en' | 'de';
  subject: string;
  body: string;
  custom: boolean;
}

/** The late-fee policy as the API returns it (amounts in minor units). */
export interface LateFeePolicyView {
  kind: 'flat' | 'percent' | 'interest';
  flatMinor?: number;
  percent?: string;
  dayCount?: 'actual_365' | 'actual_360';
  referenceRates?: Record<string, string>;
  compensation?: [number | null, number][];
  graceDays: number;
  minimumMinor: number;
  capMinor: number | null;
  waived: boolean;
}
