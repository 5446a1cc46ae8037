import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildMatchIndex,
  defaultMatchSettings,
  editDistance,
  findCombinations,
  invoiceNumberKey,
  learnPayer,
  matchStatementLine,
  settleInIndex,
  type KnownPayer,
  type OpenItem,
  type StatementLineToMatch,
} from './match.js';
import { findDuplicate, suspicionsForCustomer } from './suspect.js';

function item(number: string, customerId: string, openMinor: bigint, extra: Partial<OpenItem> = {}): OpenItem {
  return {
    invoiceId: `inv-${number}`, number, customerId, currency: 'EUR', openMinor, totalMinor: openMinor,
    issueDate: '2026-01-01', dueDate: '2026-01-31', creditorReference: null, discountMinor: null, discountDeadline: null, ...extra,
  };
}
function line(amountMinor: bigint, extra: Partial<StatementLineToMatch> = {}): StatementLineToMatch {
  return { lineId: 'L1', amountMinor, currency: 'EUR', valueDate: '2026-02-01', structuredReference: null, customerReference: null, remittanceText: '', payerName: null, payerIban: null, ...extra };
}

const acme: KnownPayer = { customerId: 'acme', ibans: ['DE89370400440532013000'], names: ['Acme GmbH'] };
const beta: KnownPayer = { customerId: 'beta', ibans: ['NL91ABNA0417164300'], names: ['Beta B.V.'] };
const items = [
  item('INV-2026-000101', 'acme', 100_00n, { creditorReference: 'RF18539007547034' }),
  item('INV-2026-000102', 'acme', 250_00n, { dueDate: '2026-02-15' }),
  item('INV-2026-000103', 'acme', 75_50n, { dueDate: '2026-02-20', discountMinor: 1_51n, discountDeadline: '2026-02-05' }),
  item('INV-2026-000201', 'beta', 100_00n),
  item('INV-2026-000202', 'beta', 100_00n, { dueDate: '2026-03-01' }),
];
const index = () => buildMatchIndex(items, [acme, beta]);

