import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBooksAgree, startTestServer, type ApiClient, type TestServer, type TestTenant } from './support/api.js';

let server: TestServer;
let company: TestTenant;

beforeAll(async () => {
  server = await startTestServer();
  company = await server.createTenant({ name: 'Rheinland Armaturen GmbH' });
});
afterAll(async () => server?.close());

const accountIban = 'DE02120300000000202051';

interface Booking {
  date: string;
  name: string;
  iban: string;
  purpose: string;
  amount: string;
}

/**
 * A Sparkasse-style export as the bank sends it: windows-1252, semicolons, quoted fields, four lines of preamble
 * (so the header is line 5 and the first booking line 6), German dates and amounts, a closing-balance footer.
 */
function sparkasseExport(bookings: Booking[]): Buffer {
  const quoted = (cells: string[]) => cells.map((cell) => `"${cell}"`).join(';');
  const lines = [
    quoted(['Umsätze Girokonto', 'Rheinland Armaturen GmbH']),
    quoted(['Kontonummer:', 'DE02 1203 0000 0000 2020 51']),
    quoted(['Zeitraum:', '01.03.2026 - 31.03.2026']),
    '',
    quoted(['Buchungstag', 'Wertstellung', 'Auftraggeber/Empfänger', 'IBAN', 'Verwendungszweck', 'Betrag (EUR)']),
    ...bookings.map((b) => quoted([b.date, b.date, b.name, b.iban, b.purpose, b.amount])),
    quoted(['Kontostand am 31.03.2026', '', '', '', '', '12.345,67']),
    '',
  ];
  return Buffer.from(lines.join('\r\n'), 'latin1');
}

async function send(api: ApiClient, path: string, body: Buffer | string, contentType = 'application/octet-stream') {
  const response = await fetch(`${api.baseUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${api.key}`, 'content-type': contentType }, body });
  return { status: response.status, contentType: response.headers.get('content-type'), body: (await response.json()) as Record<string, any> };
}

async function issueInvoice(api: ApiClient, customerId: string, unitPriceMinor: number, issueDate: string) {
  const draft = await api.ok('POST', '/v1/invoices', { customerId, lines: [{ description: 'Ball valves DN50', quantity: '1', unitPriceMinor, taxRatePercent: '0' }] });
  return api.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate });
}

const rent: Booking = { date: '10.03.2026', name: 'Hausverwaltung Müller', iban: 'DE44500105175407324931', purpose: 'Miete März Lagerhalle', amount: '-1.500,00' };

/** A bank account whose mapping was proposed from a sample and saved as proposed. */
async function accountWithSavedMapping(api: ApiClient, iban = accountIban) {
  const account = await api.ok('POST', '/v1/bank-accounts', { name: 'Sparkasse Girokonto', iban, currency: 'EUR' });
  const sample = sparkasseExport([{ date: '02.03.2026', name: 'Muster GmbH', iban: 'DE89370400440532013000', purpose: 'Rechnung 4711', amount: '99,00' }, rent]);
  const suggestion = await send(api, `/v1/bank-accounts/${account.id}/csv-mapping/suggestion`, sample);
  expect(suggestion.status).toBe(200);
  await api.ok('PUT', `/v1/bank-accounts/${account.id}/csv-mapping`, { mapping: suggestion.body.mapping });
  return account as { id: string };
}

