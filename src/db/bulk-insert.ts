import { getTableColumns, getTableName, sql, type Table } from 'drizzle-orm';
import { toJsonValue } from '../kernel/json-value.js';
import type { Executor } from './connection.js';

/** Rows per statement: one JSON parameter of a few megabytes at most. */
const rowsPerStatement = 5_000;

/** A value as it travels in the JSON: bigints as decimal strings (never through a float), dates as ISO instants. */
function jsonValue(value: unknown, nestedJsonSafe: boolean): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value.toISOString();
  // A json/jsonb column's value: bigints anywhere inside it become decimal strings too, unless the caller made it safe.
  return nestedJsonSafe ? value : toJsonValue(value, (v) => v.toString());
}

/**
 * Inserts many rows with one statement per chunk, the rows sent as a single JSON parameter and unpacked by the
 * database (`json_to_recordset`). The bulk paths use it where building a statement with tens of thousands of bind
 * parameters would cost more than the insert itself. Same rows, constraints and defaults as `insert(...).values(...)`:
 * rows are keyed by the table's property names, every row carries the same keys, and bigints travel as decimal strings
 * (never through a float), also inside json/jsonb values. Runs unchanged on PGlite and PostgreSQL. Returns how many
 * rows were inserted (with `onConflictDoNothing`, the ones that were not already there). The text is read as json
 * rather than jsonb: it is read once, so the database need not build the binary form first.
 */
export async function insertRowsAsJson<T extends Table>(
  executor: Executor,
  table: T,
  rows: ReadonlyArray<T['$inferInsert']>,
  options: { onConflictDoNothing?: boolean; /** json values hold no bigints: the caller made them JSON-safe (events do) */ nestedJsonSafe?: boolean } = {},
): Promise<number> {
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
  const nestedJsonSafe = options.nestedJsonSafe === true;
  let inserted = 0;
  // The next chunk's text is written while the database inserts the previous one (one statement in flight at a time).
  let inFlight: Promise<unknown> | undefined;
  for (let i = 0; i < rows.length; i += rowsPerStatement) {
    const chunk = rows.slice(i, i + rowsPerStatement).map((row) => {
      const record = row as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const s of specs) out[s.name] = jsonValue(record[s.key], nestedJsonSafe);
      return out;
    });
    // No replacer: JSON.stringify keeps its fast path.
    const text = JSON.stringify(chunk);
    if (inFlight) inserted += affectedRows(await inFlight);
    // Promise.resolve starts drizzle's lazy query now; the empty catch only keeps a failure that arrives while the
    // next chunk is being written from counting as unhandled (it is awaited, and thrown, right after).
    inFlight = Promise.resolve(
      executor.execute(
        sql`insert into ${table} (${sql.raw(names)}) select ${sql.raw(names)} from json_to_recordset(${text}::json) as r(${sql.raw(definitions)})${sql.raw(options.onConflictDoNothing ? ' on conflict do nothing' : '')}`,
      ),
    );
    inFlight.catch(() => undefined);
  }
  if (inFlight) inserted += affectedRows(await inFlight);
  return inserted;
}

/** Rows written by a statement: node-postgres says rowCount, PGlite affectedRows. */
function affectedRows(result: unknown): number {
  const r = result as { rowCount?: number | null; affectedRows?: number };
  return r.rowCount ?? r.affectedRows ?? 0;
}
