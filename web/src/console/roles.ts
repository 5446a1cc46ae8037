import type { Role } from './types';

/**
 * What each role may do, as the server decides it (requireRole in the route files): the console hides what the
 * signed-in role cannot do instead of offering a button that answers 403. Viewers only read.
 */
const allowed = {
  issueInvoice: ['admin', 'ar_manager', 'collector'],
  voidInvoice: ['admin', 'ar_manager', 'collector'],
  creditInvoice: ['admin', 'ar_manager', 'collector'],
  uploadBankFile: ['admin', 'ar_manager'],
  resolveException: ['admin', 'ar_manager', 'collector'],
  logActivity: ['admin', 'ar_manager', 'collector'],
  recordPromise: ['admin', 'ar_manager', 'collector'],
  openDispute: ['admin', 'ar_manager', 'collector'],
  manageUsers: ['admin'],
  managePaymentTerms: ['admin', 'ar_manager'],
  createInvoice: ['admin', 'ar_manager', 'collector'],
  createOrder: ['admin', 'ar_manager', 'collector'],
  moveOrder: ['admin', 'ar_manager', 'collector'],
  overrideOrderPrice: ['admin', 'ar_manager'],
  decideCreditHold: ['admin', 'ar_manager'],
  manageLateFees: ['admin', 'ar_manager'],
  manageEmailTemplates: ['admin', 'ar_manager'],
  manageApiKeys: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof allowed;

export function can(role: Role, action: Action): boolean {
  return (allowed[action] as readonly Role[]).includes(role);
}

export const roleLabels: Record<Role, string> = { admin: 'Admin', ar_manager: 'AR manager', collector: 'Collector', viewer: 'Viewer' };
