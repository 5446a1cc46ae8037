import type { Decimal } from '../../kernel/money.js';
import type { FieldError } from '../../kernel/result.js';
import { toBaseMinor } from './exchange.js';

/**
 * One side of a posting, in its own currency and in the tenant's base currency. A line moves one side only. For a
 * base-currency line both pairs are equal; a realised exchange difference has a base amount and no amount of its own.
 */
export interface JournalLineDraft {
  readonly accountId: string;
  readonly currency: string;
  readonly debitMinor: bigint;
  readonly creditMinor: bigint;
  readonly baseDebitMinor: bigint;
  readonly baseCreditMinor: bigint;
  readonly customerId?: string | null;
}

/** A line before its base amounts are known: given explicitly (settlements at a document's own rate) or converted. */
export interface UnconvertedLine {
  readonly currency: string;
  readonly debitMinor: bigint;
  readonly creditMinor: bigint;
  readonly baseDebitMinor?: bigint | undefined;
  readonly baseCreditMinor?: bigint | undefined;
  /** A sub-ledger line (receivable, unapplied cash) must keep its converted amount: rounding goes elsewhere. */
  readonly keepsExactBase?: boolean;
}

/**
 * Base-currency amounts for an entry's lines. Base-currency lines count at face value; a line with explicit base
 * amounts keeps them; any other foreign-currency line is converted at `rate` (throws when there is none). Converting
 * each line separately can leave the entry a minor unit or two out of balance in base currency: that rounding goes to
 * the largest converted line that is not a sub-ledger line, so the receivable keeps exactly its converted amount.
 */
export function withBaseAmounts<T extends UnconvertedLine>(
  lines: readonly T[],
  baseCurrency: string,
  rate: Decimal | undefined,
  describe: string,
): Array<T & { baseDebitMinor: bigint; baseCreditMinor: bigint }> {
  const converted: number[] = [];
  const result = lines.map((line, i) => {
    if (line.currency === baseCurrency) return { ...line, baseDebitMinor: line.debitMinor, baseCreditMinor: line.creditMinor };
    if (line.baseDebitMinor !== undefined || line.baseCreditMinor !== undefined) {
      return { ...line, baseDebitMinor: line.baseDebitMinor ?? 0n, baseCreditMinor: line.baseCreditMinor ?? 0n };
    }
    if (!rate) throw new RangeError(`${describe}: no exchange rate to book ${line.currency} in ${baseCurrency}`);
    converted.push(i);
    return {
      ...line,
      baseDebitMinor: toBaseMinor(line.debitMinor, line.currency, baseCurrency, rate),
      baseCreditMinor: toBaseMinor(line.creditMinor, line.currency, baseCurrency, rate),
    };
  });
  const residual = result.reduce((s, l) => s + l.baseDebitMinor - l.baseCreditMinor, 0n);
  if (residual !== 0n && converted.length > 0) {
    const size = (i: number) => (result[i]?.baseDebitMinor ?? 0n) + (result[i]?.baseCreditMinor ?? 0n);
    const candidates = converted.filter((i) => !lines[i]?.keepsExactBase);
    const pool = candidates.length > 0 ? candidates : converted;
    const plug = pool.reduce((best, i) => (size(i) > size(best) ? i : best));
    const line = result[plug];
    if (line) {
      result[plug] =
        line.baseDebitMinor > 0n || line.debitMinor > 0n
          ? { ...line, baseDebitMinor: line.baseDebitMinor - residual }
          : { ...line, baseCreditMinor: line.baseCreditMinor + residual };
    }
  }
  return result;
}

/**
 * Double entry: an entry balances when, in every currency, debits equal credits, and in base currency as well. Each
 * line moves one side only, by a positive amount (in its currency, in base currency, or both). Returns the faults, or
 * an empty list for a postable entry.
 */
export function journalEntryFaults(lines: readonly JournalLineDraft[]): FieldError[] {
  const faults: FieldError[] = [];
  if (lines.length < 2) faults.push({ pointer: '/lines', detail: 'a journal entry needs at least two lines' });
  const net = new Map<string, bigint>();
  let baseNet = 0n;
  lines.forEach((line, i) => {
    const amounts = [line.debitMinor, line.creditMinor, line.baseDebitMinor, line.baseCreditMinor];
    const debits = line.debitMinor > 0n || line.baseDebitMinor > 0n;
    const credits = line.creditMinor > 0n || line.baseCreditMinor > 0n;
    const oneSided = amounts.every((a) => a >= 0n) && debits !== credits;
    if (!oneSided) faults.push({ pointer: `/lines/${i}`, detail: 'a line is either a positive debit or a positive credit' });
    net.set(line.currency, (net.get(line.currency) ?? 0n) + line.debitMinor - line.creditMinor);
    baseNet += line.baseDebitMinor - line.baseCreditMinor;
  });
  for (const [currency, difference] of net) {
    if (difference !== 0n) {
      faults.push({
        pointer: '/lines',
        detail: `debits and credits in ${currency} differ by ${difference} minor units`,
      });
    }
  }
  if (baseNet !== 0n) faults.push({ pointer: '/lines', detail: `debits and credits in base currency differ by ${baseNet} minor units` });
  return faults;
}

/** Signed balance in the account's normal direction (assets and expenses: debit minus credit). */
export function normalBalance(type: string, debitMinor: bigint, creditMinor: bigint): bigint {
  return type === 'asset' || type === 'expense' ? debitMinor - creditMinor : creditMinor - debitMinor;
}
