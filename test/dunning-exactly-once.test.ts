import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { dailyTasks, runDay, taskLeaseMs, type TaskOutcome } from '../src/automation/run-day.js';
import { openPglite, openPostgres, queryRows, type Database, type DatabaseHandle } from '../src/db/connection.js';
import { runDunning } from '../src/modules/collections/service.js';
import { deliverDueEmails, emailLeaseMs, type SmtpSettings } from '../src/modules/notifications/service.js';
import { onPostgresServer, openTestDatabase } from './support/database.js';
import { generateOverdueBook, type OverdueBook } from './support/overdue-book.js';

// A Wednesday: the default policy sends nothing on weekends.
const asOf = '2026-03-04';
/** runDunning's transaction size (customersPerChunk in collections/service.ts): a kill can only cut between these. */
const customersPerChunk = 500;
const later = () => new Date(Date.now() + taskLeaseMs + 1_000);

// ---- what "exactly once" means, checked in the database ----

/**
 * Every customer due a notice has exactly one for the date, nobody else has one, each notice by email has exactly one
 * email in the outbox under its dedupe key (and no email lacks its notice), each dunned invoice reached level 1 once
 * under its customer's notice, and the activity log has one entry per notice.
 */
async function expectExactlyOnce(db: Database, book: OverdueBook): Promise<void> {
  const t = book.tenant.id;
  const [notices] = await queryRows<{ n: number; customers: number; queued: number; letters: number; do_not_dun: number }>(
    db,
    sql`select count(*)::int as n, count(distinct n.customer_id)::int as customers,
               count(*) filter (where n.status = 'queued')::int as queued, count(*) filter (where n.status = 'letter')::int as letters,
               count(*) filter (where s.do_not_dun)::int as do_not_dun
          from dunning_notices n left join customer_collection_settings s on s.tenant_id = n.tenant_id and s.customer_id = n.customer_id
         where n.tenant_id = ${t} and n.as_of = ${asOf}`,
  );
  expect(notices).toEqual({ n: book.expectedNotices, customers: book.expectedNotices, queued: book.expectedEmails, letters: book.expectedNotices - book.expectedEmails, do_not_dun: 0 });
  const [mail] = await queryRows<{ n: number; message_ids: number; per_notice_max: number; orphans: number; unmatched: number }>(
    db,
    sql`select (select count(*)::int from email_outbox where tenant_id = ${t} and dedupe_key like 'dunning:%') as n,
               (select count(distinct message_id)::int from email_outbox where tenant_id = ${t} and dedupe_key like 'dunning:%') as message_ids,
               (select coalesce(max(c), 0)::int from (select count(*) as c from email_outbox o join dunning_notices n on o.dedupe_key = 'dunning:' || n.id
                                                       where n.tenant_id = ${t} group by n.id) x) as per_notice_max,
               (select count(*)::int from email_outbox o where o.tenant_id = ${t} and o.dedupe_key like 'dunning:%'
                   and not exists (select 1 from dunning_notices n where o.dedupe_key = 'dunning:' || n.id and n.status = 'queued')) as orphans,
               (select count(*)::int from dunning_notices n where n.tenant_id = ${t} and n.status = 'queued'
                   and not exists (select 1 from email_outbox o where o.tenant_id = n.tenant_id and o.dedupe_key = 'dunning:' || n.id)) as unmatched`,
  );
  expect(mail).toEqual({ n: book.expectedEmails, message_ids: book.expectedEmails, per_notice_max: 1, orphans: 0, unmatched: 0 });
  const [levels] = await queryRows<{ rows: number; invoices: number; dunned_invoices: number; foreign: number; activities: number }>(
    db,
    sql`select (select count(*)::int from dunning_item_levels where tenant_id = ${t}) as rows,
               (select count(distinct invoice_id)::int from dunning_item_levels where tenant_id = ${t} and level = 1 and not pilot) as invoices,
               (select count(*)::int from invoices i where i.tenant_id = ${t}
                   and not exists (select 1 from customer_collection_settings s where s.tenant_id = i.tenant_id and s.customer_id = i.customer_id and s.do_not_dun)) as dunned_invoices,
               (select count(*)::int from dunning_item_levels l join invoices i on i.id = l.invoice_id join dunning_notices n on n.id = l.notice_id
                 where l.tenant_id = ${t} and n.customer_id <> i.customer_id) as foreign,
               (select count(*)::int from collection_activities where tenant_id = ${t} and kind = 'dunning' and occurred_on = ${asOf}) as activities`,
  );
  expect(levels?.dunned_invoices).toBeGreaterThan(0);
  expect(levels).toEqual({ rows: levels?.dunned_invoices, invoices: levels?.dunned_invoices, dunned_invoices: levels?.dunned_invoices, foreign: 0, activities: book.expectedNotices });
}

