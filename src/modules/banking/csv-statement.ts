/**
 * Bank statements exported as CSV (online-banking downloads: Chase, Sparkasse, DKB, ING, La Banque Postale …), read
 * through a column mapping stored per bank account. Pure: no I/O.
 *
 * There is no CSV statement standard, so the mapping says how this bank writes its file: the delimiter, the encoding,
 * how many preamble lines come before the header, which column holds what (by header name or 0-based position), how
 * dates and amounts are written, and whether debits are signed, sit in their own column, or carry a credit/debit mark.
 * `suggestCsvMapping` proposes a mapping from a sample file; a person confirms it before it is stored.
 *
 * How a file is read:
 * - Bytes are decoded as the mapping says: UTF-8 (invalid bytes are a fault on their line), windows-1252, or 'auto'
 *   (UTF-8 when the bytes are valid UTF-8, otherwise windows-1252). A byte-order mark always means UTF-8 and is dropped.
 * - `skipLines` physical lines (the bank's preamble: account, period, opening balance) are skipped whole, whatever
 *   they hold. Then comes the header row when `hasHeader`, then one entry per row. Line numbers count every physical
 *   line of the file (CR, LF and CRLF each end one), so "line 7" is what a text editor shows; an entry's location is
 *   the line its row starts on (a quoted field may run over several lines).
 * - Every row must have as many columns as the header (or, without a header, the first row); blank cells past the
 *   header's end (Chase's trailing comma) and missing cells under blank header names are tolerated, since nothing is
 *   lost. Empty lines and rows whose cells are all blank are ignored. Footer rows (closing balance, totals) are skipped only when they match the
 *   mapping's `skipRowsMatching` (a case-insensitive regular expression tested against the row's cells joined with the
 *   delimiter): guessing which rows are not entries could silently drop a payment.
 * - Amounts are signed from the account holder's view: credit (money in) positive, debit (money out) negative. In the
 *   'credit-debit' style a debit column may be written with or without a minus sign; a "0,00" in the other column
 *   counts as empty (several banks fill both). A negative credit is a fault, not a sign flip.
 * - A file is accepted whole or refused whole: every fault (bad date, impossible date, bad amount, more decimals than
 *   the currency has, both credit and debit filled, an unknown credit/debit mark, an unknown column name, a ragged
 *   row, broken quoting …) is collected with its line, up to 100 listed plus a count of the rest, and thrown as one
 *   StatementParseError('csv').
 * - CSV declares no statement id, so statementId is the prefix plus the first 16 hex digits of the SHA-256 of the
 *   file's bytes: importing the same file twice is recognisable. Declared counts and totals are null.
 * - Bounds: maxStatementFileBytes per file, maxEntriesPerFile entries, 100,000 characters per row.
 */
import { createHash } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { currencyExponent, isKnownCurrency } from '../../kernel/currency.js';
import { decodeStatementBytes } from './mt940.js';
import {
  cleanText,
  decimalToMinor,
  isoDate,
  isRealDate,
  maxEntriesPerFile,
  maxStatementFileBytes,
  StatementParseError,
  type ParsedStatement,
  type StatementEntry,
  type StatementFault,
  type StatementParty,
} from './statement.js';

// ---------------------------------------------------------------------------------------------------------------
// The mapping
// ---------------------------------------------------------------------------------------------------------------

export const csvDelimiters = [',', ';', '\t', '|'] as const;
export const csvDateFormats = ['YYYY-MM-DD', 'DD.MM.YYYY', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD-MM-YYYY', 'YYYYMMDD', 'DD.MM.YY'] as const;
export const csvThousandsSeparators = ['', ',', '.', ' ', "'"] as const;
export const csvNegativeStyles = ['leading-minus', 'trailing-minus', 'parentheses'] as const;

export type CsvDateFormat = (typeof csvDateFormats)[number];

/** A column by its header name (as the bank writes it; case and accents do not matter) or its 0-based position. */
export type CsvColumnRef = string | number;

/** How the file tells money in from money out. */
export type CsvAmountColumns =
  /** one column, debits negative ("-12.34", "12.34-" or "(12.34)" as `negativeStyle` says) */
  | { style: 'signed'; amount: CsvColumnRef }
  /** a credit (money in) column and a debit (money out) column; one of them is filled per row */
  | { style: 'credit-debit'; credit: CsvColumnRef; debit: CsvColumnRef }
  /**
   * an unsigned amount and a credit/debit mark column (ING "Af"/"Bij", "C"/"D", "CR"/"DR", German "H"/"S": Haben is
   * a credit to the account holder, Soll a debit); the marks are compared ignoring case and surrounding spaces
   */
  | { style: 'indicator'; amount: CsvColumnRef; indicator: CsvColumnRef; creditValues: string[]; debitValues: string[] };

/** Where an entry's currency comes from; without one, every entry is in the bank account's currency. */
export type CsvCurrencySource = { column: CsvColumnRef } | { fixed: string };

export interface CsvColumns {
  bookingDate: CsvColumnRef;
  valueDate?: CsvColumnRef;
  amount: CsvAmountColumns;
  currency?: CsvCurrencySource;
  counterpartyName?: CsvColumnRef;
  /** an IBAN-shaped value becomes the counterparty's IBAN, anything else its account number */
  counterpartyIban?: CsvColumnRef;
  counterpartyBic?: CsvColumnRef;
  /** the columns making up the remittance text, joined with a space in this order (empty cells left out) */
  remittance: CsvColumnRef[];
  bankReference?: CsvColumnRef;
  customerReference?: CsvColumnRef;
  /** ISO 11649 "RF…" or a national structured reference; spaces are dropped ("RF18 5390 0754 7034" → "RF18539007547034") */
  structuredReference?: CsvColumnRef;
  /** the bank's booking text or type code as given ("GUTSCHR. UEBERWEISUNG", "ACH_CREDIT", ING's "OV") */
  transactionCode?: CsvColumnRef;
}

/** How one bank account's CSV export is read. Plain JSON data: stored with the bank account. */
export interface CsvStatementMapping {
  delimiter: (typeof csvDelimiters)[number];
  quote: '"' | "'";
  encoding: 'utf-8' | 'windows-1252' | 'auto';
  /** physical lines before the header (or the first entry when there is no header): the bank's preamble */
  skipLines: number;
  hasHeader: boolean;
  dateFormat: CsvDateFormat;
  decimalSeparator: '.' | ',';
  /** '' for none; ' ' also accepts the no-break spaces French exports use, "'" the typographic apostrophe (Swiss) */
  thousandsSeparator: (typeof csvThousandsSeparators)[number];
  /** how a negative amount is written; a leading minus is always accepted too */
  negativeStyle: (typeof csvNegativeStyles)[number];
  columns: CsvColumns;
  /** regular expression source (matched ignoring case) for footer rows to skip, e.g. "^;*(Kontostand|Saldo)" */
  skipRowsMatching?: string;
}

const maxSkipPatternChars = 200;

const columnRefSchema = z.union([z.string().min(1).max(200), z.number().int().min(0).max(999)]);
const markSchema = z.string().trim().min(1).max(20);

const amountColumnsSchema = z.discriminatedUnion('style', [
  z.strictObject({ style: z.literal('signed'), amount: columnRefSchema }),
  z.strictObject({ style: z.literal('credit-debit'), credit: columnRefSchema, debit: columnRefSchema }),
  z.strictObject({
    style: z.literal('indicator'),
    amount: columnRefSchema,
    indicator: columnRefSchema,
    creditValues: z.array(markSchema).min(1).max(10),
    debitValues: z.array(markSchema).min(1).max(10),
  }),
]);

const currencyCodeSchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code')
  .refine((code) => isKnownCurrency(code), 'not an ISO 4217 currency');

/** Validates a stored mapping (unknown keys are refused, so a misspelt option cannot be silently ignored). */
export const csvStatementMappingSchema: z.ZodType<CsvStatementMapping> = z
  .strictObject({
    delimiter: z.enum(csvDelimiters),
    quote: z.enum(['"', "'"]),
    encoding: z.enum(['utf-8', 'windows-1252', 'auto']),
    skipLines: z.number().int().min(0).max(1000),
    hasHeader: z.boolean(),
    dateFormat: z.enum(csvDateFormats),
    decimalSeparator: z.enum(['.', ',']),
    thousandsSeparator: z.enum(csvThousandsSeparators),
    negativeStyle: z.enum(csvNegativeStyles),
    columns: z.strictObject({
      bookingDate: columnRefSchema,
      valueDate: columnRefSchema.optional(),
      amount: amountColumnsSchema,
      currency: z.union([z.strictObject({ column: columnRefSchema }), z.strictObject({ fixed: currencyCodeSchema })]).optional(),
      counterpartyName: columnRefSchema.optional(),
      counterpartyIban: columnRefSchema.optional(),
      counterpartyBic: columnRefSchema.optional(),
      remittance: z.array(columnRefSchema).max(20),
      bankReference: columnRefSchema.optional(),
      customerReference: columnRefSchema.optional(),
      structuredReference: columnRefSchema.optional(),
      transactionCode: columnRefSchema.optional(),
    }),
    skipRowsMatching: z
      .string()
      .min(1)
      .max(maxSkipPatternChars)
      .refine((source) => compilePattern(source) !== null, 'not a valid regular expression')
      .optional(),
  })
  .superRefine((mapping, ctx) => {
    if (mapping.decimalSeparator === mapping.thousandsSeparator) {
      ctx.addIssue({ code: 'custom', path: ['thousandsSeparator'], message: 'the thousands separator cannot be the decimal separator' });
    }
    const amount = mapping.columns.amount;
    if (amount.style === 'indicator') {
      const credit = new Set(amount.creditValues.map(markKey));
      const both = amount.debitValues.filter((value) => credit.has(markKey(value)));
      if (both.length > 0) {
        ctx.addIssue({ code: 'custom', path: ['columns', 'amount', 'debitValues'], message: `${both.map((v) => `"${v}"`).join(', ')} cannot mean both credit and debit` });
      }
    }
    if (!mapping.hasHeader) {
      const named = namedRefs(mapping.columns);
      if (named.length > 0) {
        ctx.addIssue({ code: 'custom', path: ['columns'], message: `columns named ${named.map((n) => `"${n}"`).join(', ')} need a header row (hasHeader is false); refer to them by position` });
      }
    }
  });

function namedRefs(columns: CsvColumns): string[] {
  const amount = columns.amount;
  const refs: Array<CsvColumnRef | undefined> = [
    columns.bookingDate,
    columns.valueDate,
    ...(amount.style === 'credit-debit' ? [amount.credit, amount.debit] : amount.style === 'indicator' ? [amount.amount, amount.indicator] : [amount.amount]),
    columns.currency && 'column' in columns.currency ? columns.currency.column : undefined,
    columns.counterpartyName,
    columns.counterpartyIban,
    columns.counterpartyBic,
    ...columns.remittance,
    columns.bankReference,
    columns.customerReference,
    columns.structuredReference,
    columns.transactionCode,
  ];
  return refs.filter((ref): ref is string => typeof ref === 'string');
}

function compilePattern(source: string): RegExp | null {
  try {
    return new RegExp(source, 'i');
  } catch {
    return null;
  }
}

const markKey = (mark: string) => mark.trim().toUpperCase();

// ---------------------------------------------------------------------------------------------------------------
// Faults
// ---------------------------------------------------------------------------------------------------------------

const maxListedFaults = 100;

/** The faults of one file, listed up to maxListedFaults; the rest are counted. */
class FaultList {
  readonly listed: StatementFault[] = [];
  private unlisted = 0;

  add(location: string, message: string): void {
    if (this.listed.length < maxListedFaults) this.listed.push({ location, message });
    else this.unlisted += 1;
  }

  get any(): boolean {
    return this.listed.length > 0;
  }

  refusal(): StatementParseError {
    const order = (fault: StatementFault) => Number(/^line (\d+)$/.exec(fault.location)?.[1] ?? 0);
    const faults = this.listed.map((fault, index) => ({ fault, index }));
    faults.sort((a, b) => order(a.fault) - order(b.fault) || a.index - b.index);
    const listed = faults.map((f) => f.fault);
    if (this.unlisted > 0) listed.push({ location: 'file', message: `${this.unlisted} more faults not listed` });
    return new StatementParseError('csv', listed);
  }
}

const quote = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);

