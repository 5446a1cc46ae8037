import type { Database, Executor } from '../db/connection.js';
import { registerCustomerRoutes } from '../modules/customers/routes.js';
import { registerIdentityRoutes } from '../modules/identity/routes.js';
import { registerInvoiceRoutes } from '../modules/invoicing/routes.js';
import { customerHasInvoices } from '../modules/invoicing/service.js';
import { registerLedgerRoutes } from '../modules/ledger/routes.js';
import { registerPaymentRoutes } from '../modules/payments/routes.js';
import { customerHasPayments } from '../modules/payments/service.js';
import { registerReportRoutes } from '../modules/reporting/routes.js';
import { registerAutomationRoutes } from '../automation/routes.js';
import { registerCatalogRoutes } from '../modules/catalog/routes.js';
import { registerCreditRoutes } from '../modules/credit/routes.js';
import { registerOrderRoutes } from '../modules/orders/routes.js';
import { creditPosition } from '../modules/orders/service.js';
import { registerWebhookRoutes } from '../modules/webhooks/routes.js';
import { registerExportRoutes } from '../modules/exports/routes.js';
import { registerImportRoutes } from '../modules/imports/routes.js';
import { registerTermsRoutes } from '../modules/terms/routes.js';
import { registerLateFeeRoutes } from '../modules/latefees/routes.js';
import { registerNotificationRoutes } from '../modules/notifications/routes.js';
import { registerCashApplicationRoutes } from '../modules/cashapp/routes.js';
import { registerAutopayRoutes } from '../modules/autopay/routes.js';
import { refundCardCharge } from '../modules/autopay/service.js';
import { registerCollectionRoutes } from '../modules/collections/routes.js';
import type { CashloopApp } from './conventions.js';

export function registerRoutes(app: CashloopApp, db: Database): void {
  const customerHasDocuments = async (tx: Executor, tenantId: string, customerId: string) =>
    (await customerHasInvoices(tx, tenantId, customerId)) || (await customerHasPayments(tx, tenantId, customerId));
  registerIdentityRoutes(app, db);
  registerCustomerRoutes(app, db, customerHasDocuments);
  registerInvoiceRoutes(app, db);
  registerPaymentRoutes(app, db, refundCardCharge);
  registerLedgerRoutes(app, db);
  registerReportRoutes(app, db);
  registerCatalogRoutes(app, db);
  registerOrderRoutes(app, db);
  registerCreditRoutes(app, db, (customer, asOf) => creditPosition(db, customer, asOf));
  registerAutomationRoutes(app, db);
  registerWebhookRoutes(app, db);
  registerExportRoutes(app, db);
  registerImportRoutes(app, db);
  registerTermsRoutes(app, db);
  registerLateFeeRoutes(app, db);
  registerNotificationRoutes(app, db);
  registerCashApplicationRoutes(app, db);
  registerAutopayRoutes(app, db);
  registerCollectionRoutes(app, db);
}
