import { parseArgs } from 'node:util';
import { readSettings } from '../config.js';
import { openConfiguredDatabase } from '../db/open.js';
import { isKnownCurrency } from '../kernel/currency.js';
import { compareDates, isValidTimeZone, parseBusinessDate } from '../kernel/business-date.js';
import { runDays } from '../automation/run-day.js';
import { isRole, roles } from '../modules/identity/roles.js';
import { createApiKey, findTenant, listTenants, revokeApiKey } from '../modules/identity/service.js';
import { openTenant } from '../tenancy.js';

const usage = `cashloop <command> [options]

Commands:
  migrate                                   apply database migrations
  tenant create --name N [--currency EUR] [--time-zone Europe/Berlin]
                                            create a company; prints its id and an admin API key
  tenant list                               list companies
  key create --tenant ID --role ROLE [--name N]
                                            create an API key (roles: ${roles.join(', ')}); printed once
  key revoke --tenant ID --key-id ID        revoke an API key
  run-day --as-of YYYY-MM-DD [--to YYYY-MM-DD] [--tenant ID]
                                            run the daily automation for a date (or each date of a range,
                                            in order) for one tenant or all; exactly once per date and task

The database is DATABASE_URL when set, else the embedded one in CASHLOOP_DATA_DIR (default ./data).
The embedded database can be used by one process at a time: stop the server first.`;

function fail(message: string): never {
  process.stderr.write(`cashloop: ${message}\n\n${usage}\n`);
  process.exit(2);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: 'string' },
    currency: { type: 'string', default: 'EUR' },
    'time-zone': { type: 'string', default: 'UTC' },
    tenant: { type: 'string' },
    role: { type: 'string' },
    'key-id': { type: 'string' },
    'as-of': { type: 'string' },
    to: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

const command = positionals.join(' ');
if (values.help || command === '' || command === 'help') {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
const known = ['migrate', 'tenant create', 'tenant list', 'key create', 'key revoke', 'run-day'];
if (!known.includes(command)) fail(`unknown command "${command}"`);

const database = await openConfiguredDatabase(readSettings());
const { db } = database;
const cli = (tenantId: string) => ({ tenantId, role: 'admin' as const, label: 'cli' });
try {
  switch (command) {
    case 'migrate':
      process.stdout.write(`migrated ${database.description}\n`);
      break;
    case 'tenant create': {
      if (!values.name) fail('--name is required');
      if (!isKnownCurrency(values.currency)) fail(`unknown currency ${values.currency}`);
      if (!isValidTimeZone(values['time-zone'])) fail(`unknown time zone ${values['time-zone']}`);
      const tenant = await openTenant(db, { name: values.name, baseCurrency: values.currency, timeZone: values['time-zone'] });
      const { key } = await createApiKey(db, cli(tenant.id), { role: 'admin', name: 'created by cli' });
      process.stdout.write(`tenant ${tenant.id} ${tenant.name}\nadmin API key (shown once): ${key}\n`);
      break;
    }
    case 'tenant list':
      for (const t of await listTenants(db)) {
        process.stdout.write(`${t.id}  ${t.baseCurrency}  ${t.timeZone}  ${t.name}${t.isDemo ? '  [demo]' : ''}\n`);
      }
      break;
    case 'key create': {
      if (!values.tenant || !(await findTenant(db, values.tenant).catch(() => undefined))) fail('--tenant must name an existing tenant id');
      if (!values.role || !isRole(values.role)) fail(`--role must be one of ${roles.join(', ')}`);
      const { key, row } = await createApiKey(db, cli(values.tenant), { role: values.role, name: values.name ?? `${values.role} key` });
      process.stdout.write(`key ${row.id} (${row.role})\nAPI key (shown once): ${key}\n`);
      break;
    }
    case 'run-day': {
      const from = values['as-of'];
      const to = values.to ?? from;
      if (!from || !parseBusinessDate(from)) fail('--as-of YYYY-MM-DD is required');
      if (!to || !parseBusinessDate(to) || compareDates(to, from) < 0) fail('--to must be a date on or after --as-of');
      const tenantIds = values.tenant ? [values.tenant] : (await listTenants(db)).map((t) => t.id);
      for (const tenantId of tenantIds) {
        for (const day of await runDays(db, tenantId, from, to)) {
          const summary = day.outcomes.map((o) => `${o.task}: ${o.status}${'outcome' in o ? ` ${JSON.stringify(o.outcome)}` : ''}`).join(', ');
          process.stdout.write(`${tenantId} ${day.asOf} ${summary}\n`);
        }
      }
      break;
    }
    case 'key revoke': {
      if (!values.tenant || !values['key-id']) fail('--tenant and --key-id are required');
      const result = await revokeApiKey(db, cli(values.tenant), values['key-id']);
      if (!result.ok) fail(result.error.message);
      process.stdout.write(`revoked ${result.value.id}\n`);
      break;
    }
  }
} finally {
  await database.close();
}
