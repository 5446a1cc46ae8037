/**
 * Suspect payments: lines that must not be applied without a person even when the match looks certain.
 * Pure: the caller passes the recent lines and the customer's payment history.
 */
import { compactReference } from './match.js';

export interface PaymentSeen {
  lineId: string;
  valueDate: string;
  amountMinor: bigint;
  payerIban: string | null;
  payerName: string | null;
  reference: string;
}

export interface CustomerPaymentHistory {
  /** IBANs the customer has paid from, with how many payments from each */
  ibanCounts: ReadonlyMap<string, number>;
  /** how many earlier payments the customer made, and the largest (same currency) */
  paymentCount: number;
  largestPaymentMinor: bigint;
}

export interface SuspicionSettings {
  duplicateWindowDays: number;
  /** a customer needs this many earlier payments before a new account is unusual */
  minPaymentsForNewAccountCheck: number;
  /** and this many before an amount can be out of pattern */
  minPaymentsForAmountCheck: number;
  /** an amount this many times the largest earlier payment is out of pattern */
  amountOutlierFactor: number;
}

export const defaultSuspicionSettings: SuspicionSettings = Object.freeze({
  duplicateWindowDays: 7,
  minPaymentsForNewAccountCheck: 3,
  minPaymentsForAmountCheck: 5,
  amountOutlierFactor: 5,
});

export type SuspicionCode = 'duplicate' | 'new_payer_account' | 'amount_out_of_pattern';
export interface Suspicion {
  code: SuspicionCode;
  detail: string;
}

function daysBetween(a: string, b: string): number {
  return Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;
}

const payerKey = (p: { payerIban: string | null; payerName: string | null }) =>
  p.payerIban ? `iban:${compactReference(p.payerIban)}` : p.payerName ? `name:${p.payerName.trim().toUpperCase()}` : null;

/** Same payer, same amount and same reference within the window: the bank or the customer sent it twice. */
export function findDuplicate(line: PaymentSeen, earlier: readonly PaymentSeen[], settings: SuspicionSettings = defaultSuspicionSettings): Suspicion | null {
  const key = payerKey(line);
  if (!key) return null;
  const reference = compactReference(line.reference);
  const twin = earlier.find(
    (e) => e.lineId !== line.lineId && e.amountMinor === line.amountMinor && payerKey(e) === key && compactReference(e.reference) === reference && daysBetween(e.valueDate, line.valueDate) <= settings.duplicateWindowDays,
  );
  return twin ? { code: 'duplicate', detail: `same payer, amount and reference as the payment of ${twin.valueDate} (line ${twin.lineId})` } : null;
}

/** Checks a line attributed to a customer against that customer's habits. A brand-new customer is never suspect for being new. */
export function suspicionsForCustomer(line: PaymentSeen, history: CustomerPaymentHistory, settings: SuspicionSettings = defaultSuspicionSettings): Suspicion[] {
  const found: Suspicion[] = [];
  const paymentsSoFar = [...history.ibanCounts.values()].reduce((s, n) => s + n, 0);
  if (line.payerIban && paymentsSoFar >= settings.minPaymentsForNewAccountCheck && !history.ibanCounts.has(compactReference(line.payerIban))) {
    found.push({ code: 'new_payer_account', detail: `paid from ${line.payerIban}; the customer's ${paymentsSoFar} earlier payments came from ${[...history.ibanCounts.keys()].join(', ')}` });
  }
  if (history.paymentCount >= settings.minPaymentsForAmountCheck) {
    const largest = history.largestPaymentMinor;
    if (largest > 0n && line.amountMinor > largest * BigInt(settings.amountOutlierFactor)) {
      found.push({ code: 'amount_out_of_pattern', detail: `${line.amountMinor} is more than ${settings.amountOutlierFactor}× the customer's largest earlier payment (${largest})` });
    }
  }
  return found;
}
