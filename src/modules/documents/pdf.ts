import PDFDocument from 'pdfkit';
import { formatMinor } from '../../kernel/money.js';

/**
 * PDF documents for customers: invoices, credit notes and statements of account, drawn with pdfkit's built-in
 * Helvetica (covers the Latin-1 letters of European names and the euro sign). Plain data in, bytes out.
 */
export interface Company {
  name: string;
  legalName?: string | null;
  taxId?: string | null;
  addressLine?: string | null;
  city?: string | null;
  postalCode?: string | null;
  countryCode?: string | null;
  iban?: string | null;
  bic?: string | null;
  email?: string | null;
  /** The company logo (PNG or JPEG bytes), printed at the top right of every document when set. */
  logo?: Buffer | null;
}

/** Draws the logo in the top-right corner, leaving the text cursor where it was. */
function drawLogo(doc: PDFKit.PDFDocument, company: Company): void {
  if (!company.logo) return;
  const { x, y } = doc;
  const width = 140;
  doc.image(company.logo, doc.page.width - doc.page.margins.right - width, doc.page.margins.top, { fit: [width, 56], align: 'right' });
  doc.x = x;
  doc.y = y;
}

const categoryLabels: Record<string, string> = { Z: 'zero rated', E: 'exempt', AE: 'reverse charge', G: 'export' };

/** What the invoice says under its tax lines for a supply without VAT (EN 16931 BT-120 in words). */
function exemptionNotes(category: string | undefined, reasons: readonly string[]): string[] {
  const sentence = (r: string) => (/[.!?]$/.test(r) ? r : `${r}.`);
  if (category === 'AE') return [`Reverse charge: VAT to be accounted for by the recipient.${reasons.filter((r) => r !== 'Reverse charge').map((r) => ` ${sentence(r)}`).join('')}`];
  if (category === 'G') return reasons.map((r) => `No VAT charged: ${sentence(r)}`);
  if (category === 'E') return reasons.map((r) => `VAT exempt: ${sentence(r)}`);
  return [];
}

export interface InvoicePdfInput {
  kind: 'invoice' | 'credit_note';
  number: string;
  issueDate: string;
  dueDate: string | null;
  currency: string;
  seller: Company;
  buyer: Company;
  lines: { description: string; quantity: string; unitPriceMinor: bigint; discountPercent: string; taxRatePercent: string; netMinor: bigint }[];
  /** One line per VAT category (UNCL5305; absent: by rate only) and rate, with the exemption reasons of E, AE and G. */
  taxSummary: { taxRatePercent: string; taxCategory?: string; baseMinor: bigint; taxMinor: bigint; exemptionReasons?: string[] }[];
  subtotalMinor: bigint;
  taxMinor: bigint;
  totalMinor: bigint;
  paymentReference: string | null;
  discount: { amountMinor: bigint; deadline: string } | null;
  instalments: { dueDate: string; amountMinor: bigint }[] | null;
  creditedInvoiceNumber?: string | null;
  memo?: string | null;
}

export interface StatementPdfInput {
  company: Company;
  customer: Company;
  currency: string;
  from: string;
  to: string;
  openingBalanceMinor: bigint;
  movements: { date: string; document: string; description: string; debitMinor: bigint; creditMinor: bigint }[];
  closingBalanceMinor: bigint;
  aging: { label: string; amountMinor: bigint }[];
}

export interface PdfOptions {
  /** Compressed content streams (the default); tests read the text of uncompressed ones. */
  compress?: boolean;
}

function render(draw: (doc: PDFKit.PDFDocument) => void, info: { Title: string; Author: string }, options: PdfOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // A fixed creation date keeps the bytes reproducible for the same document.
    const doc = new PDFDocument({ size: 'A4', margin: 50, compress: options.compress ?? true, info: { ...info, CreationDate: new Date(0) } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    draw(doc);
    doc.end();
  });
}

function address(c: Company): string[] {
  return [c.legalName ?? c.name, c.addressLine ?? '', [c.postalCode, c.city].filter(Boolean).join(' '), c.countryCode ?? '', c.taxId ? `VAT ${c.taxId}` : ''].filter(Boolean);
}

function table(doc: PDFKit.PDFDocument, columns: { title: string; width: number; align?: 'left' | 'right' }[], rows: string[][]): void {
  const left = doc.page.margins.left;
  const drawRow = (cells: string[], bold: boolean) => {
    if (doc.y > doc.page.height - 120) doc.addPage();
    const y = doc.y;
    let x = left;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    let height = 0;
    cells.forEach((cell, i) => {
      const column = columns[i];
      if (!column) return;
      doc.text(cell, x, y, { width: column.width - 6, align: column.align ?? 'left' });
      height = Math.max(height, doc.y - y);
      x += column.width;
    });
    doc.x = left;
    doc.y = y + height + 4;
  };
  drawRow(columns.map((c) => c.title), true);
  for (const row of rows) drawRow(row, false);
}

