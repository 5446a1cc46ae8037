import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPaymentPlans, checkPromises } from '../src/modules/collections/service.js';
import { ApiClient, expectBooksAgree, startTestServer, type TestServer, type TestTenant } from './support/api.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

async function issueInvoice(api: ApiClient, customerId: string, unitPriceMinor: number, issueDate: string) {
  const draft = await api.ok('POST', '/v1/invoices', { customerId, lines: [{ description: 'Supplies', quantity: '1', unitPriceMinor, taxRatePercent: '0' }] });
  return api.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate });
}

function customerMaker(api: ApiClient) {
  return (name: string, extra: Record<string, unknown> = {}) => api.ok('POST', '/v1/customers', { name, email: `ap@${name.split(' ')[0]!.toLowerCase()}.example`, currency: 'EUR', paymentTermsDays: 30, ...extra });
}

/** A collector's own key, with the name the portfolio knows them by. */
async function collectorKey(company: TestTenant, name: string): Promise<ApiClient> {
  const created = await company.admin.ok('POST', '/v1/api-keys', { name, role: 'collector' });
  return new ApiClient(server.baseUrl, created.key);
}

type Item = { customerId: string; customerName: string; collector: string | null; assignedBy: string | null; score: number; reasons: string[]; overdue: Array<{ currency: string; totalMinor: number }>; nextPromisedOn: string | null; openDisputes: number; lastContactOn: string | null };
const names = (items: Item[]) => items.map((i) => i.customerName).sort();

