/** The accounts the AR engine posts to. Each tenant gets them at creation; codes may be renamed, purposes may not. */
export const accountPurposes = [
  'accounts_receivable',
  'bank',
  'unapplied_cash',
  'tax_payable',
  'revenue',
  'discounts_allowed',
  'late_fee_income',
  'bad_debt_expense',
  'fx_gain_loss',
  'opening_balance',
  'bank_charges',
] as const;
export type AccountPurpose = (typeof accountPurposes)[number];
export type AccountType = 'asset' | 'liability' | 'equity' | 'income' | 'expense';

export interface AccountTemplate {
  readonly code: string;
  readonly name: string;
  readonly type: AccountType;
  readonly purpose: AccountPurpose | null;
}

export const defaultChartOfAccounts: readonly AccountTemplate[] = [
  { code: '1000', name: 'Bank', type: 'asset', purpose: 'bank' },
  { code: '1200', name: 'Accounts receivable', type: 'asset', purpose: 'accounts_receivable' },
  { code: '2100', name: 'Unapplied cash (customer credit)', type: 'liability', purpose: 'unapplied_cash' },
  { code: '2200', name: 'Tax payable', type: 'liability', purpose: 'tax_payable' },
  { code: '3000', name: 'Opening balance equity', type: 'equity', purpose: 'opening_balance' },
  { code: '4000', name: 'Revenue', type: 'income', purpose: 'revenue' },
  { code: '4100', name: 'Late-fee income', type: 'income', purpose: 'late_fee_income' },
  { code: '4900', name: 'Discounts allowed', type: 'expense', purpose: 'discounts_allowed' },
  { code: '6100', name: 'Bad-debt expense', type: 'expense', purpose: 'bad_debt_expense' },
  { code: '6200', name: 'Bank charges', type: 'expense', purpose: 'bank_charges' },
  { code: '7900', name: 'Exchange gains and losses', type: 'expense', purpose: 'fx_gain_loss' },
];

/**
 * Sub-ledger control accounts: their balance must equal the sum of open items, so only the AR engine posts to them
 * (manual journal entries touching them are refused).
 */
export const controlAccountPurposes: ReadonlySet<AccountPurpose> = new Set(['accounts_receivable', 'unapplied_cash']);
