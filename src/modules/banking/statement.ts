/**
 * The one model every bank statement format is parsed into (camt.053/054, MT940, BAI2, CSV). Pure: no I/O.
 *
 * Amounts are bigint minor units of the entry's currency, signed from the account holder's view: a credit (money in,
 * e.g. a customer's payment) is positive, a debit (money out) is negative. Dates are ISO `YYYY-MM-DD` strings.
 */
import { currencyExponent } from '../../kernel/currency.js';

export type StatementFormat = 'camt.053' | 'camt.054' | 'camt.052' | 'mt940' | 'mt942' | 'bai2' | 'csv';

export interface StatementBalance {
  /** OPBD, CLBD, PRCD, CLAV, OPAV, ITBD, FWAV (camt codes; MT940 :60F:→OPBD, :60M:→OPBD interim, :62F:→CLBD, :64:→CLAV, :65:→FWAV; BAI2 type codes map likewise). */
  kind: string;
  amountMinor: bigint;
  currency: string;
  date: string | null;
}

export interface StatementParty {
  name: string | null;
  iban: string | null;
  /** an account number that is not an IBAN (BBAN, proprietary id) */
  accountNumber: string | null;
  bic: string | null;
}

export interface StatementEntry {
  /** where the entry starts in the file: 1-based line number (text formats) or element path (XML) */
  location: string;
  bookingDate: string | null;
  valueDate: string | null;
  /** signed: credit positive, debit negative */
  amountMinor: bigint;
  currency: string;
  /** the bank's own reference for the entry (camt AcctSvcrRef, MT940 :61: bank reference, BAI2 bank reference) */
  bankReference: string | null;
  /** customer/ordering party reference (camt EndToEndId, MT940 :61: customer reference, BAI2 customer reference) */
  customerReference: string | null;
  /** structured creditor reference (ISO 11649 RF…, or a national structured reference) when the bank gave one */
  structuredReference: string | null;
  /** free remittance text (camt Ustrd, MT940 :86: purpose, BAI2 88 text), whitespace collapsed */
  remittanceText: string;
  /** the other party: the payer for a credit, the payee for a debit */
  counterparty: StatementParty;
  /** bank transaction code as given (camt Domn/Fmly/SubFmly or Prtry, MT940 type code like NTRF, BAI2 type code) */
  transactionCode: string | null;
  /** true when the bank marks the entry as a reversal (camt RvslInd, MT940 RC/RD mark) */
  reversal: boolean;
  /**
   * Set when one bank entry (a batch booking) was split into several lines, one per underlying transaction
   * (camt TxDtls with their own amounts): the location of that bank entry. Declared entry counts count bank entries.
   */
  batchOf?: string;
}

export interface ParsedStatement {
  format: StatementFormat;
  /** the bank's identifier of this statement (camt Stmt/Id, MT940 :20: + :28C:, BAI2 file id + account) */
  statementId: string;
  /** electronic sequence / statement number when given */
  sequenceNumber: string | null;
  account: { iban: string | null; accountNumber: string | null; bic: string | null; currency: string | null };
  createdAt: string | null;
  balances: StatementBalance[];
  entries: StatementEntry[];
  /** what the file itself declares, to reconcile against what was parsed (camt TxsSummry, BAI2 trailers) */
  declared: { entryCount: number | null; creditTotalMinor: bigint | null; debitTotalMinor: bigint | null };
}

export interface StatementFault {
  /** 1-based line number or XML element path */
  location: string;
  message: string;
}

/** A file refused whole: every fault found, each located. Nothing from the file is stored. */
export class StatementParseError extends Error {
  constructor(
    readonly format: StatementFormat | 'unknown',
    readonly faults: readonly StatementFault[],
  ) {
    super(`${format} statement refused: ${faults.map((f) => `${f.location}: ${f.message}`).join('; ')}`);
    this.name = 'StatementParseError';
  }
}

export const emptyParty: StatementParty = Object.freeze({ name: null, iban: null, accountNumber: null, bic: null });

/** Bounds on what one file may hold, so a hostile or broken file cannot exhaust memory. */
export const maxStatementFileBytes = 50 * 1024 * 1024;
export const maxEntriesPerFile = 500_000;

/**
 * Converts a decimal amount as banks write it ("1234.56", "1234,56", "80,", ",5", "00,12", "18.150") into minor units
 * of the currency. More decimals than the currency allows are accepted only when the extra digits are zeros
 * ("18.150" EUR = 1815); otherwise undefined, so the caller reports it. Returns undefined for anything unparseable.
 */
export function decimalToMinor(text: string, currency: string | null): bigint | undefined {
  const trimmed = text.trim();
  const m = /^(\d*)(?:[.,](\d*))?$/.exec(trimmed);
  if (!m || trimmed === '' || trimmed === '.' || trimmed === ',') return undefined;
  const whole = m[1] ?? '';
  let fraction = m[2] ?? '';
  if (whole === '' && fraction === '') return undefined;
  const exponent = currency ? (currencyExponent(currency) ?? 2) : 2;
  if (fraction.length > exponent) {
    const extra = fraction.slice(exponent);
    if (!/^0*$/.test(extra)) return undefined;
    fraction = fraction.slice(0, exponent);
  }
  fraction = fraction.padEnd(exponent, '0');
  return BigInt((whole === '' ? '0' : whole) + fraction);
}

/** Collapses runs of whitespace (incl. no-break spaces) and strips soft hyphens and control characters. */
export function cleanText(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex -- stripping control characters is the point
    .replace(/[\u00ad\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

/** True for a calendar date that exists (no 30 February). */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A YYMMDD date from MT940/BAI2. Years 00–79 are 20xx, 80–99 are 19xx (SWIFT's rule of thumb). Banks do write
 * impossible dates like 30 February as value dates; those clamp to the month's last day (what the bank meant: the
 * end of the month) and the clamping is reported through `clamped`.
 */
export function yymmddToIso(text: string): { date: string; clamped: boolean } | undefined {
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return undefined;
  const yy = Number(m[1]);
  const year = yy < 80 ? 2000 + yy : 1900 + yy;
  const month = Number(m[2]);
  let day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  let clamped = false;
  while (!isRealDate(year, month, day)) {
    day -= 1;
    clamped = true;
  }
  return { date: isoDate(year, month, day), clamped };
}

/** The declared counts/totals a statement carries versus what was parsed; empty when they agree. */
export function reconcileDeclaredTotals(statement: ParsedStatement): string[] {
  const problems: string[] = [];
  const { declared, entries } = statement;
  const bankEntries = new Set(entries.map((e) => e.batchOf ?? e.location)).size;
  if (declared.entryCount !== null && declared.entryCount !== bankEntries) {
    problems.push(`declares ${declared.entryCount} entries, ${bankEntries} parsed`);
  }
  const credits = entries.filter((e) => e.amountMinor > 0n).reduce((s, e) => s + e.amountMinor, 0n);
  const debits = entries.filter((e) => e.amountMinor < 0n).reduce((s, e) => s - e.amountMinor, 0n);
  if (declared.creditTotalMinor !== null && declared.creditTotalMinor !== credits) {
    problems.push(`declares credits of ${declared.creditTotalMinor}, parsed ${credits}`);
  }
  if (declared.debitTotalMinor !== null && declared.debitTotalMinor !== debits) {
    problems.push(`declares debits of ${declared.debitTotalMinor}, parsed ${debits}`);
  }
  return problems;
}