/** Everything the dunning run writes for a tenant, to compare before and after a second run. */
async function dunningFootprint(db: Database, tenantId: string) {
  return {
    notices: await queryRows(db, sql`select id::text, customer_id::text, as_of::text, level, status, lines, created_at::text from dunning_notices where tenant_id = ${tenantId} order by id`),
    outbox: await queryRows(db, sql`select id::text, dedupe_key, message_id, to_address, subject, body, status from email_outbox where tenant_id = ${tenantId} order by id`),
    levels: await queryRows(db, sql`select invoice_id::text, level, notice_id::text from dunning_item_levels where tenant_id = ${tenantId} order by invoice_id, level`),
    activities: await queryRows(db, sql`select id::text from collection_activities where tenant_id = ${tenantId} order by id`),
    runs: await queryRows(db, sql`select task, status, finished_at::text from automation_runs where tenant_id = ${tenantId} order by task`),
  };
}

const taskStatus = (outcomes: TaskOutcome[], task: string) => outcomes.find((o) => o.task === task)?.status;
const dunningOutcome = (outcomes: TaskOutcome[]) => {
  const o = outcomes.find((x) => x.task === 'dunning');
  return o?.status === 'completed' ? (o.outcome as { noticesSent: number; alreadyDone: number; customersConsidered: number }) : undefined;
};

// ---- a database two processes can use, and the worker processes ----

type ChildDatabase = { url: string } | { dataDir: string };

/**
 * A database a child process can open as well: on PostgreSQL a fresh database of its own; on PGlite a data directory,
 * which only one process may have open, so the parent lends it (release) and takes it back (reopen).
 */
interface SharedDatabase {
  handle: DatabaseHandle;
  target: ChildDatabase;
  release(): Promise<void>;
  reopen(): Promise<DatabaseHandle>;
  close(): Promise<void>;
}

