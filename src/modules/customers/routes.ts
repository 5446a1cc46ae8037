import { z } from 'zod';
import { peppolEndpointInput, peppolEndpointView, toPeppolEndpointView } from '../einvoice/peppol-endpoint-input.js';
import type { Database, Executor } from '../../db/connection.js';
import {
  actorOf,
  currencyCode,
  requireRole,
  decodeCursor,
  idParam,
  minorToJson,
  nonNegativeAmountMinor,
  pageOf,
  pageQuery,
  pageSchema,
  unwrap,
  type CashloopApp,
} from '../../http/conventions.js';
import {
  addContact,
  archiveCustomer,
  createCustomer,
  deleteCustomer,
  getCustomer,
  creditHistory,
  listCustomers,
  reviewCredit,
  riskClasses,
  updateCustomer,
  type RiskClass,
  type ContactRow,
  type CustomerRow,
  type CustomerWithContacts,
} from './service.js';

const contactInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320).nullish(),
  phone: z.string().max(50).nullish(),
  role: z.string().max(100).nullish().describe('e.g. billing, accounts payable, purchasing'),
});

const customerInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320).nullish(),
  taxId: z.string().max(50).nullish().describe('VAT identifier'),
  addressLine: z.string().max(200).nullish(),
  city: z.string().max(100).nullish(),
  postalCode: z.string().max(20).nullish(),
  countryCode: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2, e.g. DE').nullish(),
  currency: currencyCode.describe('Currency the customer is invoiced in'),
  paymentTermsDays: z.number().int().min(0).max(3650).default(30).describe('Net N days from the invoice date'),
  paymentTermsId: z.uuid().nullish().describe('Named payment terms of the tenant; when set they apply instead of net paymentTermsDays'),
  creditLimitMinor: nonNegativeAmountMinor
    .nullish()
    .describe("Credit limit in minor units of the customer currency; null for none; omitted: the tenant's default for the segment"),
  externalRef: z.string().max(100).nullish().describe('The customer number in another system'),
  peppolEndpoint: peppolEndpointInput.nullish(),
  segment: z.string().trim().min(1).max(50).nullish().describe('Customer segment: selects price lists and the default credit limit'),
  invoiceDelivery: z.enum(['email', 'none']).optional().describe('Issued invoices are emailed (to email) or not'),
  attachUbl: z.boolean().optional().describe('Attach the UBL e-invoice to invoice emails'),
  language: z.enum(['en', 'de']).optional(),
  riskClass: z.enum(riskClasses).optional(),
  blockedForOrders: z.boolean().optional().describe('Credit stop: no new orders'),
  contacts: z.array(contactInput).max(50).optional(),
});

const customerPatch = customerInput.omit({ currency: true, contacts: true }).partial().strict();

const contactView = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  role: z.string().nullable(),
});

const customerView = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string().nullable(),
  taxId: z.string().nullable(),
  addressLine: z.string().nullable(),
  city: z.string().nullable(),
  postalCode: z.string().nullable(),
  countryCode: z.string().nullable(),
  currency: z.string(),
  paymentTermsDays: z.number().int(),
  creditLimitMinor: z.number().int().nullable(),
  externalRef: z.string().nullable(),
  peppolEndpoint: peppolEndpointView,
  segment: z.string().nullable(),
  paymentTermsId: z.uuid().nullable(),
  invoiceDelivery: z.string(),
  attachUbl: z.boolean(),
  language: z.string(),
  riskClass: z.enum(riskClasses),
  blockedForOrders: z.boolean(),
  archived: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  contacts: z.array(contactView).optional(),
});

const toContactView = (c: ContactRow) => ({ id: c.id, name: c.name, email: c.email, phone: c.phone, role: c.role });

function toCustomerView(c: CustomerRow | CustomerWithContacts) {
  return {
    id: c.id,
    name: c.name,
    email: c.email,
    taxId: c.taxId,
    addressLine: c.addressLine,
    city: c.city,
    postalCode: c.postalCode,
    countryCode: c.countryCode,
    currency: c.currency,
    paymentTermsDays: c.paymentTermsDays,
    creditLimitMinor: c.creditLimitMinor === null ? null : minorToJson(c.creditLimitMinor),
    externalRef: c.externalRef,
    peppolEndpoint: toPeppolEndpointView(c),
    segment: c.segment,
    paymentTermsId: c.paymentTermsId,
    invoiceDelivery: c.invoiceDelivery,
    attachUbl: c.attachUbl,
    language: c.language,
    riskClass: c.riskClass as RiskClass,
    blockedForOrders: c.blockedForOrders,
    archived: c.archivedAt !== null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    ...('contacts' in c ? { contacts: c.contacts.map(toContactView) } : {}),
  };
}

