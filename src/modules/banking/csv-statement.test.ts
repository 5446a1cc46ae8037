import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyExponent } from '../../kernel/currency.js';
import {
  csvDateFormats,
  csvStatementId,
  csvStatementMappingSchema,
  parseCsvStatement,
  readCsvAmount,
  readCsvDate,
  suggestCsvMapping,
  type CsvAmountColumns,
  type CsvColumnRef,
  type CsvDateFormat,
  type CsvStatementContext,
  type CsvStatementMapping,
} from './csv-statement.js';
import { cleanText, isRealDate, maxEntriesPerFile, maxStatementFileBytes, StatementParseError, type StatementEntry } from './statement.js';

/** The StatementParseError the call throws (fails the test when it returns or throws anything else). */
function refusal(parse: () => unknown): StatementParseError {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(StatementParseError);
    return error as StatementParseError;
  }
  throw new Error('expected the file to be refused');
}

/** An entry with the fields a CSV file usually leaves empty already empty. */
function entry(fields: Partial<StatementEntry> & Pick<StatementEntry, 'location' | 'amountMinor' | 'currency'>): StatementEntry {
  return {
    bookingDate: null,
    valueDate: null,
    bankReference: null,
    customerReference: null,
    structuredReference: null,
    remittanceText: '',
    counterparty: { name: null, iban: null, accountNumber: null, bic: null },
    transactionCode: null,
    reversal: false,
    ...fields,
  };
}

const party = (name: string | null, iban: string | null = null, bic: string | null = null, accountNumber: string | null = null) => ({ name, iban, accountNumber, bic });

const base: Omit<CsvStatementMapping, 'columns'> = {
  delimiter: ',',
  quote: '"',
  encoding: 'utf-8',
  skipLines: 0,
  hasHeader: true,
  dateFormat: 'YYYY-MM-DD',
  decimalSeparator: '.',
  thousandsSeparator: '',
  negativeStyle: 'leading-minus',
};

// ---------------------------------------------------------------------------------------------------------------
// Fixtures, written after the layout of real exports (no bank's file copied)
// ---------------------------------------------------------------------------------------------------------------

/** Chase business checking "Download account activity": newest first, a trailing comma on every data row, CRLF. */
const chase = Buffer.from(
  [
    'Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #',
    'DEBIT,03/31/2026,"MONTHLY SERVICE FEE",-15.00,FEE_TRANSACTION,48210.33,,',
    'CREDIT,03/30/2026,"ORIG CO NAME:NORTHWIND TRADERS ORIG ID:1234567890 DESC DATE:260330 CO ENTRY DESCR:PAYMENT SEC:CCD IND ID:INV-2026-0142",12500.00,ACH_CREDIT,48225.33,,',
    'DEBIT,03/27/2026,"AMAZON MKTPLACE PMTS AMZN.COM/BILL WA 03/26",-89.99,DEBIT_CARD,35725.33,,',
    'CHECK,03/16/2026,"CHECK 1042",-2400.00,CHECK_PAID,35815.32,1042,',
    'DSLIP,03/13/2026,"REMOTE ONLINE DEPOSIT #          1",3150.75,CHECK_DEPOSIT,38215.32,,',
    'CREDIT,03/02/2026,"WIRE TRANSFER VIA: CITIBANK N.A./0021 B/O: CONTOSO LTD, LONDON REF: INV 2026-0117",7800.00,WIRE_INCOMING,35064.57,,',
    '',
    '',
  ].join('\r\n'),
  'utf8',
);
const chaseMapping: CsvStatementMapping = {
  ...base,
  dateFormat: 'MM/DD/YYYY',
  columns: { bookingDate: 'Posting Date', amount: { style: 'signed', amount: 'Amount' }, remittance: ['Description'], transactionCode: 'Type' },
};

/**
 * German online banking (DKB/Sparkasse layout): windows-1252, ";" with every field quoted, an account preamble and a
 * blank line before the header, "1.234,56" amounts, Kundenreferenz "NOTPROVIDED" when the payer gave none, and an
 * "Endsaldo" footer row.
 */
const germanText = [
  '"Kontonummer:";"DE02 1203 0000 0000 2020 51 / Girokonto";',
  '"Von:";"01.03.2026";',
  '"Bis:";"31.03.2026";',
  '"Kontostand vom 31.03.2026:";"24.118,35 EUR";',
  '',
  '"Buchungstag";"Valutadatum";"Buchungstext";"Beguenstigter/Zahlungspflichtiger";"Kontonummer/IBAN";"BIC (SWIFT-Code)";"Verwendungszweck";"Kundenreferenz (End-to-End)";"Betrag";"Waehrung"',
  '"02.03.2026";"02.03.2026";"GUTSCHR. UEBERWEISUNG";"Müller Gärten GmbH";"DE89370400440532013000";"COBADEFFXXX";"Rechnung RE-2026-0042 vom 15.02.2026";"RE-2026-0042";"1.234,56";"EUR"',
  '"03.03.2026";"03.03.2026";"FOLGELASTSCHRIFT";"Stadtwerke Düsseldorf AG";"DE12300501100010001234";"DUSSDEDDXXX";"Abschlag März Strom Kundennr. 4711";"NOTPROVIDED";"-89,90";"EUR"',
  '"10.03.2026";"11.03.2026";"GUTSCHR. UEBERWEISUNG";"Bäckerei Schröder & Söhne";"DE75512108001245126199";"SOGEDEFFXXX";"RF18 5390 0754 7034 Zahlung Rechnung 2026-0051";"";"12.500,00";"EUR"',
  '"31.03.2026";"31.03.2026";"ENTGELTABSCHLUSS";"";"";"";"Entgelt für Kontoführung";"";"-12,50";"EUR"',
  '"Endsaldo";"";"";"";"";"";"";"";"24.118,35";"EUR"',
  '',
].join('\r\n');
const german = Buffer.from(germanText, 'latin1');
const germanMapping: CsvStatementMapping = {
  ...base,
  delimiter: ';',
  encoding: 'windows-1252',
  skipLines: 5,
  dateFormat: 'DD.MM.YYYY',
  decimalSeparator: ',',
  thousandsSeparator: '.',
  columns: {
    bookingDate: 'Buchungstag',
    valueDate: 'Valutadatum',
    amount: { style: 'signed', amount: 'Betrag' },
    currency: { column: 'Waehrung' },
    counterpartyName: 'Beguenstigter/Zahlungspflichtiger',
    counterpartyIban: 'Kontonummer/IBAN',
    counterpartyBic: 'BIC (SWIFT-Code)',
    remittance: ['Verwendungszweck'],
    customerReference: 'Kundenreferenz (End-to-End)',
    transactionCode: 'Buchungstext',
  },
  skipRowsMatching: '^Endsaldo;',
};

/** ING Netherlands "Af- en bijschrijvingen": comma, all quoted, YYYYMMDD, unsigned "1250,00" with an Af/Bij column. */
const ing = Buffer.from(
  [
    '"Datum","Naam / Omschrijving","Rekening","Tegenrekening","Code","Af Bij","Bedrag (EUR)","Mutatiesoort","Mededelingen"',
    '"20260305","Bakkerij De Graaf B.V.","NL20INGB0001234567","NL91ABNA0417164300","OV","Bij","1250,00","Overschrijving","Naam: Bakkerij De Graaf B.V. Omschrijving: Factuur 2026-118 IBAN: NL91ABNA0417164300 Valutadatum: 05-03-2026"',
    '"20260306","Albert Heijn 1403 AMSTERDAM","NL20INGB0001234567","","BA","Af","23,45","Betaalautomaat","Pasvolgnr: 004 06-03-2026 12:31 Transactie: 7X9A1B Term: 1403A1"',
    '"20260310","Belastingdienst","NL20INGB0001234567","NL86INGB0002445588","IC","Af","1912,00","Incasso","Naam: Belastingdienst Omschrijving: Aanslag omzetbelasting 4e kwartaal IBAN: NL86INGB0002445588 Kenmerk: 1234567890123456"',
    '"20260312","Koffiebranderij Het Anker","NL20INGB0001234567","NL02RABO0123456789","GT","Bij","310,50","Online bankieren","Naam: Koffiebranderij Het Anker Omschrijving: Factuur 2026-121 en 2026-124"',
  ].join('\n') + '\n',
  'utf8',
);
const ingMapping: CsvStatementMapping = {
  ...base,
  dateFormat: 'YYYYMMDD',
  decimalSeparator: ',',
  columns: {
    bookingDate: 'Datum',
    amount: { style: 'indicator', amount: 'Bedrag (EUR)', indicator: 'Af Bij', creditValues: ['Bij'], debitValues: ['Af'] },
    counterpartyName: 'Naam / Omschrijving',
    counterpartyIban: 'Tegenrekening',
    transactionCode: 'Code',
    remittance: ['Mededelingen'],
  },
};

