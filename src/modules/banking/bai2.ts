/**
 * BAI2 (BAI Version 2 cash management balance reporting) files. Pure: text in, one statement per account (03 record)
 * out, or the whole file refused with every fault located by 1-based physical line.
 *
 * Record layout (fields separated by ",", a record ends with "/"):
 *   01 file header      sender, receiver, creation date YYMMDD, time, file id, record length, block size, version 2
 *   02 group header     ultimate receiver, originator, group status, as-of date, as-of time, currency, date modifier
 *   03 account          account number, currency, then repeated: type code, amount, item count, funds type (+ extras)
 *   16 detail           type code, amount, funds type (+ extras), bank reference, customer reference, text
 *   88 continuation     continues the record before it (for a 16 whose text has begun: more text)
 *   49 account trailer  control total (every 03/16/88 amount of the account), record count (03 to 49 inclusive)
 *   98 group trailer    control total, number of accounts, number of records (02 to 98 inclusive)
 *   99 file trailer     control total, number of groups, number of records (01 to 99 inclusive)
 * Funds type extras: "S" three amounts (immediate, one-day, two-or-more-day), "V" value date YYMMDD and time,
 * "D" a count n then n pairs of days and amount; "0", "1", "2", "Z" and blank carry none.
 *
 * What real files do and how it is read (see ../shared/data/SOURCES.md):
 * - Records are one to a physical line, several to a line ("…,2/   02,…"), or a record's text wrapped onto a line
 *   that does not start with a record code. A "/" followed by a known record code plus comma starts a new record
 *   ("…,2/02,…"); after a 16 or its 88s, whose references and text may hold "REF/2024/01,…", a blank is required
 *   between them ("…PPD/ 16,…"). A line that does not start with "NN," continues the previous record when that
 *   record was not closed by "/" (a closed record followed by such a line is refused). A text that really contains
 *   "/ 16," would be split there: the record counts in the trailers then disagree and the file is refused, not misread.
 * - "/" also occurs inside references and texts ("AB/GS/RPFILERP0001/RPBA0001", "08/18/23"): only a "/" at the very
 *   end of a record is a terminator, and the fields of a 16 are taken by position, so the text (everything after the
 *   customer reference) keeps its commas, quotes and slashes. The terminator may be missing (99 without "/", 88 text
 *   lines), and a line may have blanks after it.
 * - A trailing comma before the "/" of an 03 or its 88 ("015,35217175,,,/") is not an extra summary field.
 * - "88:EREF: …" (moov-io sample5, a colon for the comma) is not a record: it follows an open 16 text, so it is read
 *   as a wrapped line of that text and nothing is lost.
 * - Times are HHMM, HH:MM:SS (NatWest "14:59:35") or 2400/9999 for end of day; createdAt is the 01 date and time as
 *   local "YYYY-MM-DDTHH:MM:SS" (BAI2 has no zone), or the date alone when the time is blank.
 * - Group status 1 (update) and 3 (correction) are read; 2 (deletion) and 4 (test only) are refused.
 * - Continuation text lines are joined with a space (a word the bank cut at column 80 reads "CLIE NT").
 * - Blank control totals (49 with ",,2/") declare nothing; the check is reported as not declared.
 * - The 02 originator is the reporting bank's identification: a routing number, or a BIC, which is then given as
 *   the account's bic.
 * - Account numbers can repeat under one as-of date (moov-io sample1, sample3); the statementId
 *   `${fileId}:${accountNumber}:${asOfDate}` then gets "#2", "#3", … so it stays unique and stable within the file.
 *
 * Type codes (BAI2 specification table, also the ranges Oracle/JD Edwards document for 09/BA):
 *   001–099 account status → balances (010 OPBD, 015 CLBD, 040 OPAV, 045 CLAV, any other "BAI:nnn")
 *   100–399 credits (positive entries), 400–699 debits (negative entries)
 *   701–719 loan status → balances; 720–728 loan credits; 760 loan debit; other 7xx have no direction → refused in 16
 *   890 non-monetary information → entry with amount 0 (the amount still counts in the control total)
 *   900–919 customized status → balances; 920–959 customized credits; 960–999 customized debits
 * Summary codes in an 03 (100 total credits, 400 total debits, …) are activity totals, not balances: they are returned
 * by parseBai2WithChecks (activitySummaries), count in the control total, and are not put in `declared`, since banks
 * summarise activity they do not detail (moov-io sample2: 100 = 60000000 with 30000000 of detail).
 *
 * Amounts are the currency's minor units without a decimal point (BAI2 implies the currency's decimals), so they are
 * read as integers as written, not through decimalToMinor. Balances and summaries may be signed; a 16 amount is
 * unsigned (its type code gives the direction) and a "-" there is refused.
 *
 * Trailers are verified: 49 control total and record count, 98 control total, account count and record count, 99
 * control total, group count and record count. Every total is compared with the amounts actually parsed at its
 * level (a 98 with the sum of its accounts' amounts, not with the declared 49 totals). A mismatch refuses the
 * file with a located fault. `trailerMismatch: 'report'` downgrades only those mismatches to reported checks, for a
 * caller that knowingly imports a file whose trailers were edited by hand (moov-io sample4/sample5: an account was
 * spliced into an existing file; it needs the opt-in and is otherwise refused).
 */
