import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBooksAgree, startTestServer, type ApiClient, type TestServer, type TestTenant } from './support/api.js';

let server: TestServer;
let company: TestTenant;

beforeAll(async () => {
  server = await startTestServer();
  company = await server.createTenant({ name: 'Escalation Works Ltd' });
});
afterAll(async () => server?.close());

async function issueInvoice(api: ApiClient, customerId: string, unitPriceMinor: number, issueDate: string) {
  const draft = await api.ok('POST', '/v1/invoices', { customerId, lines: [{ description: 'Service', quantity: '1', unitPriceMinor, taxRatePercent: '0' }] });
  return api.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate });
}

describe('dunning escalations, letters and the agency handover', () => {
  it('invoices the dunning charge, prints letters, hands over to the agency, and keeps a dispute history', async () => {
    const api = company.as('ar_manager');
    await api.ok('POST', '/v1/dunning-policies', {
      name: 'Strict',
      isDefault: true,
      definition: {
        levels: [
          { level: 1, name: 'Reminder', offsetDays: 1, channel: 'email', minimumAmountMinor: 0, escalations: [] },
          { level: 2, name: 'Second reminder', offsetDays: 10, channel: 'email', minimumAmountMinor: 0, escalations: ['late_fee'], feeMinor: 5_00 },
          { level: 3, name: 'Final notice', offsetDays: 20, channel: 'letter', minimumAmountMinor: 0, escalations: ['agency_handover', 'credit_hold'] },
        ],
        minDaysBetweenMessages: 0,
        skipWeekends: false,
        skipHolidays: false,
      },
    });
    const emailed = await api.ok('POST', '/v1/customers', { name: 'Mailbox Ltd', email: 'ap@mailbox.example', currency: 'EUR', paymentTermsDays: 28, taxId: 'GB123456789' });
    const posted = await api.ok('POST', '/v1/customers', { name: 'Paper Only Ltd', currency: 'EUR', paymentTermsDays: 28 });
    const invoice = await issueInvoice(api, emailed.id, 1_200_00, '2026-02-01'); // due 1 March
    const paper = await issueInvoice(api, posted.id, 300_00, '2026-02-01');
    await company.admin.ok('POST', '/v1/automation/run-day', { asOf: '2026-02-01', to: '2026-03-25' });

    const notices = (await api.ok('GET', `/v1/dunning-notices?customerId=${emailed.id}`)).data as Array<{ id: string; asOf: string; level: number; channel: string; status: string }>;
    expect(notices.map((n) => [n.asOf, n.level, n.status]).sort()).toEqual([['2026-03-02', 1, 'queued'], ['2026-03-11', 2, 'queued'], ['2026-03-21', 3, 'letter']]);
    // The email names each item's payment reference (the RF creditor reference).
    const mail = (await server.database.db.execute(`select body from email_outbox where tenant_id = '${company.tenant.id}' and dedupe_key like 'dunning:%' and to_address = 'ap@mailbox.example'`)) as unknown as { rows: Array<{ body: string }> };
    expect(mail.rows).toHaveLength(2);
    expect(mail.rows[0]!.body).toContain(`payment reference ${invoice.creditorReference ?? invoice.number}`);
    // Level 2 charged the dunning fee once, as its own invoice to late-fee income.
    const fees = (await api.ok('GET', `/v1/invoices?customerId=${emailed.id}&limit=50`)).data.filter((i: { id: string }) => i.id !== invoice.id);
    expect(fees.map((f: { totalMinor: number; issueDate: string }) => [f.issueDate, f.totalMinor])).toEqual([['2026-03-11', 5_00]]);
    // The final notice is a letter to print, and the account is on hold and handed over.
    const final = notices.find((n) => n.level === 3)!;
    const letter = await fetch(`${api.baseUrl}/v1/dunning-notices/${final.id}/letter`, { headers: { authorization: `Bearer ${api.key}` } });
    expect(letter.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await letter.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await api.ok('GET', `/v1/customers/${emailed.id}`)).blockedForOrders).toBe(true);
    const csv = await fetch(`${api.baseUrl}/v1/collections/agency-handovers?from=2026-03-01&to=2026-03-31`, { headers: { authorization: `Bearer ${api.key}` } });
    const rows = (await csv.text()).trim().split('\r\n');
    expect(rows[0]).toBe('handed_over_on,customer,customer_tax_id,address,email,invoice,due_date,days_past_due,open_amount,currency,payment_reference');
    expect(rows.filter((r) => r.includes(invoice.number))[0]).toContain('2026-03-21,Mailbox Ltd,GB123456789');
    expect((await company.as('collector').call('GET', '/v1/collections/agency-handovers?from=2026-03-01&to=2026-03-31')).status).toBe(403);
    // A customer without an email address gets its reminders as letters.
    const paperNotices = (await api.ok('GET', `/v1/dunning-notices?customerId=${posted.id}`)).data as Array<{ status: string }>;
    expect(paperNotices.length).toBeGreaterThan(0);
    expect(paperNotices.every((n) => n.status === 'letter')).toBe(true);

    // A dispute's history: opened, then rejected.
    const dispute = await api.ok('POST', '/v1/disputes', { invoiceId: paper.id, reason: 'not_received', description: 'Goods never arrived', openedOn: '2026-03-26' });
    await api.ok('POST', `/v1/disputes/${dispute.id}/resolution`, { outcome: 'rejected', resolution: 'Signed proof of delivery', resolvedOn: '2026-03-30' });
    const history = (await api.ok('GET', `/v1/disputes/${dispute.id}/history`)).data as Array<{ on: string; summary: string }>;
    expect(history.map((h) => h.on)).toEqual(['2026-03-26', '2026-03-30']);
    expect(history[1]!.summary).toContain('rejected');
    await expectBooksAgree(api);
  });
});

describe('the daily run time', () => {
  it('is set per tenant by an admin, as a local time', async () => {
    expect(await company.as('viewer').ok('GET', '/v1/automation/settings')).toEqual({ dailyRunTime: '02:00', timeZone: expect.any(String) });
    expect((await company.as('ar_manager').call('PUT', '/v1/automation/settings', { dailyRunTime: '05:30' })).status).toBe(403);
    expect((await company.admin.call('PUT', '/v1/automation/settings', { dailyRunTime: '25:00' })).status).toBe(400);
    expect(await company.admin.ok('PUT', '/v1/automation/settings', { dailyRunTime: '05:30' })).toMatchObject({ dailyRunTime: '05:30' });
  });
});