export function registerCustomerRoutes(
  app: CashloopApp,
  db: Database,
  hasDocuments: (tx: Executor, tenantId: string, customerId: string) => Promise<boolean>,
): void {
  const tags = ['customers'];

  app.post('/v1/customers', {
    schema: { tags, summary: 'Create a customer', body: customerInput, response: { 201: customerView } },
    handler: async (request, reply) => {
      const created = unwrap(await createCustomer(db, actorOf(request), request.body));
      return reply.status(201).send(toCustomerView(created));
    },
  });

  app.get('/v1/customers', {
    schema: {
      tags,
      summary: 'List customers, with search over name, email, external reference and tax id',
      querystring: pageQuery.extend({
        search: z.string().max(200).optional(),
        includeArchived: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
      }),
      response: { 200: pageSchema(customerView) },
    },
    handler: async (request) => {
      const { limit, cursor, search, includeArchived } = request.query;
      const rows = await listCustomers(db, actorOf(request), { search, includeArchived, afterId: decodeCursor(cursor), limit });
      const page = pageOf(rows, limit);
      return { data: page.items.map(toCustomerView), nextCursor: page.nextCursor };
    },
  });

  app.get('/v1/customers/:id', {
    schema: { tags, summary: 'Get a customer with its contacts', params: idParam, response: { 200: customerView } },
    handler: async (request) => toCustomerView(unwrap(await getCustomer(db, actorOf(request), request.params.id))),
  });

  app.patch('/v1/customers/:id', {
    schema: { tags, summary: 'Change a customer (not its currency)', params: idParam, body: customerPatch, response: { 200: customerView } },
    handler: async (request) => {
      const { creditLimitMinor, riskClass, blockedForOrders } = request.body;
      // Credit terms are a credit controller's decision, not a collector's.
      const actor =
        creditLimitMinor !== undefined || riskClass !== undefined || blockedForOrders !== undefined
          ? requireRole(request, 'admin', 'ar_manager')
          : actorOf(request);
      return toCustomerView(unwrap(await updateCustomer(db, actor, request.params.id, request.body)));
    },
  });

  app.post('/v1/customers/:id/credit-reviews', {
    schema: {
      tags,
      summary: 'Credit review (admin, ar_manager): set the credit limit, risk class and order block, with a note kept in the history',
      params: idParam,
      body: z.strictObject({
        creditLimitMinor: nonNegativeAmountMinor.nullable(),
        riskClass: z.enum(riskClasses).optional(),
        blockedForOrders: z.boolean().optional(),
        note: z.string().trim().min(1).max(2000),
      }),
      response: { 200: customerView },
    },
    handler: async (request) => {
      const actor = requireRole(request, 'admin', 'ar_manager');
      return toCustomerView(unwrap(await reviewCredit(db, actor, request.params.id, request.body)));
    },
  });

  app.get('/v1/customers/:id/credit-history', {
    schema: {
      tags,
      summary: 'Every change of credit limit and risk class, oldest first',
      params: idParam,
      response: {
        200: z.object({
          data: z.array(
            z.object({
              previousLimitMinor: z.number().int().nullable(),
              newLimitMinor: z.number().int().nullable(),
              previousRiskClass: z.string().nullable(),
              newRiskClass: z.string(),
              source: z.string(),
              note: z.string().nullable(),
              actor: z.string(),
              at: z.string(),
            }),
          ),
        }),
      },
    },
    handler: async (request) => {
      const rows = unwrap(await creditHistory(db, actorOf(request), request.params.id));
      return {
        data: rows.map((r) => ({
          previousLimitMinor: r.previousLimitMinor === null ? null : minorToJson(r.previousLimitMinor),
          newLimitMinor: r.newLimitMinor === null ? null : minorToJson(r.newLimitMinor),
          previousRiskClass: r.previousRiskClass,
          newRiskClass: r.newRiskClass,
          source: r.source,
          note: r.note,
          actor: r.actor,
          at: r.at.toISOString(),
        })),
      };
    },
  });

  app.post('/v1/customers/:id/contacts', {
    schema: { tags, summary: 'Add a contact', params: idParam, body: contactInput, response: { 201: contactView } },
    handler: async (request, reply) => {
      const contact = unwrap(await addContact(db, actorOf(request), request.params.id, request.body));
      return reply.status(201).send(toContactView(contact));
    },
  });

  app.post('/v1/customers/:id/archive', {
    schema: { tags, summary: 'Archive a customer (kept with its documents, hidden from lists)', params: idParam, response: { 200: customerView } },
    handler: async (request) => toCustomerView(unwrap(await archiveCustomer(db, actorOf(request), request.params.id))),
  });

  app.delete('/v1/customers/:id', {
    schema: {
      tags,
      summary: 'Delete a customer that has no documents (one with documents can only be archived)',
      params: idParam,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      unwrap(await deleteCustomer(db, actorOf(request), request.params.id, hasDocuments));
      return reply.status(204).send(null);
    },
  });
}