describe('matching rules, each on its own', () => {
  it('structured reference: an RF creditor reference pays its invoice in full, near-certainly', () => {
    const outcome = matchStatementLine(line(100_00n, { structuredReference: 'RF18 5390 0754 7034' }), index());
    expect(outcome.autoApply).toBe(true);
    expect(outcome.proposal?.rule).toBe('structured_reference');
    expect(outcome.proposal?.allocations).toEqual([{ invoiceId: 'inv-INV-2026-000101', amountMinor: 100_00n }]);
    expect(outcome.proposal?.explanation).toMatch(/RF18 5390 0754 7034 is invoice INV-2026-000101's/);
  });

  it('invoice number in free text, whatever the formatting', () => {
    for (const text of ['Invoice INV-2026-000102', 'inv 2026/102 thanks', 'RE: INV2026000102', 'payment for 2026-102']) {
      const outcome = matchStatementLine(line(250_00n, { remittanceText: text }), index());
      expect(outcome.proposal?.allocations, text).toEqual([{ invoiceId: 'inv-INV-2026-000102', amountMinor: 250_00n }]);
      expect(outcome.autoApply, text).toBe(true);
    }
  });

  it('a mistyped invoice number is matched among the known payer\'s invoices, one character off', () => {
    const outcome = matchStatementLine(line(250_00n, { remittanceText: 'INV-2026-000120', payerIban: acme.ibans[0] as string }), index());
    expect(outcome.proposal?.rule).toBe('fuzzy_invoice_number');
    expect(outcome.proposal?.allocations[0]?.invoiceId).toBe('inv-INV-2026-000102');
    expect(outcome.autoApply).toBe(true);
  });

  it('a mistyped number from an unknown payer is not guessed', () => {
    const outcome = matchStatementLine(line(250_00n, { remittanceText: 'INV-2026-000120' }), index());
    expect(outcome.autoApply).toBe(false);
  });

  it('payer by IBAN plus an amount that only one of its invoices has', () => {
    const outcome = matchStatementLine(line(250_00n, { payerIban: acme.ibans[0] as string }), index());
    expect(outcome.proposal?.rule).toBe('payer_amount');
    expect(outcome.autoApply).toBe(true);
  });

  it('payer by IBAN with two invoices of the same amount goes to a person', () => {
    const outcome = matchStatementLine(line(100_00n, { payerIban: beta.ibans[0] as string }), index());
    expect(outcome.autoApply).toBe(false);
    expect(outcome.reasons.join(' ')).toMatch(/below the auto-apply threshold/);
  });

  it('one payment for several invoices: the unique combination of the payer\'s open items', () => {
    const outcome = matchStatementLine(line(325_50n, { payerIban: acme.ibans[0] as string }), index());
    expect(outcome.proposal?.rule).toBe('payer_combination');
    expect(outcome.proposal?.allocations.map((a) => a.invoiceId).sort()).toEqual(['inv-INV-2026-000102', 'inv-INV-2026-000103']);
    expect(outcome.autoApply).toBe(true);
  });

  it('one payment naming several invoices in its text', () => {
    const outcome = matchStatementLine(line(350_00n, { remittanceText: 'INV-2026-000101 INV-2026-000102' }), index());
    expect(outcome.proposal?.allocations).toHaveLength(2);
    expect(outcome.autoApply).toBe(true);
  });

  it('a payer settling everything it owes', () => {
    const outcome = matchStatementLine(line(425_50n, { payerName: 'ACME GMBH' }), index());
    expect(outcome.proposal?.allocations).toHaveLength(3);
  });

  it('several payments for one invoice: a partial payment with the reference leaves the rest open', () => {
    const outcome = matchStatementLine(line(40_00n, { structuredReference: 'RF18539007547034' }), index());
    expect(outcome.proposal?.allocations).toEqual([{ invoiceId: 'inv-INV-2026-000101', amountMinor: 40_00n }]);
    expect(outcome.proposal?.explanation).toMatch(/partial payment/);
    expect(outcome.autoApply).toBe(true);
    const idx = index();
    settleInIndex(idx, 'inv-INV-2026-000101', 40_00n);
    const second = matchStatementLine(line(60_00n, { structuredReference: 'RF18539007547034' }), idx);
    expect(second.proposal?.explanation).toMatch(/pays it in full/);
  });

  it('a short payment: the early-payment discount within its deadline, bank charges within tolerance', () => {
    const discount = matchStatementLine(line(73_99n, { remittanceText: 'INV-2026-000103', valueDate: '2026-02-04' }), index());
    expect(discount.proposal?.adjustments).toEqual([{ kind: 'early_payment_discount', invoiceId: 'inv-INV-2026-000103', amountMinor: 1_51n }]);
    const charges = matchStatementLine(line(249_00n, { remittanceText: 'INV-2026-000102' }), index());
    expect(charges.proposal?.adjustments).toEqual([{ kind: 'bank_charges', invoiceId: 'inv-INV-2026-000102', amountMinor: 1_00n }]);
    const late = matchStatementLine(line(73_99n, { remittanceText: 'INV-2026-000103', valueDate: '2026-02-10' }), index());
    expect(late.proposal?.adjustments[0]?.kind).not.toBe('early_payment_discount');
  });

  it('an overpayment allocates the open amount and keeps the rest as credit', () => {
    const outcome = matchStatementLine(line(110_00n, { structuredReference: 'RF18539007547034' }), index());
    expect(outcome.proposal?.unappliedMinor).toBe(10_00n);
  });

  it('foreign currency: identified but never applied automatically', () => {
    const outcome = matchStatementLine(line(100_00n, { currency: 'USD', structuredReference: 'RF18539007547034' }), index());
    expect(outcome.autoApply).toBe(false);
    expect(outcome.proposal?.explanation).toMatch(/in USD and invoice INV-2026-000101 in EUR/);
  });

  it('an unknown payer without a reference is explained, not guessed', () => {
    const outcome = matchStatementLine(line(100_00n, { payerName: 'Somebody Else' }), index());
    expect(outcome.proposal).toBeNull();
    expect(outcome.reasons).toEqual(['no reference to an open invoice and the payer is not known']);
  });

  it('learns a payer from a manual match', () => {
    const idx = index();
    const newIban = 'GB33BUKB20201555555555';
    expect(matchStatementLine(line(250_00n, { payerIban: newIban }), idx).proposal).toBeNull();
    learnPayer(idx, 'acme', newIban, 'ACME Trading');
    expect(matchStatementLine(line(250_00n, { payerIban: newIban }), idx).autoApply).toBe(true);
  });

  it('rules can be switched off and reordered per tenant', () => {
    const outcome = matchStatementLine(line(100_00n, { structuredReference: 'RF18539007547034' }), index(), { ...defaultMatchSettings, rules: ['payer_amount'] });
    expect(outcome.proposal).toBeNull();
  });

  it('debits are not payments', () => {
    expect(matchStatementLine(line(-5_00n), index()).reasons[0]).toMatch(/not an incoming payment/);
  });
});

describe('matching building blocks', () => {
  it('invoice number keys survive retyping', () => {
    expect(invoiceNumberKey('INV-2026-000123')).toBe('2026.123');
    expect(invoiceNumberKey('inv 2026/123')).toBe('2026.123');
    expect(invoiceNumberKey('12')).toBeNull();
  });

  it('edit distance counts a transposition as one', () => {
    expect(editDistance('2026000123', '2026000132')).toBe(1);
    expect(editDistance('ABC', 'ABC')).toBe(0);
    expect(editDistance('ABCDEF', 'A', 2)).toBe(3);
  });

  it('combinations are bounded and every one found sums to the amount', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 1n, max: 10_000n }), { minLength: 1, maxLength: 24 }), fc.bigInt({ min: 1n, max: 50_000n }), (amounts, target) => {
        const open = amounts.map((a, i) => item(`N-${1000 + i}`, 'c', a));
        const { found } = findCombinations(open, target, 5, 20_000);
        for (const combo of found) {
          expect(combo.reduce((s, x) => s + x.openMinor, 0n)).toBe(target);
          expect(new Set(combo.map((x) => x.invoiceId)).size).toBe(combo.length);
          expect(combo.length).toBeLessThanOrEqual(5);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('no proposal ever allocates more than the line or more than an item has open', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 1_000_00n }), fc.constantFrom('', 'INV-2026-000101', 'INV-2026-000102 INV-2026-000103', '2026/201'), fc.constantFrom(null, acme.ibans[0] as string, beta.ibans[0] as string), (amount, text, iban) => {
        const idx = index();
        const outcome = matchStatementLine(line(amount, { remittanceText: text, payerIban: iban }), idx);
        const p = outcome.proposal;
        if (!p) return;
        const allocated = p.allocations.reduce((s, a) => s + a.amountMinor, 0n);
        expect(allocated + p.unappliedMinor).toBe(p.allocations.length === 0 ? p.unappliedMinor : amount);
        for (const a of p.allocations) expect(a.amountMinor).toBeLessThanOrEqual(idx.byId.get(a.invoiceId)?.openMinor ?? 0n);
      }),
      { numRuns: 300 },
    );
  });
});