import { isKnownCurrency } from '../../kernel/currency.js';
import {
  cleanText,
  emptyParty,
  maxEntriesPerFile,
  maxStatementFileBytes,
  type ParsedStatement,
  type StatementBalance,
  type StatementEntry,
  type StatementFault,
  StatementParseError,
  yymmddToIso,
} from './statement.js';

export type Bai2TrailerCheckKind =
  | 'account-control-total'
  | 'account-record-count'
  | 'group-control-total'
  | 'group-account-count'
  | 'group-record-count'
  | 'file-control-total'
  | 'file-group-count'
  | 'file-record-count';

/** One trailer check the parser ran: what the trailer declares against what was parsed. */
export interface Bai2TrailerCheck {
  kind: Bai2TrailerCheckKind;
  /** the trailer record: 'line N' */
  location: string;
  /** what the check covers: the account number, the group originator, or 'file' */
  scope: string;
  /** the trailer's value; null when the bank left the field blank (nothing declared) */
  declared: bigint | null;
  computed: bigint;
  outcome: 'match' | 'mismatch' | 'not-declared';
}

/** An 03 summary that is not a balance (100 total credits, 400 total debits, …). */
export interface Bai2ActivitySummary {
  location: string;
  typeCode: string;
  /** null when the amount field was blank */
  amountMinor: bigint | null;
  itemCount: number | null;
}

export interface Bai2ParseResult {
  statements: ParsedStatement[];
  /** parallel to statements */
  activitySummaries: Bai2ActivitySummary[][];
  /** every trailer check performed, in file order */
  checks: Bai2TrailerCheck[];
}

export interface Bai2Options {
  /** 'refuse' (default): a trailer that disagrees with the parsed content refuses the file. 'report': it is only reported in `checks`. */
  trailerMismatch?: 'refuse' | 'report';
}

/** One statement per account (03 record); refuses the whole file with StatementParseError('bai2', faults). */
export function parseBai2(text: string, options: Bai2Options = {}): ParsedStatement[] {
  return parseBai2WithChecks(text, options).statements;
}

const recordCodes = new Set(['01', '02', '03', '16', '49', '88', '98', '99']);
/** "/" then optional blanks then a record code and its comma: the next record on the same physical line. */
const recordBreak = /\/([ \t]*)(?=(?:01|02|03|16|49|88|98|99),)/g;
const maxFaults = 50;
/** longest amount or count accepted (BigInt of a huge digit string is slow, and no bank needs more) */
const maxNumberLength = 30;
/** most days a "D" (distributed availability) funds type may list */
const maxDistributions = 100;

const balanceKinds: Readonly<Record<string, string>> = { '010': 'OPBD', '015': 'CLBD', '040': 'OPAV', '045': 'CLAV' };
/** type codes whose entry reverses an earlier one (debit reversal, ACH reversal credit/debit, check reversal, credit reversal, deposit reversal) */
const reversalCodes = new Set(['252', '258', '395', '552', '558', '694']);

export type Bai2TypeCodeDirection = 'status' | 'credit' | 'debit' | 'non-monetary' | 'unknown';

/** What a BAI2 type code means, by the specification's ranges (see the module comment). */
export function bai2TypeCodeDirection(code: string): Bai2TypeCodeDirection {
  if (!/^\d{3}$/.test(code)) return 'unknown';
  const n = Number(code);
  if (n >= 1 && n <= 99) return 'status';
  if (n >= 100 && n <= 399) return 'credit';
  if (n >= 400 && n <= 699) return 'debit';
  if (n >= 701 && n <= 719) return 'status';
  if (n >= 720 && n <= 728) return 'credit';
  if (n === 760) return 'debit';
  if (n === 890) return 'non-monetary';
  if (n >= 900 && n <= 919) return 'status';
  if (n >= 920 && n <= 959) return 'credit';
  if (n >= 960 && n <= 999) return 'debit';
  return 'unknown';
}

