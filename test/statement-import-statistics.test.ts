import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DatabaseHandle } from '../src/db/connection.js';
import { importBankStatement } from '../src/modules/cashapp/service.js';
import type { Actor } from '../src/modules/identity/roles.js';
import { openTenant } from '../src/tenancy.js';
import { openTestDatabase } from './support/database.js';

function camt053(statementId: string, lines: number): string {
  const entries = Array.from({ length: lines }, (_, i) =>
    `<Ntry><Amt Ccy="EUR">${10 + i}.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-03-10</Dt></BookgDt><ValDt><Dt>2026-03-10</Dt></ValDt><AcctSvcrRef>${statementId}-${i}</AcctSvcrRef><NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Payer ${i}</Nm></Dbtr></RltdPties><RmtInf><Ustrd>Invoice ${i}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`,
  ).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>${statementId}</MsgId><CreDtTm>2026-03-10T18:00:00</CreDtTm></GrpHdr><Stmt><Id>${statementId}</Id><Acct><Id><IBAN>DE02120300000000202051</IBAN></Id><Ccy>EUR</Ccy></Acct>${entries}</Stmt></BkToCstmrStmt></Document>`;
}

/**
 * A run right after a large import locks and updates its lines by id: that needs the planner to know the waiting
 * lines are many. With the statistics of before the import it took them for rare and read every waiting line once
 * per 2,000-line batch (80,000 rows per batch at 100,000 lines), so a large import refreshes the statistics.
 */
describe('statistics after a large statement import', () => {
  let handle: DatabaseHandle;
  let actor: Actor;
  beforeAll(async () => {
    handle = await openTestDatabase();
    actor = { tenantId: (await openTenant(handle.db, { name: 'Statistics', baseCurrency: 'EUR', timeZone: 'UTC' }, 'test')).id, role: 'admin', label: 'test' };
  });
  afterAll(async () => handle?.close());

  const estimatedWaiting = async () => {
    const [row] = await queryRows<{ reltuples: number }>(handle.db, sql`select reltuples::float8 as reltuples from pg_class where relname = 'statement_lines'`);
    return Number(row?.reltuples);
  };

  it('a small import leaves them as they are; one of 1,000 lines or more brings them up to date', async () => {
    const before = await estimatedWaiting();
    expect((await importBankStatement(handle.db, actor, { content: camt053('SMALL-1', 20) })).ok).toBe(true);
    expect(await estimatedWaiting()).toBe(before);
    const imported = await importBankStatement(handle.db, actor, { content: camt053('LARGE-1', 1_500) });
    expect(imported.ok && imported.value.linesAdded).toBe(1_500);
    expect(await estimatedWaiting()).toBe(1_520);
  });
});
