import { parseArgs } from 'node:util';
import { Temporal } from 'temporal-polyfill';
import { bootstrapEmptyDatabase } from './bootstrap.js';
import { readSettings } from './config.js';
import { openConfiguredDatabase } from './db/open.js';
import { buildServer } from './http/server.js';
import { landingPage } from './http/landing-page.js';
import { startDailyScheduler } from './automation/scheduler.js';
import { startWebhookWorker } from './modules/webhooks/worker.js';
import { smtpFromEnvironment } from './modules/notifications/service.js';
import { startEmailWorker } from './modules/notifications/worker.js';

const { values: flags } = parseArgs({ options: { 'no-demo': { type: 'boolean', default: false } }, allowPositionals: false });
const settings = readSettings();
const log = (message: string) => process.stdout.write(`${message}\n`);

const database = await openConfiguredDatabase(settings);
log(`database: ${database.description}`);

const app = await buildServer({ database, logger: { level: settings.logLevel } });
app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(landingPage));
await app.listen({ port: settings.port, host: settings.host });
const url = `http://${settings.host === '0.0.0.0' ? 'localhost' : settings.host}:${settings.port}`;
log(`Cashloop is running on ${url}  (API docs: ${url}/docs)`);

// First start: the demo company loads while the server already answers (about 10 s on PGlite: 2,000 invoices, 1,900 payments).
const outcome = await bootstrapEmptyDatabase(database.db, settings, {
  // The demo belongs to the embedded database only: never fill a real server with sample data.
  loadDemo: !settings.databaseUrl && !flags['no-demo'],
  today: Temporal.Now.plainDateISO('Europe/Berlin').toString(),
  log,
});
if (outcome.kind !== 'existing') log(`created ${outcome.tenantName}`);
if (outcome.generatedKey) {
  log('');
  log(`Admin API key (shown once, keep it): ${outcome.generatedKey}`);
  log(`Try: curl -H "Authorization: Bearer ${outcome.generatedKey}" ${url}/v1/reports/aging`);
  log('');
}

// The daily automation (scheduled billing, ...) for every tenant at its local run time, catching up missed days.
const scheduler = startDailyScheduler(database.db, { log });
// Webhook deliveries from the event outbox, with retries.
const webhookWorker = startWebhookWorker(database.db, { log });
// Emails from the outbox, through SMTP_URL or a company's own mail server (without either they wait in the outbox).
const emailWorker = startEmailWorker(database.db, smtpFromEnvironment(), { log });

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    log(`${signal}: shutting down`);
    void Promise.all([scheduler.stop(), webhookWorker.stop(), emailWorker?.stop()])
      .then(() => app.close())
      .then(() => database.close())
      .then(() => process.exit(0));
  });
}
