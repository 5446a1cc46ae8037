import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useGatewayForTests } from '../src/modules/autopay/service.js';
import { createSandboxGateway } from '../src/modules/gateways/index.js';
import { emailOutbox } from '../src/modules/notifications/schema.js';
import { expectBooksAgree, startTestServer, type ApiClient, type ApiResponse, type TestServer, type TestTenant } from './support/api.js';

let server: TestServer;
let company: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  // Portal payments charge through a sandbox of this test's own, whatever the environment configures.
  useGatewayForTests(createSandboxGateway({ webhookSecret: 'portal-test-secret' }));
  server = await startTestServer();
  company = await server.createTenant({ name: 'Acme Supplies' });
  other = await server.createTenant({ name: 'Other Company' });
});
afterAll(async () => {
  useGatewayForTests(undefined);
  await server?.close();
});

const csrf = { 'x-cashloop-csrf': '1' };
const password = 'correct horse battery staple';

function sessionCookieOf(response: ApiResponse): string {
  const header = response.headers.get('set-cookie') ?? '';
  const match = /cashloop_session=([^;]*)/.exec(header);
  if (!match?.[1]) throw new Error(`no session cookie in ${JSON.stringify(header)}`);
  return `cashloop_session=${match[1]}`;
}

/** A browser: no API key, the session cookie on every request. */
function browser(cookie: string) {
  const anonymous = server.anonymous;
  return {
    get: (path: string) => anonymous.call('GET', path, undefined, { cookie }),
    post: (path: string, body: unknown = {}, headers: Record<string, string> = csrf) => anonymous.call('POST', path, body, { cookie, ...headers }),
    patch: (path: string, body: unknown, headers: Record<string, string> = csrf) => anonymous.call('PATCH', path, body, { cookie, ...headers }),
    delete: (path: string, headers: Record<string, string> = csrf) => anonymous.call('DELETE', path, undefined, { cookie, ...headers }),
  };
}

async function signIn(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return server.anonymous.call('POST', '/auth/sign-in', body, headers);
}

function expectProblem(response: ApiResponse, status: number, type: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(response.body).toMatchObject({ type: `https://cashloop.dev/problems/${type}`, status });
}

