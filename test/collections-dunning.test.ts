import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBooksAgree, startTestServer, type ApiClient, type TestServer, type TestTenant } from './support/api.js';

let server: TestServer;
let company: TestTenant;

beforeAll(async () => {
  server = await startTestServer();
  company = await server.createTenant({ name: 'Lighthouse Provisions Ltd' });
});
afterAll(async () => server?.close());

async function issueInvoice(api: ApiClient, customerId: string, unitPriceMinor: number, issueDate: string) {
  const draft = await api.ok('POST', '/v1/invoices', { customerId, lines: [{ description: 'Provisions', quantity: '1', unitPriceMinor, taxRatePercent: '0' }] });
  return api.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate });
}

async function runDays(api: ApiClient, asOf: string, to: string) {
  const result = await api.ok('POST', '/v1/automation/run-day', { asOf, to });
  for (const day of result.days) for (const o of day.outcomes) expect(o.status, `${day.asOf} ${o.task}`).toBe('completed');
  return result;
}

describe('dunning over 120 business days, replayed day by day', () => {
  it('sends the right level on the right day, consolidated, and nothing for paid, disputed, promised or do-not-dun items', { timeout: 180_000 }, async () => {
    const api = company.as('ar_manager');
    const admin = company.admin;
    const customer = (name: string, extra: Record<string, unknown> = {}) => api.ok('POST', '/v1/customers', { name, email: `ap@${name.split(' ')[0]!.toLowerCase()}.example`, currency: 'EUR', paymentTermsDays: 30, ...extra });
    const prompt = await customer('Prompt Payers Ltd');
    const late = await customer('Latecomer Trading');
    const disputer = await customer('Disputatious GmbH', { language: 'de' });
    const promiser = await customer('Promising Foods');
    const protectedOne = await customer('Protected Partner');
    const twoInvoices = await customer('Twofold Retail');
    const pilot = await customer('Pilot Bakery');
    await api.ok('PUT', `/v1/customers/${protectedOne.id}/collection-settings`, { doNotDun: true });
    await api.ok('PUT', `/v1/customers/${pilot.id}/collection-settings`, { pilot: true });

    // Issued Monday 5 January 2026, due Wednesday 4 February (net 30).
    const invoices: Record<string, any> = {};
    for (const [key, c] of Object.entries({ prompt, late, disputer, promiser, protectedOne, twoInvoices, pilot })) invoices[key] = await issueInvoice(api, c.id, 500_00, '2026-01-05');
    expect(invoices.late.dueDate).toBe('2026-02-04');
    const second = await issueInvoice(api, twoInvoices.id, 200_00, '2026-01-20'); // due Thursday 19 February

    await runDays(admin, '2026-01-05', '2026-02-05');
    await api.ok('POST', '/v1/payments', { customerId: prompt.id, method: 'bank_transfer', amountMinor: 500_00, currency: 'EUR', valueDate: '2026-02-04', allocations: [{ invoiceId: invoices.prompt.id, amountMinor: 500_00 }] });
    const dispute = await api.ok('POST', '/v1/disputes', { invoiceId: invoices.disputer.id, reason: 'quality', description: 'Two pallets arrived damaged', openedOn: '2026-02-06' });
    await runDays(admin, '2026-02-06', '2026-02-09');
    await api.ok('POST', `/v1/customers/${promiser.id}/promises`, { amountMinor: 500_00, currency: 'EUR', promisedOn: '2026-02-16', madeOn: '2026-02-09', note: 'CFO promised payment on Monday' });
    await runDays(admin, '2026-02-10', '2026-03-01');
    await api.ok('POST', `/v1/disputes/${dispute.id}/resolution`, { outcome: 'rejected', resolution: 'Photos show the damage happened after delivery', resolvedOn: '2026-03-02' });
    await runDays(admin, '2026-03-02', '2026-05-04');

    const notices = (await api.ok('GET', '/v1/dunning-notices?limit=1000')).data as Array<{ customerId: string; asOf: string; level: number; status: string; lines: Array<{ number: string; level: number; escalated: boolean }> }>;
    const scheduleOf = (id: string) => notices.filter((n) => n.customerId === id).map((n) => `${n.asOf} L${n.level}`).sort();
    // The courtesy reminder (3 days before the due date, a Sunday) goes the next working day, Monday 2 February.
    expect(scheduleOf(prompt.id)).toEqual(['2026-02-02 L1']);
    expect(scheduleOf(late.id)).toEqual(['2026-02-02 L1', '2026-02-11 L2', '2026-02-25 L3', '2026-03-11 L4']);
    // Disputed on 6 February: silent until the dispute is rejected on 2 March, then one level per message, five days apart, never on a weekend.
    expect(scheduleOf(disputer.id)).toEqual(['2026-02-02 L1', '2026-03-02 L2', '2026-03-09 L3', '2026-03-16 L4']);
    // Promised on 9 February to pay by the 16th; broken, so the next morning's run escalates.
    expect(scheduleOf(promiser.id)).toEqual(['2026-02-02 L1', '2026-02-17 L2', '2026-02-25 L3', '2026-03-11 L4']);
    expect(scheduleOf(protectedOne.id)).toEqual([]);
    // Two invoices, one message per run listing both; each climbs on its own clock, the 5-day interval holds.
    expect(scheduleOf(twoInvoices.id)).toEqual(['2026-02-02 L1', '2026-02-11 L2', '2026-02-16 L2', '2026-02-25 L3', '2026-03-02 L3', '2026-03-11 L4', '2026-03-16 L4', '2026-03-26 L4']);
    const consolidated = notices.find((n) => n.customerId === twoInvoices.id && n.asOf === '2026-02-25');
    expect(consolidated?.lines.map((l) => [l.number, l.level, l.escalated])).toEqual([[invoices.twoInvoices.number, 3, true], [second.number, 1, false]]);
    // Pilot: decided and recorded, nothing sent.
    expect(scheduleOf(pilot.id)).toEqual(['2026-02-02 L1', '2026-02-11 L2', '2026-02-25 L3', '2026-03-11 L4']);
    expect(notices.filter((n) => n.customerId === pilot.id).every((n) => n.status === 'pilot')).toBe(true);

    // One email per sent notice, to the right people, in their language; none for the pilot customer.
    const outbox = (await server.database.db.execute(`select to_address as "toAddress", subject, body from email_outbox where tenant_id = '${company.tenant.id}' and dedupe_key like 'dunning:%'`)) as unknown as { rows: Array<{ toAddress: string; subject: string; body: string }> };
    const dunningMail = outbox.rows;
    expect(dunningMail).toHaveLength(notices.filter((n) => n.status === 'queued').length);
    expect(dunningMail.some((m) => m.toAddress === 'ap@pilot.example')).toBe(false);
    expect(dunningMail.find((m) => m.toAddress === 'ap@disputatious.example' && m.subject.startsWith('Letzte Mahnung'))).toBeDefined();

    // The final notice put the late payer on credit hold; the promise is recorded as broken.
    expect((await api.ok('GET', `/v1/customers/${late.id}`)).blockedForOrders).toBe(true);
    expect((await api.ok('GET', `/v1/customers/${promiser.id}/promises`)).data[0]).toMatchObject({ status: 'broken', paidMinor: 0 });
    const timeline = (await api.ok('GET', `/v1/customers/${promiser.id}/timeline`)).data as Array<{ kind: string; summary: string }>;
    expect(timeline.map((t) => t.kind)).toEqual(expect.arrayContaining(['dunning', 'promise', 'promise_broken', 'invoice']));

    // Running a day again does nothing the second time.
    const again = await admin.ok('POST', '/v1/automation/run-day', { asOf: '2026-03-11' });
    expect(again.days[0].outcomes.every((o: { status: string }) => o.status === 'already_completed')).toBe(true);
    await expectBooksAgree(api);
  });
});
