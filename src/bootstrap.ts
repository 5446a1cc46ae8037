import type { Settings } from './config.js';
import type { Database } from './db/connection.js';
import { createApiKey, hasAnyTenant } from './modules/identity/service.js';
import { openTenant } from './tenancy.js';

export interface BootstrapOutcome {
  kind: 'existing' | 'demo' | 'empty_company';
  tenantName?: string;
  /** Shown once, when it was generated (not when the operator chose it with CASHLOOP_BOOTSTRAP_KEY). */
  generatedKey?: string;
}

/**
 * First start on an empty database: the demo company (embedded database only, unless --no-demo), or an empty company.
 * Either way its admin key is CASHLOOP_BOOTSTRAP_KEY when set, or a generated key printed once.
 */
export async function bootstrapEmptyDatabase(
  db: Database,
  settings: Settings,
  options: { loadDemo: boolean; today: string; log: (message: string) => void },
): Promise<BootstrapOutcome> {
  if (await hasAnyTenant(db)) return { kind: 'existing' };
  if (options.loadDemo) {
    const { loadDemoCompany } = await import('./demo/demo-company.js');
    const started = Date.now();
    let lastReported = 0;
    const { tenant, adminKey } = await loadDemoCompany(db, {
      today: options.today,
      ...(settings.bootstrapKey ? { bootstrapKey: settings.bootstrapKey } : {}),
      onProgress: (done, total) => {
        if (Date.now() - lastReported > 2000) {
          lastReported = Date.now();
          options.log(`loading the demo company: ${done}/${total}`);
        }
      },
    });
    options.log(`demo company loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return { kind: 'demo', tenantName: tenant.name, ...(settings.bootstrapKey ? {} : { generatedKey: adminKey }) };
  }
  const tenant = await openTenant(db, { name: 'My Company', baseCurrency: process.env.CASHLOOP_BASE_CURRENCY ?? 'EUR', timeZone: process.env.CASHLOOP_TIME_ZONE ?? 'UTC' }, 'system:bootstrap');
  const { key } = await createApiKey(
    db,
    { tenantId: tenant.id, role: 'admin', label: 'system:bootstrap' },
    { role: 'admin', name: 'bootstrap admin', ...(settings.bootstrapKey ? { presetKey: settings.bootstrapKey } : {}) },
  );
  return { kind: 'empty_company', tenantName: tenant.name, ...(settings.bootstrapKey ? {} : { generatedKey: key }) };
}