describe('staff sign-in', () => {
  it('lets an admin give a person an account, never shows the password hash, and refuses a short password', async () => {
    const created = await company.admin.post('/v1/staff-users', { email: 'Ada@Acme.test', name: 'Ada', role: 'ar_manager', password });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'ada@acme.test', name: 'Ada', role: 'ar_manager', disabled: false });
    expect(JSON.stringify(created.body)).not.toContain('scrypt');
    const listed = await company.admin.get('/v1/staff-users');
    expect(listed.body.data.map((u: any) => u.email)).toContain('ada@acme.test');
    expect(JSON.stringify(listed.body)).not.toContain('scrypt');

    expectProblem(await company.admin.post('/v1/staff-users', { email: 'bob@acme.test', name: 'Bob', role: 'viewer', password: 'too short' }), 400, 'validation-failed');
    expectProblem(await company.admin.post('/v1/staff-users', { email: 'ADA@acme.test', name: 'Ada again', role: 'viewer', password }), 409, 'conflict');
    expectProblem(await company.as('ar_manager').post('/v1/staff-users', { email: 'eve@acme.test', name: 'Eve', role: 'admin', password }), 403, 'forbidden');
  });

  it('signs in with a session cookie that works on /v1, where changes need the CSRF header', async () => {
    const response = await signIn({ email: 'ada@acme.test', password });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ user: { email: 'ada@acme.test', name: 'Ada', role: 'ar_manager' }, tenant: { id: company.tenant.id, name: 'Acme Supplies' } });
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/cashloop_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).not.toContain('Secure');
    const ada = browser(sessionCookieOf(response));

    expect((await ada.get('/v1/customers')).status).toBe(200);
    expect((await ada.get('/auth/me')).body).toMatchObject({ user: { email: 'ada@acme.test' }, tenant: { id: company.tenant.id } });
    expectProblem(await ada.post('/v1/customers', { name: 'Forged by a cross-site form', currency: 'EUR' }, {}), 403, 'forbidden');
    const created = await ada.post('/v1/customers', { name: 'Made in the console', currency: 'EUR' });
    expect(created.status).toBe(201);
    const audit = await company.admin.get(`/v1/audit-records?entityType=customer&entityId=${created.body.id}`);
    expect(audit.body.data[0].actor).toBe('ada@acme.test');

    // Behind a proxy that terminated TLS the cookie is Secure.
    const viaHttps = await signIn({ email: 'ada@acme.test', password }, { 'x-forwarded-proto': 'https' });
    expect(viaHttps.headers.get('set-cookie')).toContain('Secure');
  });

  it('keeps API keys working as before, also when a cookie comes along', async () => {
    expect((await company.admin.get('/v1/customers')).status).toBe(200);
    const withCookie = await company.admin.call('POST', '/v1/customers', { name: 'By key', currency: 'EUR' }, { cookie: 'cashloop_session=garbage' });
    expect(withCookie.status).toBe(201);
    expectProblem(await company.as('viewer').post('/v1/customers', { name: 'No', currency: 'EUR' }), 403, 'forbidden');
  });

  it('does not let a viewer change anything', async () => {
    expect((await company.admin.post('/v1/staff-users', { email: 'vic@acme.test', name: 'Vic', role: 'viewer', password })).status).toBe(201);
    const vic = browser(sessionCookieOf(await signIn({ email: 'vic@acme.test', password })));
    expect((await vic.get('/v1/invoices')).status).toBe(200);
    expectProblem(await vic.post('/v1/customers', { name: 'Not allowed', currency: 'EUR' }), 403, 'forbidden');
  });

  it('answers a wrong password and an unknown email identically', async () => {
    const wrongPassword = await signIn({ email: 'ada@acme.test', password: 'not the password at all' });
    const unknownEmail = await signIn({ email: 'nobody@acme.test', password });
    expectProblem(wrongPassword, 401, 'unauthenticated');
    expectProblem(unknownEmail, 401, 'unauthenticated');
    expect(JSON.stringify(unknownEmail.body)).toBe(JSON.stringify(wrongPassword.body));
    expect(wrongPassword.headers.get('set-cookie')).toBeNull();
  });

  it('asks for the tenant when the password opens accounts in two companies', async () => {
    expect((await other.admin.post('/v1/staff-users', { email: 'ada@acme.test', name: 'Ada (freelance)', role: 'admin', password })).status).toBe(201);
    const ambiguous = await signIn({ email: 'ada@acme.test', password });
    expectProblem(ambiguous, 409, 'conflict');
    expect(ambiguous.body.tenants.map((t: any) => t.id).sort()).toEqual([company.tenant.id, other.tenant.id].sort());
    const chosen = await signIn({ tenant: other.tenant.id, email: 'ada@acme.test', password });
    expect(chosen.status).toBe(200);
    expect(chosen.body.user.role).toBe('admin');
    // A wrong password learns nothing about the second account.
    expectProblem(await signIn({ email: 'ada@acme.test', password: 'not the password at all' }), 401, 'unauthenticated');
  });

  it('refuses a disabled user, and disabling ends the sessions already open', async () => {
    const created = await company.admin.post('/v1/staff-users', { email: 'dan@acme.test', name: 'Dan', role: 'collector', password });
    const dan = browser(sessionCookieOf(await signIn({ email: 'dan@acme.test', password })));
    expect((await dan.get('/v1/customers')).status).toBe(200);
    const disabled = await company.admin.patch(`/v1/staff-users/${created.body.id}`, { disabled: true });
    expect(disabled.body).toMatchObject({ disabled: true, role: 'collector' });
    const refused = await signIn({ email: 'dan@acme.test', password });
    expectProblem(refused, 401, 'unauthenticated');
    expect(JSON.stringify(refused.body)).toBe(JSON.stringify((await signIn({ email: 'nobody@acme.test', password })).body));
    expectProblem(await dan.get('/v1/customers'), 401, 'unauthenticated');
  });

  it('signs out: the cookie is cleared and the session no longer works anywhere', async () => {
    const cookie = sessionCookieOf(await signIn({ tenant: company.tenant.id, email: 'ada@acme.test', password }));
    const ada = browser(cookie);
    expectProblem(await ada.post('/auth/sign-out', {}, {}), 403, 'forbidden');
    const out = await ada.post('/auth/sign-out');
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    expectProblem(await ada.get('/v1/customers'), 401, 'unauthenticated');
    expectProblem(await ada.get('/auth/me'), 401, 'unauthenticated');
  });
});