// ---------------------------------------------------------------------------------------------------------------
// Bytes to text
// ---------------------------------------------------------------------------------------------------------------

/** windows-1252 code points for bytes 0x80–0x9F (the rest of the byte range is Latin-1). */
const cp1252High = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** windows-1252 (Node's TextDecoder reads that label as Latin-1, losing €, „ and the other 0x80–0x9F characters). */
function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const chunk = 8192;
  for (let start = 0; start < bytes.length; start += chunk) {
    const end = Math.min(bytes.length, start + chunk);
    const codes = new Array<number>(end - start);
    for (let i = start; i < end; i++) {
      const byte = bytes[i] ?? 0;
      codes[i - start] = byte >= 0x80 && byte <= 0x9f ? (cp1252High[byte - 0x80] ?? byte) : byte;
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

/** Lines (1-based, CR, LF or CRLF ending each) holding bytes that are not UTF-8. */
function linesNotUtf8(bytes: Uint8Array): number[] {
  const strict = new TextDecoder('utf-8', { fatal: true });
  const lines: number[] = [];
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    const byte = bytes[i];
    if (i < bytes.length && byte !== 0x0a && byte !== 0x0d) continue;
    try {
      strict.decode(bytes.subarray(start, i));
    } catch {
      lines.push(line);
      if (lines.length > maxListedFaults) break;
    }
    if (byte === 0x0d && bytes[i + 1] === 0x0a) i += 1;
    start = i + 1;
    line += 1;
  }
  return lines;
}

const hasUtf8Bom = (bytes: Uint8Array) => bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;

function decodeCsv(bytes: Buffer | string, encoding: CsvStatementMapping['encoding'], faults: FaultList): string {
  if (typeof bytes === 'string') return bytes.replace(/^\ufeff/, '');
  if (encoding === 'auto') return decodeStatementBytes(bytes).replace(/^\ufeff/, '');
  if (encoding === 'windows-1252' && !hasUtf8Bom(bytes)) return decodeWindows1252(bytes);
  const text = new TextDecoder('utf-8').decode(bytes);
  if (text.includes('\ufffd')) {
    for (const line of linesNotUtf8(bytes)) {
      faults.add(`line ${line}`, 'not valid UTF-8 (is the file windows-1252? then the mapping\'s encoding should say so)');
    }
  }
  return text;
}

/** The text after `count` physical lines, and how many lines were actually skipped. */
function afterLines(text: string, count: number): { rest: string; skipped: number } {
  let offset = 0;
  let skipped = 0;
  while (skipped < count && offset < text.length) {
    const lf = text.indexOf('\n', offset);
    const cr = text.indexOf('\r', offset);
    const end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
    if (end === -1) {
      offset = text.length;
    } else {
      offset = text[end] === '\r' && text[end + 1] === '\n' ? end + 2 : end + 1;
    }
    skipped += 1;
  }
  return { rest: text.slice(offset), skipped };
}

// ---------------------------------------------------------------------------------------------------------------
// Rows with their line numbers (csv-parse)
// ---------------------------------------------------------------------------------------------------------------

/** A row longer than this is not a bank entry (a quote left open swallows the rest of the file). */
const maxRowChars = 100_000;

type RowFaultKind = 'column-count' | 'quoting' | 'row-too-long' | 'unreadable';

interface RowSink {
  row(fields: string[], line: number): void;
  broken(kind: RowFaultKind, fields: string[] | undefined, line: number): void;
}

/** The 1-based line at a byte offset, counted forwards only (each row is asked once, in file order). */
class LineCounter {
  private offset = 0;
  private line = 1;
  constructor(private readonly bytes: Uint8Array) {}

  at(target: number): number {
    const end = Math.min(target, this.bytes.length);
    while (this.offset < end) {
      const byte = this.bytes[this.offset];
      if (byte === 0x0a || (byte === 0x0d && this.bytes[this.offset + 1] !== 0x0a)) this.line += 1;
      this.offset += 1;
    }
    return this.line;
  }
}

function faultKind(code: unknown): RowFaultKind {
  switch (code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
      return 'column-count';
    case 'CSV_QUOTE_NOT_CLOSED':
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'quoting';
    case 'CSV_MAX_RECORD_SIZE':
      return 'row-too-long';
    default:
      return 'unreadable';
  }
}

/**
 * Splits CSV text into rows with csv-parse, reporting each row (and each broken one) with the physical line it starts
 * on. csv-parse's own line counter disagrees with an editor on CR/CRLF files with line breaks inside quoted fields,
 * so lines are counted here from the byte offset where each row begins (the parser's record info gives where the
 * previous one ended). Column counts are checked (not relaxed) when `strictColumnCount`.
 */
function scanRows(
  text: string,
  options: { delimiter: string; quote: string; strictColumnCount: boolean; maxRows?: number },
  sink: RowSink,
): void {
  const bytes = Buffer.from(text, 'utf8');
  const lines = new LineCounter(bytes);
  let consumed = 0;
  const startLine = () => {
    let start = consumed;
    while (start < bytes.length && (bytes[start] === 0x0a || bytes[start] === 0x0d)) start += 1;
    return lines.at(start);
  };
  const advanceTo = (offset: unknown) => {
    if (typeof offset === 'number' && offset > consumed) consumed = offset;
  };
  try {
    parseCsv(bytes, {
      delimiter: options.delimiter,
      quote: options.quote,
      escape: options.quote,
      record_delimiter: ['\r\n', '\n', '\r'],
      bom: true,
      relax_column_count: !options.strictColumnCount,
      // a stray quote inside an unquoted field (`Monitor 27" Zoll`) is kept as text, as banks mean it
      relax_quotes: true,
      skip_empty_lines: true,
      max_record_size: maxRowChars,
      skip_records_with_error: true,
      ...(options.maxRows === undefined ? {} : { to: options.maxRows }),
      on_record: (record, info) => {
        const line = startLine();
        advanceTo(info.bytes);
        sink.row(record, line);
        return null;
      },
      on_skip: (error) => {
        const line = startLine();
        advanceTo(error?.bytes);
        const fields = Array.isArray(error?.record) ? (error.record as unknown[]).map(String) : undefined;
        sink.broken(faultKind(error?.code), fields, line);
        return undefined;
      },
    });
  } catch (error) {
    sink.broken(faultKind((error as { code?: unknown } | null)?.code), undefined, startLine());
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Dates and amounts as the mapping says they are written
// ---------------------------------------------------------------------------------------------------------------

type Read<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const fail = <T>(message: string): Read<T> => ({ ok: false, message });

/** Online-banking exports sometimes add a time of day to the date ("2026-03-02 00:00:00"); it is ignored. */
const timeOfDay = String.raw`(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?`;

const dateShapes: Record<CsvDateFormat, { pattern: RegExp; order: 'ymd' | 'dmy' | 'mdy' }> = {
  'YYYY-MM-DD': { pattern: new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${timeOfDay}$`), order: 'ymd' },
  'DD.MM.YYYY': { pattern: new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.(\d{4})${timeOfDay}$`), order: 'dmy' },
  'DD/MM/YYYY': { pattern: new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})${timeOfDay}$`), order: 'dmy' },
  'MM/DD/YYYY': { pattern: new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})${timeOfDay}$`), order: 'mdy' },
  'DD-MM-YYYY': { pattern: new RegExp(String.raw`^(\d{1,2})-(\d{1,2})-(\d{4})${timeOfDay}$`), order: 'dmy' },
  YYYYMMDD: { pattern: /^(\d{4})(\d{2})(\d{2})$/, order: 'ymd' },
  'DD.MM.YY': { pattern: new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.(\d{2})${timeOfDay}$`), order: 'dmy' },
};

/** Statement dates outside these years are a typo or a wrong date format, not a booking. */
const earliestYear = 1900;
const latestYear = 2199;

/** Reads a date written in `format` as ISO YYYY-MM-DD. Impossible dates (30.02.2026) are refused, not clamped. */
export function readCsvDate(text: string, format: CsvDateFormat): Read<string> {
  const trimmed = text.trim();
  const shape = dateShapes[format];
  const m = trimmed.length <= 40 ? shape.pattern.exec(trimmed) : null;
  if (!m) return fail(`${quote(trimmed)} is not a ${format} date`);
  const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [written, month, day] = shape.order === 'ymd' ? [a, b, c] : shape.order === 'dmy' ? [c, b, a] : [c, a, b];
  // two-digit years: 00–79 are 20xx, 80–99 are 19xx (the rule MT940 and BAI2 dates follow too)
  const year = format === 'DD.MM.YY' ? written + (written < 80 ? 2000 : 1900) : written;
  if (!isRealDate(year, month, day)) return fail(`${quote(trimmed)} is not a real date`);
  if (year < earliestYear || year > latestYear) return fail(`${quote(trimmed)} is outside the years ${earliestYear}–${latestYear}`);
  return ok(isoDate(year, month, day));
}

export interface CsvAmountFormat {
  decimalSeparator: CsvStatementMapping['decimalSeparator'];
  thousandsSeparator: CsvStatementMapping['thousandsSeparator'];
  negativeStyle: CsvStatementMapping['negativeStyle'];
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
const maxAmountChars = 64;

const amountPatterns = new Map<string, RegExp>();

/** Digits with optional grouping by the thousands separator (groups of three), then optional decimals. */
function amountPattern(format: CsvAmountFormat): RegExp {
  const key = `${format.decimalSeparator}${format.thousandsSeparator}`;
  const cached = amountPatterns.get(key);
  if (cached) return cached;
  const decimal = escapeRegex(format.decimalSeparator);
  const thousands =
    format.thousandsSeparator === ''
      ? null
      : format.thousandsSeparator === ' '
        ? '[ \\u00a0\\u202f]'
        : format.thousandsSeparator === "'"
          ? "['\\u2019]"
          : escapeRegex(format.thousandsSeparator);
  const whole = thousands ? `\\d{1,3}(?:${thousands}\\d{3})+|\\d+` : '\\d+';
  const pattern = new RegExp(`^(?:(${whole})(?:${decimal}(\\d*))?|${decimal}(\\d+))$`, 'u');
  amountPatterns.set(key, pattern);
  return pattern;
}

/** How the mapping expects a negative amount, for messages: "-1.234,56", "1,234.56-", "(1 234.56)". */
export function amountExample(format: CsvAmountFormat): string {
  const digits = `1${format.thousandsSeparator}234${format.decimalSeparator}56`;
  if (format.negativeStyle === 'trailing-minus') return `${digits}-`;
  if (format.negativeStyle === 'parentheses') return `(${digits})`;
  return `-${digits}`;
}

/**
 * Reads an amount written as the mapping says into signed minor units of `currency`. A leading "+" or "-" (also
 * the typographic minus) is always accepted; a trailing "-" (or "+") and parentheses only when the mapping says the
 * bank writes negatives so. More decimals than the currency has are refused unless they are zeros ("18.150" EUR).
 */
export function readCsvAmount(text: string, format: CsvAmountFormat, currency: string): Read<bigint> {
  let rest = text.trim();
  if (rest === '') return fail('no amount');
  if (rest.length > maxAmountChars) return fail(`amount ${quote(rest)} is too long`);
  let negative = false;
  if (/^[-\u2212]/u.test(rest)) {
    negative = true;
    rest = rest.slice(1).trimStart();
  } else if (rest.startsWith('+')) {
    rest = rest.slice(1).trimStart();
  } else if (format.negativeStyle === 'trailing-minus' && /[-\u2212+]$/u.test(rest)) {
    negative = !rest.endsWith('+');
    rest = rest.slice(0, -1).trimEnd();
  } else if (format.negativeStyle === 'parentheses' && rest.startsWith('(') && rest.endsWith(')')) {
    negative = true;
    rest = rest.slice(1, -1).trim();
  }
  const m = amountPattern(format).exec(rest);
  if (!m) return fail(`amount ${quote(text.trim())} is not written like ${amountExample(format)}`);
  const whole = (m[1] ?? '').replace(/\D/g, '');
  const fraction = m[2] ?? m[3] ?? '';
  const exponent = currencyExponent(currency) ?? 2;
  if (fraction.length > exponent && /[1-9]/.test(fraction.slice(exponent))) {
    return fail(`amount ${quote(text.trim())} has more decimals than ${currency} has (${exponent})`);
  }
  const minor = decimalToMinor(`${whole}.${fraction}`, currency);
  if (minor === undefined) return fail(`amount ${quote(text.trim())} is not a valid ${currency} amount`);
  return ok(negative ? -minor : minor);
}

// ---------------------------------------------------------------------------------------------------------------
// Columns
// ---------------------------------------------------------------------------------------------------------------

/** Header names compared ignoring case, accents and runs of whitespace. */
const looseName = (name: string) =>
  cleanText(name)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();

function columnIndex(ref: CsvColumnRef, header: string[] | null, width: number): Read<number> {
  if (typeof ref === 'number') {
    if (ref < width) return ok(ref);
    return fail(`column ${ref} (counted from 0) does not exist: the ${header ? 'header' : 'first row'} has ${width} columns`);
  }
  if (!header) return fail(`column "${ref}" is named, but the file has no header row`);
  const exact = header.flatMap((name, i) => (name.trim() === ref.trim() ? [i] : []));
  const matches = exact.length > 0 ? exact : header.flatMap((name, i) => (looseName(name) === looseName(ref) ? [i] : []));
  if (matches.length === 1) return ok(matches[0] ?? 0);
  if (matches.length > 1) return fail(`the header names "${ref}" ${matches.length} times (columns ${matches.join(', ')}); refer to it by position`);
  const names = header.map((name) => `"${cleanText(name)}"`).join(', ');
  return fail(`no column "${ref}" in the header (it has ${names.length > 300 ? `${names.slice(0, 300)}…` : names})`);
}

type ResolvedAmount =
  | { style: 'signed'; amount: number }
  | { style: 'credit-debit'; credit: number; debit: number }
  | { style: 'indicator'; amount: number; indicator: number; credit: Set<string>; debit: Set<string> };

interface ResolvedColumns {
  bookingDate: number;
  valueDate: number | null;
  amount: ResolvedAmount;
  currency: { column: number } | { fixed: string } | null;
  counterpartyName: number | null;
  counterpartyIban: number | null;
  counterpartyBic: number | null;
  remittance: number[];
  bankReference: number | null;
  customerReference: number | null;
  structuredReference: number | null;
  transactionCode: number | null;
}

/** Finds every mapped column in the header (or checks positions against the first row); faults name the role. */
function resolveColumns(columns: CsvColumns, header: string[] | null, width: number, line: number, faults: FaultList): ResolvedColumns | null {
  let complete = true;
  const need = (ref: CsvColumnRef, role: string): number => {
    const found = columnIndex(ref, header, width);
    if (found.ok) return found.value;
    faults.add(`line ${line}`, `${role}: ${found.message}`);
    complete = false;
    return -1;
  };
  const optional = (ref: CsvColumnRef | undefined, role: string) => (ref === undefined ? null : need(ref, role));
  const a = columns.amount;
  const amount: ResolvedAmount =
    a.style === 'signed'
      ? { style: 'signed', amount: need(a.amount, 'amount') }
      : a.style === 'credit-debit'
        ? { style: 'credit-debit', credit: need(a.credit, 'credit amount'), debit: need(a.debit, 'debit amount') }
        : {
            style: 'indicator',
            amount: need(a.amount, 'amount'),
            indicator: need(a.indicator, 'credit/debit mark'),
            credit: new Set(a.creditValues.map(markKey)),
            debit: new Set(a.debitValues.map(markKey)),
          };
  const resolved: ResolvedColumns = {
    bookingDate: need(columns.bookingDate, 'booking date'),
    valueDate: optional(columns.valueDate, 'value date'),
    amount,
    currency: !columns.currency ? null : 'fixed' in columns.currency ? { fixed: columns.currency.fixed } : { column: need(columns.currency.column, 'currency') },
    counterpartyName: optional(columns.counterpartyName, 'counterparty name'),
    counterpartyIban: optional(columns.counterpartyIban, 'counterparty IBAN'),
    counterpartyBic: optional(columns.counterpartyBic, 'counterparty BIC'),
    remittance: columns.remittance.map((ref) => need(ref, 'remittance text')),
    bankReference: optional(columns.bankReference, 'bank reference'),
    customerReference: optional(columns.customerReference, 'customer reference'),
    structuredReference: optional(columns.structuredReference, 'structured reference'),
    transactionCode: optional(columns.transactionCode, 'transaction code'),
  };
  return complete ? resolved : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Rows to entries
// ---------------------------------------------------------------------------------------------------------------

const ibanShape = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;

// eslint-disable-next-line no-control-regex -- control characters never belong in a reference
const referenceJunk = /[\u00ad\u0000-\u001f\u007f]/g;

/** A reference as given (inner spaces kept, ends trimmed); empty, "NONREF" and Sparkasse's "NOTPROVIDED" mean none. */
function referenceOf(text: string | undefined): string | null {
  const cleaned = (text ?? '').replace(referenceJunk, '').trim();
  const upper = cleaned.toUpperCase();
  return cleaned === '' || upper === 'NONREF' || upper === 'NOTPROVIDED' ? null : cleaned;
}

function textOf(text: string | undefined): string | null {
  const cleaned = cleanText(text ?? '');
  return cleaned === '' ? null : cleaned;
}

const cell = (fields: string[], index: number | null): string | undefined => (index === null ? undefined : fields[index]);

interface RowContext {
  columns: ResolvedColumns;
  format: CsvAmountFormat;
  dateFormat: CsvDateFormat;
  accountCurrency: string;
}

function readAmount(fields: string[], context: RowContext, currency: string, problems: string[]): bigint | null {
  const { amount } = context.columns;
  const read = (text: string | undefined, what: string): bigint | null => {
    const result = readCsvAmount(text ?? '', context.format, currency);
    if (result.ok) return result.value;
    problems.push(what === 'amount' ? result.message : `${what}: ${result.message}`);
    return null;
  };
  if (amount.style === 'signed') return read(fields[amount.amount], 'amount');
  if (amount.style === 'credit-debit') {
    const creditText = (fields[amount.credit] ?? '').trim();
    const debitText = (fields[amount.debit] ?? '').trim();
    if (creditText === '' && debitText === '') {
      problems.push('neither a credit nor a debit amount');
      return null;
    }
    const credit = creditText === '' ? 0n : read(creditText, 'credit amount');
    const debit = debitText === '' ? 0n : read(debitText, 'debit amount');
    if (credit === null || debit === null) return null;
    if (credit !== 0n && debit !== 0n) {
      problems.push(`both a credit (${quote(creditText)}) and a debit (${quote(debitText)}) amount`);
      return null;
    }
    if (credit < 0n) {
      problems.push(`credit amount ${quote(creditText)} is negative`);
      return null;
    }
    return credit !== 0n ? credit : debit < 0n ? debit : -debit;
  }
  const markText = (fields[amount.indicator] ?? '').trim();
  const mark = markKey(markText);
  const isCredit = amount.credit.has(mark);
  if (!isCredit && !amount.debit.has(mark)) {
    problems.push(`credit/debit mark ${quote(markText)} is neither ${[...amount.credit].join('/')} (credit) nor ${[...amount.debit].join('/')} (debit)`);
    read(fields[amount.amount], 'amount');
    return null;
  }
  const value = read(fields[amount.amount], 'amount');
  if (value === null) return null;
  if (isCredit && value < 0n) {
    problems.push(`amount ${quote((fields[amount.amount] ?? '').trim())} is negative but marked as a credit`);
    return null;
  }
  return isCredit ? value : value < 0n ? value : -value;
}

/** One row as a statement entry, or the row's problems. */
function readEntry(fields: string[], line: number, context: RowContext): { ok: true; value: StatementEntry } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const { columns } = context;

  const bookingText = (fields[columns.bookingDate] ?? '').trim();
  let bookingDate: string | null = null;
  if (bookingText === '') problems.push('no booking date');
  else {
    const read = readCsvDate(bookingText, context.dateFormat);
    if (read.ok) bookingDate = read.value;
    else problems.push(`booking date ${read.message}`);
  }
  let valueDate: string | null = null;
  const valueText = (cell(fields, columns.valueDate) ?? '').trim();
  if (valueText !== '') {
    const read = readCsvDate(valueText, context.dateFormat);
    if (read.ok) valueDate = read.value;
    else problems.push(`value date ${read.message}`);
  }

  let currency = context.accountCurrency;
  if (columns.currency && 'fixed' in columns.currency) currency = columns.currency.fixed;
  else if (columns.currency) {
    const code = (fields[columns.currency.column] ?? '').trim().toUpperCase();
    if (code === '') problems.push('no currency');
    else if (!isKnownCurrency(code)) problems.push(`currency ${quote(code)} is not an ISO 4217 currency`);
    else currency = code;
  }

  const amountMinor = readAmount(fields, context, currency, problems);
  if (problems.length > 0 || amountMinor === null) return { ok: false, problems };

  const accountText = (cell(fields, columns.counterpartyIban) ?? '').replace(referenceJunk, '').trim();
  const compact = accountText.replace(/[\s\u00a0]/g, '').toUpperCase();
  const bic = textOf(cell(fields, columns.counterpartyBic));
  const counterparty: StatementParty = {
    name: textOf(cell(fields, columns.counterpartyName)),
    iban: ibanShape.test(compact) ? compact : null,
    accountNumber: accountText !== '' && !ibanShape.test(compact) ? accountText : null,
    bic: bic === null ? null : bic.replace(/ /g, '').toUpperCase(),
  };
  const structured = referenceOf(cell(fields, columns.structuredReference));
  return {
    ok: true,
    value: {
    location: `line ${line}`,
    bookingDate,
    valueDate,
    amountMinor,
    currency,
    bankReference: referenceOf(cell(fields, columns.bankReference)),
    customerReference: referenceOf(cell(fields, columns.customerReference)),
    structuredReference: structured === null ? null : structured.replace(/\s/g, '').toUpperCase(),
    remittanceText: columns.remittance.map((i) => cleanText(fields[i] ?? '')).filter((t) => t !== '').join(' '),
    counterparty,
    transactionCode: referenceOf(cell(fields, columns.transactionCode)),
    reversal: false,
    },
  };
}

/** Rows a bank writes as padding: every cell blank (Excel's ";;;;" lines). */
const isBlankRow = (fields: readonly string[]) => fields.every((f) => f.trim() === '');

/**
 * A row cut or padded to the header's width when nothing is lost by it, otherwise null (a ragged row, a fault): Chase
 * and others end every data row with a delimiter the header does not have (extra cells, all blank), and some headers
 * end with a delimiter the rows do not have (missing cells under blank header names).
 */
function conformRow(fields: string[], width: number, header: readonly string[] | null): string[] | null {
  if (fields.length === width) return fields;
  if (fields.length > width) return isBlankRow(fields.slice(width)) ? fields.slice(0, width) : null;
  if (header && isBlankRow(header.slice(fields.length))) return [...fields, ...new Array<string>(width - fields.length).fill('')];
  return null;
}

/** Footer text is matched on at most this many characters of a row, bounding the mapping's pattern's work. */
const maxSkipTestChars = 2000;

// ---------------------------------------------------------------------------------------------------------------
// The parser
// ---------------------------------------------------------------------------------------------------------------

export interface CsvStatementContext {
  /** the bank account the mapping belongs to */
  accountIban: string | null;
  accountNumber: string | null;
  /** the bank account's currency: every entry's unless the mapping names a currency column or a fixed currency */
  currency: string;
  /** put before the file's content hash in statementId; "csv:" when not given */
  statementIdPrefix?: string;
}

/** The statement id of a CSV file: the prefix and the first 16 hex digits of the SHA-256 of its bytes. */
export function csvStatementId(bytes: Buffer | string, prefix = 'csv:'): string {
  return `${prefix}${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}`;
}

/**
 * Parses a bank's CSV export with the bank account's mapping into the common statement model. Refuses the whole
 * file with StatementParseError('csv') listing every fault by line ('mapping', 'account' or 'file' for faults that
 * belong to no line). Never throws anything else. A string is taken as already decoded (the encoding is not used).
 */
export function parseCsvStatement(bytes: Buffer | string, mapping: CsvStatementMapping, context: CsvStatementContext): ParsedStatement {
  const checked = csvStatementMappingSchema.safeParse(mapping);
  if (!checked.success) {
    throw new StatementParseError(
      'csv',
      checked.error.issues.map((issue) => ({ location: 'mapping', message: `${issue.path.join('.') || 'mapping'}: ${issue.message}` })),
    );
  }
  if (!isKnownCurrency(context.currency)) {
    throw new StatementParseError('csv', [{ location: 'account', message: `account currency ${quote(context.currency)} is not an ISO 4217 currency` }]);
  }
  const size = typeof bytes === 'string' ? Buffer.byteLength(bytes, 'utf8') : bytes.length;
  if (size > maxStatementFileBytes) {
    throw new StatementParseError('csv', [{ location: 'file', message: `file larger than ${maxStatementFileBytes} bytes` }]);
  }

  const faults = new FaultList();
  const text = decodeCsv(bytes, mapping.encoding, faults);
  const { rest: body, skipped } = afterLines(text, mapping.skipLines);
  const skipPattern = mapping.skipRowsMatching === undefined ? null : compilePattern(mapping.skipRowsMatching);
  const isFooter = (fields: readonly string[]) => skipPattern !== null && skipPattern.test(fields.join(mapping.delimiter).slice(0, maxSkipTestChars));
  const rowContext: Omit<RowContext, 'columns'> = {
    format: { decimalSeparator: mapping.decimalSeparator, thousandsSeparator: mapping.thousandsSeparator, negativeStyle: mapping.negativeStyle },
    dateFormat: mapping.dateFormat,
    accountCurrency: context.currency,
  };

  const entries: StatementEntry[] = [];
  let width: number | null = null;
  let headerLine = 0;
  let headerCells: string[] | null = null;
  let columns: ResolvedColumns | null | undefined;
  let rowsSeen = 0;
  let tooMany = false;

  const readRow = (fields: string[], line: number) => {
    rowsSeen += 1;
    if (width === null) {
      width = fields.length;
      headerLine = line;
      if (mapping.hasHeader) headerCells = fields;
      columns = resolveColumns(mapping.columns, mapping.hasHeader ? fields : null, width, line, faults);
      if (mapping.hasHeader) return;
    }
    if (!columns || tooMany || isBlankRow(fields) || isFooter(fields)) return;
    if (entries.length >= maxEntriesPerFile) {
      faults.add(`line ${line}`, `more than ${maxEntriesPerFile} entries in one file`);
      tooMany = true;
      return;
    }
    const entry = readEntry(fields, line, { ...rowContext, columns });
    if (entry.ok) entries.push(entry.value);
    else for (const problem of entry.problems) faults.add(`line ${line}`, problem);
  };

  scanRows(body, { delimiter: mapping.delimiter, quote: mapping.quote, strictColumnCount: true }, {
    row: (fields, bodyLine) => readRow(fields, skipped + bodyLine),
    broken(kind, fields, bodyLine) {
      const line = skipped + bodyLine;
      if (fields && (isBlankRow(fields) || isFooter(fields))) return;
      const conformed = kind === 'column-count' && fields && width !== null ? conformRow(fields, width, headerCells) : null;
      if (conformed) {
        readRow(conformed, line);
      } else if (kind === 'column-count') {
        faults.add(`line ${line}`, `row has ${fields?.length ?? 'a different number of'} columns, the ${mapping.hasHeader ? `header on line ${headerLine}` : `first row (line ${headerLine})`} has ${width ?? '?'}`);
      } else if (kind === 'quoting') {
        faults.add(`line ${line}`, `broken quoting: a field opened with ${mapping.quote} is not closed properly`);
      } else if (kind === 'row-too-long') {
        faults.add(`line ${line}`, `row longer than ${maxRowChars} characters (a quote left open?)`);
      } else {
        faults.add(`line ${line}`, 'unreadable CSV');
      }
    },
  });

  if (rowsSeen === 0 && !faults.any) {
    faults.add(`line ${skipped + 1}`, mapping.hasHeader ? 'no header row: the file ends before it' : 'the file holds no rows');
  }
  if (faults.any) throw faults.refusal();

  return {
    format: 'csv',
    statementId: csvStatementId(bytes, context.statementIdPrefix),
    sequenceNumber: null,
    account: { iban: context.accountIban, accountNumber: context.accountNumber, bic: null, currency: context.currency },
    createdAt: null,
    balances: [],
    entries,
    declared: { entryCount: null, creditTotalMinor: null, debitTotalMinor: null },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Proposing a mapping from a sample file
// ---------------------------------------------------------------------------------------------------------------

type Role =
  | 'bookingDate'
  | 'valueDate'
  | 'amount'
  | 'credit'
  | 'debit'
  | 'indicator'
  | 'currency'
  | 'counterpartyName'
  | 'counterpartyIban'
  | 'counterpartyBic'
  | 'customerReference'
  | 'bankReference'
  | 'structuredReference'
  | 'transactionCode'
  | 'remittance';

/**
 * Header names of real exports, normalised (lower case, no accents, ß as ss, parenthesised parts dropped, anything
 * but letters and digits as one space), best match first. A column serves one role, roles are filled in this order.
 */
const headerNames: ReadonlyArray<[Role, readonly string[]]> = [
  ['bookingDate', ['buchungstag', 'buchungsdatum', 'booking date', 'posting date', 'posted date', 'post date', 'date operation', 'date de l operation', 'date comptable', 'boekdatum', 'datum', 'date', 'transaction date', 'trans date', 'fecha', 'data']],
  ['valueDate', ['valutadatum', 'valuta datum', 'wertstellung', 'wertstellungsdatum', 'wertstellungstag', 'value date', 'valuedate', 'date valeur', 'date de valeur', 'rentedatum', 'valutadatum wertstellung']],
  ['amount', ['betrag', 'amount', 'bedrag', 'montant', 'umsatz', 'transaction amount', 'betrag eur', 'importe', 'importo']],
  ['credit', ['haben', 'credit', 'credit amount', 'credits', 'paid in', 'money in', 'eingang', 'montant credit', 'gutschrift']],
  ['debit', ['soll', 'debit', 'debit amount', 'debits', 'paid out', 'money out', 'ausgang', 'montant debit']],
  ['indicator', ['af bij', 'bij af', 'soll haben', 's h', 'credit debit', 'debit credit', 'cr dr', 'dr cr', 'c d', 'd c', 'credit debit indicator', 'debit credit indicator']],
  ['currency', ['waehrung', 'wahrung', 'currency', 'munt', 'devise', 'ccy', 'currency code']],
  ['counterpartyName', ['beguenstigter zahlungspflichtiger', 'begunstigter zahlungspflichtiger', 'name zahlungsbeteiligter', 'zahlungsbeteiligter', 'auftraggeber empfaenger', 'auftraggeber empfanger', 'zahlungsempfaenger', 'zahlungsempfanger', 'empfaenger', 'empfanger', 'naam omschrijving', 'naam tegenpartij', 'tegenpartij', 'naam', 'counterparty', 'counterparty name', 'payee', 'payer', 'payee payer', 'beneficiary', 'name', 'merchant', 'tiers', 'beneficiaire', 'nom']],
  ['counterpartyIban', ['iban zahlungsbeteiligter', 'kontonummer iban', 'counterparty iban', 'iban', 'tegenrekening', 'tegenrekening iban', 'tegenrekening iban bban', 'iban tegenpartij', 'counterparty account', 'payee iban', 'iban beneficiaire']],
  ['counterpartyBic', ['bic zahlungsbeteiligter', 'bic', 'bic swift', 'swift bic', 'swift', 'counterparty bic', 'bic tegenpartij']],
  ['customerReference', ['kundenreferenz', 'customer reference', 'end to end reference', 'end to end id', 'endtoendid', 'reference', 'referenz', 'referentie', 'eref']],
  ['bankReference', ['bank reference', 'bankreferenz', 'transaction id', 'transferwise id', 'transaction reference', 'reference number', 'transaktionsreferenz', 'reference banque']],
  ['structuredReference', ['structured reference', 'creditor reference', 'betalingskenmerk', 'rf reference']],
  ['transactionCode', ['buchungstext', 'code', 'transaction type', 'type', 'mutatiesoort', 'transaction code', 'type operation', 'umsatzart', 'vorgang']],
  ['remittance', ['verwendungszweck', 'description', 'details', 'memo', 'narrative', 'purpose', 'remittance information', 'remittance', 'mededelingen', 'omschrijving', 'libelle', 'libelle operation', 'detail', 'transaction details', 'payment details', 'beschreibung', 'buchungsdetails', 'informations complementaires']],
];

const knownHeaderKeys = new Set(headerNames.flatMap(([, names]) => names));

/** A header name is short; a longer cell is no header (and is not run through the patterns below). */
const maxHeaderNameChars = 200;

/** Normalises a header cell for the table above ("Betrag (€)" → "betrag", "Date opération" → "date operation"). */
function headerKey(name: string): string {
  if (name.length > maxHeaderNameChars) return '';
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** "Omschrijving-1", "Verwendungszweck 2": numbered text columns all join the remittance text. */
const headerKeyUnnumbered = (name: string) => headerKey(name).replace(/ \d+$/, '');

/** A currency code a header carries ("Bedrag (EUR)", "Amount USD"). */
function currencyInHeader(name: string): string | null {
  for (const word of name.toUpperCase().split(/[^A-Z]+/)) if (word.length === 3 && isKnownCurrency(word)) return word;
  return null;
}

/** Marks meaning credit / debit, credit first, as banks write them. */
const markPairs: ReadonlyArray<[string[], string[]]> = [
  [['C'], ['D']],
  [['CR'], ['DR']],
  [['H'], ['S']],
  [['Bij'], ['Af']],
  [['Credit'], ['Debit']],
  [['CRDT'], ['DBIT']],
  [['+'], ['-']],
];
const markWords = new Set(['C', 'D', 'CR', 'DR', 'H', 'S', 'BIJ', 'AF', 'CREDIT', 'DEBIT', 'CRDT', 'DBIT', 'CHECK', 'DSLIP']);

function markPairFor(values: string[]): [string[], string[]] | null {
  const seen = new Set(values.map(markKey).filter((v) => v !== ''));
  if (seen.size === 0) return null;
  for (const [credit, debit] of markPairs) {
    const known = new Set([...credit, ...debit].map(markKey));
    if ([...seen].every((v) => known.has(v))) return [credit, debit];
  }
  return null;
}

const footerWords = ['Aktueller Kontostand', 'Kontostand', 'Endsaldo', 'Anfangssaldo', 'Saldo', 'Summe', 'Closing balance', 'Opening balance', 'Balance', 'Total', 'Totaal', 'Solde'];

/** The balance or total word a footer row starts with (its first non-blank cell), if it is one. */
function footerWordOf(fields: readonly string[]): string | undefined {
  const first = cleanText(fields.find((f) => f.trim() !== '') ?? '').toLowerCase();
  return footerWords.find((word) => first.startsWith(word.toLowerCase()));
}

interface SampledRow {
  fields: string[];
  line: number;
}

const sampleChars = 256 * 1024;
const quoteSniffLines = 200;
const quoteSniffLineChars = 2000;
const sampleRowsMax = 400;
const headerSearchRows = 40;

function sampleRows(text: string, delimiter: string, quoteChar: string): SampledRow[] {
  const rows: SampledRow[] = [];
  scanRows(text, { delimiter, quote: quoteChar, strictColumnCount: false, maxRows: sampleRowsMax }, {
    row: (fields, line) => rows.push({ fields, line }),
    broken: () => undefined,
  });
  return rows;
}

interface DelimiterChoice {
  delimiter: CsvStatementMapping['delimiter'];
  rows: SampledRow[];
  headerIndex: number | null;
  recognised: number;
  consistent: number;
}

function chooseDelimiter(text: string): DelimiterChoice {
  let best: DelimiterChoice | null = null;
  for (const delimiter of [';', ',', '\t', '|'] as const) {
    const rows = sampleRows(text, delimiter, '"');
    let choice: DelimiterChoice = { delimiter, rows, headerIndex: null, recognised: 0, consistent: 0 };
    rows.slice(0, headerSearchRows).forEach((row, index) => {
      if (row.fields.length < 2) return;
      const recognised = new Set(row.fields.map(headerKey).filter((k) => knownHeaderKeys.has(k) || knownHeaderKeys.has(k.replace(/ \d+$/, '')))).size;
      const consistent = rows.slice(index + 1).filter((r) => conformRow(r.fields, row.fields.length, row.fields) !== null).length;
      if (recognised >= 2 && (recognised > choice.recognised || (recognised === choice.recognised && consistent > choice.consistent))) {
        choice = { delimiter, rows, headerIndex: index, recognised, consistent };
      }
    });
    if (choice.headerIndex === null) {
      // no header: the delimiter that splits the most rows into the same number (≥ 2) of fields
      const counts = new Map<number, number>();
      for (const row of rows) if (row.fields.length >= 2) counts.set(row.fields.length, (counts.get(row.fields.length) ?? 0) + 1);
      choice.consistent = Math.max(0, ...counts.values());
    }
    const better =
      !best ||
      choice.recognised > best.recognised ||
      (choice.recognised === best.recognised && choice.consistent > best.consistent);
    if (better) best = choice;
  }
  return best as DelimiterChoice;
}

/** Votes on how amounts are written, from sampled cells. */
function sniffAmountFormat(values: string[], zeroDecimalCurrency: boolean): { format: CsvAmountFormat; certain: boolean; notes: string[] } {
  const votes = { '.': 0, ',': 0 };
  const ambiguous = { '.': 0, ',': 0 };
  const thousands = new Map<string, number>();
  let trailing = 0;
  let parentheses = 0;
  for (const raw of values) {
    const value = raw.trim();
    if (value === '' || value.length > maxAmountChars) continue;
    if (/^\(.*\)$/.test(value)) parentheses += 1;
    else if (/\d\s*[-\u2212]$/u.test(value)) trailing += 1;
    const core = value.replace(/^[-+\u2212(\s]+|[-+\u2212)\s]+$/gu, '');
    if (!/^\d[\d.,' \u00a0\u202f\u2019]*$/u.test(core)) continue;
    if (/\d[ \u00a0\u202f]\d/u.test(core)) thousands.set(' ', (thousands.get(' ') ?? 0) + 1);
    if (/\d['\u2019]\d/u.test(core)) thousands.set("'", (thousands.get("'") ?? 0) + 1);
    const dots = core.split('.').length - 1;
    const commas = core.split(',').length - 1;
    if (dots > 0 && commas > 0) {
      const decimal = core.lastIndexOf('.') > core.lastIndexOf(',') ? '.' : ',';
      votes[decimal] += 1;
      const other = decimal === '.' ? ',' : '.';
      thousands.set(other, (thousands.get(other) ?? 0) + 1);
    } else if (dots + commas === 1) {
      const sep = dots === 1 ? '.' : ',';
      const after = core.length - core.indexOf(sep) - 1;
      if (after === 3) ambiguous[sep] += 1;
      else votes[sep] += 1;
    } else if (dots > 1 || commas > 1) {
      const sep = dots > 1 ? '.' : ',';
      thousands.set(sep, (thousands.get(sep) ?? 0) + 1);
    }
  }
  const notes: string[] = [];
  let certain = true;
  let decimal: '.' | ',';
  if (votes['.'] > 0 || votes[','] > 0) {
    decimal = votes[','] > votes['.'] ? ',' : '.';
    if (votes['.'] > 0 && votes[','] > 0) {
      certain = false;
      notes.push(`amounts use both "." and "," as decimal separator; "${decimal}" is the more common`);
    }
  } else {
    const grouped = [...thousands.keys()].find((k) => k === '.' || k === ',');
    const single = ambiguous['.'] > 0 ? '.' : ambiguous[','] > 0 ? ',' : null;
    if (grouped) decimal = grouped === '.' ? ',' : '.';
    else if (single) {
      // "1,500": a thousands separator unless the currency has three decimals
      decimal = single === '.' ? ',' : '.';
      if (!zeroDecimalCurrency) {
        certain = false;
        notes.push(`amounts like "1${single}500" could be 1500 or 1${single}5; read as 1500 ("${single}" groups thousands)`);
      }
    } else decimal = '.';
  }
  let thousandsSeparator: CsvAmountFormat['thousandsSeparator'] = '';
  const candidates = [...thousands.entries()].filter(([sep]) => sep !== decimal).sort((a, b) => b[1] - a[1]);
  const top = candidates[0]?.[0];
  if (top === ',' || top === '.' || top === ' ' || top === "'") thousandsSeparator = top;
  else if (ambiguous[decimal === '.' ? ',' : '.'] > 0) thousandsSeparator = decimal === '.' ? ',' : '.';
  const negativeStyle: CsvAmountFormat['negativeStyle'] = parentheses > 0 ? 'parentheses' : trailing > 0 ? 'trailing-minus' : 'leading-minus';
  return { format: { decimalSeparator: decimal, thousandsSeparator, negativeStyle }, certain, notes };
}

function sniffDateFormat(values: string[], decimalSeparator: '.' | ','): { format: CsvDateFormat | null; certain: boolean; notes: string[] } {
  const samples = values.map((v) => v.trim()).filter((v) => v !== '');
  if (samples.length === 0) return { format: null, certain: false, notes: ['no dates to read the date format from'] };
  const fits = csvDateFormats.map((format) => ({ format, count: samples.filter((s) => readCsvDate(s, format).ok).length }));
  const all = fits.filter((f) => f.count === samples.length).map((f) => f.format);
  if (all.length === 1) return { format: all[0] ?? null, certain: true, notes: [] };
  if (all.length > 1) {
    // only day/month order can be ambiguous ("03/04/2026"): decimal commas go with day-first countries
    const dayFirst = all.find((f) => f.startsWith('DD'));
    const monthFirst = all.find((f) => f.startsWith('MM'));
    const format = (decimalSeparator === ',' ? dayFirst : monthFirst) ?? all[0] ?? null;
    return { format, certain: false, notes: [`dates fit ${all.join(' and ')}; ${format} was chosen: check a date after the 12th of a month`] };
  }
  const best = [...fits].sort((a, b) => b.count - a.count)[0];
  if (!best || best.count === 0) return { format: null, certain: false, notes: [`no date format fits dates like ${quote(samples[0] ?? '')}`] };
  return { format: best.format, certain: false, notes: [`only ${best.count} of ${samples.length} dates fit ${best.format}`] };
}

const looksLikeAmount = (value: string) =>
  value.trim().length <= maxAmountChars &&
  /^[-+\u2212(]?\s*\d[\d.,' \u00a0\u202f]*\)?\s*[-+]?$/u.test(value.trim()) && /[.,]\d{1,3}\)?\s*[-+]?$|^[-+\u2212(]/u.test(value.trim());

/**
 * Proposes a mapping for a bank's CSV export from a sample file: the delimiter, the preamble and header row, the
 * encoding, the columns (by the header names real exports use, in English, German, Dutch and French; case and accents
 * do not matter), the date format, and how amounts are written. `confidence` is 'high' only when every choice was
 * unambiguous and the sample parses with the proposal; `notes` say what was decided and what to check. A proposal
 * is for a person to confirm, never to be stored unseen.
 */
export function suggestCsvMapping(bytes: Buffer | string): { mapping: CsvStatementMapping; confidence: 'high' | 'low'; notes: string[] } {
  const notes: string[] = [];
  let certain = true;
  const doubt = (note: string) => {
    certain = false;
    notes.push(note);
  };

  let encoding: CsvStatementMapping['encoding'] = 'auto';
  let text: string;
  if (typeof bytes === 'string') text = bytes.replace(/^\ufeff/, '');
  else {
    let utf8 = true;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, maxStatementFileBytes));
    } catch {
      utf8 = false;
    }
    // the sample is cut from the bytes, so it is decoded as the whole file is (a cut may split a UTF-8 character)
    const head = bytes.subarray(0, sampleChars);
    text = (utf8 ? new TextDecoder('utf-8').decode(head) : decodeWindows1252(head)).replace(/^\ufeff/, '');
    if (!bytes.every((b) => b < 0x80)) {
      encoding = utf8 ? 'utf-8' : 'windows-1252';
      notes.push(utf8 ? 'the file is UTF-8' : 'the file is not UTF-8: read as windows-1252 (umlauts and accents of Western European exports)');
    }
  }
  if (text.length >= sampleChars) {
    const lastBreak = Math.max(text.lastIndexOf('\n', sampleChars), text.lastIndexOf('\r', sampleChars));
    text = text.slice(0, lastBreak > 0 ? lastBreak : sampleChars);
  }

  let choice = chooseDelimiter(text);
  const delimiterName = choice.delimiter === '\t' ? 'tab' : `"${choice.delimiter}"`;
  let quoteChar: CsvStatementMapping['quote'] = '"';
  // fields in ' and none opened with ": the bank quotes with apostrophes (counted on the first lines, cut short)
  const fieldStarts = text
    .split(/\r\n|\r|\n/, quoteSniffLines)
    .flatMap((line) => line.slice(0, quoteSniffLineChars).split(choice.delimiter))
    .map((field) => field.trim());
  const singleQuoted = fieldStarts.filter((field) => field.length > 1 && field.startsWith("'") && field.endsWith("'")).length;
  const doubleQuoted = fieldStarts.filter((field) => field.startsWith('"')).length;
  if (singleQuoted > 0 && doubleQuoted === 0) {
    quoteChar = "'";
    const rows = sampleRows(text, choice.delimiter, quoteChar);
    choice = { ...choice, rows };
    notes.push("fields are quoted with ' rather than \"");
  }

  const { rows, headerIndex } = choice;
  const hasHeader = headerIndex !== null;
  const header = hasHeader ? (rows[headerIndex]?.fields ?? []) : null;
  const width = header?.length ?? (() => {
    const counts = new Map<number, number>();
    for (const row of rows) if (row.fields.length >= 2) counts.set(row.fields.length, (counts.get(row.fields.length) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? rows[0]?.fields.length ?? 1;
  })();
  const firstDataIndex = hasHeader ? headerIndex + 1 : Math.max(0, rows.findIndex((r) => r.fields.length === width));
  const startRow = hasHeader ? rows[headerIndex] : rows[firstDataIndex];
  const skipLines = Math.max(0, (startRow?.line ?? 1) - 1);
  const afterHeader = rows.slice(firstDataIndex).filter((r) => !isBlankRow(r.fields));
  const footerRows = afterHeader.filter((r) => footerWordOf(r.fields) !== undefined);
  const candidates = afterHeader
    .filter((r) => footerWordOf(r.fields) === undefined)
    .flatMap((r) => {
      const fields = conformRow(r.fields, width, header);
      return fields ? [{ ...r, fields }] : [];
    });
  notes.push(`delimiter ${delimiterName}; ${candidates.length} rows of ${width} columns sampled`);
  if (hasHeader) {
    notes.push(skipLines > 0 ? `header on line ${skipLines + 1}; the ${skipLines} lines before it (the bank's preamble) are skipped` : 'header on line 1');
  } else {
    doubt('no header row recognised: columns are guessed from their content and referred to by position');
  }
  const column = (index: number) => candidates.map((r) => r.fields[index] ?? '');

  // roles from the header names
  const assigned = new Map<Role, number>();
  const remittance: number[] = [];
  const used = new Set<number>();
  if (header) {
    const keys = header.map(headerKey);
    const unnumbered = header.map(headerKeyUnnumbered);
    for (const [role, names] of headerNames) {
      if (role === 'remittance') {
        keys.forEach((key, i) => {
          if (used.has(i) || !(names.includes(key) || names.includes(unnumbered[i] ?? ''))) return;
          const values = column(i).filter((v) => v.trim() !== '');
          if (values.length > 0 && values.every((v) => markWords.has(markKey(v)))) {
            notes.push(`column "${header[i]}" only holds words like ${quote(values[0] ?? '')} and is not used as remittance text`);
            return;
          }
          remittance.push(i);
          used.add(i);
        });
        continue;
      }
      for (const name of names) {
        const i = keys.findIndex((key, index) => key === name && !used.has(index));
        if (i >= 0) {
          assigned.set(role, i);
          used.add(i);
          break;
        }
      }
    }
  }

  // without a header (or without a recognised date/amount), guess those two from the content
  const dateLike = (index: number) => {
    const values = column(index).filter((v) => v.trim() !== '');
    return values.length > 0 && csvDateFormats.some((f) => values.filter((v) => readCsvDate(v, f).ok).length >= values.length * 0.8);
  };
  if (!assigned.has('bookingDate')) {
    const dates = Array.from({ length: width }, (_, i) => i).filter((i) => !used.has(i) && dateLike(i));
    if (dates[0] !== undefined) {
      assigned.set('bookingDate', dates[0]);
      used.add(dates[0]);
      if (dates[1] !== undefined && !assigned.has('valueDate')) {
        assigned.set('valueDate', dates[1]);
        used.add(dates[1]);
      }
      doubt(`booking date guessed from the content: column ${dates[0]}`);
    } else doubt('no booking date column found: column 0 is assumed');
  }
  const hasAmountByName = assigned.has('amount') || (assigned.has('credit') && assigned.has('debit'));
  if (!hasAmountByName && !assigned.has('credit') && !assigned.has('debit')) {
    const amountColumn = Array.from({ length: width }, (_, i) => i).find((i) => {
      const values = column(i).filter((v) => v.trim() !== '');
      return !used.has(i) && values.length > 0 && values.every(looksLikeAmount);
    });
    if (amountColumn !== undefined) {
      assigned.set('amount', amountColumn);
      used.add(amountColumn);
      doubt(`amount guessed from the content: column ${amountColumn}`);
    } else doubt('no amount column found');
  }
  if (!header && remittance.length === 0) {
    // the free-text column: the longest texts among what is left
    const lengths = Array.from({ length: width }, (_, i) => i)
      .filter((i) => !used.has(i))
      .map((i) => ({ i, length: column(i).reduce((s, v) => s + cleanText(v).length, 0) }))
      .filter((c) => c.length > 0)
      .sort((a, b) => b.length - a.length);
    if (lengths[0]) remittance.push(lengths[0].i);
  }

  const ref = (index: number): CsvColumnRef => {
    if (!header) return index;
    const name = header[index] ?? '';
    const clash = header.filter((n) => n.trim() === name.trim()).length > 1;
    return clash || name.trim() === '' ? index : name.trim();
  };
  const roleRef = (role: Role) => {
    const index = assigned.get(role);
    return index === undefined ? undefined : ref(index);
  };

  // currency: a column, or a code in the amount's header ("Bedrag (EUR)")
  let currency: CsvCurrencySource | undefined;
  let zeroDecimalCurrency = false;
  const currencyIndex = assigned.get('currency');
  if (currencyIndex !== undefined) {
    currency = { column: ref(currencyIndex) };
    const codes = new Set(column(currencyIndex).map((v) => v.trim().toUpperCase()).filter((v) => v !== ''));
    zeroDecimalCurrency = codes.size > 0 && [...codes].every((c) => currencyExponent(c) === 0);
  } else {
    const amountHeader = [assigned.get('amount'), assigned.get('credit'), assigned.get('debit')]
      .map((i) => (i === undefined ? null : currencyInHeader(header?.[i] ?? '')))
      .find((code) => code !== null);
    if (amountHeader) {
      currency = { fixed: amountHeader };
      zeroDecimalCurrency = currencyExponent(amountHeader) === 0;
      notes.push(`amounts are in ${amountHeader} (from the amount column's header)`);
    } else notes.push("no currency column: entries take the bank account's currency");
  }

  // amounts
  const amountIndex = assigned.get('amount');
  const creditIndex = assigned.get('credit');
  const debitIndex = assigned.get('debit');
  const amountValues = [amountIndex, creditIndex, debitIndex].flatMap((i) => (i === undefined ? [] : column(i)));
  const sniffed = sniffAmountFormat(amountValues, zeroDecimalCurrency);
  if (!sniffed.certain) certain = false;
  notes.push(...sniffed.notes);
  const format = sniffed.format;
  notes.push(`amounts written like ${amountExample(format)}`);
  let amount: CsvAmountColumns;
  if (amountIndex !== undefined) {
    const signed = column(amountIndex).some((v) => v.length <= maxAmountChars && /^\s*[-\u2212(]|\d\s*[-\u2212]\s*$/u.test(v));
    let indicatorIndex = assigned.get('indicator');
    if (indicatorIndex === undefined && !signed) {
      indicatorIndex = Array.from({ length: width }, (_, i) => i).find((i) => !used.has(i) && markPairFor(column(i)) !== null);
    }
    const pair = indicatorIndex === undefined ? null : markPairFor(column(indicatorIndex));
    if (indicatorIndex !== undefined && pair && !signed) {
      amount = { style: 'indicator', amount: ref(amountIndex), indicator: ref(indicatorIndex), creditValues: pair[0], debitValues: pair[1] };
      notes.push(`amounts are unsigned; column ${header ? `"${header[indicatorIndex]}"` : indicatorIndex} marks credits ${pair[0].join('/')} and debits ${pair[1].join('/')}`);
    } else {
      amount = { style: 'signed', amount: ref(amountIndex) };
      if (indicatorIndex !== undefined && !pair) doubt(`column "${header?.[indicatorIndex] ?? indicatorIndex}" looks like a credit/debit mark but holds values that are not`);
      else if (!signed) notes.push('no negative amount in the sample: check that debits are really signed');
    }
  } else if (creditIndex !== undefined && debitIndex !== undefined) {
    amount = { style: 'credit-debit', credit: ref(creditIndex), debit: ref(debitIndex) };
    notes.push('credits and debits are in separate columns');
  } else {
    const only = creditIndex ?? debitIndex ?? 0;
    amount = { style: 'signed', amount: ref(only) };
    if (creditIndex !== undefined || debitIndex !== undefined) doubt('only one of the credit and debit columns was found');
  }

  // dates
  const bookingIndex = assigned.get('bookingDate') ?? 0;
  const valueIndex = assigned.get('valueDate');
  const bookingValues = column(bookingIndex);
  const dates = sniffDateFormat([...bookingValues, ...(valueIndex === undefined ? [] : column(valueIndex))], format.decimalSeparator);
  if (!dates.certain) certain = false;
  notes.push(...dates.notes);
  const dateFormat = dates.format ?? 'YYYY-MM-DD';
  notes.push(`dates written as ${dateFormat}`);

  // footer rows: after the header, no booking date, starting with a balance or total word
  const footers = footerRows
    .filter((r) => !readCsvDate(r.fields[bookingIndex] ?? '', dateFormat).ok)
    .map((r) => footerWordOf(r.fields))
    .filter((word): word is string => word !== undefined);
  let skipRowsMatching: string | undefined;
  if (footers.length > 0) {
    const words = [...new Set(footers)];
    skipRowsMatching = `^[${escapeRegex(choice.delimiter)}\\s]*(?:${words.map(escapeRegex).join('|')})`;
    notes.push(`rows starting with ${words.map((w) => `"${w}"`).join(', ')} (the bank's balance or total lines) are skipped`);
  }

  const mapping: CsvStatementMapping = {
    delimiter: choice.delimiter,
    quote: quoteChar,
    encoding,
    skipLines,
    hasHeader,
    dateFormat,
    decimalSeparator: format.decimalSeparator,
    thousandsSeparator: format.thousandsSeparator,
    negativeStyle: format.negativeStyle,
    columns: {
      bookingDate: ref(bookingIndex),
      ...(valueIndex === undefined ? {} : { valueDate: ref(valueIndex) }),
      amount,
      ...(currency ? { currency } : {}),
      ...optionalRef('counterpartyName', roleRef('counterpartyName')),
      ...optionalRef('counterpartyIban', roleRef('counterpartyIban')),
      ...optionalRef('counterpartyBic', roleRef('counterpartyBic')),
      remittance: remittance.map(ref),
      ...optionalRef('bankReference', roleRef('bankReference')),
      ...optionalRef('customerReference', roleRef('customerReference')),
      ...optionalRef('structuredReference', roleRef('structuredReference')),
      ...optionalRef('transactionCode', roleRef('transactionCode')),
    },
    ...(skipRowsMatching ? { skipRowsMatching } : {}),
  };
  if (remittance.length === 0) notes.push('no remittance text column found');

  if (candidates.length === 0) doubt('the sample holds no entries to check the proposal against');
  try {
    const trialCurrency = currency && 'fixed' in currency ? currency.fixed : 'EUR';
    const trial = parseCsvStatement(bytes, mapping, { accountIban: null, accountNumber: null, currency: trialCurrency });
    notes.push(`the sample parses into ${trial.entries.length} entries with this mapping`);
  } catch (error) {
    const faults = error instanceof StatementParseError ? error.faults : [{ location: 'file', message: String(error) }];
    doubt(`the sample does not parse with this mapping: ${faults.slice(0, 3).map((f) => `${f.location}: ${f.message}`).join('; ')}${faults.length > 3 ? ` (and ${faults.length - 3} more)` : ''}`);
  }
  return { mapping, confidence: certain && hasHeader ? 'high' : 'low', notes };
}

function optionalRef<K extends string>(key: K, ref: CsvColumnRef | undefined): Partial<Record<K, CsvColumnRef>> {
  return ref === undefined ? {} : ({ [key]: ref } as Record<K, CsvColumnRef>);
}
