import { and, eq, like } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiDigests } from '../src/modules/analytics/schema.js';
import { sendWeeklyDigest } from '../src/modules/analytics/service.js';
import { emailOutbox } from '../src/modules/notifications/schema.js';
import { ApiClient, expectBooksAgree, startTestServer, type TestServer, type TestTenant } from './support/api.js';

let server: TestServer;
let company: TestTenant;

beforeAll(async () => {
  server = await startTestServer();
  company = await server.createTenant({ name: 'Riverside Components GmbH' });
});
afterAll(async () => server?.close());

// 2026-06-01 is a Monday: the daily run of that date sends the digest of 25–31 May.
const monday = '2026-06-01';

async function issueInvoice(api: ApiClient, customerId: string, unitPriceMinor: number, issueDate: string) {
  const draft = await api.ok('POST', '/v1/invoices', { customerId, lines: [{ description: 'Components', quantity: '1', unitPriceMinor, taxRatePercent: '0' }] });
  return api.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate });
}
const pay = (api: ApiClient, customerId: string, invoice: { id: string; totalMinor: number }, valueDate: string) =>
  api.ok('POST', '/v1/payments', { customerId, method: 'bank_transfer', amountMinor: invoice.totalMinor, currency: 'EUR', valueDate, allocations: [{ invoiceId: invoice.id, amountMinor: invoice.totalMinor }] });
const daysAfter = (date: string, days: number) => Temporal.PlainDate.from(date).add({ days }).toString();

type Recommendation = { id: string; customerId: string; kind: string; currentValue: string | null; proposedValue: string | null; reason: string; evidence: Record<string, unknown>; status: string; createdOn: string };
type WorklistItem = { customerId: string; customerName: string; score: number; reasons: string[] };