/** French business account (Crédit Agricole layout): ";" DD/MM/YYYY, separate Débit/Crédit columns, no-break-space thousands. */
const french = Buffer.from(
  '\ufeff' +
    [
      'Date opération;Date valeur;Libellé;Débit;Crédit',
      '05/03/2026;05/03/2026;"VIREMENT EN VOTRE FAVEUR DE SARL LES JARDINS DE PROVENCE REF FACTURE F-2026-031";;1\u00a0850,00',
      '09/03/2026;09/03/2026;"PRELEVEMENT URSSAF PROVENCE ALPES COTE D AZUR";2\u202f316,47;',
      '17/03/2026;18/03/2026;"CARTE X1234 16/03 STATION TOTAL MARSEILLE";68,20;',
      '24/03/2026;24/03/2026;"VIREMENT DE M. ET MME LEFEVRE; FACTURE F-2026-029";;12\u00a0400,00',
    ].join('\r\n') +
    '\r\n',
  'utf8',
);
const frenchMapping: CsvStatementMapping = {
  ...base,
  delimiter: ';',
  dateFormat: 'DD/MM/YYYY',
  decimalSeparator: ',',
  thousandsSeparator: ' ',
  columns: {
    bookingDate: 'Date opération',
    valueDate: 'Date valeur',
    amount: { style: 'credit-debit', credit: 'Crédit', debit: 'Débit' },
    remittance: ['Libellé'],
  },
};

/** A yen account (no minor unit) from an English-language corporate banking export: "1,250,000" amounts, quoted. */
const yen = Buffer.from(
  [
    'Transaction Date,Value Date,Description,Reference,Amount,Currency',
    '2026-03-02,2026-03-02,"FURIKOMI YAMADA SHOJI KK",INV-2026-0301,"1,250,000",JPY',
    '2026-03-05,2026-03-05,"TESURYO (TRANSFER FEE)",,-440,JPY',
    '2026-03-10,2026-03-11,"FURIKOMI SAKURA TRADING",INV-2026-0288,"385,000",JPY',
    '2026-03-25,2026-03-25,"KYUYO FURIKOMI",PAYROLL-0325,"-2,150,000",JPY',
  ].join('\n'),
  'utf8',
);
const yenMapping: CsvStatementMapping = {
  ...base,
  thousandsSeparator: ',',
  columns: {
    bookingDate: 'Transaction Date',
    valueDate: 'Value Date',
    amount: { style: 'signed', amount: 'Amount' },
    currency: { column: 'Currency' },
    remittance: ['Description'],
    customerReference: 'Reference',
  },
};

const usd: CsvStatementContext = { accountIban: null, accountNumber: '000000123456789', currency: 'USD' };
const eur: CsvStatementContext = { accountIban: 'DE02120300000000202051', accountNumber: null, currency: 'EUR' };
const jpy: CsvStatementContext = { accountIban: null, accountNumber: '1234567', currency: 'JPY' };

const fixtures = [
  { name: 'Chase (US, signed, MM/DD/YYYY)', bytes: chase, mapping: chaseMapping, context: usd },
  { name: 'German (windows-1252, preamble, 1.234,56)', bytes: german, mapping: germanMapping, context: eur },
  { name: 'ING (Af/Bij)', bytes: ing, mapping: ingMapping, context: eur },
  { name: 'French (Débit/Crédit)', bytes: french, mapping: frenchMapping, context: eur },
  { name: 'yen (no decimals)', bytes: yen, mapping: yenMapping, context: jpy },
];

// ---------------------------------------------------------------------------------------------------------------
// Parsing the fixtures
// ---------------------------------------------------------------------------------------------------------------

