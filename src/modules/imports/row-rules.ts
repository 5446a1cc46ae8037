import { parseBusinessDate } from '../../kernel/business-date.js';
import { currencyExponent } from '../../kernel/currency.js';
import { parseDecimal } from '../../kernel/money.js';

/**
 * What each import kind expects, and the check of one row: pure, so the review and the commit judge every row the
 * same way. A row gets errors (not imported) and warnings (imported, but worth a look), each naming its column.
 */
export const importKinds = ['customers', 'contacts', 'open_invoices', 'paid_invoices'] as const;
export type ImportKind = (typeof importKinds)[number];

export const importColumns: Record<ImportKind, { required: readonly string[]; optional: readonly string[] }> = {
  customers: { required: ['external_ref', 'name', 'currency'], optional: ['email', 'payment_terms_days', 'credit_limit', 'segment', 'tax_id'] },
  contacts: { required: ['customer_external_ref', 'name'], optional: ['email', 'phone', 'role'] },
  open_invoices: { required: ['customer_external_ref', 'invoice_number', 'issue_date', 'due_date', 'currency', 'open_amount'], optional: [] },
  paid_invoices: { required: ['customer_external_ref', 'invoice_number', 'issue_date', 'due_date', 'paid_date', 'currency', 'amount'], optional: ['disputed'] },
};

export interface RowIssue {
  readonly severity: 'error' | 'warning';
  readonly column: string | null;
  readonly message: string;
}

export type CustomerRow = { externalRef: string; name: string; currency: string; email: string | null; paymentTermsDays: number; creditLimitMinor: bigint | null; segment: string | null; taxId: string | null };
export type ContactRow = { customerExternalRef: string; name: string; email: string | null; phone: string | null; role: string | null };
export type OpenInvoiceRow = { customerExternalRef: string; invoiceNumber: string; issueDate: string; dueDate: string; currency: string; openMinor: bigint };
export type PaidInvoiceRow = { customerExternalRef: string; invoiceNumber: string; issueDate: string; dueDate: string; paidDate: string; currency: string; amountMinor: bigint; disputed: boolean };
export type ImportRow = CustomerRow | ContactRow | OpenInvoiceRow | PaidInvoiceRow;

/** Faults of the header line: missing required columns (fatal) and unknown ones (ignored, with a warning). */
export function headerIssues(kind: ImportKind, header: readonly string[]): RowIssue[] {
  const spec = importColumns[kind];
  const issues: RowIssue[] = spec.required.filter((c) => !header.includes(c)).map((c) => ({ severity: 'error' as const, column: c, message: `required column "${c}" is missing` }));
  for (const c of header) {
    if (!spec.required.includes(c) && !spec.optional.includes(c)) issues.push({ severity: 'warning', column: c, message: `unknown column "${c}" is ignored` });
  }
  return issues;
}

/** An amount written as a decimal in the currency's own exponent ("1234.50" EUR, "1234" JPY) to exact minor units. */
export function parseAmount(text: string, currency: string): bigint | string {
  const exponent = currencyExponent(currency);
  if (exponent === undefined) return 'unknown currency';
  const cleaned = text.trim();
  const negative = cleaned.startsWith('-');
  const decimal = parseDecimal(negative ? cleaned.slice(1) : cleaned);
  if (!decimal) return `"${text}" is not a plain decimal amount (use 1234.50, no thousands separators)`;
  if (decimal.scale > exponent) return `${currency} has ${exponent} decimal places; "${text}" has ${decimal.scale}`;
  const minor = decimal.units * 10n ** BigInt(exponent - decimal.scale);
  return negative ? -minor : minor;
}

const text = (record: Record<string, string | undefined>, column: string) => (record[column] ?? '').trim();
const optionalText = (record: Record<string, string | undefined>, column: string) => text(record, column) || null;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function requireDate(record: Record<string, string | undefined>, column: string, issues: RowIssue[]): string {
  const value = text(record, column);
  if (!parseBusinessDate(value)) issues.push({ severity: 'error', column, message: `"${value}" is not a date as YYYY-MM-DD` });
  return value;
}

function requireCurrency(record: Record<string, string | undefined>, issues: RowIssue[]): string {
  const value = text(record, 'currency');
  if (currencyExponent(value) === undefined) issues.push({ severity: 'error', column: 'currency', message: `"${value}" is not an ISO 4217 currency code` });
  return value;
}

function requireText(record: Record<string, string | undefined>, column: string, issues: RowIssue[], maxLength = 200): string {
  const value = text(record, column);
  if (!value) issues.push({ severity: 'error', column, message: 'is empty' });
  else if (value.length > maxLength) issues.push({ severity: 'error', column, message: `is longer than ${maxLength} characters` });
  return value;
}