describe('risk scores, credit recommendations and the weekly digest from the daily run', () => {
  const ids: Record<'prompt' | 'slipping' | 'newcomer', string> = { prompt: '', slipping: '', newcomer: '' };

  beforeAll(async () => {
    const api = company.as('ar_manager');
    // The AR managers who get the digest; a collector does not.
    await company.admin.ok('POST', '/v1/staff-users', { email: 'anna.ar@riverside.example', name: 'Anna', role: 'ar_manager', password: 'correct horse battery' });
    await company.admin.ok('POST', '/v1/staff-users', { email: 'ben.admin@riverside.example', name: 'Ben', role: 'admin', password: 'correct horse battery' });
    await company.admin.ok('POST', '/v1/staff-users', { email: 'carl.collector@riverside.example', name: 'Carl', role: 'collector', password: 'correct horse battery' });

    const prompt = await api.ok('POST', '/v1/customers', { name: 'Prompt Parts AG', currency: 'EUR', paymentTermsDays: 30, creditLimitMinor: 1_200_00 });
    const slipping = await api.ok('POST', '/v1/customers', { name: 'Slipping Supplies Ltd', currency: 'EUR', paymentTermsDays: 30, creditLimitMinor: 5_000_00 });
    const newcomer = await api.ok('POST', '/v1/customers', { name: 'Newcomer KG', currency: 'EUR', paymentTermsDays: 30 });
    Object.assign(ids, { prompt: prompt.id, slipping: slipping.id, newcomer: newcomer.id });

    // A reliable early payer: eight invoices, September 2025 to April 2026, each paid two days before it is due.
    for (let month = 0; month < 8; month++) {
      const invoice = await issueInvoice(api, prompt.id, 1_000_00, Temporal.PlainDate.from('2025-09-01').add({ months: month }).toString());
      await pay(api, prompt.id, invoice, daysAfter(invoice.dueDate, -2));
    }
    // A deteriorating one: on time from July 2025 to January 2026, then the last three invoices paid 30 days late.
    for (let month = 0; month < 10; month++) {
      const invoice = await issueInvoice(api, slipping.id, 1_000_00, Temporal.PlainDate.from('2025-07-01').add({ months: month }).toString());
      await pay(api, slipping.id, invoice, daysAfter(invoice.dueDate, month < 7 ? 0 : 30));
    }
    // Both owe the same today: €1,000 due 25 May, a week overdue on the Monday. The newcomer has no history.
    await issueInvoice(api, prompt.id, 1_000_00, '2026-04-25');
    await issueInvoice(api, slipping.id, 1_000_00, '2026-04-25');
    await issueInvoice(api, newcomer.id, 500_00, '2026-05-20');
    // A collector called both during the week (so neither gets the no-contact boost on the worklist).
    const collector = company.as('collector');
    for (const id of [prompt.id, slipping.id]) await collector.ok('POST', `/v1/customers/${id}/activities`, { kind: 'call', summary: 'Reminded AP of the overdue invoice', occurredOn: '2026-05-27' });

    await api.ok('PUT', '/v1/analytics/targets/dso_standard', { target: '35', direction: 'at_most' });
    await api.ok('PUT', '/v1/analytics/targets/percentage_current', { target: '15', direction: 'at_least' });

    const run = await company.admin.ok('POST', '/v1/automation/run-day', { asOf: monday });
    for (const o of run.days[0].outcomes) expect(o.status, o.task).toBe('completed');
  }, 180_000);

  it('scores each customer with a history, the deteriorating one riskier than the reliable one', async () => {
    const api = company.as('viewer');
    const prompt = await api.ok('GET', `/v1/customers/${ids.prompt}/risk`);
    const slipping = await api.ok('GET', `/v1/customers/${ids.slipping}/risk`);
    expect(prompt).toMatchObject({ customerId: ids.prompt, computedOn: monday, details: { method: 'customer_history', openInvoices: 1, overdueInvoices: 1, settledInvoices: 8 } });
    expect(slipping).toMatchObject({ customerId: ids.slipping, computedOn: monday, details: { method: 'customer_history', settledInvoices: 10 } });
    expect(prompt.score).toBeLessThan(slipping.score);
    expect(slipping.details.worsening).toBeGreaterThan(0);
    expect(prompt.details.worsening).toBe(0);
    // Too little history of its own: not scored, its reviewed risk class stays in charge.
    expect((await api.get(`/v1/customers/${ids.newcomer}/risk`)).status).toBe(404);

    // Credit control sees the score and the class it implies (≥ 70 high, ≤ 30 low).
    const credit = await api.ok('GET', `/v1/customers/${ids.slipping}/credit?asOf=${monday}`);
    expect(credit).toMatchObject({ riskClass: 'medium', riskScore: slipping.score, riskScoreComputedOn: monday, effectiveRiskClass: slipping.score >= 70 ? 'high' : slipping.score <= 30 ? 'low' : 'medium' });
    expect((await api.ok('GET', `/v1/customers/${ids.slipping}/credit?asOf=2026-05-31`)).riskScore).toBeNull(); // not known yet on the day before
  });

  it('ranks the riskier account first on the worklist when both owe the same', async () => {
    const worklist = (await company.as('ar_manager').ok('GET', `/v1/worklist?asOf=${monday}`)).data as WorklistItem[];
    // Newcomer's invoice is not due yet: nothing to chase.
    expect(worklist.map((i) => i.customerName)).toEqual(['Slipping Supplies Ltd', 'Prompt Parts AG']);
    const [first, second] = worklist;
    expect(first?.customerName).toBe('Slipping Supplies Ltd');
    expect(second?.customerName).toBe('Prompt Parts AG');
    expect(first!.score).toBeGreaterThan(second!.score);
    const slippingScore = (await company.as('viewer').ok('GET', `/v1/customers/${ids.slipping}/risk`)).score;
    expect(first?.reasons).toContain(`risk score ${slippingScore} of 100`);
  });

  it('suggests credit changes for both, with the reasons and the evidence', async () => {
    const open = (await company.as('viewer').ok('GET', '/v1/recommendations?status=open')).data as Recommendation[];
    const of = (customerId: string) => open.filter((r) => r.customerId === customerId).map((r) => [r.kind, r.currentValue, r.proposedValue]).sort();
    expect(of(ids.prompt)).toEqual([['extend_terms', '30', '45'], ['raise_limit', '120000', '150000']]);
    expect(of(ids.slipping)).toEqual([['lower_limit', '500000', '375000'], ['shorten_terms', '30', '15']]);
    expect(of(ids.newcomer)).toEqual([]);
    const extend = open.find((r) => r.customerId === ids.prompt && r.kind === 'extend_terms');
    expect(extend?.reason).toMatch(/^Established on-time payer: 8 of 8 invoices \(100 %\) settled in the last 12 months were paid by the due date/);
    expect(extend?.evidence).toMatchObject({ settledInvoices: 8, paidByDueDate: 8, averageDaysLate: 0, peakUtilisationPercent: 83.3 });
    const shorten = open.find((r) => r.customerId === ids.slipping && r.kind === 'shorten_terms');
    expect(shorten?.reason).toContain('paid on average 30 days late, against 0 days in the 9 months before');
    expect(shorten).toMatchObject({ createdOn: monday, evidence: { recentSettledInvoices: 3, recentAverageDaysLate: 30, earlierAverageDaysLate: 0 } });
  });

  it('applies an accepted recommendation to the customer, audited, and lets a dismissed one rest', async () => {
    const manager = company.as('ar_manager');
    const open = (await manager.ok('GET', '/v1/recommendations?status=open')).data as Recommendation[];
    const find = (customerId: string, kind: string) => open.find((r) => r.customerId === customerId && r.kind === kind) as Recommendation;
    const extend = find(ids.prompt, 'extend_terms');
    const raise = find(ids.prompt, 'raise_limit');
    const lower = find(ids.slipping, 'lower_limit');

    expect((await company.as('collector').call('POST', `/v1/recommendations/${extend.id}/acceptance`, {})).status).toBe(403);
    const accepted = await manager.ok('POST', `/v1/recommendations/${extend.id}/acceptance`, { note: 'Ten years with us, never late' });
    expect(accepted).toMatchObject({ recommendation: { status: 'accepted', decidedBy: expect.any(String) }, customer: { id: ids.prompt, paymentTermsDays: 45, creditLimitMinor: 1_200_00 } });
    await manager.ok('POST', `/v1/recommendations/${raise.id}/acceptance`, {});
    expect(await manager.ok('GET', `/v1/customers/${ids.prompt}`)).toMatchObject({ paymentTermsDays: 45, creditLimitMinor: 1_500_00 });
    // A decided recommendation cannot be decided again.
    expect((await manager.call('POST', `/v1/recommendations/${extend.id}/dismissal`, {})).status).toBe(409);

    const customerAudit = (await manager.ok('GET', `/v1/audit-records?entityType=customer&entityId=${ids.prompt}`)).data as Array<{ action: string; before: any; after: any }>;
    const applied = customerAudit.filter((a) => a.action === 'customer.recommendation_applied');
    expect(applied).toHaveLength(2);
    expect(applied.some((a) => a.before.paymentTermsDays === 30 && a.after.paymentTermsDays === 45)).toBe(true);
    expect((await manager.ok('GET', `/v1/audit-records?entityType=credit_recommendation&entityId=${extend.id}`)).data.map((a: { action: string }) => a.action)).toEqual(['credit_recommendation.accepted']);
    const history = (await manager.ok('GET', `/v1/customers/${ids.prompt}/credit-history`)).data as Array<{ previousLimitMinor: number | null; newLimitMinor: number | null; source: string; note: string }>;
    expect(history.at(-1)).toMatchObject({ previousLimitMinor: 1_200_00, newLimitMinor: 1_500_00, source: 'review' });
    expect(history.at(-1)?.note).toContain('accepted recommendation (raise_limit)');

    const dismissed = await manager.ok('POST', `/v1/recommendations/${lower.id}/dismissal`, { note: 'Supply contract renegotiated' });
    expect(dismissed).toMatchObject({ id: lower.id, status: 'dismissed' });
    expect((await manager.ok('GET', `/v1/audit-records?entityType=credit_recommendation&entityId=${lower.id}`)).data.map((a: { action: string }) => a.action)).toEqual(['credit_recommendation.dismissed']);
    expect(await manager.ok('GET', `/v1/customers/${ids.slipping}`)).toMatchObject({ creditLimitMinor: 5_000_00, paymentTermsDays: 30 });

    // The next day: the history still says the same, but nothing decided comes back and nothing open is duplicated.
    const next = await company.admin.ok('POST', '/v1/automation/run-day', { asOf: '2026-06-02' });
    expect(next.days[0].outcomes.find((o: { task: string }) => o.task === 'credit_recommendations').outcome).toMatchObject({ created: 0 });
    const all = (await manager.ok('GET', '/v1/recommendations?limit=200')).data as Recommendation[];
    const count = (customerId: string, kind: string, status?: string) => all.filter((r) => r.customerId === customerId && r.kind === kind && (!status || r.status === status)).length;
    expect(count(ids.slipping, 'lower_limit')).toBe(1);
    expect(count(ids.slipping, 'shorten_terms', 'open')).toBe(1);
    expect(count(ids.prompt, 'extend_terms')).toBe(1);
    expect(count(ids.prompt, 'raise_limit')).toBe(1);
    expect((await manager.ok('GET', '/v1/recommendations?status=open')).data.map((r: Recommendation) => r.kind)).toEqual(['shorten_terms']);
    await expectBooksAgree(manager);
  });

  it("emails the week's digest to each AR manager once, however often the Monday is run", async () => {
    const db = server.database.db;
    const digestEmails = () => db.select().from(emailOutbox).where(and(eq(emailOutbox.tenantId, company.tenant.id), like(emailOutbox.dedupeKey, 'digest:%')));
    const sent = await digestEmails();
    expect(sent.map((m) => m.toAddress).sort()).toEqual(['anna.ar@riverside.example', 'ben.admin@riverside.example']);
    expect(sent.map((m) => m.dedupeKey).sort()).toEqual(['digest:2026-05-25:anna.ar@riverside.example', 'digest:2026-05-25:ben.admin@riverside.example']);
    const body = sent[0]?.body ?? '';
    expect(sent[0]?.subject).toBe('Receivables digest, week of 2026-05-25: Riverside Components GmbH');
    expect(body).toContain('KPIs in EUR, 2026-05-01 to 2026-05-31 (last full month):');
    expect(body).toContain('KPIs in EUR, week 2026-05-25 to 2026-05-31:');
    // Against the tenant's targets: May's DSO far above 35 days, 20 % current above the 15 % wanted.
    expect(body).toMatch(/\n {2}DSO: [\d.]+ days \(target at most 35 days: missed\)\n/);
    expect(body).toContain('  Percentage current: 20 % (target at least 15 %: met)');
    // Prompt's invoice fell overdue during the week; Slipping's did too, but it paid an older overdue one.
    expect(body).toContain('up   Prompt Parts AG: +1000.00 EUR (now 1000.00 EUR overdue)');
    expect(body).not.toContain('Slipping Supplies Ltd: +');
    expect(body).toMatch(/: 2 contacts, 0 promises taken/);

    const again = await company.admin.ok('POST', '/v1/automation/run-day', { asOf: monday });
    expect(again.days[0].outcomes.every((o: { status: string }) => o.status === 'already_completed')).toBe(true);
    // Even outside the daily run's bookkeeping the digest of a week goes out once.
    expect(await sendWeeklyDigest(db, company.tenant.id, monday)).toMatchObject({ sent: 0, alreadySentOn: monday });
    expect(await digestEmails()).toHaveLength(2);
    const digests = await db.select().from(kpiDigests).where(eq(kpiDigests.tenantId, company.tenant.id));
    expect(digests.map((d) => [d.weekStart, d.sentOn])).toEqual([['2026-05-25', monday]]);
    expect(digests[0]?.content).toMatchObject({ weekStart: '2026-05-25', weekEnd: '2026-05-31', recipients: ['anna.ar@riverside.example', 'ben.admin@riverside.example'] });
    // Other days send nothing.
    expect(await sendWeeklyDigest(db, company.tenant.id, '2026-06-02')).toMatchObject({ sent: 0 });
  });
});