describe('CSV bank statements read through a mapping saved on the bank account', () => {
  it('proposes a mapping from a sample, imports the export with it, applies the payments and imports the same file only once', async () => {
    const api = company.as('ar_manager');
    const globex = await api.ok('POST', '/v1/customers', { name: 'Globex Corporation', currency: 'EUR', paymentTermsDays: 30 });
    const initech = await api.ok('POST', '/v1/customers', { name: 'Initech AG', currency: 'EUR', paymentTermsDays: 30 });
    const a = await issueInvoice(api, globex.id, 1_000_00, '2026-02-01');
    const b = await issueInvoice(api, initech.id, 480_00, '2026-02-05');
    const c = await issueInvoice(api, initech.id, 250_00, '2026-02-20');

    const account = await api.ok('POST', '/v1/bank-accounts', { name: 'Sparkasse Girokonto', iban: 'DE02 1203 0000 0000 2020 51', currency: 'EUR' });
    expect(account).toMatchObject({ accountIdentifier: accountIban, currency: 'EUR', csvMapping: null });

    const march = sparkasseExport([
      { date: '09.03.2026', name: 'Globex Corporation', iban: 'DE89370400440532013000', purpose: `Rechnung ${a.number} Lieferung Februar`, amount: '1.000,00' },
      { date: '10.03.2026', name: 'Initech AG', iban: 'FR7630006000011234567890189', purpose: `RE ${b.number} Danke`, amount: '480,00' },
      rent,
    ]);
    const importPath = `/v1/bank-statements?format=csv&bankAccountId=${account.id}&fileName=Umsaetze_Maerz.csv`;

    // Without a saved mapping the file cannot be read: refused, with what to do about it.
    const unmapped = await send(api, importPath, march);
    expect(unmapped.status).toBe(400);
    expect(unmapped.body.detail).toMatch(/has no CSV column mapping yet/);

    // The proposal, and the sample read with it: umlauts from windows-1252, German dates and amounts, the rent as money out.
    const suggestion = await send(api, `/v1/bank-accounts/${account.id}/csv-mapping/suggestion`, march);
    expect(suggestion.status).toBe(200);
    expect(suggestion.body).toMatchObject({ confidence: 'high', preview: { parses: true, entryCount: 3, faults: [] } });
    expect(suggestion.body.mapping).toMatchObject({
      delimiter: ';', encoding: 'windows-1252', skipLines: 4, hasHeader: true, dateFormat: 'DD.MM.YYYY', decimalSeparator: ',', thousandsSeparator: '.',
      columns: { bookingDate: 'Buchungstag', valueDate: 'Wertstellung', amount: { style: 'signed', amount: 'Betrag (EUR)' }, counterpartyName: 'Auftraggeber/Empfänger', remittance: ['Verwendungszweck'] },
    });
    expect(suggestion.body.preview.lines).toEqual([
      expect.objectContaining({ location: 'line 6', bookingDate: '2026-03-09', amountMinor: 1_000_00, currency: 'EUR', counterpartyName: 'Globex Corporation', remittanceText: `Rechnung ${a.number} Lieferung Februar` }),
      expect.objectContaining({ location: 'line 7', amountMinor: 480_00, counterpartyAccount: 'FR7630006000011234567890189' }),
      expect.objectContaining({ location: 'line 8', amountMinor: -1_500_00, counterpartyName: 'Hausverwaltung Müller', remittanceText: 'Miete März Lagerhalle' }),
    ]);
    // text/csv (streamed to the server) gives the same proposal; nothing is stored by asking.
    const asTextCsv = await send(api, `/v1/bank-accounts/${account.id}/csv-mapping/suggestion`, march, 'text/csv');
    expect(asTextCsv.body.mapping).toEqual(suggestion.body.mapping);
    expect((await api.ok('GET', `/v1/bank-accounts/${account.id}`)).csvMapping).toBeNull();

    const saved = await api.ok('PUT', `/v1/bank-accounts/${account.id}/csv-mapping`, { mapping: suggestion.body.mapping });
    expect(saved.csvMapping).toEqual(suggestion.body.mapping);

    const imported = await send(api, importPath, march);
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ format: 'csv', linesAdded: 3, linesAlreadyKnown: 0, cashApplication: { linesConsidered: 2, applied: 2, exceptions: 0 } });
    expect(imported.body.statements).toEqual([expect.objectContaining({ account: accountIban, lines: 3, newLines: 3, alreadyImported: false, statementKey: expect.stringMatching(/^csv:[0-9a-f]{16}$/) })]);

    expect(await api.ok('GET', `/v1/invoices/${a.id}`)).toMatchObject({ status: 'paid', openMinor: 0 });
    expect(await api.ok('GET', `/v1/invoices/${b.id}`)).toMatchObject({ status: 'paid', openMinor: 0 });
    expect(await api.ok('GET', `/v1/invoices/${c.id}`)).toMatchObject({ status: 'open', openMinor: 250_00 });
    const applied = (await api.ok('GET', '/v1/statement-lines?status=applied')).data;
    expect(applied.map((l: { amountMinor: number; rule: string; customerId: string }) => [l.amountMinor, l.rule, l.customerId]).sort()).toEqual([
      [1_000_00, 'invoice_number', globex.id],
      [480_00, 'invoice_number', initech.id],
    ].sort());
    const ignored = (await api.ok('GET', '/v1/statement-lines?status=ignored')).data;
    expect(ignored).toEqual([expect.objectContaining({ amountMinor: -1_500_00, payerName: 'Hausverwaltung Müller', location: 'line 8' })]);

    // The same export again: recognised by its content, nothing added, nothing applied.
    const again = await send(api, importPath, march);
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ linesAdded: 0, linesAlreadyKnown: 3, cashApplication: null });
    expect(again.body.statements[0].alreadyImported).toBe(true);

    // A later export overlapping the first: only the booking not seen before is added, and it pays invoice c.
    const overlapping = sparkasseExport([
      { date: '10.03.2026', name: 'Initech AG', iban: 'FR7630006000011234567890189', purpose: `RE ${b.number} Danke`, amount: '480,00' },
      rent,
      { date: '16.03.2026', name: 'Initech AG', iban: 'FR7630006000011234567890189', purpose: `Zahlung ${c.number}`, amount: '250,00' },
    ]);
    const next = await send(api, importPath, overlapping);
    expect(next.body).toMatchObject({ linesAdded: 1, linesAlreadyKnown: 2, cashApplication: { applied: 1, exceptions: 0 } });
    expect(await api.ok('GET', `/v1/invoices/${c.id}`)).toMatchObject({ status: 'paid', openMinor: 0 });

    const statements = (await api.ok('GET', '/v1/bank-statements')).data;
    expect(statements).toHaveLength(2);
    expect(statements.every((s: { format: string; accountIdentifier: string; fileName: string }) => s.format === 'csv' && s.accountIdentifier === accountIban && s.fileName === 'Umsaetze_Maerz.csv')).toBe(true);
    await expectBooksAgree(api, ['2026-03-09', '2026-03-16', '2099-12-31']);
  });

  it('refuses a CSV file with a bad date on line 7 whole, naming the line, and stores nothing', async () => {
    const tenant = await server.createTenant({ name: 'Bad Date Handels GmbH' });
    const api = tenant.as('ar_manager');
    const account = await accountWithSavedMapping(api);
    const broken = sparkasseExport([
      { date: '09.03.2026', name: 'Globex Corporation', iban: 'DE89370400440532013000', purpose: 'Rechnung INV-000001', amount: '1.000,00' },
      { date: '31.02.2026', name: 'Initech AG', iban: 'FR7630006000011234567890189', purpose: 'RE INV-000002', amount: '480,00' },
      rent,
    ]);
    const refused = await send(api, `/v1/bank-statements?format=csv&bankAccountId=${account.id}`, broken);
    expect(refused.status).toBe(400);
    expect(refused.contentType).toMatch(/^application\/problem\+json/);
    expect(refused.body.detail).toMatch(/refused and nothing was imported/);
    // The export repeats the booking date as the value date: both are faults of line 7, and the only ones.
    expect(refused.body.errors).toEqual([
      { pointer: 'line 7', detail: 'booking date "31.02.2026" is not a real date' },
      { pointer: 'line 7', detail: 'value date "31.02.2026" is not a real date' },
    ]);
    expect((await api.ok('GET', '/v1/bank-statements')).data).toEqual([]);
    expect((await api.ok('GET', '/v1/statement-lines')).data).toEqual([]);
  });

  it('refuses an incomplete mapping with the fields at fault, and lets only admins and AR managers change it', async () => {
    const tenant = await server.createTenant({ name: 'Mapping Rules KG' });
    const api = tenant.as('admin');
    const account = await accountWithSavedMapping(api);
    const { mapping } = await api.ok('GET', `/v1/bank-accounts/${account.id}`).then((a) => ({ mapping: a.csvMapping }));

    const { bookingDate: _dropped, ...withoutBookingDate } = mapping.columns;
    const incomplete = await api.call('PUT', `/v1/bank-accounts/${account.id}/csv-mapping`, { mapping: { ...mapping, columns: withoutBookingDate } });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.errors).toEqual([expect.objectContaining({ pointer: '/mapping/columns/bookingDate' })]);
    const ambiguous = await api.call('PUT', `/v1/bank-accounts/${account.id}/csv-mapping`, { mapping: { ...mapping, thousandsSeparator: ',' } });
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.errors).toEqual([{ pointer: '/mapping/thousandsSeparator', detail: 'the thousands separator cannot be the decimal separator' }]);

    const changed = { ...mapping, skipLines: 5 };
    expect((await tenant.as('viewer').call('PUT', `/v1/bank-accounts/${account.id}/csv-mapping`, { mapping: changed })).status).toBe(403);
    expect((await tenant.as('collector').call('PUT', `/v1/bank-accounts/${account.id}/csv-mapping`, { mapping: changed })).status).toBe(403);
    expect((await send(tenant.as('collector'), `/v1/bank-accounts/${account.id}/csv-mapping/suggestion`, sparkasseExport([rent]))).status).toBe(403);
    expect((await tenant.as('viewer').post('/v1/bank-accounts', { name: 'Second account', iban: 'GB29NWBK60161331926819', currency: 'GBP' })).status).toBe(403);

    // A sample is read up to 5 MB, however it is sent (text/csv arrives as a stream); past that it is refused.
    const oversized = Buffer.concat([sparkasseExport([rent]), Buffer.alloc(5 * 1024 * 1024, '"01.03.2026";"01.03.2026";"x";"";"y";"1,00"\r\n')]);
    for (const contentType of ['text/csv', 'application/octet-stream']) {
      const tooLarge = await send(api, `/v1/bank-accounts/${account.id}/csv-mapping/suggestion`, oversized, contentType);
      expect(tooLarge.status, contentType).toBe(413);
      expect(tooLarge.body.detail).toBe('the sample file is larger than 5 MB: split it into smaller files');
    }
    // Sent in chunks without a length, it is read up to the limit and no further, and still answered.
    const chunked = await fetch(`${api.baseUrl}/v1/bank-accounts/${account.id}/csv-mapping/suggestion`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.key}`, 'content-type': 'text/csv' },
      body: new Blob([oversized]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);

    // Viewers and collectors read; the mapping is what it was.
    expect((await tenant.as('viewer').ok('GET', `/v1/bank-accounts/${account.id}`)).csvMapping).toEqual(mapping);
    expect((await tenant.as('collector').ok('GET', '/v1/bank-accounts')).data.map((a: { id: string }) => a.id)).toEqual([account.id]);

    // The changes that were made are in the audit trail.
    const audit = await server.database.db.execute(`select action from audit_records where tenant_id = '${tenant.tenant.id}' and entity_id = '${account.id}' order by at`);
    expect((audit as unknown as { rows: Array<{ action: string }> }).rows.map((r) => r.action)).toEqual(['bank_account.created', 'bank_account.csv_mapping_changed']);
  });

  it('registers an account by a valid IBAN or an account number, once', async () => {
    const tenant = await server.createTenant({ name: 'Account Register SE' });
    const api = tenant.as('ar_manager');
    const typo = await api.call('POST', '/v1/bank-accounts', { name: 'Typo', iban: 'DE02120300000000202052', currency: 'EUR' });
    expect(typo.status).toBe(400);
    expect(typo.body.errors).toEqual([{ pointer: '/iban', detail: expect.stringMatching(/check digits/) }]);
    const neither = await api.call('POST', '/v1/bank-accounts', { name: 'Nothing', currency: 'EUR' });
    expect(neither.status).toBe(400);
    const both = await api.call('POST', '/v1/bank-accounts', { name: 'Both', iban: accountIban, accountNumber: '0532013000', currency: 'EUR' });
    expect(both.status).toBe(400);
    const byNumber = await api.ok('POST', '/v1/bank-accounts', { name: 'Chase operating', accountNumber: '0000-1234-5678', currency: 'USD' });
    expect(byNumber).toMatchObject({ accountIdentifier: '000012345678', currency: 'USD' });
    const twice = await api.call('POST', '/v1/bank-accounts', { name: 'Chase again', accountNumber: '000012345678', currency: 'USD' });
    expect(twice.status).toBe(409);
  });

  it('keeps a company\'s bank accounts and mappings from other companies', async () => {
    const account = await accountWithSavedMapping(company.as('admin'), 'GB29NWBK60161331926819');
    const other = (await server.createTenant({ name: 'Someone Else Ltd' })).as('admin');
    expect((await other.get(`/v1/bank-accounts/${account.id}`)).status).toBe(404);
    expect((await other.ok('GET', '/v1/bank-accounts')).data).toEqual([]);
    expect((await other.call('PUT', `/v1/bank-accounts/${account.id}/csv-mapping`, { mapping: (await company.admin.ok('GET', `/v1/bank-accounts/${account.id}`)).csvMapping })).status).toBe(404);
    expect((await send(other, `/v1/bank-accounts/${account.id}/csv-mapping/suggestion`, sparkasseExport([rent]))).status).toBe(404);
    const borrowed = await send(other, `/v1/bank-statements?format=csv&bankAccountId=${account.id}`, sparkasseExport([rent]));
    expect(borrowed.status).toBe(400);
    expect(borrowed.body.errors).toEqual([{ pointer: '/querystring/bankAccountId', detail: expect.stringMatching(/no bank account/) }]);
    expect((await other.ok('GET', '/v1/bank-statements')).data).toEqual([]);
  });

  it('checks that a camt, MT940 or BAI2 file imported for a bank account is that account\'s statement', async () => {
    const tenant = await server.createTenant({ name: 'Statement Check AG' });
    const api = tenant.as('ar_manager');
    const ours = await api.ok('POST', '/v1/bank-accounts', { name: 'Commerzbank EUR', iban: accountIban, currency: 'EUR' });
    const another = await api.ok('POST', '/v1/bank-accounts', { name: 'Deutsche Bank EUR', iban: 'DE89370400440532013000', currency: 'EUR' });
    const mt940 = [':20:STMT-0309', `:25:${accountIban}`, ':28C:1/1', ':60F:C260301EUR0,00', ':61:2603090309C100,00NTRFNONREF', ':86:Zahlung ohne Rechnungsnummer', ':62F:C260309EUR100,00', '-'].join('\r\n');

    const wrongAccount = await send(api, `/v1/bank-statements?bankAccountId=${another.id}&apply=false`, mt940);
    expect(wrongAccount.status).toBe(400);
    expect(wrongAccount.body.detail).toMatch(/not a statement of the bank account "Deutsche Bank EUR"/);
    expect(wrongAccount.body.errors).toEqual([{ pointer: '/querystring/bankAccountId', detail: `statement STMT-0309/1/1 is for account ${accountIban}, not DE89370400440532013000` }]);
    expect((await api.ok('GET', '/v1/bank-statements')).data).toEqual([]);

    const right = await send(api, `/v1/bank-statements?bankAccountId=${ours.id}&apply=false`, mt940);
    expect(right.status).toBe(201);
    expect(right.body).toMatchObject({ format: 'mt940', linesAdded: 1, statements: [expect.objectContaining({ account: accountIban })] });

    // CSV is never guessed: it needs the account whose mapping reads it.
    const noAccount = await send(api, '/v1/bank-statements?format=csv', sparkasseExport([rent]));
    expect(noAccount.status).toBe(400);
    expect(noAccount.body.errors).toEqual([{ pointer: '/querystring/bankAccountId', detail: 'required with format=csv' }]);
    const unrecognised = await send(api, '/v1/bank-statements', sparkasseExport([rent]));
    expect(unrecognised.status).toBe(400);
    expect(unrecognised.body.errors[0].detail).toMatch(/format=csv and the bank account/);
  });
});
