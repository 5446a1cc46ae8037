import type { Database, Executor } from './db/connection.js';
import { createTenant, type TenantInput, type TenantRow } from './modules/identity/service.js';
import { createNumberSeries } from './modules/invoicing/service.js';
import { createChartOfAccounts } from './modules/ledger/service.js';

/** Everything a new company needs before its first invoice: chart of accounts and number series. */
export async function provisionTenant(tx: Executor, tenantId: string): Promise<void> {
  await createChartOfAccounts(tx, tenantId);
  await createNumberSeries(tx, tenantId);
}

export function openTenant(db: Database, input: TenantInput, actorLabel = 'cli'): Promise<TenantRow> {
  return createTenant(db, input, provisionTenant, actorLabel);
}
