import { describe, expect, it } from 'vitest';
import { checkRow, headerIssues, parseAmount } from './row-rules.js';

describe('import row rules', () => {
  it('converts decimal amounts to exact minor units in the currency exponent, never through floats', () => {
    expect(parseAmount('1234.5', 'EUR')).toBe(123_450n);
    expect(parseAmount('0.07', 'EUR')).toBe(7n);
    expect(parseAmount('1234', 'JPY')).toBe(1_234n);
    expect(parseAmount('1.234', 'KWD')).toBe(1_234n);
    expect(parseAmount('90071992547409.93', 'EUR')).toBe(9_007_199_254_740_993n);
    expect(parseAmount('12.345', 'EUR')).toContain('2 decimal places');
    expect(parseAmount('1,234.00', 'EUR')).toContain('not a plain decimal');
    expect(parseAmount('12.5', 'JPY')).toContain('0 decimal places');
  });

  it('names the missing and unknown columns of a header', () => {
    expect(headerIssues('open_invoices', ['customer_external_ref', 'invoice_number', 'issue_date', 'currency', 'open_amount', 'colour'])).toEqual([
      { severity: 'error', column: 'due_date', message: 'required column "due_date" is missing' },
      { severity: 'warning', column: 'colour', message: 'unknown column "colour" is ignored' },
    ]);
  });

  it('reports each fault of a row with its column', () => {
    const { issues } = checkRow('open_invoices', { customer_external_ref: 'C1', invoice_number: 'L-1', issue_date: '2026-02-30', due_date: '2026-01-01', currency: 'EURO', open_amount: '-5' });
    expect(issues.map((i) => [i.severity, i.column])).toEqual([
      ['error', 'currency'],
      ['error', 'issue_date'],
    ]);
    const second = checkRow('open_invoices', { customer_external_ref: 'C1', invoice_number: 'L-1', issue_date: '2026-02-10', due_date: '2026-01-01', currency: 'EUR', open_amount: '0' });
    expect(second.issues.map((i) => i.column)).toEqual(['due_date', 'open_amount']);
  });

  it('imports a customer with a questionable email as a warning, without the email', () => {
    const { row, issues } = checkRow('customers', { external_ref: 'C9', name: 'Nine', currency: 'EUR', email: 'not-an-email', payment_terms_days: '14' });
    expect(issues).toEqual([{ severity: 'warning', column: 'email', message: '"not-an-email" does not look like an email address; imported without it' }]);
    expect(row).toMatchObject({ externalRef: 'C9', email: null, paymentTermsDays: 14, creditLimitMinor: null });
  });
});