export function invoicePdf(input: InvoicePdfInput, options: PdfOptions = {}): Promise<Buffer> {
  const money = (minor: bigint) => `${formatMinor(minor, input.currency)} ${input.currency}`;
  const title = input.kind === 'invoice' ? 'Invoice' : 'Credit note';
  return render(
    (doc) => {
      drawLogo(doc, input.seller);
      doc.font('Helvetica-Bold').fontSize(16).text(input.seller.legalName ?? input.seller.name);
      doc.font('Helvetica').fontSize(9).text(address(input.seller).slice(1).join(' · '));
      doc.moveDown(2);
      doc.fontSize(10).text(address(input.buyer).join('\n'));
      doc.moveDown();
      doc.font('Helvetica-Bold').fontSize(14).text(`${title} ${input.number}`);
      doc.font('Helvetica').fontSize(10).text(`Date: ${input.issueDate}${input.dueDate && input.kind === 'invoice' ? `    Due: ${input.dueDate}` : ''}`);
      if (input.creditedInvoiceNumber) doc.text(`Credits invoice ${input.creditedInvoiceNumber}`);
      doc.moveDown();
      table(
        doc,
        [
          { title: 'Description', width: 215 },
          { title: 'Quantity', width: 55, align: 'right' },
          { title: 'Unit price', width: 75, align: 'right' },
          { title: 'Discount', width: 50, align: 'right' },
          { title: 'VAT', width: 40, align: 'right' },
          { title: 'Net', width: 60, align: 'right' },
        ],
        input.lines.map((l) => [l.description, l.quantity, formatMinor(l.unitPriceMinor, input.currency), Number(l.discountPercent) > 0 ? `${l.discountPercent} %` : '', `${l.taxRatePercent} %`, formatMinor(l.netMinor, input.currency)]),
      );
      doc.moveDown();
      table(
        doc,
        [
          { title: 'VAT rate', width: 100 },
          { title: 'Taxable amount', width: 120, align: 'right' },
          { title: 'VAT', width: 120, align: 'right' },
        ],
        input.taxSummary.map((t) => [`${t.taxRatePercent} %${t.taxCategory && categoryLabels[t.taxCategory] ? ` (${categoryLabels[t.taxCategory]})` : ''}`, money(t.baseMinor), money(t.taxMinor)]),
      );
      const notes = input.taxSummary.flatMap((t) => exemptionNotes(t.taxCategory, t.exemptionReasons ?? []));
      if (notes.length > 0) doc.moveDown(0.5).font('Helvetica').fontSize(9).text(notes.join('\n'));
      doc.moveDown();
      doc.font('Helvetica').fontSize(10).text(`Net total: ${money(input.subtotalMinor)}`, { align: 'right' });
      doc.text(`VAT: ${money(input.taxMinor)}`, { align: 'right' });
      doc.font('Helvetica-Bold').text(`${input.kind === 'invoice' ? 'Total due' : 'Total credited'}: ${money(input.totalMinor)}`, { align: 'right' });
      doc.moveDown();
      doc.font('Helvetica').fontSize(9);
      if (input.discount) doc.text(`Early payment: deduct ${money(input.discount.amountMinor)} if paid by ${input.discount.deadline}.`);
      if (input.instalments && input.instalments.length > 1) doc.text(`Instalments: ${input.instalments.map((i) => `${money(i.amountMinor)} by ${i.dueDate}`).join('; ')}.`);
      if (input.kind === 'invoice') {
        const bank = [input.seller.iban ? `IBAN ${input.seller.iban}` : '', input.seller.bic ? `BIC ${input.seller.bic}` : ''].filter(Boolean).join(', ');
        if (bank) doc.text(`Please pay to ${bank}.`);
        if (input.paymentReference) doc.font('Helvetica-Bold').text(`Payment reference: ${input.paymentReference.replace(/(.{4})/g, '$1 ').trim()}`);
      }
      if (input.memo) doc.font('Helvetica').moveDown().text(input.memo);
    },
    { Title: `${title} ${input.number}`, Author: input.seller.name },
    options,
  );
}