describe('customer portal', () => {
  let acme: any;
  let rival: any;
  let today: string;
  const invoices: Record<string, any> = {};

  async function issue(api: ApiClient, customerId: string, unitPriceMinor: number) {
    const draft = await api.ok('POST', '/v1/invoices', { customerId, lines: [{ description: 'Pallets', quantity: '1', unitPriceMinor, taxRatePercent: '0' }] });
    return api.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate: today });
  }

  async function signInLinkToken(email: string): Promise<string> {
    const rows = await server.database.db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.tenantId, company.tenant.id), eq(emailOutbox.toAddress, email), like(emailOutbox.dedupeKey, 'portal.sign_in_link:%')));
    expect(rows).toHaveLength(1);
    const token = /\/portal\/sign-in\?token=([A-Za-z0-9_-]+)/.exec(rows[0]!.body)?.[1];
    if (!token) throw new Error(`no link in ${rows[0]!.body}`);
    return token;
  }

  let portal: ReturnType<typeof browser>;
  let portalCookie = '';

  beforeAll(async () => {
    const api = company.admin;
    today = (await api.ok('GET', '/v1/tenant')).today;
    acme = await api.ok('POST', '/v1/customers', {
      name: 'Acme Retail', currency: 'EUR', email: 'billing@acme-retail.test', contacts: [{ name: 'Accounts payable', email: 'AP@acme-retail.test' }],
    });
    rival = await api.ok('POST', '/v1/customers', { name: 'Rival Retail', currency: 'EUR', email: 'billing@rival.test' });
    invoices.first = await issue(api, acme.id, 10_000);
    invoices.second = await issue(api, acme.id, 5_000);
    invoices.disputed = await issue(api, acme.id, 2_500);
    invoices.rivals = await issue(api, rival.id, 7_000);
  });

  it('answers a sign-in request the same for a known and an unknown email, and mails a one-time link to the known one', async () => {
    const known = await server.anonymous.post('/portal/sign-in-link', { tenantId: company.tenant.id, email: 'ap@ACME-retail.test' });
    const unknown = await server.anonymous.post('/portal/sign-in-link', { tenantId: company.tenant.id, email: 'stranger@acme-retail.test' });
    const unknownTenant = await server.anonymous.post('/portal/sign-in-link', { tenantId: '00000000-0000-4000-8000-000000000000', email: 'ap@acme-retail.test' });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(JSON.stringify(unknown.body)).toBe(JSON.stringify(known.body));
    expect(JSON.stringify(unknownTenant.body)).toBe(JSON.stringify(known.body));
    const strangerMail = await server.database.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, 'stranger@acme-retail.test'));
    expect(strangerMail).toHaveLength(0);

    // The customer's own address works as well as a contact's.
    expect((await server.anonymous.post('/portal/sign-in-link', { tenantId: company.tenant.id, email: 'billing@acme-retail.test' })).status).toBe(202);
    expect(await signInLinkToken('billing@acme-retail.test')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const token = await signInLinkToken('ap@acme-retail.test');
    const signedIn = await server.anonymous.post('/portal/sign-in', { token });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toEqual({ customer: { id: acme.id, name: 'Acme Retail' } });
    expect(signedIn.headers.get('set-cookie')).toContain('HttpOnly');
    portalCookie = sessionCookieOf(signedIn);
    portal = browser(portalCookie);
    expectProblem(await server.anonymous.post('/portal/sign-in', { token }), 401, 'unauthenticated');

    const me = await portal.get('/portal/v1/me');
    expect(me.body).toMatchObject({ customer: { id: acme.id, name: 'Acme Retail' }, contactEmail: 'ap@acme-retail.test', tenant: { id: company.tenant.id } });
  });

  it("lists only the customer's own invoices and answers another customer's invoice id with 404", async () => {
    const all = await portal.get('/portal/v1/invoices?status=all');
    expect(all.status).toBe(200);
    expect(all.body.data.map((i: any) => i.id).sort()).toEqual([invoices.first.id, invoices.second.id, invoices.disputed.id].sort());
    expect((await portal.get('/portal/v1/invoices?status=paid')).body.data).toEqual([]);

    const own = await portal.get(`/portal/v1/invoices/${invoices.first.id}`);
    expect(own.body).toMatchObject({ number: invoices.first.number, openMinor: 10_000, lines: [{ description: 'Pallets' }] });
    const pdf = await fetch(`${server.baseUrl}/portal/v1/invoices/${invoices.first.id}/pdf`, { headers: { cookie: portalCookie } });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');

    expectProblem(await portal.get(`/portal/v1/invoices/${invoices.rivals.id}`), 404, 'not-found');
    expectProblem(await portal.get(`/portal/v1/invoices/${invoices.rivals.id}/pdf`), 404, 'not-found');
    expectProblem(await portal.get('/portal/v1/invoices/00000000-0000-4000-8000-000000000000'), 404, 'not-found');

    const statement = await portal.get('/portal/v1/statement');
    expect(statement.body).toMatchObject({ currency: 'EUR', balanceMinor: 17_500, truncated: false });
    expect((await portal.get('/portal/v1/orders')).body).toEqual({ data: [], nextCursor: null });
  });

  it("downloads the UBL of the customer's own invoice (EN 16931, no Peppol ids needed) and sees the company's bank details", async () => {
    await company.admin.ok('PATCH', '/v1/tenant', { legalName: 'Portal Seller GmbH', countryCode: 'DE', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' });
    await company.admin.ok('PATCH', `/v1/customers/${acme.id}`, { countryCode: 'FR' });
    await company.admin.ok('PATCH', `/v1/customers/${rival.id}`, { countryCode: 'FR' });

    const ubl = await fetch(`${server.baseUrl}/portal/v1/invoices/${invoices.first.id}/ubl`, { headers: { cookie: portalCookie } });
    expect(ubl.status).toBe(200);
    expect(ubl.headers.get('content-type')).toMatch(/^application\/xml/);
    const xml = await ubl.text();
    expect(xml).toContain(`<cbc:ID>${invoices.first.number}</cbc:ID>`);
    expect(xml).toContain('DE89370400440532013000');
    expectProblem(await portal.get(`/portal/v1/invoices/${invoices.rivals.id}/ubl`), 404, 'not-found');

    const me = await portal.get('/portal/v1/me');
    expect(me.body.payee).toEqual({ name: 'Portal Seller GmbH', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' });
    const own = await portal.get(`/portal/v1/invoices/${invoices.first.id}`);
    expect(own.body.paymentReference).toBeTruthy();
  });

  it('pays an open invoice with the sandbox test card: the invoice is paid and the books agree', async () => {
    const body = { invoiceIds: [invoices.first.id], sandboxCardNumber: '4242424242424242' };
    expectProblem(await portal.post('/portal/v1/payments', body, {}), 403, 'forbidden');

    const paid = await portal.post('/portal/v1/payments', body, { ...csrf, 'idempotency-key': 'pay-first-invoice' });
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    expect(paid.body).toMatchObject({ status: 'paid', amountMinor: 10_000, currency: 'EUR', allocations: [{ invoiceId: invoices.first.id, amountMinor: 10_000 }], unappliedMinor: 0 });
    const replay = await portal.post('/portal/v1/payments', body, { ...csrf, 'idempotency-key': 'pay-first-invoice' });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.paymentId).toBe(paid.body.paymentId);

    const invoice = await company.admin.ok('GET', `/v1/invoices/${invoices.first.id}`);
    expect(invoice).toMatchObject({ status: 'paid', openMinor: 0 });
    const payments = (await company.admin.ok('GET', `/v1/payments?customerId=${acme.id}`)).data;
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ method: 'card', amountMinor: 10_000 });
    await expectBooksAgree(company.admin);

    expectProblem(await portal.post('/portal/v1/payments', { invoiceIds: [invoices.rivals.id], sandboxCardNumber: '4242424242424242' }), 404, 'not-found');
    expectProblem(await portal.post('/portal/v1/payments', { invoiceIds: [invoices.first.id], sandboxCardNumber: '4242424242424242' }), 409, 'invalid-state');
  });

  it('answers a declined card with 402 and records nothing', async () => {
    const declined = await portal.post('/portal/v1/payments', { invoiceIds: [invoices.second.id], sandboxCardNumber: '4000000000000002' });
    expect(declined.status).toBe(402);
    expect(declined.headers.get('content-type')).toContain('application/problem+json');
    expect(declined.body).toMatchObject({ status: 402, declineCode: 'card_declined' });
    expect(declined.body.detail).toContain('decline');
    expect((await company.admin.ok('GET', `/v1/invoices/${invoices.second.id}`)).openMinor).toBe(5_000);
    expect((await company.admin.ok('GET', `/v1/payments?customerId=${acme.id}`)).data).toHaveLength(1);
    await expectBooksAgree(company.admin);
  });

  it('stores a card, pays with it, toggles autopay and removes it', async () => {
    const card = await portal.post('/portal/v1/cards', { sandboxCardNumber: '4242 4242 4242 4242', expiryMonth: 12, expiryYear: 2040, autopay: true });
    expect(card.status, JSON.stringify(card.body)).toBe(201);
    expect(card.body).toMatchObject({ brand: 'visa', last4: '4242', autopay: true, status: 'active' });
    expect(JSON.stringify(card.body)).not.toContain('tok_');
    expect((await company.admin.ok('GET', `/v1/customers/${acme.id}/cards`)).data).toHaveLength(1);
    expect((await portal.patch(`/portal/v1/cards/${card.body.id}`, { autopay: false })).body.autopay).toBe(false);

    const paid = await portal.post('/portal/v1/payments', { invoiceIds: [invoices.second.id], cardId: card.body.id });
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    expect((await company.admin.ok('GET', `/v1/invoices/${invoices.second.id}`)).status).toBe('paid');

    expect((await portal.delete(`/portal/v1/cards/${card.body.id}`)).body.status).toBe('removed');
    expect((await portal.get('/portal/v1/cards')).body.data).toEqual([]);
    await expectBooksAgree(company.admin);
  });

  it("raises a dispute and records a promise to pay on the customer's own invoice only", async () => {
    const dispute = await portal.post('/portal/v1/disputes', { invoiceId: invoices.disputed.id, reason: 'quality', description: 'Two pallets arrived broken' });
    expect(dispute.status, JSON.stringify(dispute.body)).toBe(201);
    expect(dispute.body).toMatchObject({ invoiceId: invoices.disputed.id, amountMinor: 2_500, status: 'open' });
    expectProblem(await portal.post('/portal/v1/disputes', { invoiceId: invoices.rivals.id, reason: 'quality', description: 'Probing' }), 404, 'not-found');

    const promise = await portal.post('/portal/v1/promises', { amountMinor: 2_500, currency: 'EUR', promisedOn: '2099-01-31', invoiceIds: [invoices.disputed.id] });
    expect(promise.status, JSON.stringify(promise.body)).toBe(201);
    expect(promise.body).toMatchObject({ amountMinor: 2_500, currency: 'EUR', promisedOn: '2099-01-31' });
    expectProblem(await portal.post('/portal/v1/promises', { amountMinor: 100, promisedOn: '2099-01-31', invoiceIds: [invoices.rivals.id] }), 404, 'not-found');
    const promises = (await company.admin.ok('GET', `/v1/customers/${acme.id}/promises`)).data;
    expect(promises[0].madeBy).toBe('portal:ap@acme-retail.test');
  });

  it('keeps the portal and the staff API apart: a portal session cannot call /v1, an API key or staff session cannot call /portal/v1', async () => {
    expectProblem(await portal.get('/v1/customers'), 401, 'unauthenticated');
    expectProblem(await portal.get('/v1/tenant'), 401, 'unauthenticated');
    expectProblem(await company.admin.get('/portal/v1/me'), 401, 'unauthenticated');
    expectProblem(await company.admin.get('/portal/v1/invoices'), 401, 'unauthenticated');
    expectProblem(await server.anonymous.get('/portal/v1/me'), 401, 'unauthenticated');
    const staff = browser(sessionCookieOf(await signIn({ tenant: company.tenant.id, email: 'ada@acme.test', password })));
    expectProblem(await staff.get('/portal/v1/me'), 401, 'unauthenticated');
    expectProblem(await portal.get('/auth/me'), 401, 'unauthenticated');
  });
});