describe('parseCsvStatement on bank exports', () => {
  it('Chase: signed amounts in dollars and cents, posting dates, the trailing comma tolerated, blank lines at the end ignored', () => {
    const statement = parseCsvStatement(chase, chaseMapping, usd);
    expect(statement.format).toBe('csv');
    expect(statement.account).toEqual({ iban: null, accountNumber: '000000123456789', bic: null, currency: 'USD' });
    expect(statement.balances).toEqual([]);
    expect(statement.declared).toEqual({ entryCount: null, creditTotalMinor: null, debitTotalMinor: null });
    expect(statement.sequenceNumber).toBeNull();
    expect(statement.entries).toEqual([
      entry({ location: 'line 2', bookingDate: '2026-03-31', amountMinor: -1500n, currency: 'USD', remittanceText: 'MONTHLY SERVICE FEE', transactionCode: 'FEE_TRANSACTION' }),
      entry({
        location: 'line 3',
        bookingDate: '2026-03-30',
        amountMinor: 1250000n,
        currency: 'USD',
        remittanceText: 'ORIG CO NAME:NORTHWIND TRADERS ORIG ID:1234567890 DESC DATE:260330 CO ENTRY DESCR:PAYMENT SEC:CCD IND ID:INV-2026-0142',
        transactionCode: 'ACH_CREDIT',
      }),
      entry({ location: 'line 4', bookingDate: '2026-03-27', amountMinor: -8999n, currency: 'USD', remittanceText: 'AMAZON MKTPLACE PMTS AMZN.COM/BILL WA 03/26', transactionCode: 'DEBIT_CARD' }),
      entry({ location: 'line 5', bookingDate: '2026-03-16', amountMinor: -240000n, currency: 'USD', remittanceText: 'CHECK 1042', transactionCode: 'CHECK_PAID' }),
      entry({ location: 'line 6', bookingDate: '2026-03-13', amountMinor: 315075n, currency: 'USD', remittanceText: 'REMOTE ONLINE DEPOSIT # 1', transactionCode: 'CHECK_DEPOSIT' }),
      entry({
        location: 'line 7',
        bookingDate: '2026-03-02',
        amountMinor: 780000n,
        currency: 'USD',
        remittanceText: 'WIRE TRANSFER VIA: CITIBANK N.A./0021 B/O: CONTOSO LTD, LONDON REF: INV 2026-0117',
        transactionCode: 'WIRE_INCOMING',
      }),
    ]);
  });

  it('German: windows-1252 umlauts, preamble skipped, "1.234,56" amounts, NOTPROVIDED as no reference, the Endsaldo footer skipped', () => {
    const statement = parseCsvStatement(german, germanMapping, eur);
    expect(statement.account).toEqual({ iban: 'DE02120300000000202051', accountNumber: null, bic: null, currency: 'EUR' });
    expect(statement.entries).toEqual([
      entry({
        location: 'line 7',
        bookingDate: '2026-03-02',
        valueDate: '2026-03-02',
        amountMinor: 123456n,
        currency: 'EUR',
        customerReference: 'RE-2026-0042',
        remittanceText: 'Rechnung RE-2026-0042 vom 15.02.2026',
        counterparty: party('Müller Gärten GmbH', 'DE89370400440532013000', 'COBADEFFXXX'),
        transactionCode: 'GUTSCHR. UEBERWEISUNG',
      }),
      entry({
        location: 'line 8',
        bookingDate: '2026-03-03',
        valueDate: '2026-03-03',
        amountMinor: -8990n,
        currency: 'EUR',
        remittanceText: 'Abschlag März Strom Kundennr. 4711',
        counterparty: party('Stadtwerke Düsseldorf AG', 'DE12300501100010001234', 'DUSSDEDDXXX'),
        transactionCode: 'FOLGELASTSCHRIFT',
      }),
      entry({
        location: 'line 9',
        bookingDate: '2026-03-10',
        valueDate: '2026-03-11',
        amountMinor: 1250000n,
        currency: 'EUR',
        remittanceText: 'RF18 5390 0754 7034 Zahlung Rechnung 2026-0051',
        counterparty: party('Bäckerei Schröder & Söhne', 'DE75512108001245126199', 'SOGEDEFFXXX'),
        transactionCode: 'GUTSCHR. UEBERWEISUNG',
      }),
      entry({
        location: 'line 10',
        bookingDate: '2026-03-31',
        valueDate: '2026-03-31',
        amountMinor: -1250n,
        currency: 'EUR',
        remittanceText: 'Entgelt für Kontoführung',
        transactionCode: 'ENTGELTABSCHLUSS',
      }),
    ]);
  });

  it('German: without skipRowsMatching the Endsaldo footer is a fault, not silently dropped', () => {
    const { skipRowsMatching: _, ...withoutFooterRule } = germanMapping;
    const error = refusal(() => parseCsvStatement(german, withoutFooterRule, eur));
    expect(error.format).toBe('csv');
    expect(error.faults).toEqual([{ location: 'line 11', message: 'booking date "Endsaldo" is not a DD.MM.YYYY date' }]);
  });

  it('ING: Bij is a credit, Af a debit; Tegenrekening is the counterparty IBAN; a blank one is no account', () => {
    const statement = parseCsvStatement(ing, ingMapping, eur);
    expect(statement.entries).toEqual([
      entry({
        location: 'line 2',
        bookingDate: '2026-03-05',
        amountMinor: 125000n,
        currency: 'EUR',
        remittanceText: 'Naam: Bakkerij De Graaf B.V. Omschrijving: Factuur 2026-118 IBAN: NL91ABNA0417164300 Valutadatum: 05-03-2026',
        counterparty: party('Bakkerij De Graaf B.V.', 'NL91ABNA0417164300'),
        transactionCode: 'OV',
      }),
      entry({
        location: 'line 3',
        bookingDate: '2026-03-06',
        amountMinor: -2345n,
        currency: 'EUR',
        remittanceText: 'Pasvolgnr: 004 06-03-2026 12:31 Transactie: 7X9A1B Term: 1403A1',
        counterparty: party('Albert Heijn 1403 AMSTERDAM'),
        transactionCode: 'BA',
      }),
      entry({
        location: 'line 4',
        bookingDate: '2026-03-10',
        amountMinor: -191200n,
        currency: 'EUR',
        remittanceText: 'Naam: Belastingdienst Omschrijving: Aanslag omzetbelasting 4e kwartaal IBAN: NL86INGB0002445588 Kenmerk: 1234567890123456',
        counterparty: party('Belastingdienst', 'NL86INGB0002445588'),
        transactionCode: 'IC',
      }),
      entry({
        location: 'line 5',
        bookingDate: '2026-03-12',
        amountMinor: 31050n,
        currency: 'EUR',
        remittanceText: 'Naam: Koffiebranderij Het Anker Omschrijving: Factuur 2026-121 en 2026-124',
        counterparty: party('Koffiebranderij Het Anker', 'NL02RABO0123456789'),
        transactionCode: 'GT',
      }),
    ]);
  });

  it('French: Débit and Crédit columns, no-break-space thousands, a BOM, a quoted ";" inside the text', () => {
    const statement = parseCsvStatement(french, frenchMapping, eur);
    expect(statement.entries).toEqual([
      entry({ location: 'line 2', bookingDate: '2026-03-05', valueDate: '2026-03-05', amountMinor: 185000n, currency: 'EUR', remittanceText: 'VIREMENT EN VOTRE FAVEUR DE SARL LES JARDINS DE PROVENCE REF FACTURE F-2026-031' }),
      entry({ location: 'line 3', bookingDate: '2026-03-09', valueDate: '2026-03-09', amountMinor: -231647n, currency: 'EUR', remittanceText: 'PRELEVEMENT URSSAF PROVENCE ALPES COTE D AZUR' }),
      entry({ location: 'line 4', bookingDate: '2026-03-17', valueDate: '2026-03-18', amountMinor: -6820n, currency: 'EUR', remittanceText: 'CARTE X1234 16/03 STATION TOTAL MARSEILLE' }),
      entry({ location: 'line 5', bookingDate: '2026-03-24', valueDate: '2026-03-24', amountMinor: 1240000n, currency: 'EUR', remittanceText: 'VIREMENT DE M. ET MME LEFEVRE; FACTURE F-2026-029' }),
    ]);
  });

  it('yen: "1,250,000" is 1250000 minor units (JPY has none), currency from its column', () => {
    const statement = parseCsvStatement(yen, yenMapping, jpy);
    expect(statement.entries).toEqual([
      entry({ location: 'line 2', bookingDate: '2026-03-02', valueDate: '2026-03-02', amountMinor: 1250000n, currency: 'JPY', customerReference: 'INV-2026-0301', remittanceText: 'FURIKOMI YAMADA SHOJI KK' }),
      entry({ location: 'line 3', bookingDate: '2026-03-05', valueDate: '2026-03-05', amountMinor: -440n, currency: 'JPY', remittanceText: 'TESURYO (TRANSFER FEE)' }),
      entry({ location: 'line 4', bookingDate: '2026-03-10', valueDate: '2026-03-11', amountMinor: 385000n, currency: 'JPY', customerReference: 'INV-2026-0288', remittanceText: 'FURIKOMI SAKURA TRADING' }),
      entry({ location: 'line 5', bookingDate: '2026-03-25', valueDate: '2026-03-25', amountMinor: -2150000n, currency: 'JPY', customerReference: 'PAYROLL-0325', remittanceText: 'KYUYO FURIKOMI' }),
    ]);
  });

  it('yen: a yen amount with decimals that are not zero is refused; "12500.00" is 12500', () => {
    const file = 'Transaction Date,Amount,Currency\n2026-03-02,12500.00,JPY\n2026-03-03,1500.50,JPY\n';
    const mapping: CsvStatementMapping = { ...base, columns: { bookingDate: 0, amount: { style: 'signed', amount: 1 }, currency: { column: 2 }, remittance: [] } };
    const error = refusal(() => parseCsvStatement(file, mapping, jpy));
    expect(error.faults).toEqual([{ location: 'line 3', message: 'amount "1500.50" has more decimals than JPY has (0)' }]);
    expect(parseCsvStatement(file.split('\n').slice(0, 2).join('\n'), mapping, jpy).entries[0]?.amountMinor).toBe(12500n);
  });
});

