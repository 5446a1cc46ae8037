/**
 * CSV writing (RFC 4180) with spreadsheet formula injection neutralised: a cell that a spreadsheet would read as a
 * formula (starting with = + - @, a tab or a carriage return) is prefixed with a single quote (OWASP's advice).
 * Amounts are written by the caller as plain decimal strings, which never start with those characters unless
 * negative: signed numbers are left as they are when the whole cell is a number.
 */
const formulaStart = /^[=+\-@\t\r]/;
const plainNumber = /^-?\d+(\.\d+)?$/;

export function neutraliseFormula(value: string): string {
  return formulaStart.test(value) && !plainNumber.test(value) ? `'${value}` : value;
}

export function csvCell(value: string | number | bigint | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = neutraliseFormula(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly (string | number | bigint | null | undefined)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
