/** The parts of the portal API (/portal/v1) the portal reads. A portal session sees one customer and nothing else. */
export interface PortalMe {
  customer: { id: string; name: string; email: string | null; currency: string };
  contactEmail: string;
  tenant: { id: string; name: string };
  /** The company's bank account, for paying by transfer. */
  payee?: { name: string; iban: string | null; bic: string | null };
}

export interface PortalOrder {
  id: string;
  number: string;
  status: string;
  orderDate: string;
  customerReference: string | null;
  currency: string;
  totalMinor: number;
  invoicedMinor: number;
}

export interface PortalStatement {
  asOf: string;
  currency: string;
  balanceMinor: number;
  overdueMinor: number;
  unappliedCashMinor: number;
}

export type PortalInvoiceStatus = 'open' | 'partially_paid' | 'paid' | 'void' | 'applied' | 'written_off';

export interface PortalInvoice {
  id: string;
  number: string | null;
  kind?: 'invoice' | 'credit_note' | 'write_off';
  status: PortalInvoiceStatus;
  currency: string;
  issueDate: string | null;
  dueDate: string | null;
  totalMinor: number;
  openMinor: number;
  taxMinor?: number;
  subtotalMinor?: number;
  paymentReference?: string | null;
  /** A card payment for it waits for the gateway to settle it. */
  paymentPending?: boolean;
  lines?: { position: number; description: string; quantity: string; unitPriceMinor: number; taxRatePercent: string; netMinor: number }[];
}

export interface Card {
  id: string;
  brand: string | null;
  last4: string | null;
  expiryMonth: number | null;
  expiryYear: number | null;
  expired?: boolean;
  autopay: boolean;
  status?: string;
}

export type PortalPayment =
  | { status: 'paid'; paymentId: string; amountMinor: number; currency: string; unappliedMinor: number }
  | { status: 'pending'; chargeId: string; amountMinor: number; currency: string };

export const sandboxCards = [
  { number: '4242 4242 4242 4242', label: 'Visa test card: always succeeds' },
  { number: '4000 0000 0000 0002', label: 'Test card: declined by the issuer' },
  { number: '4000 0000 0000 9995', label: 'Test card: insufficient funds' },
] as const;
