import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/connection.js';
import { expectBooksAgree, startTestServer, type ApiClient, type TestServer, type TestTenant } from './support/api.js';

let server: TestServer;
let company: TestTenant;

beforeAll(async () => {
  server = await startTestServer();
  company = await server.createTenant({ name: 'Preview Provisions GmbH' });
});
afterAll(async () => server?.close());

async function issueInvoice(api: ApiClient, customerId: string, unitPriceMinor: number, issueDate: string) {
  const draft = await api.ok('POST', '/v1/invoices', { customerId, lines: [{ description: 'Provisions', quantity: '1', unitPriceMinor, taxRatePercent: '0' }] });
  return api.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate });
}

interface PreviewEntry {
  customerId: string;
  outcome: 'send' | 'pilot' | 'skip';
  reason: { code: string; detail: string } | null;
  level: number | null;
  channel: string | null;
  subject: string | null;
  lines: Array<{ number: string; level: number; escalated: boolean }>;
  paused: Array<{ number: string; pausedBy: string }>;
}

/** What the database holds that a preview must never write. */
async function writtenRows(tenantId: string) {
  const [row] = await queryRows<{ notices: number; levels: number; emails: number; activities: number; events: number }>(
    server.database.db,
    sql`select (select count(*)::int from dunning_notices where tenant_id = ${tenantId}) as notices,
               (select count(*)::int from dunning_item_levels where tenant_id = ${tenantId}) as levels,
               (select count(*)::int from email_outbox where tenant_id = ${tenantId}) as emails,
               (select count(*)::int from collection_activities where tenant_id = ${tenantId}) as activities,
               (select count(*)::int from audit_records where tenant_id = ${tenantId}) as events`,
  );
  return row;
}

const keyOfEntry = (e: PreviewEntry) => `${e.customerId} L${e.level} ${e.channel} ${e.outcome}`;

