// The one schema: every domain's tables, in the one migration history (src/db/migrations).
export * from '../modules/identity/schema.js';
export * from '../modules/ledger/schema.js';
export * from '../modules/customers/schema.js';
export * from '../modules/invoicing/schema.js';
export * from '../modules/payments/schema.js';
export * from '../modules/catalog/schema.js';
export * from '../modules/credit/schema.js';
export * from '../modules/orders/schema.js';
export * from '../automation/schema.js';
export * from '../modules/events/schema.js';
export * from '../modules/webhooks/schema.js';
export * from '../modules/imports/schema.js';
export * from '../modules/terms/schema.js';
export * from '../modules/latefees/schema.js';
export * from '../modules/notifications/schema.js';
export * from '../modules/cashapp/schema.js';
export * from '../modules/autopay/schema.js';
