import type { FieldError } from '../../kernel/result.js';

/** One side of a posting. Exactly one of debitMinor / creditMinor is positive. */
export interface JournalLineDraft {
  readonly accountId: string;
  readonly currency: string;
  readonly debitMinor: bigint;
  readonly creditMinor: bigint;
  readonly customerId?: string | null;
}

/**
 * Double entry: an entry balances when, in every currency, debits equal credits. Each line moves one side only
 * and by a positive amount. Returns the faults, or an empty list for a postable entry.
 */
export function journalEntryFaults(lines: readonly JournalLineDraft[]): FieldError[] {
  const faults: FieldError[] = [];
  if (lines.length < 2) faults.push({ pointer: '/lines', detail: 'a journal entry needs at least two lines' });
  const net = new Map<string, bigint>();
  lines.forEach((line, i) => {
    const oneSided =
      line.debitMinor >= 0n && line.creditMinor >= 0n && (line.debitMinor === 0n) !== (line.creditMinor === 0n);
    if (!oneSided) faults.push({ pointer: `/lines/${i}`, detail: 'a line is either a positive debit or a positive credit' });
    net.set(line.currency, (net.get(line.currency) ?? 0n) + line.debitMinor - line.creditMinor);
  });
  for (const [currency, difference] of net) {
    if (difference !== 0n) {
      faults.push({
        pointer: '/lines',
        detail: `debits and credits in ${currency} differ by ${difference} minor units`,
      });
    }
  }
  return faults;
}

/** Signed balance in the account's normal direction (assets and expenses: debit minus credit). */
export function normalBalance(type: string, debitMinor: bigint, creditMinor: bigint): bigint {
  return type === 'asset' || type === 'expense' ? debitMinor - creditMinor : creditMinor - debitMinor;
}
