/**
 * SWIFT MT940 (customer statement) and MT942 (interim transaction report) parser, into the shared statement model.
 * Pure: no I/O. A file is accepted whole or refused whole with every fault located by 1-based line number.
 *
 * What real banks send, and how it is read here:
 * - Envelopes and noise around messages: SWIFT FIN blocks `{1:…}{2:…}{3:…}{4:` … `-}{5:…}`, prose or header lines
 *   before the first `:20:` (Danske's example text, ABN AMRO's "ABNANL2A / 940 / ABNANL2A", ING's "0000 01INGBNL2A…",
 *   Rabobank's ":940:"), a `-` line (or `-XXX`, `-}`) ending a message, SOH/ETX and DOS end-of-file (0x1A) control
 *   characters, CR/LF/CRLF line ends, blank lines. Text outside a message is ignored; stray text inside a message after
 *   a single-line tag is a fault.
 * - Lines in an `:86:` (or `:NS:`, or the second line of `:61:`) that look like an unknown tag (":12:11", ":26:37",
 *   a wrapped time) continue the field. A known tag always starts a new field.
 * - Balances: `:60F:`/`:60M:` → OPBD (the opening balance of this statement or page), `:62F:` → CLBD (final closing),
 *   `:62M:` → ITBD (intermediate closing: the statement continues on a next page), `:64:` → CLAV, `:65:` → FWAV.
 *   Debit balances are negative. A balance without its currency (old German exports) takes the statement's.
 * - `:61:` statement lines: value date, optional MMDD entry date (year taken from the value date, across a year end),
 *   mark C / D / RC / RD (a reversal of a credit is negative, of a debit positive; both set `reversal`), an optional
 *   funds-code letter ("DD20000,00", "CR", "CN"), amounts "80,", ",5", "0,3", "000000001000,00", "300.00", "500";
 *   transaction type N/F/S + 3 characters (possibly with a space: "NIT ", "NOV "), trimmed; absent in some exports
 *   ("D20,00NONREF", "CN220000,00//1923…"). Customer reference up to `//` (NONREF → null; inner spaces kept), bank
 *   reference after it; a reference padded with spaces to 16 characters and followed by more text without `//` (old
 *   Rabobank: "NONREF          MR AND MRS DAVIDS") is cut at 16 and the rest is supplementary. A Sparkasse quirk (the
 *   amount on the line after "…CR") is read too. bookingDate is the entry date, null when the line has none.
 * - `:86:` after a `:61:` (several `:86:` fields in a row too) belongs to that entry; any other `:86:` (Danske's after
 *   `:60F:`, HSBC's and Zenith's after the closing balance) is statement-level information and is not attached to an
 *   entry (an IBAN announced there fills `account.iban` when `:25:` has none). The details are read as:
 *   German ZKA `?00`…`?63` subfields (GV code first; `?20`–`?29`/`?60`–`?63` purpose with SEPA keys EREF+, SVWZ+ …,
 *   `?30` BIC/bank code, `?31` IBAN/account, `?32`/`?33` name), Triodos' `>20` subfields, Dutch `/KEY/value` fields
 *   (`/IBAN/ /BIC/ /NAME/ /REMI/ /EREF/ /CNTP/ /BENM/ /ORDP/` …), or free text. remittanceText is SVWZ+ or /REMI/
 *   when given, otherwise the whole purpose or text; the EREF (end-to-end id, up to 35 characters) becomes
 *   customerReference when the `:61:` gave none (or Rabobank's literal "EREF"); an ISO 11649 RF reference (check
 *   digits verified) or a Dutch /REMI/STRD/ reference becomes structuredReference. Wrapped lines are joined without a
 *   separator when the previous line is full (65 characters) or the field is subfield-structured, with a newline
 *   (a space once cleaned) otherwise. ?2x subfields hold 27 characters: a full one runs on into the next, a shorter
 *   one ends a word (so a bank that cuts a word at 25 characters gets a space inside it).
 * - account: an IBAN-shaped `:25:` (spaces dropped) is the iban, anything else the accountNumber as given ("BLZ/konto",
 *   "DABADKKK/1234567890"); a known currency glued to the end ("…2012EUR", "… EUR", "…/HUF") is account.currency.
 *   account.bic is left null (a "BIC/account" prefix cannot be told from a bank name reliably).
 * - statementId is `:20:` + "/" + `:28C:` (trimmed) when a statement number is given; a statement repeating the
 *   account and id of an earlier one in the same file gets "#2", "#3"… (Rabobank reuses ids), so ids are stable for
 *   the same file. sequenceNumber is the `:28C:` (or old `:28:`) value as given, trimmed.
 * - MT942 (from the FIN header, or a message with `:34F:`/`:13D:`/`:90D:`/`:90C:` and no `:60F:`): no balances; the
 *   currency comes from `:34F:`; `:90D:`/`:90C:` fill the declared counts and totals; `:13D:` is createdAt.
 * - A second `:25:` inside one statement is refused (betterplace's sepa_snippet_broken: an `:86:` tagged `:25:`):
 *   guessing which account is meant is not safe.
 * - Bounds: the file's length (maxStatementFileBytes), entries and statements (maxEntriesPerFile), 20,000 characters of
 *   `:86:` per entry, 100 listed faults. Every loop runs over the file's lines once; no regex backtracks on user text.
 */
import { isValidCreditorReference } from '../invoicing/creditor-reference.js';
import { isKnownCurrency } from '../../kernel/currency.js';
import {
  cleanText,
  decimalToMinor,
  emptyParty,
  isoDate,
  isRealDate,
  maxEntriesPerFile,
  maxStatementFileBytes,
  StatementParseError,
  yymmddToIso,
  type ParsedStatement,
  type StatementBalance,
  type StatementEntry,
  type StatementFault,
  type StatementParty,
} from './statement.js';

// ---------------------------------------------------------------------------------------------------------------
// Bytes to text
// ---------------------------------------------------------------------------------------------------------------

