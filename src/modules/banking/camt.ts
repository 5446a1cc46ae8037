/**
 * ISO 20022 bank-to-customer statements: camt.053 (statement), camt.054 (debit/credit notification) and camt.052
 * (account report), versions 001.02 to 001.10. Pure: text in, statements out.
 *
 * Safety: the XML reader (xml-reader.ts) decodes only the five predefined entities and character references, never
 * expands anything and never resolves anything external; a document with a DOCTYPE or an entity declaration is
 * refused outright (the classic XXE / billion-laughs vectors), since no bank sends one.
 * Wrappers are tolerated: the BkToCstmr… element is found wherever it sits (e.g. inside a SWIFT <message> with an
 * AppHdr, or a bank's own envelope).
 */
import { isKnownCurrency } from '../../kernel/currency.js';
import {
  cleanText,
  decimalToMinor,
  emptyParty,
  maxEntriesPerFile,
  maxStatementFileBytes,
  type ParsedStatement,
  type StatementBalance,
  type StatementEntry,
  type StatementFault,
  type StatementFormat,
  type StatementParty,
  StatementParseError,
} from './statement.js';
import { MalformedXmlError, readXml } from './xml-reader.js';

type XmlNode = Record<string, unknown>;

const repeatedElements = new Set(['Stmt', 'Ntfctn', 'Rpt', 'Bal', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd', 'Strd', 'AdrLine', 'Othr']);


const containerByFormat: Array<{ element: string; format: StatementFormat; records: string }> = [
  { element: 'BkToCstmrStmt', format: 'camt.053', records: 'Stmt' },
  { element: 'BkToCstmrDbtCdtNtfctn', format: 'camt.054', records: 'Ntfctn' },
  { element: 'BkToCstmrAcctRpt', format: 'camt.052', records: 'Rpt' },
];

const maxSearchDepth = 6;

function asNode(value: unknown): XmlNode | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as XmlNode) : undefined;
}

function asList(value: unknown): XmlNode[] {
  if (Array.isArray(value)) return value.map(asNode).filter((n): n is XmlNode => n !== undefined);
  const node = asNode(value);
  return node ? [node] : [];
}

/** Text of an element (elements with attributes come back as objects with '#text'). */
function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const node = asNode(value);
  if (node && '#text' in node) return text(node['#text']);
  if (Array.isArray(value) && value.length > 0) return text(value[0]);
  return null;
}

/** Follows a path of element names; undefined when any step is missing. */
function at(node: unknown, ...path: string[]): unknown {
  let current: unknown = node;
  for (const step of path) {
    const n = asNode(Array.isArray(current) ? current[0] : current);
    if (!n) return undefined;
    current = n[step];
  }
  return current;
}

function textAt(node: unknown, ...path: string[]): string | null {
  const value = text(at(node, ...path));
  return value === null || value.trim() === '' ? null : value.trim();
}