class Refusal extends Error {}

class Faults {
  readonly list: StatementFault[] = [];
  add(line: number, message: string): void {
    this.list.push({ location: `line ${line}`, message });
    if (this.list.length >= maxFaults) {
      this.list.push({ location: `line ${line}`, message: `stopped after ${maxFaults} faults` });
      throw new Refusal();
    }
  }
  /** a fault after which nothing further can be read sensibly */
  fatal(line: number, message: string): never {
    this.list.push({ location: `line ${line}`, message });
    throw new Refusal();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Physical lines → logical records

interface Piece {
  line: number;
  /** the content after "NN," (the record's own, or an 88's) */
  raw: string;
  /** the "/" terminator was seen (and, when splitting a line, already removed) */
  terminated: boolean;
  terminatorRemoved: boolean;
}

interface LogicalRecord {
  code: string;
  line: number;
  /** the record's own content, then one piece per 88 continuation */
  pieces: Piece[];
}

function looksLikeLockbox(firstLine: string): boolean {
  // BAI lockbox: fixed-width records typed by one digit (1 header, 2 service, 5 batch, 6 detail, 4 overflow, 7, 8, 9)
  return /^1\d{2}[^,]*$/.test(firstLine.trim());
}

function readRecords(text: string, faults: Faults): LogicalRecord[] {
  const lines = text.split(/\r\n|\r|\n/);
  const records: LogicalRecord[] = [];
  let lastPiece: Piece | undefined;
  let seenRecord = false;
  for (let i = 0; i < lines.length; i += 1) {
    const lineNo = i + 1;
    const line = (lines[i] ?? '').trimEnd();
    if (line.trim() === '') continue;
    if (!seenRecord && looksLikeLockbox(line)) {
      faults.fatal(
        lineNo,
        'this is a BAI lockbox transmission (fixed-width records typed 1, 2, 5, 6, 4, 7, 8, 9), not BAI2 balance reporting: import it as a lockbox file',
      );
    }
    const lead = /^[ \t]*(\d{2}),/.exec(line);
    if (!lead) {
      if (lastPiece && !lastPiece.terminated) {
        // a wrapped line: the previous record (not closed by "/") continues here
        lastPiece.raw += `\n${line}`;
        lastPiece.terminated = line.endsWith('/');
        continue;
      }
      if (!seenRecord) faults.fatal(lineNo, 'not a BAI2 file: a BAI2 file starts with a 01 file header record ("01,sender,receiver,…")');
      faults.add(lineNo, 'not a BAI2 record: expected a two-digit record code and a comma, and the record before it was already closed by "/"');
      lastPiece = undefined;
      continue;
    }
    const body = line.slice(lead[0].length - 3);
    const emit = (segment: string, split: boolean): void => {
      const code = segment.slice(0, 2);
      const piece: Piece = { line: lineNo, raw: segment.slice(3), terminated: split || segment.endsWith('/'), terminatorRemoved: split };
      if (!recordCodes.has(code)) {
        if (!seenRecord) faults.fatal(lineNo, `unknown record type "${code}": a BAI2 file starts with a 01 file header record`);
        faults.add(lineNo, `unknown record type "${code}" (BAI2 has 01, 02, 03, 16, 49, 88, 98, 99)`);
        lastPiece = undefined;
        return;
      }
      seenRecord = true;
      if (code === '88') {
        const previous = records[records.length - 1];
        if (!previous) faults.fatal(lineNo, '88 continuation record with no record before it to continue');
        previous.pieces.push(piece);
      } else {
        records.push({ code, line: lineNo, pieces: [piece] });
      }
      lastPiece = piece;
    };
    let start = 0;
    recordBreak.lastIndex = 3;
    for (let m = recordBreak.exec(body); m !== null; m = recordBreak.exec(body)) {
      // In a 16 (or an 88 continuing one) references and text may hold "/": there "REF/2024/01,…" is not a new
      // record, so a blank is required between the "/" and the next record code. Other records hold no "/".
      const code = body.slice(start, start + 2);
      const textual = code === '16' || (code === '88' && records[records.length - 1]?.code === '16');
      if (textual && (m[1] ?? '') === '') continue;
      emit(body.slice(start, m.index), true);
      start = m.index + m[0].length;
      recordBreak.lastIndex = start + 3;
    }
    emit(body.slice(start), false);
  }
  return records;
}

/** The piece's content without its "/" terminator. */
function contentOf(piece: Piece): string {
  const raw = piece.raw.trimEnd();
  if (!piece.terminatorRemoved && raw.endsWith('/')) return raw.slice(0, -1);
  return raw;
}

interface Field {
  value: string;
  line: number;
  /** the last field of its record or continuation (a trailing comma before "/" yields an empty one) */
  lastOfPiece: boolean;
}

function fieldsOf(record: LogicalRecord): Field[] {
  const fields: Field[] = [];
  for (const piece of record.pieces) {
    const parts = contentOf(piece).split(',');
    parts.forEach((part, i) => fields.push({ value: part.trim(), line: piece.line, lastOfPiece: i === parts.length - 1 }));
  }
  return fields;
}

// ---------------------------------------------------------------------------------------------------------------
// Field values

function parseNumber(raw: string, signed: boolean): bigint | undefined {
  if (raw.length > maxNumberLength) return undefined;
  if (!(signed ? /^[+-]?\d+$/ : /^\+?\d+$/).test(raw)) return undefined;
  return BigInt(raw);
}

function parseCount(raw: string): number | undefined {
  if (!/^\d{1,9}$/.test(raw)) return undefined;
  return Number(raw);
}

type Clock = { hour: number; minute: number; second: number } | 'end-of-day';

/** HHMM, HH:MM, HH:MM:SS (NatWest writes "14:59:35"); 2400 and 9999 mean end of day. */
function parseTime(raw: string): Clock | undefined {
  if (raw === '2400' || raw === '24:00' || raw === '9999') return 'end-of-day';
  const m = /^(\d{2}):?(\d{2})(?::?(\d{2}))?$/.exec(raw);
  if (!m) return undefined;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  const second = Number(m[3] ?? '0');
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return { hour, minute, second };
}

function headerDate(raw: string): string | undefined {
  const parsed = yymmddToIso(raw);
  return parsed && !parsed.clamped ? parsed.date : undefined;
}

function dateTime(date: string, clock: Clock): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  if (clock === 'end-of-day') {
    const next = new Date(`${date}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    return `${next.toISOString().slice(0, 10)}T00:00:00`;
  }
  return `${date}T${pad(clock.hour)}:${pad(clock.minute)}:${pad(clock.second)}`;
}

const fundsTypes = new Set(['', '0', '1', '2', 'S', 'V', 'D', 'Z']);

/** How many fields the funds type's extras take, given the fields that follow it (for "D": its count). */
function fundsExtras(fundsType: string, countField: string | undefined): number {
  if (fundsType === 'S') return 3;
  if (fundsType === 'V') return 2;
  if (fundsType === 'D') {
    const n = countField === undefined ? undefined : parseCount(countField);
    return 1 + 2 * (n !== undefined && n <= maxDistributions ? n : 0);
  }
  return 0;
}

interface FundsInfo {
  valueDate: string | null;
}

/** Validates a funds type and its extras; `extras` are the fields after it. */
function checkFunds(fundsType: string, extras: string[], line: number, faults: Faults): FundsInfo {
  if (!fundsTypes.has(fundsType)) {
    faults.add(line, `unknown funds type "${fundsType}" (BAI2 has 0, 1, 2, S, V, D, Z or blank)`);
    return { valueDate: null };
  }
  if (fundsType === 'S') {
    for (const value of extras) {
      if (value !== '' && parseNumber(value, true) === undefined) faults.add(line, `funds type S availability amount "${value}" is not a number`);
    }
  } else if (fundsType === 'V') {
    const [date = '', time = ''] = extras;
    const parsed = yymmddToIso(date);
    if (!parsed) {
      faults.add(line, `funds type V value date "${date}" is not a YYMMDD date`);
      return { valueDate: null };
    }
    if (time !== '' && !parseTime(time)) faults.add(line, `funds type V value time "${time}" is not a time`);
    return { valueDate: parsed.date };
  } else if (fundsType === 'D') {
    const [countRaw = '', ...pairs] = extras;
    const count = parseCount(countRaw);
    if (count === undefined || count > maxDistributions) {
      faults.add(line, `funds type D needs the number of distributions (at most ${maxDistributions}), found "${countRaw}"`);
    } else {
      for (let i = 0; i < pairs.length; i += 2) {
        const days = pairs[i] ?? '';
        const amount = pairs[i + 1] ?? '';
        if (parseCount(days) === undefined) faults.add(line, `funds type D availability days "${days}" is not a number`);
        if (parseNumber(amount, true) === undefined) faults.add(line, `funds type D availability amount "${amount}" is not a number`);
      }
    }
  }
  return { valueDate: null };
}

// ---------------------------------------------------------------------------------------------------------------
// 16 transaction detail: fields by position, the text is the rest

/**
 * Reads a 16 and its 88s. Until the text has begun, an 88 continues the field list (fields are never split across
 * records); once it has, an 88 is more text.
 */
class DetailReader {
  readonly pre: string[] = [];
  text: string | null = null;

  /** type, amount, funds type, its extras, bank reference, customer reference */
  private needed(): number {
    if (this.pre.length < 3) return 5;
    const funds = (this.pre[2] ?? '').trim();
    return 5 + fundsExtras(funds, this.pre[3]?.trim());
  }

  feed(content: string): void {
    if (this.text !== null) {
      this.text += `\n${content}`;
      return;
    }
    let position = 0;
    for (;;) {
      if (this.pre.length >= this.needed()) {
        this.text = content.slice(position);
        return;
      }
      const comma = content.indexOf(',', position);
      if (comma < 0) {
        this.pre.push(content.slice(position));
        return;
      }
      this.pre.push(content.slice(position, comma));
      position = comma + 1;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The file

interface FileState {
  line: number;
  fileId: string;
  createdAt: string | null;
  groups: number;
  records: number;
  total: bigint;
}

interface GroupState {
  line: number;
  originator: string;
  bic: string | null;
  asOfDate: string;
  currency: string | null;
  accounts: number;
  records: number;
  total: bigint;
}

interface AccountState {
  line: number;
  statement: ParsedStatement;
  summaries: Bai2ActivitySummary[];
  records: number;
  total: bigint;
}

const bicPattern = /^[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/;

/**
 * Parses a BAI2 file and returns, besides the statements, every trailer check it ran (so callers and tests can see
 * them) and the 03 activity summaries. Throws StatementParseError('bai2', faults) and nothing else.
 */
export function parseBai2WithChecks(text: string, options: Bai2Options = {}): Bai2ParseResult {
  const faults = new Faults();
  try {
    return parseFile(text, options, faults);
  } catch (error) {
    if (error instanceof Refusal) throw new StatementParseError('bai2', faults.list);
    throw error;
  }
}

function parseFile(text: string, options: Bai2Options, faults: Faults): Bai2ParseResult {
  if (text.length > maxStatementFileBytes) faults.fatal(1, `file too large (more than ${maxStatementFileBytes} characters)`);
  // a byte-order mark, and a DOS end-of-file byte (0x1A) with blanks after the last record, are not content
  let end = text.length;
  while (end > 0 && (text.charAt(end - 1) === '\u001a' || text.charAt(end - 1).trim() === '')) end -= 1;
  const source = text.slice(text.startsWith('\uFEFF') ? 1 : 0, end);
  const records = readRecords(source, faults);
  if (faults.list.length > 0) throw new Refusal();
  if (records.length === 0) faults.fatal(1, 'empty file: no BAI2 records');

  const refuseMismatch = (options.trailerMismatch ?? 'refuse') === 'refuse';
  const statements: ParsedStatement[] = [];
  const activitySummaries: Bai2ActivitySummary[][] = [];
  const checks: Bai2TrailerCheck[] = [];
  const statementIds = new Map<string, number>();
  let file: FileState | undefined;
  let group: GroupState | undefined;
  let account: AccountState | undefined;
  let ended = false;
  let entryCount = 0;

  const check = (kind: Bai2TrailerCheckKind, line: number, scope: string, declared: bigint | null, computed: bigint, what: string) => {
    const outcome = declared === null ? 'not-declared' : declared === computed ? 'match' : 'mismatch';
    checks.push({ kind, location: `line ${line}`, scope, declared, computed, outcome });
    if (outcome === 'mismatch' && refuseMismatch) faults.add(line, `${what}: ${declared} declared, ${computed} found`);
  };
  const trailerNumber = (field: Field | undefined, line: number, label: string): bigint | null => {
    const value = field?.value ?? '';
    if (value === '') return null;
    const parsed = parseNumber(value, true);
    if (parsed === undefined) faults.add(field?.line ?? line, `${label} "${value}" is not a number`);
    return parsed ?? null;
  };

  for (const record of records) {
    const { code, line } = record;
    const physicalRecords = record.pieces.length;
    if (ended) faults.fatal(line, `record ${code} after the 99 file trailer`);
    if (file) file.records += physicalRecords;
    if (group) group.records += physicalRecords;
    if (account) account.records += physicalRecords;

    switch (code) {
      case '01': {
        if (file) faults.fatal(line, '01 file header inside a file: the previous file has no 99 trailer');
        const f = fieldsOf(record).map((x) => x.value);
        const [, , dateRaw = '', timeRaw = '', fileId = '', , , version = ''] = f;
        if (version !== '2') faults.fatal(line, `BAI version "${version}" is not supported: only BAI2 (version 2) is`);
        const date = headerDate(dateRaw);
        if (!date) faults.add(line, `file creation date "${dateRaw}" is not a YYMMDD date`);
        const clock = timeRaw === '' ? undefined : parseTime(timeRaw);
        if (timeRaw !== '' && !clock) faults.add(line, `file creation time "${timeRaw}" is not a time`);
        if (fileId === '') faults.add(line, 'file identification number is blank');
        file = {
          line,
          fileId,
          createdAt: date ? (clock ? dateTime(date, clock) : date) : null,
          groups: 0,
          records: physicalRecords,
          total: 0n,
        };
        break;
      }
      case '02': {
        if (!file) faults.fatal(line, '02 group header before the 01 file header');
        if (group) faults.fatal(line, '02 group header while the previous group has no 98 trailer');
        const [, originator = '', status = '', dateRaw = '', timeRaw = '', currencyRaw = '', modifier = ''] = fieldsOf(record).map((x) => x.value);
        if (status === '2') faults.add(line, 'group status 2 (deletion of previously sent data) cannot be imported as statements');
        else if (status === '4') faults.add(line, 'group status 4 (test only) cannot be imported as statements');
        else if (status !== '1' && status !== '3') faults.add(line, `group status "${status}" is not 1 (update) or 3 (correction)`);
        const asOfDate = headerDate(dateRaw);
        if (!asOfDate) faults.add(line, `as-of date "${dateRaw}" is not a YYMMDD date`);
        if (timeRaw !== '' && !parseTime(timeRaw)) faults.add(line, `as-of time "${timeRaw}" is not a time`);
        if (currencyRaw !== '' && !isKnownCurrency(currencyRaw)) faults.add(line, `unknown currency "${currencyRaw}"`);
        if (modifier !== '' && !/^[1-4]$/.test(modifier)) faults.add(line, `as-of date modifier "${modifier}" is not 1–4`);
        file.groups += 1;
        group = {
          line,
          originator,
          bic: bicPattern.test(originator) ? originator : null,
          asOfDate: asOfDate ?? '',
          currency: currencyRaw === '' || !isKnownCurrency(currencyRaw) ? null : currencyRaw,
          accounts: 0,
          records: physicalRecords,
          total: 0n,
        };
        break;
      }
      case '03': {
        if (!group) faults.fatal(line, '03 account identifier outside a group (no 02 group header before it)');
        if (account) faults.fatal(line, `03 account identifier while account ${account.statement.account.accountNumber ?? ''} has no 49 trailer`);
        group.accounts += 1;
        account = readAccount(record, file as FileState, group, statementIds, faults);
        statements.push(account.statement);
        activitySummaries.push(account.summaries);
        break;
      }
      case '16': {
        if (!account) faults.fatal(line, '16 transaction detail outside an account (no 03 account identifier before it)');
        const entry = readDetail(record, account, group as GroupState, faults);
        if (entry) {
          entryCount += 1;
          if (entryCount > maxEntriesPerFile) faults.fatal(line, `more than ${maxEntriesPerFile} entries in one file`);
          account.statement.entries.push(entry);
        }
        break;
      }
      case '49': {
        if (!account || !group) faults.fatal(line, '49 account trailer without an 03 account identifier before it');
        const f = fieldsOf(record);
        const scope = account.statement.account.accountNumber ?? '';
        const declaredTotal = trailerNumber(f[0], line, 'account control total');
        const declaredRecords = trailerNumber(f[1], line, 'account record count');
        check('account-control-total', line, scope, declaredTotal, account.total, `49 account trailer of ${scope}: account control total`);
        check('account-record-count', line, scope, declaredRecords, BigInt(account.records), `49 account trailer of ${scope}: number of records (03 to 49, 88s included)`);
        group.total += account.total;
        account = undefined;
        break;
      }
      case '98': {
        if (account) faults.fatal(line, `98 group trailer while account ${account.statement.account.accountNumber ?? ''} has no 49 trailer`);
        if (!group || !file) faults.fatal(line, '98 group trailer without a 02 group header before it');
        const f = fieldsOf(record);
        const scope = group.originator;
        check('group-control-total', line, scope, trailerNumber(f[0], line, 'group control total'), group.total, '98 group trailer: group control total');
        check('group-account-count', line, scope, trailerNumber(f[1], line, 'number of accounts'), BigInt(group.accounts), '98 group trailer: number of accounts');
        check('group-record-count', line, scope, trailerNumber(f[2], line, 'group record count'), BigInt(group.records), '98 group trailer: number of records (02 to 98, 88s included)');
        file.total += group.total;
        group = undefined;
        break;
      }
      case '99': {
        if (account) faults.fatal(line, `99 file trailer while account ${account.statement.account.accountNumber ?? ''} has no 49 trailer`);
        if (group) faults.fatal(line, '99 file trailer while the group has no 98 trailer');
        if (!file) faults.fatal(line, '99 file trailer without a 01 file header');
        const f = fieldsOf(record);
        check('file-control-total', line, 'file', trailerNumber(f[0], line, 'file control total'), file.total, '99 file trailer: file control total');
        check('file-group-count', line, 'file', trailerNumber(f[1], line, 'number of groups'), BigInt(file.groups), '99 file trailer: number of groups');
        check('file-record-count', line, 'file', trailerNumber(f[2], line, 'file record count'), BigInt(file.records), '99 file trailer: number of records (01 to 99, 88s included)');
        ended = true;
        break;
      }
      default:
        // 88 never reaches here (it is a piece of the record before it); other codes were refused while reading
        faults.fatal(line, `unexpected record type "${code}"`);
    }
  }

  if (!ended) {
    const last = records[records.length - 1]?.line ?? 1;
    const missing = account ? `49 account trailer of ${account.statement.account.accountNumber ?? ''}` : group ? '98 group trailer' : '99 file trailer';
    faults.add(last, `the file ends without its ${missing} (truncated?)`);
  }
  if (faults.list.length > 0) throw new Refusal();
  return { statements, activitySummaries, checks };
}

function readAccount(record: LogicalRecord, file: FileState, group: GroupState, statementIds: Map<string, number>, faults: Faults): AccountState {
  const { line } = record;
  const fields = fieldsOf(record);
  const accountNumber = fields[0]?.value ?? '';
  const currencyRaw = fields[1]?.value ?? '';
  if (accountNumber === '') faults.add(line, 'account number is blank');
  if (currencyRaw !== '' && !isKnownCurrency(currencyRaw)) faults.add(line, `unknown currency "${currencyRaw}"`);
  const currency = currencyRaw !== '' && isKnownCurrency(currencyRaw) ? currencyRaw : (group.currency ?? 'USD');

  const balances: StatementBalance[] = [];
  const summaries: Bai2ActivitySummary[] = [];
  let total = 0n;
  let i = 2;
  while (i < fields.length) {
    const typeField = fields[i] as Field;
    if (typeField.value === '' && typeField.lastOfPiece) {
      // the comma before the "/" that closes the record (e.g. "015,35217175,,,/"): not a field
      i += 1;
      continue;
    }
    const value = (k: number) => fields[i + k]?.value ?? '';
    const typeCode = typeField.value;
    const amountRaw = value(1);
    const countRaw = value(2);
    const fundsType = value(3);
    const fieldLine = typeField.line;
    const extrasCount = fundsExtras(fundsType, fields[i + 4]?.value);
    const extras = fields.slice(i + 4, i + 4 + extrasCount).map((f) => f.value);
    i += 4 + extrasCount;
    if (typeCode === '') {
      // a blank summary (Goldman Sachs writes ",,,," before the first one)
      if (amountRaw !== '' || countRaw !== '') faults.add(fieldLine, `summary amount "${amountRaw}" without a type code`);
      continue;
    }
    const direction = bai2TypeCodeDirection(typeCode);
    if (!/^\d{3}$/.test(typeCode) || typeCode === '000') {
      faults.add(fieldLine, `summary type code "${typeCode}" is not a three-digit BAI2 type code`);
      continue;
    }
    const amount = amountRaw === '' ? null : parseNumber(amountRaw, true);
    if (amount === undefined) faults.add(fieldLine, `amount "${amountRaw}" of type code ${typeCode} is not a whole number of minor units`);
    const itemCount = countRaw === '' ? null : parseCount(countRaw);
    if (itemCount === undefined) faults.add(fieldLine, `item count "${countRaw}" of type code ${typeCode} is not a number`);
    checkFunds(fundsType, extras, fieldLine, faults);
    if (amount === undefined || itemCount === undefined) continue;
    if (amount !== null) total += amount;
    if (direction === 'status') {
      if (amount !== null) balances.push({ kind: balanceKinds[typeCode] ?? `BAI:${typeCode}`, amountMinor: amount, currency, date: group.asOfDate || null });
    } else {
      summaries.push({ location: `line ${fieldLine}`, typeCode, amountMinor: amount, itemCount });
    }
  }

  const base = `${file.fileId}:${accountNumber}:${group.asOfDate}`;
  const seen = (statementIds.get(base) ?? 0) + 1;
  statementIds.set(base, seen);
  const statement: ParsedStatement = {
    format: 'bai2',
    // the same account can appear twice under one as-of date (moov-io sample1, sample3): later ones get #2, #3, …
    statementId: seen === 1 ? base : `${base}#${seen}`,
    sequenceNumber: null,
    account: { iban: null, accountNumber: accountNumber || null, bic: group.bic, currency },
    createdAt: file.createdAt,
    balances,
    entries: [],
    declared: { entryCount: null, creditTotalMinor: null, debitTotalMinor: null },
  };
  return { line, statement, summaries, records: record.pieces.length, total };
}

function readDetail(record: LogicalRecord, account: AccountState, group: GroupState, faults: Faults): StatementEntry | undefined {
  const { line } = record;
  const reader = new DetailReader();
  for (const piece of record.pieces) reader.feed(contentOf(piece));
  const pre = reader.pre.map((f) => f.trim());
  const [typeCode = '', amountRaw = '', fundsType = ''] = pre;
  const extrasCount = fundsExtras(fundsType, pre[3]);
  const extras = pre.slice(3, 3 + extrasCount);
  const bankReference = pre[3 + extrasCount] ?? '';
  const customerReference = pre[4 + extrasCount] ?? '';

  let ok = true;
  const direction = bai2TypeCodeDirection(typeCode);
  if (!/^\d{3}$/.test(typeCode)) {
    faults.add(line, `type code "${typeCode}" is not a three-digit BAI2 type code`);
    ok = false;
  } else if (direction === 'status') {
    faults.add(line, `type code ${typeCode} is an account status (balance) code, not a transaction: it belongs in the 03 record`);
    ok = false;
  } else if (direction === 'unknown') {
    faults.add(line, `type code ${typeCode} has no credit or debit direction in BAI2`);
    ok = false;
  }
  let amount: bigint | undefined;
  if (amountRaw === '') {
    faults.add(line, 'transaction amount is blank');
  } else if (amountRaw.startsWith('-')) {
    faults.add(line, `transaction amount "${amountRaw}" has a minus sign: 16 amounts are unsigned, the type code gives the direction`);
  } else {
    amount = parseNumber(amountRaw, false);
    if (amount === undefined) faults.add(line, `transaction amount "${amountRaw}" is not a whole number of minor units`);
  }
  const funds = checkFunds(fundsType, extras, line, faults);
  if (amount === undefined) return undefined;
  account.total += amount;
  if (!ok) return undefined;

  const signed = direction === 'credit' ? amount : direction === 'debit' ? -amount : 0n;
  return {
    location: `line ${line}`,
    bookingDate: group.asOfDate || null,
    valueDate: funds.valueDate,
    amountMinor: signed,
    currency: account.statement.account.currency ?? 'USD',
    bankReference: bankReference || null,
    customerReference: customerReference || null,
    structuredReference: null,
    remittanceText: cleanText(reader.text ?? ''),
    counterparty: emptyParty,
    transactionCode: typeCode,
    reversal: reversalCodes.has(typeCode),
  };
}