describe('the dunning preview', () => {
  it('agrees with what the daily run then sends, day after day, and writes nothing', { timeout: 300_000 }, async () => {
    const api = company.as('ar_manager');
    const admin = company.admin;
    const customer = (name: string, extra: Record<string, unknown> = {}) => api.ok('POST', '/v1/customers', { name, email: `ap@${name.split(' ')[0]!.toLowerCase()}.example`, currency: 'EUR', paymentTermsDays: 30, ...extra });
    const late = await customer('Latecomer Trading');
    const payer = await customer('Payer Partners');
    const disputer = await customer('Disputatious GmbH', { language: 'de' });
    const promiser = await customer('Promising Foods');
    const planner = await customer('Planned Retail');
    const protectedOne = await customer('Protected Partner');
    const pilot = await customer('Pilot Bakery');
    const paperOnly = await api.ok('POST', '/v1/customers', { name: 'Paper Only Ltd', currency: 'EUR', paymentTermsDays: 30 });
    const tiny = await customer('Tiny Balance Co');
    await api.ok('PUT', `/v1/customers/${protectedOne.id}/collection-settings`, { doNotDun: true });
    await api.ok('PUT', `/v1/customers/${pilot.id}/collection-settings`, { pilot: true });

    // Issued Monday 5 January 2026, due Wednesday 4 February (net 30); one more on the 20th, due 19 February.
    const invoices: Record<string, any> = {};
    for (const [key, c] of Object.entries({ late, payer, disputer, promiser, planner, protectedOne, pilot, paperOnly })) invoices[key] = await issueInvoice(api, c.id, 500_00, '2026-01-05');
    invoices.tiny = await issueInvoice(api, tiny.id, 50, '2026-01-05'); // below the reminders' minimum of 1.00
    invoices.lateSecond = await issueInvoice(api, late.id, 200_00, '2026-01-20');

    const before = await writtenRows(company.tenant.id);
    const days: string[] = [];
    for (let d = new Date('2026-01-30T00:00:00Z'); d <= new Date('2026-03-12T00:00:00Z'); d = new Date(d.getTime() + 86_400_000)) days.push(d.toISOString().slice(0, 10));
    let sentOverall = 0;
    const reasonsSeen = new Set<string>();
    for (const asOf of days) {
      // What people do on the day, before its run: a payment, a dispute, a promise, a payment plan.
      if (asOf === '2026-02-06') await api.ok('POST', '/v1/disputes', { invoiceId: invoices.disputer.id, reason: 'quality', description: 'Two pallets arrived damaged', openedOn: asOf });
      if (asOf === '2026-02-09') await api.ok('POST', `/v1/customers/${promiser.id}/promises`, { amountMinor: 500_00, currency: 'EUR', promisedOn: '2026-02-16', madeOn: asOf });
      if (asOf === '2026-02-10') await api.ok('POST', '/v1/payments', { customerId: payer.id, method: 'bank_transfer', amountMinor: 500_00, currency: 'EUR', valueDate: asOf, allocations: [{ invoiceId: invoices.payer.id, amountMinor: 500_00 }] });
      if (asOf === '2026-02-12') await api.ok('POST', `/v1/customers/${planner.id}/payment-plans`, { invoiceIds: [invoices.planner.id], instalments: 2, frequency: 'weekly', firstDueOn: '2026-02-19', createdOn: asOf });

      const rowsBefore = await writtenRows(company.tenant.id);
      const preview = await api.ok('GET', `/v1/dunning/preview?asOf=${asOf}`);
      expect(preview.asOf).toBe(asOf);
      expect(await writtenRows(company.tenant.id)).toEqual(rowsBefore);
      const entries = preview.data as PreviewEntry[];
      for (const e of entries) if (e.reason) reasonsSeen.add(e.reason.code);

      const run = await admin.ok('POST', '/v1/automation/run-day', { asOf });
      for (const o of run.days[0].outcomes) expect(o.status, `${asOf} ${o.task}`).toBe('completed');
      const notices = (await api.ok('GET', `/v1/dunning-notices?asOf=${asOf}&limit=1000`)).data as Array<{ customerId: string; level: number; channel: string; status: string }>;
      const sent = notices.map((n) => `${n.customerId} L${n.level} ${n.channel} ${n.status === 'pilot' ? 'pilot' : 'send'}`).sort();
      expect(entries.filter((e) => e.outcome !== 'skip').map(keyOfEntry).sort(), `preview of ${asOf}`).toEqual(sent);
      sentOverall += notices.length;

      // The subject previewed is the one the email carries.
      const mails = await queryRows<{ customer_id: string; subject: string }>(
        server.database.db,
        sql`select n.customer_id::text as customer_id, e.subject from dunning_notices n join email_outbox e on e.dedupe_key = 'dunning:' || n.id::text
             where n.tenant_id = ${company.tenant.id} and n.as_of = ${asOf}`,
      );
      for (const m of mails) expect(entries.find((e) => e.customerId === m.customer_id)?.subject).toBe(m.subject);
    }
    expect(sentOverall).toBeGreaterThan(15);
    // The scenario went through every reason the preview gives.
    expect([...reasonsSeen].sort()).toEqual(expect.arrayContaining(['below_minimum', 'do_not_dun', 'paused_dispute', 'paused_payment_plan', 'paused_promise', 'pilot', 'too_soon', 'weekend']));
    // Nothing the run wrote came from the previews: one notice per (customer, date), as the runs alone would write.
    const after = await writtenRows(company.tenant.id);
    expect(after!.notices - before!.notices).toBe(sentOverall);
    await expectBooksAgree(api);
  });

  it('previews an unsaved edit of a policy, in its scope, with field errors, and defaults to tomorrow', { timeout: 120_000 }, async () => {
    const tenant = await server.createTenant({ name: 'Draft Policies Ltd' });
    const api = tenant.as('ar_manager');
    const standard = ((await api.ok('GET', '/v1/dunning-policies')).data as Array<{ id: string; name: string; definition: any; isDefault: boolean; segment: string | null; pilot: boolean }>).find((p) => p.isDefault)!;
    const retail = await api.ok('POST', '/v1/customers', { name: 'Overdue Orchards', email: 'ap@orchards.example', currency: 'EUR', paymentTermsDays: 30 });
    const wholesale = await api.ok('POST', '/v1/customers', { name: 'Wholesale Warehouses', email: 'ap@warehouses.example', currency: 'EUR', paymentTermsDays: 30, segment: 'wholesale' });
    await issueInvoice(api, retail.id, 300_00, '2026-01-05'); // due 4 February
    await issueInvoice(api, wholesale.id, 900_00, '2026-01-05');
    const asOf = '2026-02-11'; // a Wednesday, 7 days past due; nothing sent yet, so the items reach level 1 first

    const stored = await api.ok('GET', `/v1/dunning/preview?asOf=${asOf}&policyId=${standard.id}`);
    expect(stored.data.map((e: PreviewEntry) => [e.customerId, e.outcome, e.level, e.channel])).toEqual(
      expect.arrayContaining([[retail.id, 'send', 1, 'email'], [wholesale.id, 'send', 1, 'email']]),
    );
    expect(stored.data.find((e: PreviewEntry) => e.customerId === retail.id).subject).toMatch(/^Payment reminder: /);

    // The same policy with its first level moved to 10 days after the due date: nothing is due on the 11th yet.
    const edited = structuredClone(standard.definition);
    edited.levels[0].offsetDays = 10;
    edited.levels[1].offsetDays = 14;
    const policiesBefore = (await api.ok('GET', '/v1/dunning-policies')).data;
    const draft = await api.ok('POST', '/v1/dunning-policies/preview', { asOf, policy: { id: standard.id, name: standard.name, definition: edited, isDefault: true, segment: null, pilot: false } });
    expect(draft.data.map((e: PreviewEntry) => [e.customerId, e.outcome, e.reason?.code])).toEqual(expect.arrayContaining([[retail.id, 'skip', 'not_due_yet']]));
    expect(draft.summary).toMatchObject({ send: 0 });
    expect((await api.ok('GET', '/v1/dunning-policies')).data).toEqual(policiesBefore);

    // A new policy for the wholesale segment: only its customers are listed, at its first level's channel.
    const letterFirst = structuredClone(standard.definition);
    letterFirst.levels[0].channel = 'letter';
    const forSegment = await api.ok('POST', '/v1/dunning-policies/preview', { asOf, policy: { name: 'Wholesale', definition: letterFirst, isDefault: false, segment: 'wholesale', pilot: false } });
    expect(forSegment.data.map((e: PreviewEntry) => [e.customerId, e.outcome, e.level, e.channel])).toEqual([[wholesale.id, 'send', 1, 'letter']]);

    // Faults in the draft come back as problem details with a pointer per field, as saving would.
    const faulty = structuredClone(standard.definition);
    faulty.levels[1].offsetDays = faulty.levels[0].offsetDays;
    const refused = await api.post('/v1/dunning-policies/preview', { asOf, policy: { id: standard.id, name: standard.name, definition: faulty, isDefault: true, segment: null, pilot: false } });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(refused.body)).toContain('/policy/definition/levels/1/offsetDays');
    expect((await tenant.as('collector').post('/v1/dunning-policies/preview', { asOf, policy: { name: 'x', definition: edited, isDefault: false, segment: null, pilot: false } })).status).toBe(403);
    expect((await api.get(`/v1/dunning/preview?asOf=${asOf}&policyId=00000000-0000-4000-8000-000000000000`)).status).toBe(404);

    // Without a date: tomorrow in the tenant's time zone, readable by a viewer.
    const today = (await api.ok('GET', '/v1/tenant')).today as string;
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect((await tenant.as('viewer').ok('GET', '/v1/dunning/preview')).asOf).toBe(tomorrow);
  });
});