function findContainer(root: XmlNode, depth = 0): { node: XmlNode; format: StatementFormat; records: string } | undefined {
  for (const candidate of containerByFormat) {
    const found = asNode(root[candidate.element]);
    if (found) return { node: found, format: candidate.format, records: candidate.records };
  }
  if (depth >= maxSearchDepth) return undefined;
  for (const [key, value] of Object.entries(root)) {
    if (key.startsWith('@') || key === '#text') continue;
    for (const child of asList(value)) {
      const found = findContainer(child, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** A date or date-time element (Dt or DtTm) reduced to its calendar date as the bank wrote it. */
function dateOf(node: unknown): string | null {
  const raw = textAt(node, 'Dt') ?? textAt(node, 'DtTm');
  if (!raw) return null;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(raw);
  return m ? (m[1] ?? null) : null;
}

function partyOf(party: unknown, account: unknown, agent: unknown): StatementParty {
  const name = textAt(party, 'Nm') ?? textAt(party, 'Pty', 'Nm');
  const iban = textAt(account, 'Id', 'IBAN');
  const other = textAt(account, 'Id', 'Othr', 'Id');
  const bic = textAt(agent, 'FinInstnId', 'BICFI') ?? textAt(agent, 'FinInstnId', 'BIC');
  if (!name && !iban && !other && !bic) return emptyParty;
  return { name: name ? cleanText(name) : null, iban: iban ? iban.replace(/\s+/g, '') : null, accountNumber: other, bic };
}

function bankTransactionCode(node: unknown): string | null {
  const domain = textAt(node, 'Domn', 'Cd');
  if (domain) {
    const family = textAt(node, 'Domn', 'Fmly', 'Cd');
    const sub = textAt(node, 'Domn', 'Fmly', 'SubFmlyCd');
    return [domain, family, sub].filter(Boolean).join('-');
  }
  return textAt(node, 'Prtry', 'Cd');
}

interface Amount {
  minor: bigint;
  currency: string;
}

function amountOf(node: unknown, location: string, faults: StatementFault[], fallbackCurrency: string | null): Amount | undefined {
  const raw = text(node);
  const currency = (text(at(node, '@Ccy')) ?? fallbackCurrency ?? '').trim().toUpperCase();
  if (raw === null) return undefined;
  if (!isKnownCurrency(currency)) {
    faults.push({ location, message: `unknown currency "${currency}"` });
    return undefined;
  }
  const minor = decimalToMinor(raw, currency);
  if (minor === undefined) {
    faults.push({ location, message: `amount "${raw}" is not a valid ${currency} amount` });
    return undefined;
  }
  return { minor, currency };
}

function signed(minor: bigint, indicator: string | null): bigint {
  return indicator === 'DBIT' ? -minor : minor;
}

function remittanceOf(tx: unknown): { structured: string | null; text: string } {
  const rmt = at(tx, 'RmtInf');
  const ustrd = at(rmt, 'Ustrd');
  const parts: string[] = [];
  for (const u of Array.isArray(ustrd) ? ustrd : ustrd === undefined ? [] : [ustrd]) {
    const t = text(u);
    if (t) parts.push(t);
  }
  let structured: string | null = null;
  for (const strd of asList(at(rmt, 'Strd'))) {
    const ref = textAt(strd, 'CdtrRefInf', 'Ref');
    if (ref && !structured) structured = ref.replace(/\s+/g, '');
    const additional = text(at(strd, 'AddtlRmtInf'));
    if (additional) parts.push(additional);
    const invoiceNumber = textAt(strd, 'RfrdDocInf', 'Nb');
    if (invoiceNumber) parts.push(invoiceNumber);
  }
  const additionalTx = text(at(tx, 'AddtlTxInf'));
  if (parts.length === 0 && additionalTx) parts.push(additionalTx);
  return { structured, text: cleanText(parts.join(' ')) };
}

/** The payer of a credit is the debtor; the payee of a debit is the creditor. */
function counterpartyOf(tx: unknown, isCredit: boolean): StatementParty {
  const parties = at(tx, 'RltdPties');
  const agents = at(tx, 'RltdAgts');
  return isCredit
    ? partyOf(at(parties, 'Dbtr'), at(parties, 'DbtrAcct'), at(agents, 'DbtrAgt'))
    : partyOf(at(parties, 'Cdtr'), at(parties, 'CdtrAcct'), at(agents, 'CdtrAgt'));
}

function transactionAmount(tx: unknown, location: string, faults: StatementFault[], fallbackCurrency: string): Amount | undefined {
  const direct = at(tx, 'Amt');
  if (direct !== undefined) return amountOf(direct, location, faults, fallbackCurrency);
  const detailed = at(tx, 'AmtDtls', 'TxAmt', 'Amt') ?? at(tx, 'AmtDtls', 'InstdAmt', 'Amt');
  if (detailed === undefined) return undefined;
  // AmtDtls may be in the instructed currency, not the account's; only use it when it is the entry's currency.
  const amount = amountOf(detailed, location, faults, fallbackCurrency);
  return amount && amount.currency === fallbackCurrency ? amount : undefined;
}

function entriesOf(record: XmlNode, recordPath: string, faults: StatementFault[], accountCurrency: string | null): StatementEntry[] {
  const result: StatementEntry[] = [];
  asList(record.Ntry).forEach((ntry, i) => {
    const location = `${recordPath}/Ntry[${i + 1}]`;
    const amount = amountOf(ntry.Amt, `${location}/Amt`, faults, accountCurrency);
    const indicator = textAt(ntry, 'CdtDbtInd');
    if (indicator !== 'CRDT' && indicator !== 'DBIT') {
      faults.push({ location: `${location}/CdtDbtInd`, message: `credit/debit indicator must be CRDT or DBIT, found "${indicator ?? ''}"` });
    }
    if (!amount) {
      if (ntry.Amt === undefined) faults.push({ location, message: 'entry has no amount' });
      return;
    }
    const bookingDate = dateOf(at(ntry, 'BookgDt'));
    const valueDate = dateOf(at(ntry, 'ValDt')) ?? bookingDate;
    if (!bookingDate && !valueDate) faults.push({ location, message: 'entry has neither a booking date nor a value date' });
    const reversal = textAt(ntry, 'RvslInd') === 'true';
    const isCredit = indicator === 'CRDT';
    const entryCode = bankTransactionCode(at(ntry, 'BkTxCd'));
    const entryReference = textAt(ntry, 'AcctSvcrRef') ?? textAt(ntry, 'NtryRef');
    const details = asList(ntry.NtryDtls).flatMap((d) => asList(d.TxDtls));

    const base = (tx: unknown, amountMinor: bigint, txLocation: string): StatementEntry => {
      const remittance = remittanceOf(tx);
      const endToEnd = textAt(tx, 'Refs', 'EndToEndId');
      return {
        location: txLocation,
        bookingDate,
        valueDate,
        amountMinor,
        currency: amount.currency,
        bankReference: textAt(tx, 'Refs', 'AcctSvcrRef') ?? entryReference,
        customerReference: endToEnd && endToEnd !== 'NOTPROVIDED' ? endToEnd : null,
        structuredReference: remittance.structured,
        remittanceText: remittance.text || cleanText(text(at(ntry, 'AddtlNtryInf')) ?? ''),
        counterparty: counterpartyOf(tx, isCredit),
        // The entry's booking code (what the bank classified it as), else the transaction's own.
        transactionCode: entryCode ?? bankTransactionCode(at(tx, 'BkTxCd')),
        reversal,
      };
    };

    const entryAmount = signed(amount.minor, indicator);
    if (details.length > 1) {
      // A batch booking: one line per transaction when each carries its own amount and they add up to the entry.
      const split = details.map((tx, j) => {
        const txLocation = `${location}/NtryDtls/TxDtls[${j + 1}]`;
        const txAmount = transactionAmount(tx, txLocation, faults, amount.currency);
        const txIndicator = textAt(tx, 'CdtDbtInd') ?? indicator;
        return txAmount ? base(tx, signed(txAmount.minor, txIndicator), txLocation) : undefined;
      });
      const complete = split.every((s): s is StatementEntry => s !== undefined);
      if (complete && split.reduce((s, e) => s + (e?.amountMinor ?? 0n), 0n) === entryAmount) {
        for (const line of split) result.push({ ...line, batchOf: location });
        return;
      }
    }
    result.push(base(details[0] ?? {}, entryAmount, location));
    const last = result[result.length - 1];
    if (last && details.length > 1) {
      // Kept whole: say so in the text so a person sees it bundles several transactions.
      last.remittanceText = cleanText(`${last.remittanceText} (batch of ${details.length} transactions)`);
    }
  });
  return result;
}

function balancesOf(record: XmlNode, recordPath: string, faults: StatementFault[], accountCurrency: string | null): StatementBalance[] {
  return asList(record.Bal).flatMap((bal, i) => {
    const location = `${recordPath}/Bal[${i + 1}]`;
    const kind = textAt(bal, 'Tp', 'CdOrPrtry', 'Cd') ?? textAt(bal, 'Tp', 'CdOrPrtry', 'Prtry') ?? 'UNKNOWN';
    const amount = amountOf(bal.Amt, `${location}/Amt`, faults, accountCurrency);
    if (!amount) return [];
    return [{ kind, amountMinor: signed(amount.minor, textAt(bal, 'CdtDbtInd')), currency: amount.currency, date: dateOf(at(bal, 'Dt')) }];
  });
}

function declaredOf(record: XmlNode, faults: StatementFault[], recordPath: string, currency: string | null): ParsedStatement['declared'] {
  const summary = at(record, 'TxsSummry');
  if (!summary) return { entryCount: null, creditTotalMinor: null, debitTotalMinor: null };
  const count = textAt(summary, 'TtlNtries', 'NbOfNtries');
  const creditText = textAt(summary, 'TtlCdtNtries', 'Sum');
  const debitText = textAt(summary, 'TtlDbtNtries', 'Sum');
  const toMinor = (value: string | null, what: string): bigint | null => {
    if (value === null || !currency) return null;
    // Totals are magnitudes; some banks (Wise) write the debit total with a minus sign.
    const minor = decimalToMinor(value.replace(/^-/, ''), currency);
    if (minor === undefined) faults.push({ location: `${recordPath}/TxsSummry`, message: `${what} "${value}" is not an amount` });
    return minor ?? null;
  };
  return {
    entryCount: count !== null && /^\d+$/.test(count) ? Number(count) : null,
    creditTotalMinor: toMinor(creditText, 'credit total'),
    debitTotalMinor: toMinor(debitText, 'debit total'),
  };
}

/**
 * Parses a camt.053/054/052 document into one statement per Stmt/Ntfctn/Rpt. Refuses the whole file with every
 * fault located by element path (or line:column for malformed XML).
 */
export function parseCamt(xml: string): ParsedStatement[] {
  if (xml.length > maxStatementFileBytes) throw new StatementParseError('unknown', [{ location: 'file', message: 'file too large' }]);
  const source = xml.replace(/^\uFEFF/, '');
  if (/<!DOCTYPE|<!ENTITY/i.test(source)) {
    throw new StatementParseError('unknown', [{ location: 'prolog', message: 'DOCTYPE and entity declarations are not accepted in bank statements' }]);
  }
  let root: XmlNode;
  try {
    // One pass checks well-formedness and builds the tree (a 40 MB file in well under a second).
    root = readXml(source, repeatedElements);
  } catch (error) {
    if (error instanceof MalformedXmlError) {
      throw new StatementParseError('unknown', [{ location: `line ${error.line}, column ${error.column}`, message: `malformed XML: ${error.message}` }]);
    }
    throw error;
  }
  const container = findContainer(root);
  if (!container) {
    throw new StatementParseError('unknown', [{ location: 'document', message: 'no BkToCstmrStmt, BkToCstmrDbtCdtNtfctn or BkToCstmrAcctRpt element: not a camt.052/053/054 message' }]);
  }
  const { node, format, records } = container;
  const faults: StatementFault[] = [];
  const messageCreatedAt = textAt(node, 'GrpHdr', 'CreDtTm');
  const messageId = textAt(node, 'GrpHdr', 'MsgId');
  const list = asList(node[records]);
  if (list.length === 0) {
    throw new StatementParseError(format, [{ location: records, message: `the message holds no ${records} element (the schema requires at least one)` }]);
  }
  let entryCount = 0;
  const statements = list.map((record, i): ParsedStatement => {
    const recordPath = `${records}[${i + 1}]`;
    const accountCurrency = textAt(record, 'Acct', 'Ccy');
    const id = textAt(record, 'Id');
    if (!id) faults.push({ location: `${recordPath}/Id`, message: 'statement has no Id' });
    const balances = balancesOf(record, recordPath, faults, accountCurrency);
    const currency = accountCurrency ?? balances[0]?.currency ?? null;
    const entries = entriesOf(record, recordPath, faults, currency);
    entryCount += entries.length;
    return {
      format,
      statementId: id ?? `${messageId ?? 'unknown'}#${i + 1}`,
      sequenceNumber: textAt(record, 'ElctrncSeqNb') ?? textAt(record, 'LglSeqNb'),
      account: {
        iban: textAt(record, 'Acct', 'Id', 'IBAN'),
        accountNumber: textAt(record, 'Acct', 'Id', 'Othr', 'Id'),
        bic: textAt(record, 'Acct', 'Svcr', 'FinInstnId', 'BICFI') ?? textAt(record, 'Acct', 'Svcr', 'FinInstnId', 'BIC'),
        currency,
      },
      createdAt: textAt(record, 'CreDtTm') ?? messageCreatedAt,
      balances,
      entries,
      declared: declaredOf(record, faults, recordPath, currency),
    };
  });
  if (entryCount > maxEntriesPerFile) faults.push({ location: 'document', message: `more than ${maxEntriesPerFile} entries in one file` });
  if (faults.length > 0) throw new StatementParseError(format, faults);
  return statements;
}