describe('portfolios', () => {
  let company: TestTenant;
  let maria: ApiClient;
  let jonas: ApiClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    company = await server.createTenant({ name: 'Portfolio Wholesale GmbH' });
    maria = await collectorKey(company, 'Maria');
    jonas = await collectorKey(company, 'Jonas');
    const api = company.as('ar_manager');
    const customer = customerMaker(api);
    const book: Array<[string, Record<string, unknown>, number]> = [
      ['Alder Wholesale', { segment: 'wholesale', countryCode: 'DE' }, 2_000_00],
      ['Birch Retail', { segment: 'retail', countryCode: 'DE' }, 3_000_00],
      ['Cedar Retail', { segment: 'retail', countryCode: 'FR' }, 12_000_00],
      ['Dogwood Retail', { segment: 'retail', countryCode: 'FR' }, 400_00],
      ['Elm Wholesale', { segment: 'wholesale', countryCode: 'DE' }, 1_000_00],
    ];
    for (const [name, extra, amount] of book) {
      const c = await customer(name, extra);
      ids[name] = c.id;
      await issueInvoice(api, c.id, amount, '2026-01-05'); // due 4 February: 44 days late on 20 March
    }
    // By hand: Elm goes to Jonas, whatever the rules say.
    await api.ok('PUT', `/v1/customers/${ids['Elm Wholesale']}/collection-settings`, { collector: 'Jonas' });
  });

  it('assigns by hand first, then by the first matching rule in priority order, and leaves the rest unassigned', async () => {
    const manager = company.as('ar_manager');
    const rules = await manager.ok('PUT', '/v1/collector-portfolio-rules', {
      rules: [
        { collector: 'Jonas', countryCode: 'DE', priority: 20 },
        { collector: 'Maria', segment: 'wholesale', priority: 10 },
        { collector: 'Jonas', minBalanceMinor: 10_000_00, priority: 30 },
      ],
    });
    expect(rules.data.map((r: { priority: number; collector: string }) => `${r.priority} ${r.collector}`)).toEqual(['10 Maria', '20 Jonas', '30 Jonas']);
    expect((await manager.ok('GET', '/v1/collector-portfolio-rules')).data).toHaveLength(3);

    const list = async (collector?: string) => (await manager.ok('GET', `/v1/worklist?asOf=2026-03-20${collector ? `&collector=${collector}` : ''}`)) as { total: number; collector: string | null; data: Item[] };
    // Alder is wholesale and German: both rules match, priority 10 (Maria) wins.
    expect(names((await list('Maria')).data)).toEqual(['Alder Wholesale']);
    // Birch by the country rule; Cedar by the balance rule (€12,000 ≥ €10,000); Elm by hand although the wholesale rule would give it to Maria.
    const jonasList = await list('Jonas');
    expect(names(jonasList.data)).toEqual(['Birch Retail', 'Cedar Retail', 'Elm Wholesale']);
    expect(Object.fromEntries(jonasList.data.map((i) => [i.customerName, i.assignedBy]))).toEqual({ 'Birch Retail': 'rule', 'Cedar Retail': 'rule', 'Elm Wholesale': 'manual' });
    expect(names((await list('unassigned')).data)).toEqual(['Dogwood Retail']);
    const everybody = await list();
    expect(everybody).toMatchObject({ total: 5, collector: null });

    // Priorities decide: put the country rule first and Alder moves to Jonas; Elm stays where it was put by hand.
    await manager.ok('PUT', '/v1/collector-portfolio-rules', { rules: [{ collector: 'Jonas', countryCode: 'DE', priority: 5 }, { collector: 'Maria', segment: 'wholesale', priority: 10 }] });
    expect(names((await list('Maria')).data)).toEqual([]);
    expect(names((await list('Jonas')).data)).toEqual(['Alder Wholesale', 'Birch Retail', 'Elm Wholesale']);
    expect(names((await list('unassigned')).data)).toEqual(['Cedar Retail', 'Dogwood Retail']);

    // Removing the hand assignment hands Elm back to the rules.
    await manager.ok('PUT', `/v1/customers/${ids['Elm Wholesale']}/collection-settings`, { collector: null });
    expect((await list('Jonas')).data.find((i) => i.customerName === 'Elm Wholesale')?.assignedBy).toBe('rule');
    await manager.ok('PUT', `/v1/customers/${ids['Elm Wholesale']}/collection-settings`, { collector: 'Jonas' });

    const refused = await manager.call('PUT', '/v1/collector-portfolio-rules', { rules: [{ collector: 'A', priority: 1 }, { collector: 'B', priority: 1 }] });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ pointer: '/rules/1/priority', detail: 'priority 1 is already used by rule 0' }]);
  });

  it('shows a collector their own portfolio and nobody else’s', async () => {
    await company.as('ar_manager').ok('PUT', '/v1/collector-portfolio-rules', { rules: [{ collector: 'Maria', segment: 'wholesale', priority: 10 }, { collector: 'Jonas', countryCode: 'DE', priority: 20 }] });
    const own = await maria.ok('GET', '/v1/worklist?asOf=2026-03-20');
    expect(own.collector).toBe('Maria');
    expect(names(own.data)).toEqual(['Alder Wholesale']);
    expect(names((await jonas.ok('GET', '/v1/worklist?asOf=2026-03-20&collector=Jonas')).data)).toEqual(['Birch Retail', 'Elm Wholesale']);
    expect((await maria.get('/v1/worklist?asOf=2026-03-20&collector=Jonas')).status).toBe(403);
    expect((await maria.get('/v1/worklist?asOf=2026-03-20&collector=unassigned')).status).toBe(403);
    // The test suite's own collector key is called "collector": nothing is assigned to that name.
    expect((await company.as('collector').ok('GET', '/v1/worklist?asOf=2026-03-20')).data).toEqual([]);
  });

  it('lets only admins and AR managers see or change the rules', async () => {
    expect((await company.as('viewer').call('PUT', '/v1/collector-portfolio-rules', { rules: [] })).status).toBe(403);
    expect((await maria.call('PUT', '/v1/collector-portfolio-rules', { rules: [] })).status).toBe(403);
    expect((await maria.get('/v1/collector-portfolio-rules')).status).toBe(403);
    expect((await company.admin.get('/v1/collector-portfolio-rules')).status).toBe(200);
    expect((await company.as('viewer').get('/v1/worklist?asOf=2026-03-20')).body.total).toBe(5);
  });
});