describe('suspect payments', () => {
  const seen = { lineId: 'A', valueDate: '2026-02-01', amountMinor: 100_00n, payerIban: 'DE89370400440532013000', payerName: 'Acme', reference: 'INV-1' };

  it('flags the same payer, amount and reference within the window as a duplicate', () => {
    expect(findDuplicate({ ...seen, lineId: 'B', valueDate: '2026-02-03' }, [seen])?.code).toBe('duplicate');
    expect(findDuplicate({ ...seen, lineId: 'B', valueDate: '2026-03-03' }, [seen])).toBeNull();
    expect(findDuplicate({ ...seen, lineId: 'B', amountMinor: 99_00n }, [seen])).toBeNull();
  });

  it('flags a new account only for a customer who has always paid from others', () => {
    const habitual = { ibanCounts: new Map([['DE89370400440532013000', 6]]), paymentCount: 6, largestPaymentMinor: 0n };
    expect(suspicionsForCustomer({ ...seen, payerIban: 'GB33BUKB20201555555555' }, habitual).map((s) => s.code)).toEqual(['new_payer_account']);
    const brandNew = { ibanCounts: new Map<string, number>(), paymentCount: 0, largestPaymentMinor: 0n };
    expect(suspicionsForCustomer({ ...seen, payerIban: 'GB33BUKB20201555555555' }, brandNew)).toEqual([]);
  });

  it('flags an amount far outside the customer\'s pattern', () => {
    const history = { ibanCounts: new Map([['DE89370400440532013000', 6]]), paymentCount: 5, largestPaymentMinor: 12_00n };
    expect(suspicionsForCustomer({ ...seen, amountMinor: 500_00n }, history).map((s) => s.code)).toEqual(['amount_out_of_pattern']);
    expect(suspicionsForCustomer({ ...seen, amountMinor: 30_00n }, history)).toEqual([]);
  });
});