function amountIn(record: Record<string, string | undefined>, column: string, currency: string, issues: RowIssue[], options: { positive: boolean }): bigint {
  const parsed = parseAmount(text(record, column), currency);
  if (typeof parsed === 'string') {
    if (currencyExponent(currency) !== undefined) issues.push({ severity: 'error', column, message: parsed });
    return 0n;
  }
  if (options.positive && parsed <= 0n) issues.push({ severity: 'error', column, message: 'must be greater than zero' });
  if (parsed > BigInt(Number.MAX_SAFE_INTEGER)) issues.push({ severity: 'error', column, message: 'is too large' });
  return parsed;
}

/** The normalised row and its issues. The row is imported only when no issue is an error. */
export function checkRow(kind: ImportKind, record: Record<string, string | undefined>): { row: ImportRow; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  switch (kind) {
    case 'customers': {
      const currency = requireCurrency(record, issues);
      const email = optionalText(record, 'email');
      if (email && !emailPattern.test(email)) issues.push({ severity: 'warning', column: 'email', message: `"${email}" does not look like an email address; imported without it` });
      const termsText = text(record, 'payment_terms_days');
      const terms = termsText === '' ? 30 : Number(termsText);
      if (!Number.isInteger(terms) || terms < 0 || terms > 3650) issues.push({ severity: 'error', column: 'payment_terms_days', message: 'a whole number of days from 0 to 3650' });
      if (termsText === '') issues.push({ severity: 'warning', column: 'payment_terms_days', message: 'empty: net 30 assumed' });
      const limitText = text(record, 'credit_limit');
      const creditLimitMinor = limitText === '' ? null : amountIn(record, 'credit_limit', currency, issues, { positive: false });
      if (creditLimitMinor !== null && creditLimitMinor < 0n) issues.push({ severity: 'error', column: 'credit_limit', message: 'must not be negative' });
      return {
        row: {
          externalRef: requireText(record, 'external_ref', issues, 100),
          name: requireText(record, 'name', issues),
          currency,
          email: email && emailPattern.test(email) ? email : null,
          paymentTermsDays: Number.isInteger(terms) ? terms : 30,
          creditLimitMinor,
          segment: optionalText(record, 'segment'),
          taxId: optionalText(record, 'tax_id'),
        },
        issues,
      };
    }
    case 'contacts': {
      const email = optionalText(record, 'email');
      if (email && !emailPattern.test(email)) issues.push({ severity: 'error', column: 'email', message: `"${email}" is not an email address` });
      return {
        row: { customerExternalRef: requireText(record, 'customer_external_ref', issues, 100), name: requireText(record, 'name', issues), email, phone: optionalText(record, 'phone'), role: optionalText(record, 'role') },
        issues,
      };
    }
    case 'open_invoices': {
      const currency = requireCurrency(record, issues);
      const issueDate = requireDate(record, 'issue_date', issues);
      const dueDate = requireDate(record, 'due_date', issues);
      if (parseBusinessDate(issueDate) && parseBusinessDate(dueDate) && dueDate < issueDate) issues.push({ severity: 'error', column: 'due_date', message: 'is before the issue date' });
      return {
        row: {
          customerExternalRef: requireText(record, 'customer_external_ref', issues, 100),
          invoiceNumber: requireText(record, 'invoice_number', issues, 60),
          issueDate,
          dueDate,
          currency,
          openMinor: amountIn(record, 'open_amount', currency, issues, { positive: true }),
        },
        issues,
      };
    }
    case 'paid_invoices': {
      const currency = requireCurrency(record, issues);
      const issueDate = requireDate(record, 'issue_date', issues);
      const dueDate = requireDate(record, 'due_date', issues);
      const paidDate = requireDate(record, 'paid_date', issues);
      if (parseBusinessDate(issueDate) && parseBusinessDate(paidDate) && paidDate < issueDate) issues.push({ severity: 'warning', column: 'paid_date', message: 'is before the issue date (a prepayment?)' });
      const disputed = ['yes', 'true', '1'].includes(text(record, 'disputed').toLowerCase());
      return {
        row: {
          customerExternalRef: requireText(record, 'customer_external_ref', issues, 100),
          invoiceNumber: requireText(record, 'invoice_number', issues, 60),
          issueDate,
          dueDate,
          paidDate,
          currency,
          amountMinor: amountIn(record, 'amount', currency, issues, { positive: true }),
          disputed,
        },
        issues,
      };
    }
  }
}

/** The key that must be unique within a file and against what is already stored. */
export function rowKey(kind: ImportKind, row: ImportRow): string | null {
  if (kind === 'customers') return (row as CustomerRow).externalRef;
  if (kind === 'open_invoices' || kind === 'paid_invoices') return (row as OpenInvoiceRow).invoiceNumber;
  return null;
}