describe('the worklist ranking', () => {
  it('puts the most urgent account first and says why in plain words', async () => {
    const company = await server.createTenant({ name: 'Ranking Foods Ltd' });
    const api = company.as('ar_manager');
    const customer = customerMaker(api);
    const harbour = await customer('Harbour Foods');
    const quay = await customer('Quay Traders', { riskClass: 'high' });
    const lantern = await customer('Lantern GmbH');
    const meadow = await customer('Meadow Ltd');
    const quiet = await customer('Quiet Co');
    await issueInvoice(api, harbour.id, 12_400_00, '2025-12-01'); // due 31 Dec: 79 days late on 20 March
    await issueInvoice(api, quay.id, 5_000_00, '2025-11-01'); // due 1 Dec: 109 days late
    const disputedInvoice = await issueInvoice(api, lantern.id, 800_00, '2026-02-10'); // due 12 March
    await issueInvoice(api, meadow.id, 7_000_00, '2026-02-01'); // due 3 March: 17 days late
    await issueInvoice(api, quiet.id, 9_000_00, '2026-03-01'); // not due until 31 March

    await api.ok('POST', `/v1/customers/${harbour.id}/activities`, { kind: 'call', summary: 'Spoke to AP: payment run next week', occurredOn: '2026-03-18' });
    await api.ok('POST', `/v1/customers/${quay.id}/promises`, { amountMinor: 3_000_00, currency: 'EUR', promisedOn: '2026-03-20', madeOn: '2026-03-10' });
    await api.ok('POST', `/v1/customers/${lantern.id}/promises`, { amountMinor: 1_000_00, currency: 'EUR', promisedOn: '2026-03-12', madeOn: '2026-03-02' });
    await checkPromises(server.database.db, company.tenant.id, '2026-03-13'); // nothing came: broken
    await api.ok('POST', '/v1/disputes', { invoiceId: disputedInvoice.id, reason: 'quantity', description: 'Two cases short', openedOn: '2026-03-13', resolveBy: '2026-03-22' });

    const worklist = await api.ok('GET', '/v1/worklist?asOf=2026-03-20');
    const items = worklist.data as Item[];
    expect(items.map((i) => [i.customerName, i.score])).toEqual([
      ['Quay Traders', 2_500_000], // 500,000 × 3.0 × 1.5 + 250,000 (promise due today)
      ['Harbour Foods', 2_480_000], // 1,240,000 × 2.0; called two days ago
      ['Meadow Ltd', 800_000], // 700,000 × 1.0 + 100,000 (nobody has been in touch)
      ['Lantern GmbH', 700_000], // 500,000 (broken promise) + 200,000 (dispute due in 2 days); the disputed invoice is not chased
    ]);
    const byName = Object.fromEntries(items.map((i) => [i.customerName, i]));
    expect(byName['Quay Traders']).toMatchObject({ reasons: ['€5,000 over 90 days late', 'high credit risk', 'promise to pay €3,000 due today'], nextPromisedOn: '2026-03-20', lastContactOn: '2026-03-10' });
    expect(byName['Harbour Foods']).toMatchObject({ reasons: ['€12,400 over 60 days late'], overdue: [{ currency: 'EUR', totalMinor: 12_400_00 }], lastContactOn: '2026-03-18', collector: null });
    expect(byName['Meadow Ltd']?.reasons).toEqual(['€7,000 up to 30 days late', 'no contact on record']);
    expect(byName['Lantern GmbH']).toMatchObject({ reasons: ['promise broken on 12 Mar', `dispute on ${disputedInvoice.number} due for resolution in 2 days`], openDisputes: 1, overdue: [] });
    expect(worklist.total).toBe(4);
    expect((await api.ok('GET', '/v1/worklist?asOf=2026-03-20&limit=2&offset=1')).data.map((i: Item) => i.customerName)).toEqual(['Harbour Foods', 'Meadow Ltd']);
    expect((await api.get('/v1/worklist?limit=501')).status).toBe(400);
  });
});