async function openSharedDatabase(): Promise<SharedDatabase> {
  if (onPostgresServer()) {
    const handle = await openTestDatabase();
    if (!handle.url) throw new Error('a PostgreSQL test database without a URL');
    return { handle, target: { url: handle.url }, release: async () => undefined, reopen: async () => handle, close: () => handle.close() };
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'cashloop-dunning-'));
  const dump = await readFile(inject('pgliteDumpPath'));
  const shared: SharedDatabase = {
    handle: await openPglite({ dataDir: dir, loadDataDir: new Blob([dump]) }),
    target: { dataDir: dir },
    release: async () => shared.handle.close(),
    reopen: async () => (shared.handle = await openPglite({ dataDir: dir })),
    close: async () => {
      await shared.handle.close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
  return shared;
}

interface Worker {
  /** Lines printed so far, with the time each arrived (ms since the start of the test process). */
  lines: Array<{ line: string; at: number }>;
  waitFor(line: string): Promise<void>;
  go(): void;
  kill(): void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  result(): Promise<unknown>;
}

/** A separate Node process running test/support/run-day-child.ts: the real thing, killable with SIGKILL. */
function startWorker(order: { database: ChildDatabase; tenantId: string; asOf: string; work: 'run-day' | 'run-dunning'; waitForGo?: boolean }): Worker {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', path.join('test', 'support', 'run-day-child.ts'), JSON.stringify(order)], {
    cwd: path.resolve(import.meta.dirname, '..'),
    env: { ...process.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: Worker['lines'] = [];
  const waiting: Array<{ line: string; resolve: () => void }> = [];
  let stderr = '';
  let pending = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const complete = pending.split('\n');
    pending = complete.pop() ?? '';
    for (const line of complete) {
      lines.push({ line, at: performance.now() });
      for (const w of waiting.filter((x) => x.line === line)) w.resolve();
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
  return {
    lines,
    waitFor: (line) =>
      lines.some((l) => l.line === line)
        ? Promise.resolve()
        : Promise.race([
            new Promise<void>((resolve) => waiting.push({ line, resolve })),
            exited.then((e) => Promise.reject(new Error(`worker exited (${e.code ?? e.signal}) before "${line}": ${e.stderr}`))),
          ]),
    go: () => child.stdin.write('go\n'),
    kill: () => child.kill('SIGKILL'),
    exited,
    async result() {
      const exit = await exited;
      const line = lines.find((l) => l.line.startsWith('result '));
      if (exit.code !== 0 || !line) throw new Error(`worker failed (${exit.code ?? exit.signal}): ${exit.stderr}`);
      return JSON.parse(line.line.slice('result '.length));
    },
  };
}

// ---- the scenarios ----

describe('the same date run twice', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => database?.close());

  it('sends nothing the second time: notices, outbox, item levels and activities are unchanged', async () => {
    const { db } = database;
    const book = await generateOverdueBook(db, { customers: 1_100, asOf, withoutEmailEvery: 10, doNotDunEvery: 25, tenantName: 'Twice Ltd' });
    const first = await runDay(db, book.tenant.id, asOf);
    expect(first.map((o) => o.status)).toEqual(dailyTasks.map(() => 'completed'));
    expect(dunningOutcome(first)).toMatchObject({ noticesSent: book.expectedNotices, alreadyDone: 0 });
    await expectExactlyOnce(db, book);
    const before = await dunningFootprint(db, book.tenant.id);

    const second = await runDay(db, book.tenant.id, asOf);
    expect(second.map((o) => o.status)).toEqual(dailyTasks.map(() => 'already_completed'));
    // Even past the lease, a completed task is never taken over.
    const afterLease = await runDay(db, book.tenant.id, asOf, { now: later });
    expect(afterLease.every((o) => o.status === 'already_completed')).toBe(true);
    // The task itself run again (what a worker does that took over a lapsed claim): the day's keys refuse everything.
    const rerun = (await runDunning(db, book.tenant.id, asOf)) as { noticesSent: number; pilotNotices: number; letters: number; escalations: number };
    expect(rerun).toMatchObject({ noticesSent: 0, pilotNotices: 0, letters: 0, escalations: 0 });
    expect(await dunningFootprint(db, book.tenant.id)).toEqual(before);
    await expectExactlyOnce(db, book);
  });
});

describe('a run killed between customers and restarted', () => {
  let shared: SharedDatabase;
  beforeAll(async () => {
    shared = await openSharedDatabase();
  });
  afterAll(async () => shared?.close());

  it('keeps whole chunks of the killed run, and the restart after the lease adds exactly what is missing', { timeout: 240_000 }, async () => {
    // 1,750 customers: chunks of 500, 500, 500 and 250.
    const book = await generateOverdueBook(shared.handle.db, { customers: 1_750, asOf, withoutEmailEvery: 10, doNotDunEvery: 25, tenantName: 'Killed Run GmbH' });
    const t = book.tenant.id;
    const inRunOrder = (await queryRows<{ id: string }>(shared.handle.db, sql`select id::text from customers where tenant_id = ${t} order by id`)).map((r) => r.id);
    const doNotDun = new Set((await queryRows<{ id: string }>(shared.handle.db, sql`select customer_id::text as id from customer_collection_settings where tenant_id = ${t} and do_not_dun`)).map((r) => r.id));
    const chunks = Math.ceil(inRunOrder.length / customersPerChunk);

    await shared.release();
    const worker = startWorker({ database: shared.target, tenantId: t, asOf, work: 'run-day' });
    // Two chunks are committed; the worker is on its way through the third when the kill lands.
    await worker.waitFor('chunk 2');
    worker.kill();
    const exit = await worker.exited;
    expect(exit.signal).toBe('SIGKILL');
    const { db } = await shared.reopen();

    // A chunk is one transaction: what the killed worker left is the notices of its first k chunks, nothing of the next.
    const noticed = new Set((await queryRows<{ id: string }>(db, sql`select customer_id::text as id from dunning_notices where tenant_id = ${t} and as_of = ${asOf}`)).map((r) => r.id));
    const committedChunks = Array.from({ length: chunks + 1 }, (_, k) => k).filter((k) => {
      const due = inRunOrder.slice(0, k * customersPerChunk).filter((id) => !doNotDun.has(id));
      return due.length === noticed.size && due.every((id) => noticed.has(id));
    });
    expect(committedChunks).toHaveLength(1);
    const k = committedChunks[0] as number;
    expect(k).toBeGreaterThanOrEqual(2);
    expect(k).toBeLessThan(chunks);
    const [outboxAtKill] = await queryRows<{ n: number; queued: number }>(
      db,
      sql`select (select count(*)::int from email_outbox where tenant_id = ${t} and dedupe_key like 'dunning:%') as n,
                 (select count(*)::int from dunning_notices where tenant_id = ${t} and status = 'queued') as queued`,
    );
    expect(outboxAtKill?.n).toBe(outboxAtKill?.queued);
    const [run] = await queryRows<{ status: string }>(db, sql`select status from automation_runs where tenant_id = ${t} and as_of = ${asOf} and task = 'dunning'`);
    expect(run?.status).toBe('running');

    // Within the dead worker's lease nobody takes the task over: the restart stops at it and writes nothing.
    const early = await runDay(db, t, asOf);
    const tasksBeforeDunning = dailyTasks.findIndex((task) => task.name === 'dunning');
    expect(early.map((o) => o.status)).toEqual([...dailyTasks.slice(0, tasksBeforeDunning).map(() => 'already_completed'), 'running_elsewhere']);
    const [still] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from dunning_notices where tenant_id = ${t}`);
    expect(still?.n).toBe(noticed.size);

    // Once the lease has lapsed the restart takes the task over and completes it.
    const restart = await runDay(db, t, asOf, { now: later });
    expect(taskStatus(restart, 'dunning')).toBe('completed');
    expect(dunningOutcome(restart)?.noticesSent).toBe(book.expectedNotices - noticed.size);
    await expectExactlyOnce(db, book);
    const [done] = await queryRows<{ status: string }>(db, sql`select status from automation_runs where tenant_id = ${t} and as_of = ${asOf} and task = 'dunning'`);
    expect(done?.status).toBe('completed');
  });
});

describe.skipIf(!onPostgresServer())('two servers running the same date at once', () => {
  let shared: SharedDatabase;
  beforeAll(async () => {
    shared = await openSharedDatabase();
  });
  afterAll(async () => shared?.close());

  it('runs the day once between two processes: one notice per customer and one email each', { timeout: 180_000 }, async () => {
    const book = await generateOverdueBook(shared.handle.db, { customers: 1_750, asOf, withoutEmailEvery: 10, doNotDunEvery: 25, tenantName: 'Two Servers plc' });
    const workers = [0, 1].map(() => startWorker({ database: shared.target, tenantId: book.tenant.id, asOf, work: 'run-day', waitForGo: true }));
    await Promise.all(workers.map((w) => w.waitFor('ready')));
    for (const w of workers) w.go();
    const results = (await Promise.all(workers.map((w) => w.result()))) as TaskOutcome[][];
    // One of them ran the dunning task; the other found it (or an earlier task) claimed, or already completed.
    expect(results.filter((r) => taskStatus(r, 'dunning') === 'completed')).toHaveLength(1);
    await expectExactlyOnce(shared.handle.db, book);
  });

  it('stays exactly once when both processes run the dunning task itself at the same time (a worker that lost its lease without noticing)', { timeout: 180_000 }, async () => {
    // runDay's heartbeat renews the lease without checking whose it is, so a worker that stalled past its lease keeps
    // going next to the one that took over: then only the day's unique keys stand between customers and a second notice.
    const book = await generateOverdueBook(shared.handle.db, { customers: 3_000, asOf, withoutEmailEvery: 10, doNotDunEvery: 25, tenantName: 'Overlap AG' });
    const workers = [0, 1].map(() => startWorker({ database: shared.target, tenantId: book.tenant.id, asOf, work: 'run-dunning', waitForGo: true }));
    await Promise.all(workers.map((w) => w.waitFor('ready')));
    for (const w of workers) w.go();
    const results = (await Promise.all(workers.map((w) => w.result()))) as Array<{ noticesSent: number; alreadyDone: number }>;
    // They really ran side by side: each committed a chunk before the other committed its last.
    const span = workers.map((w) => w.lines.filter((l) => l.line.startsWith('chunk ')).map((l) => l.at));
    const [a, b] = span as [number[], number[]];
    expect(Math.min(...a)).toBeLessThan(Math.max(...b));
    expect(Math.min(...b)).toBeLessThan(Math.max(...a));
    expect(results.reduce((sum, r) => sum + r.noticesSent, 0)).toBe(book.expectedNotices);
    await expectExactlyOnce(shared.handle.db, book);
  });
});

describe.skipIf(onPostgresServer())('two servers running the same date at once (PGlite)', () => {
  it('is exercised on PostgreSQL only', () => {
    console.info('skipped on PGlite: the embedded database is one process and one session; run with TEST_DATABASE_URL to race two workers');
  });
});

// ---- delivery, checked at the receiving SMTP server ----

interface Received {
  messageId: string;
  to: string[];
}

/**
 * An SMTP server on 127.0.0.1 that keeps what it accepts. `refuseOnce` recipients get a temporary 451 at RCPT TO on
 * their first attempt; `dropOnce` recipients have the connection cut in the middle of DATA on their first attempt;
 * with `holdFirst` the first message's final reply waits until `holdFirst.until` settles (a slow server).
 */
async function startInbox(rules: { refuseOnce: Set<string>; dropOnce: Set<string>; holdFirst?: { holding: () => void; until: Promise<void> } }) {
  const received: Received[] = [];
  const refused: string[] = [];
  const dropped: string[] = [];
  const sockets = new Map<number, Socket>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (rules.refuseOnce.delete(address.address)) {
        refused.push(address.address);
        return callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo.map((r) => r.address);
      const drop = to.find((a) => rules.dropOnce.has(a));
      if (drop) {
        rules.dropOnce.delete(drop);
        dropped.push(drop);
        // Cut the line once the first bytes of the message have arrived: the client never gets the 250.
        stream.once('data', () => sockets.get(session.remotePort)?.destroy());
        stream.resume();
        return;
      }
      const parts: Buffer[] = [];
      const hold = rules.holdFirst;
      rules.holdFirst = undefined;
      stream.on('data', (part: Buffer) => parts.push(part));
      stream.on('end', () => {
        const raw = Buffer.concat(parts).toString('utf8');
        const headers = raw.split(/\r?\n\r?\n/)[0] ?? '';
        const accept = () => {
          received.push({ messageId: /^message-id:\s*(<[^>]+>)/im.exec(headers)?.[1] ?? '', to });
          callback();
        };
        if (!hold) return accept();
        hold.holding();
        void hold.until.then(accept);
      });
    },
  });
  server.on('error', () => undefined);
  server.server.on('connection', (socket: Socket) => {
    if (socket.remotePort) sockets.set(socket.remotePort, socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('the SMTP server has no port');
  return { port: address.port, received, refused, dropped, close: () => new Promise<void>((resolve) => server.close(resolve)) };
}

/** Delivers until nothing is due at `now`, with several workers sharing the outbox. */
async function drainOutbox(dbs: Database[], smtp: SmtpSettings, now: Date): Promise<{ sent: number; failed: number }> {
  const total = { sent: 0, failed: 0 };
  await Promise.all(
    dbs.map(async (db) => {
      for (;;) {
        const round = await deliverDueEmails(db, smtp, { now, limit: 10 });
        total.sent += round.sent;
        total.failed += round.failed;
        if (round.sent + round.failed === 0) return;
      }
    }),
  );
  return total;
}

describe('delivery of the dunning emails to the SMTP server', () => {
  let database: DatabaseHandle;
  let second: DatabaseHandle | undefined;
  beforeAll(async () => {
    database = await openTestDatabase();
    // A second worker with its own connection pool on PostgreSQL; on PGlite both share the one session.
    if (database.url) second = await openPostgres(database.url);
  });
  afterAll(async () => {
    await second?.close();
    await database?.close();
  });

  it('puts every email in the inbox exactly once by Message-ID, through a server outage, refusals and dropped connections', { timeout: 120_000 }, async () => {
    const { db } = database;
    const book = await generateOverdueBook(db, { customers: 75, asOf, withoutEmailEvery: 10, doNotDunEvery: 25, tenantName: 'Inbox Ltd' });
    const outcomes = await runDay(db, book.tenant.id, asOf);
    expect(taskStatus(outcomes, 'dunning')).toBe('completed');
    await expectExactlyOnce(db, book);
    const outbox = await queryRows<{ id: string; message_id: string; to_address: string }>(
      db,
      sql`select id::text, message_id, to_address from email_outbox where tenant_id = ${book.tenant.id} and dedupe_key like 'dunning:%' order by to_address`,
    );
    expect(outbox).toHaveLength(book.expectedEmails);
    const workers = second ? [db, second.db] : [db, db];
    const from = 'billing@cashloop.invalid';
    const t0 = new Date();

    // 1. The server is down: every attempt fails and is scheduled again.
    const down = await startInbox({ refuseOnce: new Set(), dropOnce: new Set() });
    await down.close();
    const outage = await drainOutbox(workers, { url: `smtp://127.0.0.1:${down.port}`, from }, t0);
    expect(outage).toEqual({ sent: 0, failed: outbox.length });

    // 2. It is back but flaky: a third of the recipients refused once, a third cut off in the middle of the message.
    const inbox = await startInbox({
      refuseOnce: new Set(outbox.filter((_, i) => i % 3 === 1).map((m) => m.to_address)),
      dropOnce: new Set(outbox.filter((_, i) => i % 3 === 2).map((m) => m.to_address)),
    });
    try {
      const smtp = { url: `smtp://127.0.0.1:${inbox.port}`, from };
      const flaky = await drainOutbox(workers, smtp, new Date(t0.getTime() + 60 * 60 * 1000));
      expect(inbox.refused.length).toBeGreaterThan(0);
      expect(inbox.dropped.length).toBeGreaterThan(0);
      expect(flaky).toEqual({ sent: outbox.length - inbox.refused.length - inbox.dropped.length, failed: inbox.refused.length + inbox.dropped.length });

      // 3. The retries, a day later, go through; nothing is left and nothing goes twice.
      const retried = await drainOutbox(workers, smtp, new Date(t0.getTime() + 24 * 60 * 60 * 1000));
      expect(retried).toEqual({ sent: inbox.refused.length + inbox.dropped.length, failed: 0 });
      expect(await drainOutbox(workers, smtp, new Date(t0.getTime() + 30 * 24 * 60 * 60 * 1000))).toEqual({ sent: 0, failed: 0 });

      const timesReceived = new Map<string, number>();
      for (const r of inbox.received) timesReceived.set(r.messageId, (timesReceived.get(r.messageId) ?? 0) + 1);
      expect([...timesReceived.values()].every((n) => n === 1)).toBe(true);
      expect([...timesReceived.keys()].sort()).toEqual(outbox.map((m) => m.message_id).sort());
      const recipientOf = new Map(outbox.map((m) => [m.message_id, m.to_address]));
      for (const r of inbox.received) expect(r.to).toEqual([recipientOf.get(r.messageId)]);
      const states = await queryRows<{ status: string; attempts: number; n: number }>(
        db,
        sql`select status, attempts, count(*)::int as n from email_outbox where tenant_id = ${book.tenant.id} and dedupe_key like 'dunning:%' group by status, attempts order by attempts`,
      );
      expect(states).toEqual([
        { status: 'sent', attempts: 2, n: outbox.length - inbox.refused.length - inbox.dropped.length },
        { status: 'sent', attempts: 3, n: inbox.refused.length + inbox.dropped.length },
      ]);
    } finally {
      await inbox.close();
    }
  });
  // A delivery worker holds its claim with a token and renews the lease before each message; it sends or settles a
  // message only while the claim is still its own, and every SMTP wait times out well within the lease. Here worker A
  // is made to stall on its first message beyond the lease (the clock is moved on, which real timeouts would prevent):
  // worker B takes the batch over, and A, once its send returns, sends nothing more and settles nothing. Only the one
  // message A had already handed to the SMTP server can arrive twice (SMTP cannot take back a message in flight), and
  // it carries the same Message-ID, so the recipient's mail system folds it.
  it('does not send a message twice when a delivery worker outlives its lease', { timeout: 60_000 }, async () => {
    const { db } = database;
    const book = await generateOverdueBook(db, { customers: 5, asOf, tenantName: 'Slow Server Ltd' });
    await runDay(db, book.tenant.id, asOf);
    let holding!: () => void;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const inbox = await startInbox({ refuseOnce: new Set(), dropOnce: new Set(), holdFirst: { holding: () => holding(), until: new Promise<void>((resolve) => (release = resolve)) } });
    try {
      const smtp = { url: `smtp://127.0.0.1:${inbox.port}`, from: 'billing@cashloop.invalid' };
      const t0 = new Date();
      // Worker A claims the five and is stuck on the first; worker B comes along once A's lease has lapsed.
      const a = deliverDueEmails(db, smtp, { now: t0 });
      await held;
      const b = await deliverDueEmails(second?.db ?? db, smtp, { now: new Date(t0.getTime() + emailLeaseMs + 1_000) });
      release();
      const fromA = await a;
      expect(b.sent).toBe(5);
      expect(fromA.sent).toBe(0); // its one send returned after B had taken the claim over: A did not mark it sent
      const ids = inbox.received.map((r) => r.messageId);
      const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
      expect(repeated.length).toBeLessThanOrEqual(1);
      expect(new Set(ids).size).toBe(5);
    } finally {
      release();
      await inbox.close();
    }
  });
});