/** windows-1252 code points for bytes 0x80–0x9F (the rest of the byte range is Latin-1). */
const cp1252High = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/**
 * Decodes a statement file: UTF-8 (a BOM is dropped) when the bytes are valid UTF-8, otherwise windows-1252 (Latin-1
 * with the 0x80–0x9F printable characters), which never fails. Banks in code pages like DOS 852 come out as the
 * nearest readable approximation rather than being refused.
 */
export function decodeStatementBytes(buf: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    const parts: string[] = [];
    const chunk = 8192;
    for (let start = 0; start < buf.length; start += chunk) {
      const end = Math.min(buf.length, start + chunk);
      const codes = new Array<number>(end - start);
      for (let i = start; i < end; i++) {
        const byte = buf[i] ?? 0;
        codes[i - start] = byte >= 0x80 && byte <= 0x9f ? (cp1252High[byte - 0x80] ?? byte) : byte;
      }
      parts.push(String.fromCharCode(...codes));
    }
    return parts.join('');
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------------------------

/** Legacy currencies still found in old statements (not in the active ISO 4217 list; two decimals). */
const legacyCurrencies = new Set(['DEM', 'NLG', 'FRF', 'BEF', 'ATS', 'ITL', 'ESP', 'FIM', 'IEP', 'PTE', 'LUF', 'GRD']);
const isCurrencyCode = (code: string) => /^[A-Z]{3}$/.test(code) && (isKnownCurrency(code) || legacyCurrencies.has(code));

const ibanShape = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;
const bicShape = /^[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/;

function ibanChecksumHolds(iban: string): boolean {
  if (!ibanShape.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const digits = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1;
}

const nullIfEmpty = (text: string | null | undefined): string | null => {
  if (text === null || text === undefined) return null;
  const cleaned = cleanText(text);
  return cleaned === '' ? null : cleaned;
};

// eslint-disable-next-line no-control-regex
const referenceJunk = /[\u00ad\u0000-\u001f\u007f]/g;

/** A reference as given (inner spaces kept, ends trimmed); "NONREF" and an empty one mean no reference at all. */
const reference = (text: string | null | undefined): string | null => {
  const cleaned = (text ?? '').replace(referenceJunk, '').trim();
  return cleaned === '' || cleaned.toUpperCase() === 'NONREF' ? null : cleaned;
};

type Result<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = <T>(message: string): Result<T> => ({ ok: false, message });

const quote = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);

/** ISO 11649 RF reference in free text (a word of its own; up to 21 characters after the check digits). */
function findRfReference(text: string): string | null {
  const upper = text.toUpperCase();
  let tried = 0;
  for (const match of upper.matchAll(/(?<![A-Z0-9])RF ?(\d{2})((?: ?[A-Z0-9]){1,21})/g)) {
    if (++tried > 20) break; // remittance text holds one or two; a field full of "RF12" is not worth scanning
    const chars = (match[2] ?? '').replace(/ /g, '');
    for (let length = chars.length; length >= 1; length--) {
      const candidate = `RF${match[1]}${chars.slice(0, length)}`;
      if (isValidCreditorReference(candidate)) return candidate;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Tag-level parsers
// ---------------------------------------------------------------------------------------------------------------

export interface Mt940Account {
  iban: string | null;
  accountNumber: string | null;
  currency: string | null;
}

/** `:25:` account identification: an IBAN, or a bank code/account, with a currency sometimes glued at the end. */
export function readAccount(value: string): Result<Mt940Account> {
  let rest = (value.split('\n')[0] ?? '').trim();
  if (rest === '') return fail('empty account identification');
  let currency: string | null = null;
  const compact = rest.replace(/ /g, '');
  if (!(ibanShape.test(compact) && ibanChecksumHolds(compact))) {
    const glued = /^(.*?[0-9 /.-])([A-Z]{3})$/.exec(rest);
    if (glued && isCurrencyCode(glued[2] ?? '')) {
      currency = glued[2] ?? null;
      rest = (glued[1] ?? '').replace(/[ /]+$/, '').trim();
    }
  }
  if (rest === '') return fail(`account identification ${quote(value)} holds no account`);
  const restCompact = rest.replace(/ /g, '');
  if (ibanShape.test(restCompact)) return ok({ iban: restCompact, accountNumber: null, currency });
  const last = rest.split('/').pop() ?? '';
  if (last !== rest && ibanShape.test(last)) return ok({ iban: last, accountNumber: null, currency });
  return ok({ iban: null, accountNumber: rest, currency });
}

export interface Mt940BalanceValue {
  balance: StatementBalance;
  /** true for :60M:/:62M: (the statement runs over several pages) */
  intermediate: boolean;
  /** false when the bank left the currency out and the statement's was used */
  currencyGiven: boolean;
}

const balanceKinds: Record<string, string> = { '60F': 'OPBD', '60M': 'OPBD', '62F': 'CLBD', '62M': 'ITBD', '64': 'CLAV', '65': 'FWAV' };

/** `:60F:` `:60M:` `:62F:` `:62M:` `:64:` `:65:` — mark, YYMMDD date, currency, amount ("C100318EUR380115,12"). */
export function readBalance(tag: string, value: string, fallbackCurrency: string | null): Result<Mt940BalanceValue> {
  const kind = balanceKinds[tag];
  if (!kind) return fail(`:${tag}: is not a balance`);
  const text = (value.split('\n')[0] ?? '').trim();
  const m = /^([CD])(\d{6})([A-Z]{3})?(.*)$/.exec(text);
  if (!m) return fail(`balance ${quote(text)} is not "C|D" + YYMMDD + currency + amount`);
  const date = yymmddToIso(m[2] ?? '');
  if (!date) return fail(`balance date ${quote(m[2] ?? '')} is not a date`);
  const currency = m[3] ?? fallbackCurrency;
  if (!currency) return fail(`balance ${quote(text)} has no currency`);
  const amountText = (m[4] ?? '').trim();
  const amount = amountText.length <= 30 ? decimalToMinor(amountText, currency) : undefined;
  if (amount === undefined) return fail(`balance amount ${quote(amountText)} is not a valid ${currency} amount`);
  return ok({
    balance: { kind, amountMinor: m[1] === 'D' ? -amount : amount, currency, date: date.date },
    intermediate: tag.endsWith('M'),
    currencyGiven: m[3] !== undefined,
  });
}

export interface Mt940StatementLine {
  valueDate: string;
  /** the entry (booking) date, with its year inferred from the value date; null when the bank left it out */
  entryDate: string | null;
  mark: 'C' | 'D' | 'RC' | 'RD';
  fundsCode: string | null;
  /** signed minor units: credit and reversal of a debit positive, debit and reversal of a credit negative */
  amountMinor: bigint;
  reversal: boolean;
  /** transaction type identification code as given ("NTRF", "NMSC", "NIT" for Triodos' "NIT "), trimmed */
  transactionCode: string | null;
  customerReference: string | null;
  bankReference: string | null;
  supplementaryDetails: string | null;
}

function entryDateFor(valueIso: string, mmdd: string): string | undefined {
  const valueYear = Number(valueIso.slice(0, 4));
  const valueMonth = Number(valueIso.slice(5, 7));
  const month = Number(mmdd.slice(0, 2));
  let day = Number(mmdd.slice(2, 4));
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  let year = valueYear;
  if (month - valueMonth > 6) year -= 1; // booked in December, value date in January
  else if (valueMonth - month > 6) year += 1; // value date in December, booked in January
  while (!isRealDate(year, month, day)) day -= 1;
  return isoDate(year, month, day);
}

function readStatementLineOnce(first: string, extra: string[], currency: string | null): Result<Mt940StatementLine> {
  const text = first.replace(/\s+$/, '');
  const head = /^(\d{6})(\d{4})?(R?[CD])([A-Z])?/.exec(text);
  if (!head) return fail(`statement line ${quote(text)} does not start with YYMMDD[MMDD] and a C/D/RC/RD mark`);
  const valueDate = yymmddToIso(head[1] ?? '');
  if (!valueDate) return fail(`value date ${quote(head[1] ?? '')} is not a date`);
  let entryDate: string | null = null;
  if (head[2] !== undefined) {
    const inferred = entryDateFor(valueDate.date, head[2]);
    if (!inferred) return fail(`entry date ${quote(head[2])} is not a MMDD date`);
    entryDate = inferred;
  }
  let rest = text.slice(head[0].length);
  const amountMatch = /^(?:\d+(?:[.,]\d*)?|[.,]\d+)/.exec(rest);
  if (!amountMatch) return fail(`statement line ${quote(text)} has no amount after its mark`);
  const amountText = amountMatch[0];
  const amount = amountText.length <= 30 ? decimalToMinor(amountText, currency) : undefined;
  if (amount === undefined) return fail(`amount ${quote(amountText)} is not a valid ${currency ?? 'two-decimal'} amount`);
  rest = rest.slice(amountText.length);
  let transactionCode: string | null = null;
  if (!rest.startsWith('//') && !/^NONREF/.test(rest)) {
    const code = /^[NFS][A-Z0-9 ]{3}/.exec(rest);
    if (code) {
      transactionCode = code[0].trimEnd();
      rest = rest.slice(4);
    }
  }
  const split = rest.indexOf('//');
  let customerPart = split >= 0 ? rest.slice(0, split) : rest;
  const bankPart = split >= 0 ? rest.slice(split + 2) : null;
  const supplementary: string[] = [];
  if (split < 0 && customerPart.length > 16 && /\s/.test(customerPart[15] ?? '')) {
    // Old Rabobank lines: a reference padded to its 16 characters, then the counterparty's name.
    supplementary.push(customerPart.slice(16));
    customerPart = customerPart.slice(0, 16);
  }
  supplementary.push(...extra);
  const mark = head[3] as Mt940StatementLine['mark'];
  const negative = mark === 'D' || mark === 'RC';
  return ok({
    valueDate: valueDate.date,
    entryDate,
    mark,
    fundsCode: head[4] ?? null,
    amountMinor: negative ? -amount : amount,
    reversal: mark.startsWith('R'),
    transactionCode: transactionCode === '' ? null : transactionCode,
    customerReference: reference(customerPart),
    bankReference: reference(bankPart),
    supplementaryDetails: nullIfEmpty(supplementary.join(' ')),
  });
}

/**
 * `:61:` statement line (the value may hold its supplementary-details line after a newline). `currency` sets the
 * number of decimals (two when null).
 */
export function readStatementLine(value: string, currency: string | null): Result<Mt940StatementLine> {
  const lines = value.split('\n');
  const first = lines[0] ?? '';
  const result = readStatementLineOnce(first, lines.slice(1), currency);
  if (!result.ok && lines.length > 1 && /^\d{6}(?:\d{4})?R?[CD][A-Z]?\s*$/.test(first)) {
    // Sparkasse: ":61:1811261126CR" with the amount and the rest on the next line.
    return readStatementLineOnce(first.trimEnd() + (lines[1] ?? '').trim(), lines.slice(2), currency);
  }
  return result;
}

export interface Mt940Information {
  /** the whole field, whitespace collapsed */
  text: string;
  /** SVWZ+ / REMI when given, otherwise the purpose or the whole text */
  remittanceText: string;
  counterparty: StatementParty;
  /** SEPA end-to-end id (EREF+ or /EREF/), NOTPROVIDED dropped */
  endToEndReference: string | null;
  structuredReference: string | null;
  /** German business transaction code (GV code, the 3 digits before ?00) */
  transactionTypeCode: string | null;
  /** German posting text (?00) */
  postingText: string | null;
}

/** Joins physical lines: no separator after a full 65-character line (SWIFT wrapped it), a newline otherwise. */
function joinWrapped(lines: readonly string[], firstPrefix: number): string {
  let out = '';
  let previous = -1;
  lines.forEach((line, i) => {
    if (i > 0) out += previous >= 65 ? '' : '\n';
    out += line;
    previous = line.length + (i === 0 ? firstPrefix : 0);
  });
  return out;
}

/** Concatenates fixed-width (27 character) subfields: directly after a full one, with a space after a short one. */
function joinSubfields(parts: readonly string[]): string {
  let out = '';
  let previous = 27;
  for (const part of parts) {
    out += previous >= 27 ? part : ` ${part}`;
    previous = part.length;
  }
  return out;
}

const sepaKeys = ['EREF', 'KREF', 'MREF', 'CRED', 'DEBT', 'SVWZ', 'ABWA', 'ABWE', 'IBAN', 'BIC', 'COAM', 'OAMT'];

function sepaFields(purpose: string): Map<string, string> {
  const found = new Map<string, string>();
  const matches = [...purpose.matchAll(new RegExp(`(${sepaKeys.join('|')})\\+`, 'g'))];
  matches.forEach((match, i) => {
    const start = (match.index ?? 0) + match[0].length;
    const end = matches[i + 1]?.index ?? purpose.length;
    const key = match[1] ?? '';
    if (!found.has(key)) found.set(key, purpose.slice(start, end).trim());
  });
  return found;
}

const endToEnd = (text: string | undefined): string | null => {
  const cleaned = nullIfEmpty(text);
  if (cleaned === null || cleaned.length > 35 || /^NOTPROVIDED$/i.test(cleaned) || /^NONREF$/i.test(cleaned)) return null;
  return cleaned;
};

function readSubfieldInformation(joined: string, separator: string): Omit<Mt940Information, 'text'> {
  const trimmed = joined.replace(/^\s+/, '');
  const gv = /^(\d{3})/.exec(trimmed);
  const fields = new Map<string, string[]>();
  const marker = new RegExp(`\\${separator}(\\d{2})`, 'g');
  const matches = [...trimmed.matchAll(marker)];
  matches.forEach((match, i) => {
    const start = (match.index ?? 0) + match[0].length;
    const end = matches[i + 1]?.index ?? trimmed.length;
    const key = match[1] ?? '';
    let content = trimmed.slice(start, end).replace(/\n/g, '');
    if (i === matches.length - 1) content = content.replace(/\?$/, ''); // a dangling "?" at the very end
    const parts = fields.get(key);
    if (parts) parts.push(content);
    else fields.set(key, [content]);
  });
  const get = (key: string) => (fields.get(key) ?? []).join('');
  const purposeKeys = ['20', '21', '22', '23', '24', '25', '26', '27', '28', '29', '60', '61', '62', '63'];
  const purpose = joinSubfields(purposeKeys.flatMap((k) => fields.get(k) ?? []));
  const counterparty: StatementParty = { ...emptyParty };
  let endToEndReference: string | null = null;
  let remittance = purpose;
  if (separator === '?') {
    const name = nullIfEmpty(joinSubfields(['32', '33'].flatMap((k) => fields.get(k) ?? [])));
    counterparty.name = name;
    const account = cleanText(get('31')).replace(/ /g, '');
    const iban38 = cleanText(get('38')).replace(/ /g, '');
    if (ibanShape.test(account)) counterparty.iban = account;
    else if (account !== '') counterparty.accountNumber = account;
    if (counterparty.iban === null && ibanShape.test(iban38)) counterparty.iban = iban38;
    const bank = cleanText(get('30'));
    if (bicShape.test(bank)) counterparty.bic = bank;
    const sepa = sepaFields(purpose);
    endToEndReference = endToEnd(sepa.get('EREF'));
    const svwz = sepa.get('SVWZ');
    if (svwz !== undefined && cleanText(svwz) !== '') remittance = svwz;
    const sepaIban = cleanText(sepa.get('IBAN') ?? '').replace(/ /g, '');
    if (counterparty.iban === null && ibanShape.test(sepaIban)) counterparty.iban = sepaIban;
    const sepaBic = cleanText(sepa.get('BIC') ?? '');
    if (counterparty.bic === null && bicShape.test(sepaBic)) counterparty.bic = sepaBic;
  }
  const postingText = nullIfEmpty(get('00'));
  const remittanceText = cleanText(remittance) || (postingText ?? '');
  const structuredReference =
    findRfReference(remittanceText) ?? (endToEndReference ? findRfReference(endToEndReference) : null) ?? findRfReference(purpose);
  return { remittanceText, counterparty, endToEndReference, structuredReference, transactionTypeCode: gv?.[1] ?? null, postingText };
}

const dutchKeys = [
  'TRTP', 'IBAN', 'BIC', 'NAME', 'EREF', 'REMI', 'CNTP', 'MARF', 'CSID', 'BENM', 'ORDP', 'ISDT', 'RTRN', 'PREF',
  'ULTC', 'ULTD', 'ULTB', 'PURP', 'SVCL', 'ADDR', 'ATOM', 'INST', 'CDTRREF', 'CDTRREFTP',
];
const dutchTriggers = /\/(?:IBAN|NAME|REMI|CNTP|EREF|TRTP)\//;

function readDutchInformation(text: string): Omit<Mt940Information, 'text'> {
  const matches = [...text.matchAll(new RegExp(`/(${dutchKeys.join('|')})/`, 'g'))];
  const fields = new Map<string, string>();
  matches.forEach((match, i) => {
    const start = (match.index ?? 0) + match[0].length;
    const end = matches[i + 1]?.index ?? text.length;
    const key = match[1] ?? '';
    if (!fields.has(key)) fields.set(key, text.slice(start, end).replace(/\n/g, ' ').replace(/\/+\s*$/, ''));
  });
  const counterparty: StatementParty = { ...emptyParty };
  const setAccount = (value: string | undefined) => {
    const compact = cleanText(value ?? '').replace(/ /g, '');
    if (compact === '') return;
    if (ibanShape.test(compact)) counterparty.iban ??= compact;
    else counterparty.accountNumber ??= compact;
  };
  const setBic = (value: string | undefined) => {
    const bic = cleanText(value ?? '');
    if (bicShape.test(bic)) counterparty.bic ??= bic;
  };
  setAccount(fields.get('IBAN'));
  setBic(fields.get('BIC'));
  counterparty.name = nullIfEmpty(fields.get('NAME'));
  for (const key of ['CNTP', 'BENM', 'ORDP']) {
    const value = fields.get(key);
    if (value === undefined || cleanText(value) === '') continue;
    const [account, bic, name] = value.split('/');
    setAccount(account);
    setBic(bic);
    counterparty.name ??= nullIfEmpty(name);
  }
  let structuredReference: string | null = null;
  let remittance: string;
  const remi = fields.get('REMI');
  if (remi !== undefined) {
    const strd = /^STRD\/([^/]*)\/(.*)$/s.exec(remi);
    if (strd) {
      remittance = strd[2] ?? '';
      structuredReference = nullIfEmpty(remittance.replace(/\/.*$/s, ''));
    } else {
      remittance = remi.replace(/^USTD\/\/?/, '');
    }
  } else {
    remittance = text;
  }
  const endToEndReference = endToEnd(fields.get('EREF'));
  const remittanceText = cleanText(remittance);
  const rf = findRfReference(remittanceText) ?? (endToEndReference ? findRfReference(endToEndReference) : null);
  return {
    remittanceText,
    counterparty,
    endToEndReference,
    structuredReference: rf ?? structuredReference,
    transactionTypeCode: null,
    postingText: nullIfEmpty(fields.get('TRTP')),
  };
}

function readFreeInformation(text: string): Omit<Mt940Information, 'text'> {
  const counterparty: StatementParty = { ...emptyParty };
  // ASN/SNS: the first line is the counterparty's IBAN and name.
  const firstLine = /^\s*([A-Z]{2}\d{2}[A-Z0-9]{11,30}) +([^\n]+)/.exec(text);
  if (firstLine) {
    counterparty.iban = firstLine[1] ?? null;
    counterparty.name = nullIfEmpty(firstLine[2]);
  }
  // Knab: "REK: NL65INGB0123456789/NAAM: PICQER".
  const rek = /\bREK: ?([A-Z]{2}\d{2}[A-Z0-9]{11,30})\b/.exec(text);
  if (rek && counterparty.iban === null) counterparty.iban = rek[1] ?? null;
  const naam = /\bNAAM: ?([^\n]+)/.exec(text);
  if (naam && counterparty.name === null) counterparty.name = nullIfEmpty(naam[1]);
  const remittanceText = cleanText(text);
  return {
    remittanceText,
    counterparty,
    endToEndReference: null,
    structuredReference: findRfReference(remittanceText),
    transactionTypeCode: null,
    postingText: null,
  };
}

/**
 * `:86:` information to the account owner. `fields` are the `:86:` fields that follow one `:61:` (usually one),
 * each as its physical lines (the first without the ":86:" prefix).
 */
export function readInformation(fields: readonly (readonly string[])[]): Mt940Information {
  const firstLine = fields[0]?.[0]?.replace(/^\s+/, '') ?? '';
  // German GV code alone ("091") or followed by ?-subfields; Triodos' ">20" subfields.
  const subfield = /^(?:\d{3})?([?>])\d{2}/.exec(firstLine) ?? (fields.length === 1 && /^\d{3}\s*$/.test(firstLine) ? ['', '?'] : null);
  let joined: string;
  let details: Omit<Mt940Information, 'text'>;
  if (subfield) {
    joined = fields.map((lines) => lines.join('')).join('');
    details = readSubfieldInformation(joined, subfield[1] ?? '?');
  } else {
    joined = fields.map((lines) => joinWrapped(lines, 4)).join('\n');
    details = dutchTriggers.test(joined) ? readDutchInformation(joined) : readFreeInformation(joined);
  }
  return { text: cleanText(joined), ...details };
}

export interface Mt940StatementNumber {
  /** the value as given, trimmed ("00035/001", "/1" for Zenith's " /1") */
  raw: string;
  statementNumber: string;
  sequence: string | null;
}

function readStatementNumber(value: string): Result<Mt940StatementNumber> {
  const raw = (value.split('\n')[0] ?? '').trim();
  if (raw === '') return fail('empty statement number');
  if (raw.length > 40) return fail(`statement number ${quote(raw)} is too long`);
  const [statementNumber, sequence] = raw.split('/', 2);
  return ok({ raw, statementNumber: (statementNumber ?? '').trim(), sequence: sequence === undefined ? null : sequence.trim() });
}

function readDateTime(value: string): Result<string> {
  const text = (value.split('\n')[0] ?? '').trim();
  const m = /^(\d{6})(\d{2})(\d{2})([+-]\d{2})?(\d{2})?$/.exec(text);
  const date = m ? yymmddToIso(m[1] ?? '') : undefined;
  if (!m || !date || Number(m[2]) > 23 || Number(m[3]) > 59) return fail(`date-time ${quote(text)} is not YYMMDDhhmm[±hhmm]`);
  const offset = m[4] !== undefined ? `${m[4]}:${m[5] ?? '00'}` : '';
  return ok(`${date.date}T${m[2]}:${m[3]}:00${offset}`);
}

export interface Mt940FloorLimit {
  currency: string;
  mark: 'C' | 'D' | null;
  amountMinor: bigint;
}

function readFloorLimit(value: string): Result<Mt940FloorLimit> {
  const text = (value.split('\n')[0] ?? '').trim();
  const m = /^([A-Z]{3})([CD])?(.*)$/.exec(text);
  const amount = m ? decimalToMinor((m[3] ?? '').slice(0, 30), m[1] ?? null) : undefined;
  if (!m || amount === undefined) return fail(`floor limit ${quote(text)} is not currency + [C|D] + amount`);
  return ok({ currency: m[1] ?? '', mark: (m[2] as 'C' | 'D' | undefined) ?? null, amountMinor: amount });
}

export interface Mt940EntrySummary {
  count: number;
  currency: string;
  amountMinor: bigint;
}

function readEntrySummary(value: string): Result<Mt940EntrySummary> {
  const text = (value.split('\n')[0] ?? '').trim();
  const m = /^(\d{1,5})([A-Z]{3})(.*)$/.exec(text);
  const amount = m ? decimalToMinor((m[3] ?? '').slice(0, 30), m[2] ?? null) : undefined;
  if (!m || amount === undefined) return fail(`entry summary ${quote(text)} is not count + currency + amount`);
  return ok({ count: Number(m[1]), currency: m[2] ?? '', amountMinor: amount });
}

/** What one tag holds, as read by {@link parseMt940Tag}. */
export type Mt940TagValue =
  | { tag: '20' | '21'; reference: string }
  | { tag: '25' | '25P'; account: Mt940Account }
  | { tag: '28' | '28C'; statementNumber: Mt940StatementNumber }
  | ({ tag: '60F' | '60M' | '62F' | '62M' | '64' | '65' } & Mt940BalanceValue)
  | { tag: '61'; line: Mt940StatementLine }
  | { tag: '86'; information: Mt940Information }
  | { tag: '13' | '13D'; dateTime: string }
  | { tag: '34F'; floorLimit: Mt940FloorLimit }
  | { tag: '90D' | '90C'; summary: Mt940EntrySummary }
  | { tag: 'NS'; text: string };

export const knownMt940Tags = new Set([
  '20', '21', '25', '25P', '28', '28C', '60F', '60M', '61', '86', '62F', '62M', '64', '65', '13', '13D', '34F', '90D', '90C', 'NS',
]);

function readTag(tag: string, value: string, currency: string | null): Result<Mt940TagValue> {
  const firstLine = (value.split('\n')[0] ?? '').trim();
  switch (tag) {
    case '20':
    case '21':
      return firstLine === '' ? fail(`empty :${tag}: reference`) : ok({ tag, reference: cleanText(firstLine) });
    case '25':
    case '25P': {
      const account = readAccount(value);
      return account.ok ? ok({ tag, account: account.value }) : account;
    }
    case '28':
    case '28C': {
      const number = readStatementNumber(value);
      return number.ok ? ok({ tag, statementNumber: number.value }) : number;
    }
    case '60F':
    case '60M':
    case '62F':
    case '62M':
    case '64':
    case '65': {
      const balance = readBalance(tag, value, currency);
      return balance.ok ? ok({ tag, ...balance.value }) : balance;
    }
    case '61': {
      const line = readStatementLine(value, currency);
      return line.ok ? ok({ tag, line: line.value }) : line;
    }
    case '86':
      return ok({ tag, information: readInformation([value.split('\n')]) });
    case '13':
    case '13D': {
      const dateTime = readDateTime(value);
      return dateTime.ok ? ok({ tag, dateTime: dateTime.value }) : dateTime;
    }
    case '34F': {
      const floorLimit = readFloorLimit(value);
      return floorLimit.ok ? ok({ tag, floorLimit: floorLimit.value }) : floorLimit;
    }
    case '90D':
    case '90C': {
      const summary = readEntrySummary(value);
      return summary.ok ? ok({ tag, summary: summary.value }) : summary;
    }
    case 'NS':
      return ok({ tag, text: value });
    default:
      return fail(`unknown tag :${tag}:`);
  }
}

/**
 * Reads one tag's value (continuation lines after "\n", as in the file). `currency` is the statement's currency, for
 * the decimals of a `:61:` amount and for a balance written without one. Throws StatementParseError located at
 * `options.line` (default 1).
 */
export function parseMt940Tag(tag: string, value: string, options: { currency?: string | null; line?: number } = {}): Mt940TagValue {
  const result = readTag(tag.toUpperCase(), value.replace(/\r\n?/g, '\n'), options.currency ?? null);
  if (!result.ok) throw new StatementParseError('mt940', [{ location: `line ${options.line ?? 1}`, message: result.message }]);
  return result.value;
}

// ---------------------------------------------------------------------------------------------------------------
// Lines to fields
// ---------------------------------------------------------------------------------------------------------------

export interface Mt940Field {
  tag: string;
  /** 1-based line number of the tag */
  line: number;
  /** physical lines: the first without its ":tag:" prefix, then the continuation lines */
  lines: string[];
}

type Item =
  | { kind: 'field'; field: Mt940Field }
  /** a "-" line, "-}" or the start of a FIN envelope: the message ends */
  | { kind: 'end'; line: number; messageType?: string }
  /** text that belongs to no field */
  | { kind: 'stray'; line: number; text: string };

const tagLine = /^:([0-9]{2}[A-Z]?|NS):/;
const multilineTags = new Set(['61', '86', 'NS']);
// eslint-disable-next-line no-control-regex
const controlChars = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

function splitItems(text: string): Item[] {
  const raw = text.split(/\r\n|\r|\n/);
  const items: Item[] = [];
  let current: Mt940Field | null = null;
  const push = (lineNo: number, line: string) => {
    const tagged = tagLine.exec(line);
    if (tagged) {
      const tag = tagged[1] ?? '';
      if (knownMt940Tags.has(tag) || !current || !multilineTags.has(current.tag)) {
        current = { tag, line: lineNo, lines: [line.slice(tagged[0].length)] };
        items.push({ kind: 'field', field: current });
        return;
      }
    }
    if (line.trim() === '') return;
    if (current && (multilineTags.has(current.tag) || (current.tag === '25P' && current.lines.length < 2))) {
      current.lines.push(line);
      return;
    }
    items.push({ kind: 'stray', line: lineNo, text: line });
  };
  for (let i = 0; i < raw.length; i++) {
    const lineNo = i + 1;
    let line = (raw[i] ?? '').replace(controlChars, '');
    const bare = line.replace(/\u00ad/g, '').trim();
    if (/^\{[1-5]:/.test(bare)) {
      // A FIN envelope: {1:…}{2:O940…}{3:…}{4: and maybe the first tag on the same line.
      const type = /\{2:[IO](\d{3})/.exec(bare);
      items.push({ kind: 'end', line: lineNo, ...(type ? { messageType: type[1] } : {}) });
      current = null;
      const body = bare.indexOf('{4:');
      if (body < 0) continue;
      line = bare.slice(body + 3);
      if (line.trim() === '') continue;
    } else if (/^-(?:\}.*|X{1,4})?$/.test(bare)) {
      items.push({ kind: 'end', line: lineNo });
      current = null;
      continue;
    } else if (bare === ':' && tagLine.test(`:${(raw[i + 1] ?? '').replace(controlChars, '')}`)) {
      // Sparkasse: ":" alone, then "86:…" on the next line.
      i += 1;
      line = `:${(raw[i] ?? '').replace(controlChars, '')}`;
    }
    push(lineNo, line);
  }
  return items;
}

/** The file's tags with their continuation lines, in order (envelopes, "-" lines and stray text left out). */
export function splitMt940Fields(text: string): Mt940Field[] {
  return splitItems(text).flatMap((item) => (item.kind === 'field' ? [item.field] : []));
}

// ---------------------------------------------------------------------------------------------------------------
// Fields to statements
// ---------------------------------------------------------------------------------------------------------------

const maxFaults = 100;
/** SWIFT allows 6 x 65 characters in an :86:; banks overrun that, but not by this much. */
const maxInformationChars = 20_000;

class Faults {
  readonly list: StatementFault[] = [];
  add(line: number, message: string) {
    if (this.list.length < maxFaults) this.list.push({ location: `line ${line}`, message });
    else if (this.list.length === maxFaults) this.list.push({ location: `line ${line}`, message: 'too many faults; the rest are not listed' });
  }
}

interface PendingEntry {
  field: Mt940Field;
  line: Mt940StatementLine;
  information: string[][];
  informationChars: number;
}

interface Draft {
  start: Mt940Field;
  messageType: string | undefined;
  fields: Mt940Field[];
}

function statementCurrency(draft: Draft): string | null {
  const pick = (tag: string, pattern: RegExp) => {
    for (const field of draft.fields) if (field.tag === tag) {
      const m = pattern.exec((field.lines[0] ?? '').trim());
      if (m?.[1]) return m[1];
    }
    return null;
  };
  const fromAccount = () => {
    const field = draft.fields.find((f) => f.tag === '25' || f.tag === '25P');
    const account = field ? readAccount(field.lines.join('\n')) : undefined;
    return account?.ok ? account.value.currency : null;
  };
  return (
    pick('60F', /^[CD]\d{6}([A-Z]{3})/) ??
    pick('60M', /^[CD]\d{6}([A-Z]{3})/) ??
    pick('34F', /^([A-Z]{3})/) ??
    fromAccount() ??
    pick('62F', /^[CD]\d{6}([A-Z]{3})/) ??
    pick('62M', /^[CD]\d{6}([A-Z]{3})/) ??
    pick('90D', /^\d+([A-Z]{3})/) ??
    pick('90C', /^\d+([A-Z]{3})/)
  );
}

function buildStatement(draft: Draft, faults: Faults, entryBudget: { left: number }): ParsedStatement | null {
  const before = faults.list.length;
  const has = (tag: string) => draft.fields.some((f) => f.tag === tag);
  const mt942 =
    draft.messageType === '942' ||
    (!has('60F') && !has('60M') && (has('34F') || has('13D') || has('13') || has('90D') || has('90C')));
  const currency = statementCurrency(draft);
  const reference20 = cleanText(draft.start.lines[0] ?? '');
  if (reference20 === '') faults.add(draft.start.line, 'empty :20: transaction reference');
  let account: Mt940Account | null = null;
  let number: Mt940StatementNumber | null = null;
  let createdAt: string | null = null;
  let opening: StatementBalance | null = null;
  let closing: StatementBalance | null = null;
  let available: StatementBalance | null = null;
  const forward: StatementBalance[] = [];
  const pending: PendingEntry[] = [];
  const statementInfo: string[] = [];
  let attachTo: PendingEntry | null = null;
  let debitSummary: Mt940EntrySummary | null = null;
  let creditSummary: Mt940EntrySummary | null = null;

  for (const field of draft.fields) {
    const { tag, line } = field;
    if (tag !== '86' && tag !== 'NS') attachTo = null;
    if (!knownMt940Tags.has(tag)) {
      faults.add(line, `unknown tag :${tag}:`);
      continue;
    }
    if (tag === '86') {
      // read once the entry's fields are all collected (several :86: may follow one :61:)
      const size = field.lines.reduce((n, l) => n + l.length + 1, 0);
      if (size + (attachTo?.informationChars ?? 0) > maxInformationChars) faults.add(line, `:86: longer than ${maxInformationChars} characters`);
      else if (attachTo) {
        attachTo.information.push(field.lines);
        attachTo.informationChars += size;
      } else if (statementInfo.length < 10) statementInfo.push(joinWrapped(field.lines, 4));
      continue;
    }
    const read = readTag(tag, field.lines.join('\n'), currency);
    if (!read.ok) {
      faults.add(line, `:${tag}: ${read.message}`);
      continue;
    }
    const value = read.value;
    switch (value.tag) {
      case '20':
      case '21':
      case 'NS':
        break;
      case '25':
      case '25P':
        if (account) faults.add(line, `second :${tag}: account identification inside the statement that starts at line ${draft.start.line} (a mis-tagged field?)`);
        else account = value.account;
        break;
      case '28':
      case '28C':
        if (number) faults.add(line, `second :${tag}: statement number in one statement`);
        else number = value.statementNumber;
        break;
      case '13':
      case '13D':
        createdAt ??= value.dateTime;
        break;
      case '34F':
        break;
      case '60F':
      case '60M':
        if (opening) faults.add(line, `second opening balance :${tag}: in one statement`);
        else if (pending.length > 0) faults.add(line, `opening balance :${tag}: after the statement's entries`);
        else opening = value.balance;
        break;
      case '62F':
      case '62M':
        if (closing) faults.add(line, `second closing balance :${tag}: in one statement`);
        else if (!opening) faults.add(line, `closing balance :${tag}: without an opening balance :60F:`);
        else if (value.balance.currency !== opening.currency) faults.add(line, `closing balance in ${value.balance.currency}, opening balance in ${opening.currency}`);
        else closing = value.balance;
        break;
      case '64':
        if (available) faults.add(line, 'second closing available balance :64: in one statement');
        else available = value.balance;
        break;
      case '65':
        forward.push(value.balance);
        break;
      case '61':
        if (!mt942 && !opening) faults.add(line, ':61: statement line before the opening balance :60F:');
        else if (closing) faults.add(line, ':61: statement line after the closing balance');
        else if (entryBudget.left <= 0) faults.add(line, `more than ${maxEntriesPerFile} entries in one file`);
        else {
          entryBudget.left -= 1;
          attachTo = { field, line: value.line, information: [], informationChars: 0 };
          pending.push(attachTo);
        }
        break;
      case '86':
        break;
      case '90D':
        debitSummary ??= value.summary;
        break;
      case '90C':
        creditSummary ??= value.summary;
        break;
    }
  }

  if (!account) faults.add(draft.start.line, 'statement has no :25: account identification');
  if (!mt942) {
    if (!opening && !has('60F') && !has('60M')) faults.add(draft.start.line, 'statement has no opening balance :60F:/:60M:');
    if (!closing && !has('62F') && !has('62M')) faults.add(draft.start.line, 'statement has no closing balance :62F:/:62M: (file cut short?)');
  }
  if (!currency) faults.add(draft.start.line, 'statement gives no currency (no :60F: or :34F:)');
  if (faults.list.length > before || !account || !currency) return null;

  const entries: StatementEntry[] = pending.map(({ field, line, information }) => {
    const info = information.length > 0 ? readInformation(information) : null;
    const counterparty: StatementParty = info ? { ...info.counterparty } : { ...emptyParty };
    // Rabobank puts the counterparty's IBAN alone on the supplementary-details line.
    const supplementary = line.supplementaryDetails ?? '';
    if (counterparty.iban === null && ibanShape.test(supplementary)) counterparty.iban = supplementary;
    // Rabobank's ":61:…N102EREF" says: the end-to-end id is the /EREF/ in the :86:.
    const customerReference = line.customerReference === 'EREF' && info?.endToEndReference ? null : line.customerReference;
    return {
      location: `line ${field.line}`,
      bookingDate: line.entryDate,
      valueDate: line.valueDate,
      amountMinor: line.amountMinor,
      currency,
      bankReference: line.bankReference,
      customerReference: customerReference ?? info?.endToEndReference ?? null,
      structuredReference: info?.structuredReference ?? null,
      remittanceText: info?.remittanceText ?? '',
      counterparty,
      transactionCode: line.transactionCode,
      reversal: line.reversal,
    };
  });

  let iban = account.iban;
  if (iban === null) {
    for (const info of statementInfo) {
      const announced = /IBAN[^A-Z0-9\n]{0,15}([A-Z]{2}\d{2}[A-Z0-9]{11,30})/.exec(info.toUpperCase());
      if (announced && ibanChecksumHolds(announced[1] ?? '')) {
        iban = announced[1] ?? null;
        break;
      }
    }
  }

  const balances = [opening, closing, available, ...forward].filter((b): b is StatementBalance => b !== null);
  const bothSummaries = debitSummary !== null && creditSummary !== null;
  return {
    format: mt942 ? 'mt942' : 'mt940',
    statementId: number ? `${reference20}/${number.raw}` : reference20,
    sequenceNumber: number?.raw ?? null,
    account: { iban, accountNumber: account.accountNumber, bic: null, currency: account.currency ?? currency },
    createdAt,
    balances,
    entries,
    declared: {
      entryCount: bothSummaries ? (debitSummary?.count ?? 0) + (creditSummary?.count ?? 0) : null,
      creditTotalMinor: creditSummary?.amountMinor ?? null,
      debitTotalMinor: debitSummary?.amountMinor ?? null,
    },
  };
}

/**
 * Parses a whole MT940/MT942 file (one or many statements). Refuses the whole file with StatementParseError('mt940')
 * listing every fault by line. Never throws anything else.
 */
export function parseMt940(text: string): ParsedStatement[] {
  const faults = new Faults();
  if (text.length > maxStatementFileBytes) {
    throw new StatementParseError('mt940', [{ location: 'line 1', message: `file larger than ${maxStatementFileBytes} bytes` }]);
  }
  const drafts: Draft[] = [];
  let draft: Draft | null = null;
  let messageType: string | undefined;
  for (const item of splitItems(text.replace(/^\ufeff/, ''))) {
    if (item.kind === 'end') {
      draft = null;
      if (item.messageType !== undefined) messageType = item.messageType;
    } else if (item.kind === 'stray') {
      if (draft) faults.add(item.line, `unexpected text ${quote(item.text.trim())} after :${draft.fields.at(-1)?.tag ?? '20'}:`);
    } else if (item.field.tag === '20') {
      draft = { start: item.field, messageType, fields: [item.field] };
      drafts.push(draft);
    } else if (!draft) {
      faults.add(item.field.line, `:${item.field.tag}: outside a statement (a statement starts with :20:)`);
    } else {
      draft.fields.push(item.field);
    }
    if (drafts.length > maxEntriesPerFile) {
      faults.add(item.kind === 'field' ? item.field.line : item.line, `more than ${maxEntriesPerFile} statements in one file`);
      break;
    }
  }
  if (drafts.length === 0 && faults.list.length === 0) faults.add(1, 'no MT940 statement found (no :20: tag)');
  const entryBudget = { left: maxEntriesPerFile };
  const statements: ParsedStatement[] = [];
  for (const d of drafts) {
    const statement = buildStatement(d, faults, entryBudget);
    if (statement) statements.push(statement);
  }
  if (faults.list.length > 0) {
    const lineOf = (fault: StatementFault) => Number(/\d+/.exec(fault.location)?.[0] ?? 0);
    throw new StatementParseError('mt940', [...faults.list].sort((a, b) => lineOf(a) - lineOf(b)));
  }

  // Same account and id twice in one file (Rabobank reuses ":20:940S130101" + ":28C:0"): number the repeats.
  const seen = new Map<string, number>();
  for (const statement of statements) {
    const key = [statement.account.iban, statement.account.accountNumber, statement.account.currency, statement.statementId].join('\u0000');
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    if (count > 1) statement.statementId = `${statement.statementId}#${count}`;
  }
  return statements;
}