describe('payment plans', () => {
  let company: TestTenant;
  beforeAll(async () => {
    company = await server.createTenant({ name: 'Plan Bakery Supplies' });
  });
  const pay = (api: ApiClient, customerId: string, invoiceId: string, amountMinor: number, valueDate: string) =>
    api.ok('POST', '/v1/payments', { customerId, method: 'bank_transfer', amountMinor, currency: 'EUR', valueDate, allocations: [{ invoiceId, amountMinor }] });
  const plansOf = async (api: ApiClient, customerId: string) => (await api.ok('GET', `/v1/customers/${customerId}/payment-plans`)).data;
  const check = (asOf: string) => checkPaymentPlans(server.database.db, company.tenant.id, asOf);

  it('completes a plan whose instalments are all paid on time', async () => {
    const api = company.as('ar_manager');
    const steady = await customerMaker(api)('Steady Bakery');
    const invoice = await issueInvoice(api, steady.id, 900_00, '2026-01-05');
    const plan = await company.as('collector').ok('POST', `/v1/customers/${steady.id}/payment-plans`, { instalments: 3, frequency: 'monthly', firstDueOn: '2026-02-20', createdOn: '2026-02-10' });
    expect(plan).toMatchObject({ status: 'active', totalMinor: 900_00, invoiceIds: [invoice.id], createdBy: expect.stringMatching(/^api_key:/) });
    expect(plan.instalments.map((i: { dueOn: string; amountMinor: number }) => [i.dueOn, i.amountMinor])).toEqual([['2026-02-20', 300_00], ['2026-03-20', 300_00], ['2026-04-20', 300_00]]);

    await pay(api, steady.id, invoice.id, 300_00, '2026-02-19');
    expect(await check('2026-02-21')).toMatchObject({ instalmentsPaid: 1, completed: 0, broken: 0 });
    await pay(api, steady.id, invoice.id, 300_00, '2026-03-20');
    await check('2026-03-21');
    await pay(api, steady.id, invoice.id, 300_00, '2026-04-15');
    expect(await check('2026-04-21')).toMatchObject({ instalmentsPaid: 1, completed: 1 });
    expect(await check('2026-04-22')).toMatchObject({ plansChecked: 0 }); // a completed plan is not checked again
    const [done] = await plansOf(api, steady.id);
    expect(done).toMatchObject({ status: 'completed', endedOn: '2026-04-21' });
    expect(done.instalments.map((i: { status: string; paidMinor: number }) => [i.status, i.paidMinor])).toEqual([['paid', 300_00], ['paid', 300_00], ['paid', 300_00]]);
    const timeline = (await api.ok('GET', `/v1/customers/${steady.id}/timeline`)).data as Array<{ kind: string; summary: string }>;
    expect(timeline.filter((t) => t.kind === 'payment_plan').map((t) => t.summary)).toEqual(['Payment plan completed: all 3 instalment(s) paid', expect.stringContaining('Payment plan: 900.00 EUR in 3 monthly instalment(s) from 2026-02-20')]);
    await expectBooksAgree(api);
  });

  it('pauses dunning while the plan is kept, and breaks it when an instalment is missed: dunning resumes and the collector is told', { timeout: 120_000 }, async () => {
    const api = company.as('ar_manager');
    const customer = customerMaker(api);
    const wobbly = await customer('Wobbly Retail');
    const control = await customer('Control Stores');
    await api.ok('PUT', `/v1/customers/${wobbly.id}/collection-settings`, { collector: 'Petra' });
    const invoice = await issueInvoice(api, wobbly.id, 600_00, '2026-01-05'); // due 4 February
    await issueInvoice(api, control.id, 600_00, '2026-01-05');

    const plan = await api.ok('POST', `/v1/customers/${wobbly.id}/payment-plans`, { invoiceIds: [invoice.id], instalments: 2, frequency: 'monthly', firstDueOn: '2026-02-20', createdOn: '2026-02-10', interestPercent: '0' });
    // A second plan over the same invoice is refused while the first is active.
    expect((await api.call('POST', `/v1/customers/${wobbly.id}/payment-plans`, { invoiceIds: [invoice.id], instalments: 1, frequency: 'weekly', firstDueOn: '2026-02-20', createdOn: '2026-02-10' })).status).toBe(409);

    const noticesOn = async (asOf: string) => ((await api.ok('GET', `/v1/dunning-notices?asOf=${asOf}`)).data as Array<{ customerId: string; lines: Array<{ invoiceId: string }> }>);
    await company.admin.ok('POST', '/v1/automation/run-day', { asOf: '2026-02-16' });
    const paused = await noticesOn('2026-02-16');
    expect(paused.map((n) => n.customerId)).toEqual([control.id]); // the plan's invoice is left alone, the other one is dunned
    expect((await api.ok('GET', '/v1/worklist?asOf=2026-02-16')).data.map((i: Item) => i.customerName)).toEqual(['Control Stores']);

    await pay(api, wobbly.id, invoice.id, 300_00, '2026-02-18');
    expect(await check('2026-02-21')).toMatchObject({ instalmentsPaid: 1, broken: 0 });
    await pay(api, wobbly.id, invoice.id, 100_00, '2026-03-10'); // only €100 of the second €300
    expect(await check('2026-03-21')).toMatchObject({ broken: 1 });
    expect(await check('2026-03-21')).toMatchObject({ broken: 0 }); // exactly once

    const [broken] = await plansOf(api, wobbly.id);
    expect(broken).toMatchObject({ id: plan.id, status: 'broken', endedOn: '2026-03-21' });
    expect(broken.instalments.map((i: { status: string; paidMinor: number }) => [i.status, i.paidMinor])).toEqual([['paid', 300_00], ['missed', 100_00]]);

    await company.admin.ok('POST', '/v1/automation/run-day', { asOf: '2026-03-23' });
    const resumed = (await noticesOn('2026-03-23')).find((n) => n.customerId === wobbly.id);
    expect(resumed?.lines.map((l) => l.invoiceId)).toEqual([invoice.id]);

    const notifications = (await company.as('collector').ok('GET', '/v1/notifications')).data as Array<{ kind: string; message: string }>;
    expect(notifications.find((n) => n.kind === 'payment_plan_broken')?.message).toBe('Wobbly Retail: payment plan broken (instalment 2 of 300.00 EUR due 2026-03-20, 100.00 EUR paid by then) — collector Petra');
    const timeline = (await api.ok('GET', `/v1/customers/${wobbly.id}/timeline`)).data as Array<{ kind: string; summary: string }>;
    expect(timeline.find((t) => t.kind === 'payment_plan_broken')?.summary).toContain('dunning resumes');
    const worklist = (await api.ok('GET', '/v1/worklist?asOf=2026-03-23&collector=Petra')).data as Item[];
    // €200 left, 47 days late: 200 × 1.5; the plan was the last contact, 41 days ago.
    expect(worklist[0]?.reasons).toEqual(['payment plan broken on 21 Mar', 'no contact for 41 days', '€200 over 30 days late']);
    await expectBooksAgree(api);
  });

  it('cancels an active plan, and refuses plans over disputed or not yet overdue invoices', async () => {
    const api = company.as('ar_manager');
    const customer = await customerMaker(api)('Careful Cafe');
    const first = await issueInvoice(api, customer.id, 250_00, '2026-01-05');
    const second = await issueInvoice(api, customer.id, 150_00, '2026-01-06');
    const fresh = await issueInvoice(api, customer.id, 90_00, '2026-02-01');
    await api.ok('POST', '/v1/disputes', { invoiceId: second.id, reason: 'pricing', description: 'Wrong price list', openedOn: '2026-02-09' });
    const refused = await api.call('POST', `/v1/customers/${customer.id}/payment-plans`, { invoiceIds: [first.id, second.id], instalments: 2, frequency: 'weekly', firstDueOn: '2026-02-17', createdOn: '2026-02-10' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ pointer: '/invoiceIds', detail: `${second.number} is disputed: resolve the dispute first` }]);
    const notDue = await api.call('POST', `/v1/customers/${customer.id}/payment-plans`, { invoiceIds: [fresh.id], instalments: 2, frequency: 'weekly', firstDueOn: '2026-02-17', createdOn: '2026-02-10' });
    expect(notDue.body.errors).toEqual([{ pointer: '/invoiceIds', detail: `${fresh.number} is not overdue on 2026-02-10` }]);

    const plan = await api.ok('POST', `/v1/customers/${customer.id}/payment-plans`, { invoiceIds: [first.id], instalments: 4, frequency: 'weekly', firstDueOn: '2026-02-17', createdOn: '2026-02-10', interestPercent: '10' });
    expect(plan.instalments.map((i: { amountMinor: number; interestMinor: number }) => [i.amountMinor, i.interestMinor])).toEqual([[62_50, 48], [62_50, 36], [62_50, 24], [62_50, 12]]);
    expect((await company.as('viewer').call('POST', `/v1/payment-plans/${plan.id}/cancellation`, { reason: 'x' })).status).toBe(403);
    const cancelled = await company.as('collector').ok('POST', `/v1/payment-plans/${plan.id}/cancellation`, { reason: 'Customer refinanced and will pay in full', cancelledOn: '2026-02-12' });
    expect(cancelled).toMatchObject({ status: 'cancelled', endedOn: '2026-02-12' });
    expect((await api.call('POST', `/v1/payment-plans/${plan.id}/cancellation`, { reason: 'again' })).status).toBe(409);
  });
});

describe('disputes and roles', () => {
  it('does not let a collector write off a disputed invoice', async () => {
    const company = await server.createTenant({ name: 'Dispute Roles Ltd' });
    const api = company.as('ar_manager');
    const customer = await customerMaker(api)('Grumbling Grocers');
    const invoice = await issueInvoice(api, customer.id, 500_00, '2026-01-05');
    const collector = company.as('collector');
    const dispute = await collector.ok('POST', '/v1/disputes', { invoiceId: invoice.id, reason: 'quality', description: 'Stale bread', openedOn: '2026-02-06' });
    const refused = await collector.call('POST', `/v1/disputes/${dispute.id}/resolution`, { outcome: 'resolved_write_off', resolution: 'Not worth arguing', resolvedOn: '2026-02-10' });
    expect(refused.status).toBe(403);
    const [still] = (await api.ok('GET', `/v1/disputes?customerId=${customer.id}`)).data;
    expect(still.status).toBe('open');
  });
});