export function statementPdf(input: StatementPdfInput, options: PdfOptions = {}): Promise<Buffer> {
  const money = (minor: bigint) => formatMinor(minor, input.currency);
  return render(
    (doc) => {
      drawLogo(doc, input.company);
      doc.font('Helvetica-Bold').fontSize(16).text(input.company.legalName ?? input.company.name);
      doc.moveDown();
      doc.font('Helvetica').fontSize(10).text(address(input.customer).join('\n'));
      doc.moveDown();
      doc.font('Helvetica-Bold').fontSize(14).text(`Statement of account, ${input.from} to ${input.to} (${input.currency})`);
      doc.moveDown();
      table(
        doc,
        [
          { title: 'Date', width: 70 },
          { title: 'Document', width: 85 },
          { title: 'Description', width: 170 },
          { title: 'Debit', width: 60, align: 'right' },
          { title: 'Credit', width: 60, align: 'right' },
        ],
        [
          [input.from, '', 'Opening balance', money(input.openingBalanceMinor), ''],
          ...input.movements.map((m) => [m.date, m.document, m.description, m.debitMinor > 0n ? money(m.debitMinor) : '', m.creditMinor > 0n ? money(m.creditMinor) : '']),
        ],
      );
      doc.moveDown();
      doc.font('Helvetica-Bold').fontSize(11).text(`Closing balance ${input.to}: ${money(input.closingBalanceMinor)} ${input.currency}`, { align: 'right' });
      doc.moveDown();
      table(doc, input.aging.map((a) => ({ title: a.label, width: 95, align: 'right' as const })), [input.aging.map((a) => money(a.amountMinor))]);
    },
    { Title: `Statement ${input.from} to ${input.to}`, Author: input.company.name },
    options,
  );
}

export interface DunningLetterInput {
  company: Company;
  customer: Company;
  date: string;
  title: string;
  language: 'en' | 'de';
  items: { number: string; dueDate: string; daysPastDue: number; openMinor: bigint; currency: string; paymentReference: string }[];
  totals: { currency: string; amountMinor: bigint }[];
  final: boolean;
}

/** A dunning letter to print and post: the items overdue with their payment references, and how to pay. */
export function dunningLetterPdf(input: DunningLetterInput, options: PdfOptions = {}): Promise<Buffer> {
  const de = input.language === 'de';
  const money = (minor: bigint, currency: string) => `${formatMinor(minor, currency)} ${currency}`;
  return render(
    (doc) => {
      drawLogo(doc, input.company);
      doc.font('Helvetica-Bold').fontSize(16).text(input.company.legalName ?? input.company.name);
      doc.font('Helvetica').fontSize(9).text(address(input.company).slice(1).join(' · '));
      doc.moveDown(2);
      doc.fontSize(10).text(address(input.customer).join('\n'));
      doc.moveDown();
      doc.text(input.date, { align: 'right' });
      doc.moveDown();
      doc.font('Helvetica-Bold').fontSize(14).text(input.title);
      doc.moveDown();
      doc.font('Helvetica').fontSize(10).text(
        de
          ? 'nach unseren Unterlagen sind die folgenden Rechnungen offen. Falls Sie bereits gezahlt haben, betrachten Sie dieses Schreiben bitte als gegenstandslos.'
          : 'According to our records the following invoices are open. If you have already paid, thank you, and please disregard this letter.',
      );
      doc.moveDown();
      table(
        doc,
        [
          { title: de ? 'Rechnung' : 'Invoice', width: 95 },
          { title: de ? 'Fällig' : 'Due', width: 70 },
          { title: de ? 'Tage überfällig' : 'Days overdue', width: 70, align: 'right' },
          { title: de ? 'Offen' : 'Open', width: 95, align: 'right' },
          { title: de ? 'Zahlungsreferenz' : 'Payment reference', width: 165 },
        ],
        input.items.map((i) => [i.number, i.dueDate, i.daysPastDue > 0 ? String(i.daysPastDue) : '', money(i.openMinor, i.currency), i.paymentReference]),
      );
      doc.moveDown();
      for (const t of input.totals) doc.font('Helvetica-Bold').fontSize(11).text(`${de ? 'Summe' : 'Total'}: ${money(t.amountMinor, t.currency)}`, { align: 'right' });
      doc.moveDown();
      const bank = [input.company.iban ? `IBAN ${input.company.iban}` : '', input.company.bic ? `BIC ${input.company.bic}` : ''].filter(Boolean).join(', ');
      doc.font('Helvetica').fontSize(10).text(
        de
          ? `Bitte überweisen Sie den offenen Betrag${bank ? ` auf ${bank}` : ''} unter Angabe der jeweiligen Zahlungsreferenz.${input.final ? ' Geht innerhalb von 7 Tagen keine Zahlung ein, sperren wir Ihr Kundenkonto und übergeben die Forderung gegebenenfalls einem Inkassobüro.' : ''}`
          : `Please pay the amount open${bank ? ` to ${bank}` : ''}, quoting each payment reference.${input.final ? ' If we do not receive payment within 7 days, we will put your account on hold and may hand the matter to a collection agency.' : ''}`,
      );
    },
    { Title: input.title, Author: input.company.name },
    options,
  );
}
