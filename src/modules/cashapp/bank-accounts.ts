/**
 * The rules of the tenant's own bank accounts: how an account is identified (an IBAN with valid check digits, or an
 * account number where the bank has none, both kept compact), and how a CSV column mapping is checked, proposed from
 * a sample and previewed. Pure: the use cases around them are in service.ts.
 */
import { ok, fail, type Result } from '../../kernel/result.js';
import { csvStatementMappingSchema, parseCsvStatement, suggestCsvMapping, type CsvStatementContext, type CsvStatementMapping } from '../banking/csv-statement.js';
import { StatementParseError, type StatementEntry, type StatementFault } from '../banking/statement.js';
import { compactReference } from './match.js';

/** What the rules need of a stored bank account. */
export interface BankAccountFacts {
  accountIdentifier: string;
  currency: string;
  csvMapping: unknown;
}

/** Lines of a sample shown back with a proposed mapping: enough to recognise the file, not the whole month. */
export const mappingPreviewLines = 20;

const ibanShape = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;

/** ISO 13616: the country code and check digits moved to the end, letters as numbers (A = 10 … Z = 35), mod 97 is 1. */
export function isValidIban(text: string): boolean {
  const compact = compactReference(text);
  if (!ibanShape.test(compact)) return false;
  let remainder = 0;
  for (const ch of compact.slice(4) + compact.slice(0, 4)) {
    const digits = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/**
 * The identifier statements of the account are filed under: the IBAN (check digits verified) or, only where the bank
 * has none, the account number, compact either way, as the statement import compacts the account a file names.
 */
export function accountIdentifierOf(input: { iban?: string | undefined; accountNumber?: string | undefined }): Result<string> {
  if (input.iban === undefined && input.accountNumber === undefined) {
    return fail('validation_failed', 'give the account its IBAN or, where the bank has none, its account number', [{ pointer: '/iban', detail: 'an IBAN or an account number is required' }]);
  }
  if (input.iban !== undefined && input.accountNumber !== undefined) {
    return fail('validation_failed', 'give the account its IBAN or its account number, not both', [{ pointer: '/accountNumber', detail: 'not needed when the IBAN is given' }]);
  }
  if (input.iban !== undefined) {
    return isValidIban(input.iban)
      ? ok(compactReference(input.iban))
      : fail('validation_failed', 'the IBAN is not valid', [{ pointer: '/iban', detail: 'the check digits do not match: please check the IBAN for a typing error' }]);
  }
  const number = compactReference(input.accountNumber ?? '');
  return number === '' ? fail('validation_failed', 'the account number is empty', [{ pointer: '/accountNumber', detail: 'an account number needs letters or digits' }]) : ok(number);
}

/** The mapping as it is stored, or every field at fault (JSON pointers under `pointer`). */
export function checkedCsvMapping(mapping: unknown, pointer: string): Result<CsvStatementMapping> {
  const checked = csvStatementMappingSchema.safeParse(mapping);
  if (checked.success) return ok(checked.data);
  return fail(
    'validation_failed',
    'the column mapping is not complete or not consistent',
    checked.error.issues.map((issue) => ({ pointer: `${pointer}${issue.path.map((p) => `/${String(p)}`).join('')}`, detail: issue.message })),
  );
}

/** How the account is handed to the CSV parser: as an IBAN when it is one, otherwise as an account number. */
export function csvContextOf(account: BankAccountFacts): CsvStatementContext {
  const iban = isValidIban(account.accountIdentifier);
  return { accountIban: iban ? account.accountIdentifier : null, accountNumber: iban ? null : account.accountIdentifier, currency: account.currency };
}

/** The saved mapping, or null when the account has none (its bank sends camt, MT940 or BAI2). */
export function savedCsvMapping(account: BankAccountFacts): CsvStatementMapping | null {
  return account.csvMapping === null || account.csvMapping === undefined ? null : (account.csvMapping as CsvStatementMapping);
}

export interface CsvMappingProposal {
  mapping: CsvStatementMapping;
  confidence: 'high' | 'low';
  notes: string[];
  /** the sample read with the proposed mapping in the account's currency: what importing it would give */
  preview: { parses: boolean; entryCount: number | null; entries: StatementEntry[]; faults: StatementFault[] };
}

/**
 * Proposes a mapping for the account from a sample of its bank's CSV export, and reads the sample with it: the first
 * entries when it parses, every located fault when it does not. A proposal that could not be saved as it is (an odd
 * sample can push it past the mapping's bounds) is refused rather than shown.
 */
export function proposeCsvMapping(account: BankAccountFacts, sample: Buffer | string): Result<CsvMappingProposal> {
  const suggestion = suggestCsvMapping(sample);
  const usable = checkedCsvMapping(suggestion.mapping, '/mapping');
  if (!usable.ok) return fail('validation_failed', 'no usable column mapping could be proposed from this sample: write the mapping by hand', usable.error.fieldErrors);
  try {
    const statement = parseCsvStatement(sample, usable.value, csvContextOf(account));
    return ok({ ...suggestion, preview: { parses: true, entryCount: statement.entries.length, entries: statement.entries.slice(0, mappingPreviewLines), faults: [] } });
  } catch (error) {
    if (!(error instanceof StatementParseError)) throw error;
    return ok({ ...suggestion, preview: { parses: false, entryCount: null, entries: [], faults: [...error.faults] } });
  }
}