describe('suggestCsvMapping', () => {
  it.each(fixtures)('proposes a mapping that reads $name exactly as the hand-written one', ({ bytes, mapping, context }) => {
    const suggestion = suggestCsvMapping(bytes);
    expect(csvStatementMappingSchema.safeParse(suggestion.mapping).success).toBe(true);
    expect(parseCsvStatement(bytes, suggestion.mapping, context)).toEqual(parseCsvStatement(bytes, mapping, context));
    expect(suggestion.confidence, suggestion.notes.join('\n')).toBe('high');
  });

  it('German: sniffs windows-1252, ";", the preamble, DD.MM.YYYY, "1.234,56" and the footer', () => {
    const { mapping, notes } = suggestCsvMapping(german);
    expect(mapping).toMatchObject({
      delimiter: ';',
      encoding: 'windows-1252',
      skipLines: 5,
      hasHeader: true,
      dateFormat: 'DD.MM.YYYY',
      decimalSeparator: ',',
      thousandsSeparator: '.',
      negativeStyle: 'leading-minus',
    });
    expect(mapping.columns).toEqual(germanMapping.columns);
    expect(mapping.skipRowsMatching).toBeDefined();
    expect(notes.join('\n')).toMatch(/Endsaldo/);
  });

  it('ING: proposes the Af/Bij marks and the currency from "Bedrag (EUR)"', () => {
    const { mapping } = suggestCsvMapping(ing);
    expect(mapping.columns.amount).toEqual(ingMapping.columns.amount);
    expect(mapping.columns.currency).toEqual({ fixed: 'EUR' });
    expect(mapping.dateFormat).toBe('YYYYMMDD');
  });

  it('Chase: leaves out the Details column (only DEBIT/CREDIT words), signed amounts stay signed', () => {
    const { mapping, notes } = suggestCsvMapping(chase);
    expect(mapping.columns.remittance).toEqual(['Description']);
    expect(mapping.columns.amount).toEqual({ style: 'signed', amount: 'Amount' });
    expect(notes.some((n) => n.includes('"Details"'))).toBe(true);
  });

  it('French: Débit/Crédit, DD/MM/YYYY (a 17th of the month settles the order), space-grouped thousands', () => {
    const { mapping } = suggestCsvMapping(french);
    expect(mapping.columns.amount).toEqual({ style: 'credit-debit', credit: 'Crédit', debit: 'Débit' });
    expect(mapping).toMatchObject({ dateFormat: 'DD/MM/YYYY', decimalSeparator: ',', thousandsSeparator: ' ', encoding: 'utf-8' });
  });

  it('maps German, Dutch and French header names ignoring case and accents', () => {
    const file = [
      'BUCHUNGSTAG;Wertstellung;Name Zahlungsbeteiligter;IBAN Zahlungsbeteiligter;BIC Zahlungsbeteiligter;Verwendungszweck;Kundenreferenz;Soll;Haben;Währung',
      '02.03.2026;03.03.2026;Café Zoë SARL;FR7630006000011234567890189;AGRIFRPPXXX;Facture 88;E2E-1;;1.000,00;EUR',
      '04.03.2026;04.03.2026;Stadtwerke;DE12300501100010001234;DUSSDEDDXXX;Abschlag;;-45,00;;EUR',
    ].join('\n');
    const { mapping, confidence } = suggestCsvMapping(file);
    expect(mapping.columns).toEqual({
      bookingDate: 'BUCHUNGSTAG',
      valueDate: 'Wertstellung',
      amount: { style: 'credit-debit', credit: 'Haben', debit: 'Soll' },
      currency: { column: 'Währung' },
      counterpartyName: 'Name Zahlungsbeteiligter',
      counterpartyIban: 'IBAN Zahlungsbeteiligter',
      counterpartyBic: 'BIC Zahlungsbeteiligter',
      remittance: ['Verwendungszweck'],
      customerReference: 'Kundenreferenz',
    });
    expect(confidence).toBe('high');
    const entries = parseCsvStatement(file, mapping, eur).entries;
    expect(entries.map((e) => e.amountMinor)).toEqual([100000n, -4500n]);
    expect(entries[0]?.counterparty).toEqual(party('Café Zoë SARL', 'FR7630006000011234567890189', 'AGRIFRPPXXX'));
  });

  it('says when day and month cannot be told apart, and answers low', () => {
    const file = 'Date,Description,Amount\n03/04/2026,Invoice 12,100.00\n05/06/2026,Invoice 13,-20.00\n';
    const { mapping, confidence, notes } = suggestCsvMapping(file);
    expect(mapping.dateFormat).toBe('MM/DD/YYYY');
    expect(confidence).toBe('low');
    expect(notes.join('\n')).toMatch(/DD\/MM\/YYYY and MM\/DD\/YYYY/);
  });

  it('guesses the columns of a file without a header by their content, by position, and answers low', () => {
    const file = '"05.03.2026";"Zahlung Rechnung 4711 Müller GmbH";"1.250,00"\n"06.03.2026";"Lastschrift Telekom";"-39,95"\n';
    const { mapping, confidence } = suggestCsvMapping(file);
    expect(confidence).toBe('low');
    expect(mapping).toMatchObject({ hasHeader: false, delimiter: ';', dateFormat: 'DD.MM.YYYY', decimalSeparator: ',', thousandsSeparator: '.' });
    expect(mapping.columns).toMatchObject({ bookingDate: 0, amount: { style: 'signed', amount: 2 }, remittance: [1] });
    expect(parseCsvStatement(file, mapping, eur).entries.map((e) => [e.amountMinor, e.remittanceText])).toEqual([
      [125000n, 'Zahlung Rechnung 4711 Müller GmbH'],
      [-3995n, 'Lastschrift Telekom'],
    ]);
  });

  it("notices fields quoted with ' instead of \"", () => {
    const file = "'Date';'Amount';'Description'\n'2026-03-01';'12,50';'Rechnung; 17'\n'2026-03-02';'-3,00';'Gebühr'\n";
    const { mapping, confidence } = suggestCsvMapping(file);
    expect(mapping).toMatchObject({ quote: "'", delimiter: ';', decimalSeparator: ',' });
    expect(confidence).toBe('high');
    expect(parseCsvStatement(file, mapping, eur).entries.map((e) => [e.amountMinor, e.remittanceText])).toEqual([
      [1250n, 'Rechnung; 17'],
      [-300n, 'Gebühr'],
    ]);
  });

  it('finishes on hostile cells (long runs of brackets, spaces, quotes) without backtracking blow-ups', () => {
    const hostile = [
      'Date;' + '('.repeat(90_000) + ';Amount\n2026-01-01;x;1\n',
      'Date;Amount\n2026-01-01;1' + ' '.repeat(90_000) + 'x\n',
      ";'".repeat(120_000) + '\n',
      'Date;Amount\n' + ('2026-01-01;' + ' '.repeat(50_000) + '-\n').repeat(40),
    ];
    const outcomes = hostile.map((text) => {
      try {
        return parseCsvStatement(text, suggestCsvMapping(text).mapping, eur).entries.length;
      } catch (error) {
        expect(error).toBeInstanceOf(StatementParseError);
        return 'refused';
      }
    });
    expect(outcomes).toEqual([1, 'refused', 'refused', 'refused']);
  });

  it('proposes nothing it cannot parse without saying so', () => {
    const { confidence, notes } = suggestCsvMapping('Date,Amount\n2026-03-01,12.50\n2026-03-02,abc\n');
    expect(confidence).toBe('low');
    expect(notes.join('\n')).toMatch(/does not parse with this mapping: line 3/);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Faults
// ---------------------------------------------------------------------------------------------------------------

describe('a faulty file is refused whole, every fault located by its line', () => {
  const signedMapping: CsvStatementMapping = {
    ...base,
    delimiter: ';',
    dateFormat: 'DD.MM.YYYY',
    decimalSeparator: ',',
    thousandsSeparator: '.',
    columns: {
      bookingDate: 'Buchungstag',
      valueDate: 'Valuta',
      amount: { style: 'signed', amount: 'Betrag' },
      currency: { column: 'Waehrung' },
      remittance: ['Verwendungszweck'],
    },
  };

  it('bad and impossible dates, bad amounts, too many decimals, empty required cells, ragged rows, an unknown currency', () => {
    const file = [
      'Buchungstag;Valuta;Betrag;Waehrung;Verwendungszweck',
      '02.03.2026;02.03.2026;100,00;EUR;fine',
      '2026-03-03;03.03.2026;100,00;EUR;ISO date in a DD.MM.YYYY file',
      '30.02.2026;02.03.2026;100,00;EUR;no 30 February',
      '04.03.2026;04.03.2026;12x,00;EUR;not an amount',
      '05.03.2026;05.03.2026;1,234;EUR;three decimals in euro',
      ';06.03.2026;5,00;EUR;no booking date',
      '07.03.2026;07.03.2026;;EUR;no amount',
      '08.03.2026;08.03.2026;5,00;EUR',
      '09.03.2026;09.03.2026;5,00;XYZ;no such currency',
      '10.03.2026;31.04.2026;5,00;EUR;no 31 April',
      '11.03.2026;11.03.2026;5,00;EUR;"a text over',
      'two lines"',
      '32.03.2026;12.03.2026;12.34;EUR;two faults in one row',
      '13.03.2026;13.03.2026;5,00;EUR;too;many',
      '',
    ].join('\n');
    const error = refusal(() => parseCsvStatement(file, signedMapping, eur));
    expect(error.format).toBe('csv');
    expect(error.faults).toEqual([
      { location: 'line 3', message: 'booking date "2026-03-03" is not a DD.MM.YYYY date' },
      { location: 'line 4', message: 'booking date "30.02.2026" is not a real date' },
      { location: 'line 5', message: 'amount "12x,00" is not written like -1.234,56' },
      { location: 'line 6', message: 'amount "1,234" has more decimals than EUR has (2)' },
      { location: 'line 7', message: 'no booking date' },
      { location: 'line 8', message: 'no amount' },
      { location: 'line 9', message: 'row has 4 columns, the header on line 1 has 5' },
      { location: 'line 10', message: 'currency "XYZ" is not an ISO 4217 currency' },
      { location: 'line 11', message: 'value date "31.04.2026" is not a real date' },
      { location: 'line 14', message: 'booking date "32.03.2026" is not a real date' },
      { location: 'line 14', message: 'amount "12.34" is not written like -1.234,56' },
      { location: 'line 15', message: 'row has 6 columns, the header on line 1 has 5' },
    ]);
    expect(error.message).toMatch(/^csv statement refused: line 3: booking date/);
  });

  it('both a credit and a debit, neither, a negative credit; a 0,00 in the other column counts as empty', () => {
    const mapping: CsvStatementMapping = {
      ...base,
      delimiter: ';',
      dateFormat: 'DD.MM.YYYY',
      decimalSeparator: ',',
      columns: { bookingDate: 'Datum', amount: { style: 'credit-debit', credit: 'Haben', debit: 'Soll' }, remittance: [] },
    };
    const good = 'Datum;Soll;Haben\n01.03.2026;0,00;15,00\n02.03.2026;-7,50;\n03.03.2026;7,50;0,00\n';
    expect(parseCsvStatement(good, mapping, eur).entries.map((e) => e.amountMinor)).toEqual([1500n, -750n, -750n]);
    const error = refusal(() => parseCsvStatement(`${good}04.03.2026;1,00;2,00\n05.03.2026;;\n06.03.2026;;-3,00\n`, mapping, eur));
    expect(error.faults).toEqual([
      { location: 'line 5', message: 'both a credit ("2,00") and a debit ("1,00") amount' },
      { location: 'line 6', message: 'neither a credit nor a debit amount' },
      { location: 'line 7', message: 'credit amount "-3,00" is negative' },
    ]);
  });

  it('an unknown credit/debit mark, and a negative amount marked as a credit; S is Soll (debit), H is Haben (credit)', () => {
    const mapping: CsvStatementMapping = {
      ...base,
      delimiter: ';',
      dateFormat: 'DD.MM.YY',
      decimalSeparator: ',',
      thousandsSeparator: '.',
      columns: { bookingDate: 0, amount: { style: 'indicator', amount: 1, indicator: 2, creditValues: ['H'], debitValues: ['S'] }, remittance: [3] },
    };
    const good = 'Datum;Umsatz;S/H;Text\n01.03.26;1.000,00;H;Zahlung\n02.03.26;50,00;s;Gebühr\n';
    expect(parseCsvStatement(good, mapping, eur).entries.map((e) => [e.bookingDate, e.amountMinor])).toEqual([
      ['2026-03-01', 100000n],
      ['2026-03-02', -5000n],
    ]);
    const error = refusal(() => parseCsvStatement(`${good}03.03.26;5,00;X;?\n04.03.26;-5,00;H;?\n`, mapping, eur));
    expect(error.faults).toEqual([
      { location: 'line 4', message: 'credit/debit mark "X" is neither H (credit) nor S (debit)' },
      { location: 'line 5', message: 'amount "-5,00" is negative but marked as a credit' },
    ]);
  });

  it('an unknown header name, an ambiguous one, a position past the last column: named on the header line', () => {
    const mapping: CsvStatementMapping = {
      ...signedMapping,
      columns: { ...signedMapping.columns, counterpartyName: 'Empfänger', counterpartyIban: 7, customerReference: 'Ref' },
    };
    const file = 'Buchungstag;Valuta;Betrag;Waehrung;Verwendungszweck;Ref;Ref\n02.03.2026;02.03.2026;1,00;EUR;x;a;b\n';
    const error = refusal(() => parseCsvStatement(`"Konto";"DE02"\n${file}`, { ...mapping, skipLines: 1 }, eur));
    expect(error.faults).toEqual([
      { location: 'line 2', message: 'counterparty name: no column "Empfänger" in the header (it has "Buchungstag", "Valuta", "Betrag", "Waehrung", "Verwendungszweck", "Ref", "Ref")' },
      { location: 'line 2', message: 'counterparty IBAN: column 7 (counted from 0) does not exist: the header has 7 columns' },
      { location: 'line 2', message: 'customer reference: the header names "Ref" 2 times (columns 5, 6); refer to it by position' },
    ]);
  });

  it('tolerates a delimiter ending the header but not the rows (or the rows but not the header); a short row with data missing is a fault', () => {
    const mapping: CsvStatementMapping = { ...signedMapping, columns: { ...signedMapping.columns, valueDate: undefined, currency: undefined } };
    const header = 'Buchungstag;Betrag;Verwendungszweck;';
    expect(parseCsvStatement(`${header}\n01.03.2026;1,00;a\n02.03.2026;2,00;b;\n`, mapping, eur).entries.map((e) => e.remittanceText)).toEqual(['a', 'b']);
    const error = refusal(() => parseCsvStatement(`${header}\n01.03.2026;1,00\n`, mapping, eur));
    expect(error.faults).toEqual([{ location: 'line 2', message: 'row has 2 columns, the header on line 1 has 4' }]);
  });

  it('structured references lose their spaces, BICs are upper case, an account number that is no IBAN stays as written', () => {
    const mapping: CsvStatementMapping = {
      ...base,
      columns: { bookingDate: 0, amount: { style: 'signed', amount: 1 }, counterpartyIban: 2, counterpartyBic: 3, structuredReference: 4, bankReference: 5, remittance: [] },
    };
    const file = 'Date,Amount,Account,BIC,Creditor reference,Bank reference\n2026-03-02,10.00,021000021 / 123456789,chasus33,RF18 5390 0754 7034, 0000123 \n';
    expect(parseCsvStatement(file, mapping, usd).entries[0]).toMatchObject({
      counterparty: { name: null, iban: null, accountNumber: '021000021 / 123456789', bic: 'CHASUS33' },
      structuredReference: 'RF18539007547034',
      bankReference: '0000123',
    });
  });

  it('header names match ignoring case, accents and extra spaces', () => {
    const file = 'BUCHUNGSTAG ; valuta;Betrag;WAEHRUNG;verwendungszweck\n02.03.2026;02.03.2026;1,00;EUR;x\n';
    expect(parseCsvStatement(file, { ...signedMapping, columns: { ...signedMapping.columns, bookingDate: 'Buchungstag' } }, eur).entries).toHaveLength(1);
    const accented = 'Date opération;Montant;Libellé\n05/03/2026;10,00;x\n';
    const mapping: CsvStatementMapping = {
      ...base,
      delimiter: ';',
      dateFormat: 'DD/MM/YYYY',
      decimalSeparator: ',',
      columns: { bookingDate: 'date operation', amount: { style: 'signed', amount: 'MONTANT' }, remittance: ['libelle'] },
    };
    expect(parseCsvStatement(accented, mapping, eur).entries[0]).toMatchObject({ bookingDate: '2026-03-05', amountMinor: 1000n, remittanceText: 'x' });
  });

  it('broken quoting is a fault on the line the row starts', () => {
    const file = 'Buchungstag;Valuta;Betrag;Waehrung;Verwendungszweck\n02.03.2026;02.03.2026;1,00;EUR;fine\n03.03.2026;03.03.2026;1,00;EUR;"never closed\n04.03.2026;04.03.2026;1,00;EUR;x\n';
    const error = refusal(() => parseCsvStatement(file, signedMapping, eur));
    expect(error.faults).toEqual([{ location: 'line 3', message: 'broken quoting: a field opened with " is not closed properly' }]);
  });

  it('lists 100 faults and counts the rest', () => {
    const rows = Array.from({ length: 150 }, (_, i) => `${String((i % 28) + 1).padStart(2, '0')}.03.2026;;abc;EUR;x`);
    const error = refusal(() => parseCsvStatement(['Buchungstag;Valuta;Betrag;Waehrung;Verwendungszweck', ...rows].join('\n'), signedMapping, eur));
    expect(error.faults).toHaveLength(101);
    expect(error.faults[0]).toEqual({ location: 'line 2', message: 'amount "abc" is not written like -1.234,56' });
    expect(error.faults[99]?.location).toBe('line 101');
    expect(error.faults[100]).toEqual({ location: 'file', message: '50 more faults not listed' });
  });

  it('a UTF-8 mapping on a windows-1252 file names the lines that are not UTF-8', () => {
    const error = refusal(() => parseCsvStatement(german, { ...germanMapping, encoding: 'utf-8' }, eur));
    expect(error.faults.map((f) => f.location)).toEqual(['line 7', 'line 8', 'line 9', 'line 10']);
    for (const fault of error.faults) expect(fault.message).toMatch(/not valid UTF-8/);
    expect(parseCsvStatement(german, { ...germanMapping, encoding: 'auto' }, eur)).toEqual(parseCsvStatement(german, germanMapping, eur));
  });

  it('windows-1252 is not Latin-1: 0x80 is the euro sign', () => {
    const bytes = Buffer.concat([Buffer.from('Datum;Betrag;Text\n01.03.2026;5,00;', 'latin1'), Buffer.from([0x80, 0x20, 0x84, 0x93]), Buffer.from('\n', 'latin1')]);
    const mapping: CsvStatementMapping = { ...base, delimiter: ';', encoding: 'windows-1252', dateFormat: 'DD.MM.YYYY', decimalSeparator: ',', columns: { bookingDate: 0, amount: { style: 'signed', amount: 1 }, remittance: [2] } };
    expect(parseCsvStatement(bytes, mapping, eur).entries[0]?.remittanceText).toBe('€ „“');
  });

  it('an empty file, and one that ends inside the preamble, are refused', () => {
    expect(refusal(() => parseCsvStatement('', signedMapping, eur)).faults).toEqual([{ location: 'line 1', message: 'no header row: the file ends before it' }]);
    expect(refusal(() => parseCsvStatement('a\nb\n', { ...signedMapping, skipLines: 5 }, eur)).faults).toEqual([{ location: 'line 3', message: 'no header row: the file ends before it' }]);
    expect(parseCsvStatement('Buchungstag;Valuta;Betrag;Waehrung;Verwendungszweck\n\n', signedMapping, eur).entries).toEqual([]);
  });

  it('refuses a mapping that does not validate, and an account currency that is not ISO 4217', () => {
    const bad = { ...signedMapping, thousandsSeparator: ',', decimalSeparator: ',' } as CsvStatementMapping;
    expect(refusal(() => parseCsvStatement('x', bad, eur)).faults).toEqual([{ location: 'mapping', message: 'thousandsSeparator: the thousands separator cannot be the decimal separator' }]);
    const typo = { ...signedMapping, skiplines: 2 } as unknown as CsvStatementMapping;
    expect(refusal(() => parseCsvStatement('x', typo, eur)).faults[0]?.location).toBe('mapping');
    expect(refusal(() => parseCsvStatement('x', signedMapping, { ...eur, currency: 'EURO' })).faults).toEqual([{ location: 'account', message: 'account currency "EURO" is not an ISO 4217 currency' }]);
  });

  it('refuses a file over the byte limit before reading it', () => {
    const error = refusal(() => parseCsvStatement(Buffer.alloc(maxStatementFileBytes + 1, 0x20), signedMapping, eur));
    expect(error.faults).toEqual([{ location: 'file', message: `file larger than ${maxStatementFileBytes} bytes` }]);
  });

  it(`refuses more than ${maxEntriesPerFile} entries, naming the first line over the limit`, () => {
    const mapping: CsvStatementMapping = { ...base, hasHeader: false, columns: { bookingDate: 0, amount: { style: 'signed', amount: 1 }, remittance: [] } };
    const error = refusal(() => parseCsvStatement('2026-01-01,1\n'.repeat(maxEntriesPerFile + 1), mapping, eur));
    expect(error.faults).toEqual([{ location: `line ${maxEntriesPerFile + 1}`, message: `more than ${maxEntriesPerFile} entries in one file` }]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Statement id, mapping, lines
// ---------------------------------------------------------------------------------------------------------------

describe('statement id, mapping storage and line numbers', () => {
  it('the statement id is the same for the same bytes and differs for different bytes', () => {
    const first = parseCsvStatement(chase, chaseMapping, usd).statementId;
    expect(first).toMatch(/^csv:[0-9a-f]{16}$/);
    expect(parseCsvStatement(Buffer.from(chase), chaseMapping, usd).statementId).toBe(first);
    const edited = Buffer.from(chase.toString('utf8').replace('-15.00', '-16.00'), 'utf8');
    expect(parseCsvStatement(edited, chaseMapping, usd).statementId).not.toBe(first);
    expect(parseCsvStatement(chase, chaseMapping, { ...usd, statementIdPrefix: 'acct-7:' }).statementId).toBe(`acct-7:${first.slice(4)}`);
    expect(csvStatementId(chase)).toBe(first);
  });

  it('a mapping survives JSON storage, and the schema refuses unknown keys and named columns without a header', () => {
    for (const { mapping } of fixtures) expect(csvStatementMappingSchema.parse(JSON.parse(JSON.stringify(mapping)))).toEqual(mapping);
    expect(csvStatementMappingSchema.safeParse({ ...chaseMapping, delimter: ';' }).success).toBe(false);
    expect(csvStatementMappingSchema.safeParse({ ...chaseMapping, hasHeader: false }).success).toBe(false);
    expect(csvStatementMappingSchema.safeParse({ ...chaseMapping, skipRowsMatching: '(' }).success).toBe(false);
    expect(csvStatementMappingSchema.safeParse({ ...chaseMapping, columns: { ...chaseMapping.columns, currency: { fixed: 'EURO' } } }).success).toBe(false);
    const overlapping: CsvAmountColumns = { style: 'indicator', amount: 0, indicator: 1, creditValues: ['C'], debitValues: ['c'] };
    expect(csvStatementMappingSchema.safeParse({ ...chaseMapping, columns: { ...chaseMapping.columns, amount: overlapping } }).success).toBe(false);
  });

  it('counts lines as an editor does: CR, LF and CRLF, line breaks inside quoted text, blank and ";;;" rows skipped', () => {
    const mapping: CsvStatementMapping = { ...base, delimiter: ';', columns: { bookingDate: 0, amount: { style: 'signed', amount: 1 }, remittance: [2] } };
    const file = 'Date;Amount;Text\r\n2026-03-01;1;"one\r\ntwo\rthree\nfour"\r\n\r\n;;\n2026-03-02;2;x\r2026-03-03;3;y\n\n\n';
    expect(parseCsvStatement(file, mapping, eur).entries.map((e) => [e.location, e.remittanceText])).toEqual([
      ['line 2', 'one two three four'],
      ['line 8', 'x'],
      ['line 9', 'y'],
    ]);
  });

  it('reads trailing minus and parentheses when the mapping says so, and a leading minus always', () => {
    const trailing = { decimalSeparator: ',', thousandsSeparator: '.', negativeStyle: 'trailing-minus' } as const;
    expect(readCsvAmount('1.234,56-', trailing, 'EUR')).toEqual({ ok: true, value: -123456n });
    expect(readCsvAmount('-1.234,56', trailing, 'EUR')).toEqual({ ok: true, value: -123456n });
    expect(readCsvAmount('1.234,56+', trailing, 'EUR')).toEqual({ ok: true, value: 123456n });
    const brackets = { decimalSeparator: '.', thousandsSeparator: ',', negativeStyle: 'parentheses' } as const;
    expect(readCsvAmount('(1,234.56)', brackets, 'USD')).toEqual({ ok: true, value: -123456n });
    expect(readCsvAmount('1,234.56-', brackets, 'USD')).toMatchObject({ ok: false });
    expect(readCsvAmount('12,34.56', brackets, 'USD')).toMatchObject({ ok: false });
    expect(readCsvAmount('.5', brackets, 'USD')).toEqual({ ok: true, value: 50n });
    expect(readCsvAmount('1.234', brackets, 'BHD')).toEqual({ ok: true, value: 1234n });
    const swiss = { decimalSeparator: '.', thousandsSeparator: "'", negativeStyle: 'leading-minus' } as const;
    expect(readCsvAmount("-1'234'567.80", swiss, 'CHF')).toEqual({ ok: true, value: -123456780n });
  });

  it('reads every date format, with a time of day ignored, and two-digit years 00–79 as 20xx', () => {
    const cases: Array<[CsvDateFormat, string, string]> = [
      ['YYYY-MM-DD', '2026-03-05', '2026-03-05'],
      ['YYYY-MM-DD', '2026-03-05 00:00:00', '2026-03-05'],
      ['DD.MM.YYYY', '5.3.2026', '2026-03-05'],
      ['DD/MM/YYYY', '05/03/2026', '2026-03-05'],
      ['MM/DD/YYYY', '03/05/2026', '2026-03-05'],
      ['DD-MM-YYYY', '05-03-2026', '2026-03-05'],
      ['YYYYMMDD', '20260305', '2026-03-05'],
      ['DD.MM.YY', '05.03.26', '2026-03-05'],
      ['DD.MM.YY', '31.12.99', '1999-12-31'],
    ];
    for (const [format, text, iso] of cases) expect(readCsvDate(text, format), `${format} ${text}`).toEqual({ ok: true, value: iso });
    expect(readCsvDate('29.02.2028', 'DD.MM.YYYY')).toEqual({ ok: true, value: '2028-02-29' });
    expect(readCsvDate('29.02.2026', 'DD.MM.YYYY')).toEqual({ ok: false, message: '"29.02.2026" is not a real date' });
    expect(readCsvDate('05.03.0026', 'DD.MM.YYYY')).toMatchObject({ ok: false });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------------------------

const headerNames = {
  booking: 'Booking date',
  value: 'Value date',
  amount: 'Amount',
  credit: 'Credit',
  debit: 'Debit',
  mark: 'Mark',
  currency: 'Currency',
  name: 'Name',
  account: 'Account',
  text1: 'Text 1',
  text2: 'Text 2',
  reference: 'Reference',
} as const;
type ColumnKey = keyof typeof headerNames;

const textUnits = ['a', 'b', 'Z', '0', '7', ' ', '  ', 'ü', 'é', 'ß', ',', ';', '|', '\t', '"', "'", '\n', '\r\n', '\r', '.', '-', '(', ')', '&'];
const textArb = fc.array(fc.constantFrom(...textUnits), { maxLength: 12 }).map((units) => units.join(''));
const dateArb = fc
  .record({ year: fc.integer({ min: 1980, max: 2079 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
  .filter(({ year, month, day }) => isRealDate(year, month, day));
const currencies = ['EUR', 'JPY', 'BHD', 'USD'] as const;

const rowArb = fc.record({
  booking: dateArb,
  value: fc.option(dateArb, { nil: null }),
  amountMinor: fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
  currency: fc.constantFrom(...currencies),
  name: textArb,
  account: fc.constantFrom('DE89370400440532013000', 'NL91 ABNA 0417 1643 00', '0532013000', ''),
  text1: textArb,
  text2: textArb,
  reference: textArb,
  signedDebit: fc.boolean(),
});

const layoutArb = fc.record({
  delimiter: fc.constantFrom(',', ';', '\t', '|') as fc.Arbitrary<CsvStatementMapping['delimiter']>,
  quote: fc.constantFrom('"', "'") as fc.Arbitrary<CsvStatementMapping['quote']>,
  encoding: fc.constantFrom('utf-8', 'windows-1252', 'auto') as fc.Arbitrary<CsvStatementMapping['encoding']>,
  preamble: fc.array(fc.string({ unit: fc.constantFrom('K', 'o', ':', ';', ',', '"', "'", ' ', '1'), maxLength: 20 }), { maxLength: 3 }),
  hasHeader: fc.boolean(),
  byName: fc.boolean(),
  dateFormat: fc.constantFrom(...csvDateFormats),
  separators: fc.constantFrom(['.', ''], ['.', ','], ['.', ' '], ['.', "'"], [',', ''], [',', '.'], [',', ' '], [',', "'"]) as fc.Arbitrary<
    [CsvStatementMapping['decimalSeparator'], CsvStatementMapping['thousandsSeparator']]
  >,
  negativeStyle: fc.constantFrom('leading-minus', 'trailing-minus', 'parentheses') as fc.Arbitrary<CsvStatementMapping['negativeStyle']>,
  amountStyle: fc.constantFrom('signed', 'credit-debit', 'indicator'),
  marks: fc.constantFrom<[string, string]>(['C', 'D'], ['CR', 'DR'], ['H', 'S'], ['Bij', 'Af']),
  currencySource: fc.constantFrom('account', 'column', 'fixed'),
  accountCurrency: fc.constantFrom(...currencies),
  lineEnd: fc.constantFrom('\n', '\r\n'),
  order: fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
  groupWithNoBreakSpace: fc.boolean(),
});

type Layout = typeof layoutArb extends fc.Arbitrary<infer T> ? T : never;
type Row = typeof rowArb extends fc.Arbitrary<infer T> ? T : never;

function writeDate({ year, month, day }: { year: number; month: number; day: number }, format: CsvDateFormat): string {
  const [y, m, d] = [String(year), String(month).padStart(2, '0'), String(day).padStart(2, '0')];
  switch (format) {
    case 'YYYY-MM-DD':
      return `${y}-${m}-${d}`;
    case 'DD.MM.YYYY':
      return `${d}.${m}.${y}`;
    case 'DD/MM/YYYY':
      return `${d}/${m}/${y}`;
    case 'MM/DD/YYYY':
      return `${m}/${d}/${y}`;
    case 'DD-MM-YYYY':
      return `${d}-${m}-${y}`;
    case 'YYYYMMDD':
      return `${y}${m}${d}`;
    case 'DD.MM.YY':
      return `${d}.${m}.${y.slice(2)}`;
  }
}

const isoOf = ({ year, month, day }: { year: number; month: number; day: number }) =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** An unsigned amount as the bank writes it: thousands grouped, the currency's decimals. */
function writeMagnitude(minor: bigint, currency: string, layout: Layout): string {
  const exponent = currencyExponent(currency) ?? 2;
  const digits = (minor < 0n ? -minor : minor).toString().padStart(exponent + 1, '0');
  let whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  const [decimal, thousands] = layout.separators;
  if (thousands !== '') {
    const sep = thousands === ' ' && layout.groupWithNoBreakSpace ? '\u00a0' : thousands;
    whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  }
  return exponent === 0 ? whole : `${whole}${decimal}${fraction}`;
}

function writeSigned(minor: bigint, currency: string, layout: Layout): string {
  const magnitude = writeMagnitude(minor, currency, layout);
  if (minor >= 0n) return magnitude;
  if (layout.negativeStyle === 'trailing-minus') return `${magnitude}-`;
  if (layout.negativeStyle === 'parentheses') return `(${magnitude})`;
  return `-${magnitude}`;
}

function writeField(value: string, layout: Layout): string {
  const special = value.includes(layout.delimiter) || value.includes(layout.quote) || /[\r\n]/.test(value);
  return special ? `${layout.quote}${value.split(layout.quote).join(layout.quote + layout.quote)}${layout.quote}` : value;
}

/** The file, the mapping that describes it, and the entries it holds. */
function writeStatement(layout: Layout, rows: Row[]): { bytes: Buffer; mapping: CsvStatementMapping; context: CsvStatementContext; expected: StatementEntry[] } {
  const amountKeys: ColumnKey[] = layout.amountStyle === 'signed' ? ['amount'] : layout.amountStyle === 'credit-debit' ? ['credit', 'debit'] : ['amount', 'mark'];
  const used: ColumnKey[] = ['booking', 'value', ...amountKeys, ...(layout.currencySource === 'column' ? (['currency'] as const) : []), 'name', 'account', 'text1', 'text2', 'reference'];
  const keys = [...used].sort((a, b) => (layout.order[used.indexOf(a)] ?? 0) - (layout.order[used.indexOf(b)] ?? 0) || used.indexOf(a) - used.indexOf(b));
  const ref = (key: ColumnKey): CsvColumnRef => (layout.hasHeader && layout.byName ? headerNames[key] : keys.indexOf(key));
  const [decimalSeparator, thousandsSeparator] = layout.separators;
  const fixedCurrency = layout.accountCurrency === 'EUR' ? 'USD' : 'EUR';
  const amount: CsvAmountColumns =
    layout.amountStyle === 'signed'
      ? { style: 'signed', amount: ref('amount') }
      : layout.amountStyle === 'credit-debit'
        ? { style: 'credit-debit', credit: ref('credit'), debit: ref('debit') }
        : { style: 'indicator', amount: ref('amount'), indicator: ref('mark'), creditValues: [layout.marks[0]], debitValues: [layout.marks[1]] };
  const mapping: CsvStatementMapping = {
    delimiter: layout.delimiter,
    quote: layout.quote,
    encoding: layout.encoding,
    skipLines: layout.preamble.length,
    hasHeader: layout.hasHeader,
    dateFormat: layout.dateFormat,
    decimalSeparator,
    thousandsSeparator,
    negativeStyle: layout.negativeStyle,
    columns: {
      bookingDate: ref('booking'),
      valueDate: ref('value'),
      amount,
      ...(layout.currencySource === 'column' ? { currency: { column: ref('currency') } } : layout.currencySource === 'fixed' ? { currency: { fixed: fixedCurrency } } : {}),
      counterpartyName: ref('name'),
      counterpartyIban: ref('account'),
      remittance: [ref('text1'), ref('text2')],
      customerReference: ref('reference'),
    },
  };

  let text = layout.preamble.map((line) => line + layout.lineEnd).join('');
  if (layout.hasHeader) text += keys.map((k) => headerNames[k]).join(layout.delimiter) + layout.lineEnd;
  const expected: StatementEntry[] = [];
  for (const row of rows) {
    const currency = layout.currencySource === 'column' ? row.currency : layout.currencySource === 'fixed' ? fixedCurrency : layout.accountCurrency;
    const cells: Record<ColumnKey, string> = {
      booking: writeDate(row.booking, layout.dateFormat),
      value: row.value ? writeDate(row.value, layout.dateFormat) : '',
      amount: layout.amountStyle === 'signed' ? writeSigned(row.amountMinor, currency, layout) : writeMagnitude(row.amountMinor, currency, layout),
      credit: row.amountMinor >= 0n ? writeMagnitude(row.amountMinor, currency, layout) : '',
      debit: row.amountMinor < 0n ? (row.signedDebit ? writeSigned(row.amountMinor, currency, layout) : writeMagnitude(row.amountMinor, currency, layout)) : '',
      mark: row.amountMinor >= 0n ? layout.marks[0] : layout.marks[1],
      currency: row.currency,
      name: row.name,
      account: row.account,
      text1: row.text1,
      text2: row.text2,
      reference: row.reference,
    };
    const line = 1 + (text.match(/\r\n|\r|\n/g)?.length ?? 0);
    text += keys.map((k) => writeField(cells[k], layout)).join(layout.delimiter) + layout.lineEnd;
    const compactAccount = row.account.replace(/ /g, '');
    // eslint-disable-next-line no-control-regex -- a reference loses its control characters (tabs, line breaks)
    const reference = row.reference.replace(/[\u0000-\u001f\u007f\u00ad]/g, '').trim();
    expected.push({
      location: `line ${line}`,
      bookingDate: isoOf(row.booking),
      valueDate: row.value ? isoOf(row.value) : null,
      amountMinor: row.amountMinor,
      currency,
      bankReference: null,
      customerReference: reference === '' ? null : reference,
      structuredReference: null,
      remittanceText: [row.text1, row.text2].map(cleanText).filter((t) => t !== '').join(' '),
      counterparty: {
        name: cleanText(row.name) === '' ? null : cleanText(row.name),
        iban: compactAccount.length > 12 ? compactAccount : null,
        accountNumber: row.account !== '' && compactAccount.length <= 12 ? row.account : null,
        bic: null,
      },
      transactionCode: null,
      reversal: false,
    });
  }
  const bytes = Buffer.from(text, layout.encoding === 'windows-1252' ? 'latin1' : 'utf8');
  return { bytes, mapping, context: { accountIban: null, accountNumber: '42', currency: layout.accountCurrency }, expected };
}

describe('properties', () => {
  const mappings: CsvStatementMapping[] = [chaseMapping, germanMapping, ingMapping, frenchMapping, yenMapping];
  const csvish = fc
    .array(
      fc.constantFrom('2026-03-01', '01.03.2026', '20260301', '12,50', '-1.234,56', '(5.00)', ';', ',', '\t', '"', "'", '\n', '\r\n', '\r', 'Betrag', 'Buchungstag', 'Datum', 'Amount', 'Posting Date', 'Af Bij', 'Bij', 'Af', 'Endsaldo', ' ', 'x', '\ufeff'),
      { maxLength: 60 },
    )
    .map((parts) => parts.join(''));
  const anyInput = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
    csvish,
    csvish.map((text) => Buffer.from(text, 'latin1')),
  );

  it('any text or bytes parse or are refused with StatementParseError, each fault located; suggestions never throw and always validate', () => {
    fc.assert(
      fc.property(anyInput, fc.constantFrom(...mappings), (input, mapping) => {
        try {
          const statement = parseCsvStatement(input, mapping, eur);
          for (const e of statement.entries) expect(e.location).toMatch(/^line [1-9]\d*$/);
        } catch (error) {
          expect(error).toBeInstanceOf(StatementParseError);
          const { faults } = error as StatementParseError;
          expect(faults.length).toBeGreaterThan(0);
          for (const fault of faults) expect(fault.location).toMatch(/^(line [1-9]\d*|file)$/);
        }
        const suggestion = suggestCsvMapping(input);
        expect(csvStatementMappingSchema.safeParse(suggestion.mapping).success).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('round trip: entries written with any mapping (delimiter, quoting, decimals, date format, sign style) read back the same', () => {
    fc.assert(
      fc.property(layoutArb, fc.array(rowArb, { minLength: 1, maxLength: 12 }), (layout, rows) => {
        const { bytes, mapping, context, expected } = writeStatement(layout, rows);
        expect(csvStatementMappingSchema.safeParse(mapping).success).toBe(true);
        const statement = parseCsvStatement(bytes, mapping, context);
        expect(statement.entries).toEqual(expected);
        expect(statement.statementId).toBe(csvStatementId(bytes));
      }),
      { numRuns: 300 },
    );
  });
});
