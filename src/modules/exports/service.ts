import { sql } from 'drizzle-orm';
import { queryRows, toBigInt, type Executor } from '../../db/connection.js';
import { formatMinor } from '../../kernel/money.js';
import { csvRow } from './csv.js';

/** Rows read per query while streaming: memory stays bounded however large the export. */
export const exportBatchRows = 5_000;

export const journalColumns = [
  'entry_id',
  'entry_date',
  'source_type',
  'source_id',
  'description',
  'line_id',
  'account_code',
  'account_name',
  'account_type',
  'currency',
  'debit',
  'credit',
  'customer_id',
] as const;

interface JournalLineRecord {
  entry_id: string;
  entry_date: string;
  source_type: string;
  source_id: string;
  description: string;
  line_id: string;
  account_code: string;
  account_name: string;
  account_type: string;
  currency: string;
  debit_minor: string;
  credit_minor: string;
  customer_id: string | null;
}

/** Journal lines of entries dated from..to (inclusive), in posting order, batch by batch. */
export async function* journalLines(executor: Executor, tenantId: string, from: string, to: string): AsyncGenerator<Record<(typeof journalColumns)[number], string>> {
  let after = { entryId: '00000000-0000-0000-0000-000000000000', lineId: '00000000-0000-0000-0000-000000000000' };
  for (;;) {
    const rows = await queryRows<JournalLineRecord>(
      executor,
      sql`select e.id::text as entry_id, e.entry_date::text as entry_date, e.source_type, e.source_id::text as source_id, e.description,
                 l.id::text as line_id, a.code as account_code, a.name as account_name, a.type as account_type, l.currency,
                 l.debit_minor::text as debit_minor, l.credit_minor::text as credit_minor, l.customer_id::text as customer_id
            from journal_entries e
            join journal_lines l on l.entry_id = e.id
            join accounts a on a.id = l.account_id
           where e.tenant_id = ${tenantId} and e.entry_date between ${from}::date and ${to}::date
             and (e.id, l.id) > (${after.entryId}::uuid, ${after.lineId}::uuid)
           order by e.id, l.id
           limit ${exportBatchRows}`,
    );
    for (const r of rows) {
      yield {
        entry_id: r.entry_id,
        entry_date: r.entry_date,
        source_type: r.source_type,
        source_id: r.source_id,
        description: r.description,
        line_id: r.line_id,
        account_code: r.account_code,
        account_name: r.account_name,
        account_type: r.account_type,
        currency: r.currency,
        debit: formatMinor(toBigInt(r.debit_minor), r.currency),
        credit: formatMinor(toBigInt(r.credit_minor), r.currency),
        customer_id: r.customer_id ?? '',
      };
    }
    const last = rows.at(-1);
    if (!last || rows.length < exportBatchRows) return;
    after = { entryId: last.entry_id, lineId: last.line_id };
  }
}

export const openItemColumns = ['document_number', 'kind', 'customer_id', 'customer_name', 'customer_ref', 'currency', 'issue_date', 'due_date', 'days_past_due', 'total', 'open'] as const;

/** Open invoices and unused credit notes as of a date (rebuilt from dated allocations, like the aging). */
export async function* openItems(executor: Executor, tenantId: string, asOf: string): AsyncGenerator<Record<(typeof openItemColumns)[number], string>> {
  let afterId = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await queryRows<Record<string, string | null>>(
      executor,
      sql`select i.id::text as id, i.number, i.kind, i.customer_id::text as customer_id, c.name as customer_name, c.external_ref, i.currency,
                 i.issue_date::text as issue_date, i.due_date::text as due_date, (${asOf}::date - i.due_date)::text as days_past_due,
                 i.total_minor::text as total,
                 (i.total_minor - coalesce(case when i.kind = 'invoice'
                    then (select sum(a.amount_minor) from allocations a where a.tenant_id = ${tenantId} and a.invoice_id = i.id and a.applied_on <= ${asOf}::date)
                    else (select sum(a.amount_minor) from allocations a where a.tenant_id = ${tenantId} and a.credit_note_id = i.id and a.applied_on <= ${asOf}::date) end, 0))::text as open
            from invoices i join customers c on c.id = i.customer_id
           where i.tenant_id = ${tenantId} and i.status <> 'draft' and i.issue_date <= ${asOf}::date and i.id > ${afterId}::uuid
           order by i.id
           limit ${exportBatchRows}`,
    );
    for (const r of rows) {
      const open = toBigInt(r.open);
      if (open === 0n) continue;
      const currency = r.currency ?? 'EUR';
      const sign = r.kind === 'credit_note' ? -1n : 1n;
      yield {
        document_number: r.number ?? '',
        kind: r.kind ?? '',
        customer_id: r.customer_id ?? '',
        customer_name: r.customer_name ?? '',
        customer_ref: r.external_ref ?? '',
        currency,
        issue_date: r.issue_date ?? '',
        due_date: r.due_date ?? '',
        days_past_due: r.days_past_due ?? '',
        total: formatMinor(sign * toBigInt(r.total), currency),
        open: formatMinor(sign * open, currency),
      };
    }
    const last = rows.at(-1);
    if (!last || rows.length < exportBatchRows) return;
    afterId = last.id ?? afterId;
  }
}

export const customerColumns = ['id', 'external_ref', 'name', 'email', 'tax_id', 'currency', 'payment_terms_days', 'credit_limit', 'segment', 'risk_class', 'blocked_for_orders', 'archived'] as const;

export async function* customerMasterData(executor: Executor, tenantId: string): AsyncGenerator<Record<(typeof customerColumns)[number], string>> {
  let afterId = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await queryRows<Record<string, string | null | boolean | number>>(
      executor,
      sql`select id::text as id, external_ref, name, email, tax_id, currency, payment_terms_days, credit_limit_minor::text as credit_limit_minor,
                 segment, risk_class, blocked_for_orders, archived_at is not null as archived
            from customers where tenant_id = ${tenantId} and id > ${afterId}::uuid order by id limit ${exportBatchRows}`,
    );
    for (const r of rows) {
      const currency = String(r.currency);
      yield {
        id: String(r.id),
        external_ref: String(r.external_ref ?? ''),
        name: String(r.name),
        email: String(r.email ?? ''),
        tax_id: String(r.tax_id ?? ''),
        currency,
        payment_terms_days: String(r.payment_terms_days),
        credit_limit: r.credit_limit_minor === null ? '' : formatMinor(toBigInt(r.credit_limit_minor), currency),
        segment: String(r.segment ?? ''),
        risk_class: String(r.risk_class),
        blocked_for_orders: String(r.blocked_for_orders),
        archived: String(r.archived),
      };
    }
    const last = rows.at(-1);
    if (!last || rows.length < exportBatchRows) return;
    afterId = String(last.id);
  }
}

/** CSV text of a row stream, header first. */
export async function* asCsv<K extends string>(columns: readonly K[], rows: AsyncIterable<Record<K, string>>): AsyncGenerator<string> {
  yield csvRow(columns);
  for await (const row of rows) yield csvRow(columns.map((c) => row[c]));
}

/** A JSON array of a row stream, written element by element. */
export async function* asJsonArray<T>(rows: AsyncIterable<T>): AsyncGenerator<string> {
  yield '[';
  let first = true;
  for await (const row of rows) {
    yield `${first ? '' : ','}\n${JSON.stringify(row)}`;
    first = false;
  }
  yield '\n]\n';
}
