import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';

export const xlsxContentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value);
}

const quote = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/**
 * The first worksheet of an XLSX workbook as CSV text, streamed row by row (exceljs' streaming reader), so the import
 * checks an XLSX file exactly like a CSV one. Dates become YYYY-MM-DD; numbers keep their shortest decimal form.
 */
export function xlsxAsCsv(source: Readable): Readable {
  async function* rows(): AsyncGenerator<string> {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, { sharedStrings: 'cache', worksheets: 'emit', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
    for await (const worksheet of reader) {
      let width = 0;
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
        if (width === 0) width = values.length;
        while (values.length < width) values.push('');
        if (values.every((v) => v === '')) continue;
        yield `${values.map(quote).join(',')}\r\n`;
      }
      return;
    }
  }
  return Readable.from(rows());
}
