import { getTableColumns, getTableName, sql, type Table } from 'drizzle-orm';
import type { Executor } from './connection.js';

/** Rows per statement: one JSON parameter of a few megabytes at most. */
const rowsPerStatement = 5_000;

function jsonValue(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  return value;
}

/**
 * Inserts many rows with one statement per chunk, the rows sent as a single JSON parameter and unpacked by the
 * database (`jsonb_to_recordset`). The bulk paths use it where building a statement with tens of thousands of bind
 * parameters would cost more than the insert itself. Same rows, constraints and defaults as `insert(...).values(...)`:
 * rows are keyed by the table's property names, every row carries the same keys, and bigints travel as decimal strings
 * (never through a float). Runs unchanged on PGlite and PostgreSQL. Returns how many rows were inserted (with
 * `onConflictDoNothing`, the ones that were not already there).
 */
export async function insertRowsAsJson<T extends Table>(executor: Executor, table: T, rows: ReadonlyArray<T['$inferInsert']>, options: { onConflictDoNothing?: boolean } = {}): Promise<number> {
  const first = rows[0] as Record<string, unknown> | undefined;
  if (!first) return 0;
  const columns = getTableColumns(table) as Record<string, { name: string; getSQLType(): string }>;
  const keys = Object.keys(first).filter((k) => first[k] !== undefined);
  const specs = keys.map((key) => {
    const column = columns[key];
    if (!column) throw new Error(`${getTableName(table)} has no column ${key}`);
    return { key, name: column.name, type: column.getSQLType() };
  });
  const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const names = specs.map((s) => quoted(s.name)).join(', ');
  const definitions = specs.map((s) => `${quoted(s.name)} ${s.type}`).join(', ');
  let inserted = 0;
  for (let i = 0; i < rows.length; i += rowsPerStatement) {
    const chunk = rows.slice(i, i + rowsPerStatement).map((row) => {
      const record = row as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const s of specs) out[s.name] = jsonValue(record[s.key]);
      return out;
    });
    const result = await executor.execute(
      sql`insert into ${table} (${sql.raw(names)}) select ${sql.raw(names)} from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as r(${sql.raw(definitions)})${sql.raw(options.onConflictDoNothing ? ' on conflict do nothing' : '')}`,
    );
    inserted += affectedRows(result);
  }
  return inserted;
}

/** Rows written by a statement: node-postgres says rowCount, PGlite affectedRows. */
function affectedRows(result: unknown): number {
  const r = result as { rowCount?: number | null; affectedRows?: number };
  return r.rowCount ?? r.affectedRows ?? 0;
}
