import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { build } from 'esbuild';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openPglite, queryRows, type DatabaseHandle } from '../src/db/connection.js';
import { buildServer } from '../src/http/server.js';
import { createApiKey } from '../src/modules/identity/service.js';
import { emailLeaseMs } from '../src/modules/notifications/service.js';
import { openTenant } from '../src/tenancy.js';
import { ApiClient } from './support/api.js';
import { onPostgresServer, openTestDatabase } from './support/database.js';
import type { DeliveryOrder } from './support/deliver-child.js';

// The email outbox against a delivery worker that is killed (SIGKILL) at many points and restarted each time, checked
// at a real SMTP server: no message is lost, and one arrives twice only when the kill fell between the server's
// acceptance and the outbox update, the resend carrying the same Message-ID.

/** Each restart's clock is this much further on, so the leases a killed worker held have lapsed for its successor. */
const clockStepMs = 2 * emailLeaseMs;
/** Messages claimed per round: small, so that kills also land between claims. */
const claimLimit = 2;
const invoiceCount = 10;
/** Restarts without a kill allowed after the planned ones, should rows still be locked by a dying predecessor. */
const extraRestartsMax = 3;

// ---- a database two processes can use ----

type ChildDatabase = DeliveryOrder['database'];

/**
 * On PostgreSQL a database of this file's own, open in both processes at once; on PGlite a data directory, which only
 * one process may have open, so the test lends it to the worker (release) and takes it back after the kill (reopen).
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
  const dir = await mkdtemp(path.join(tmpdir(), 'cashloop-mailkill-'));
  const dump = await readFile(inject('pgliteDumpPath'));
  let open = true;
  const shared: SharedDatabase = {
    handle: await openPglite({ dataDir: dir, loadDataDir: new Blob([dump]) }),
    target: { dataDir: dir },
    release: async () => {
      if (!open) return;
      open = false;
      await shared.handle.close();
    },
    reopen: async () => {
      if (open) return shared.handle;
      shared.handle = await openPglite({ dataDir: dir });
      open = true;
      return shared.handle;
    },
    close: async () => {
      if (open) await shared.handle.close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
  return shared;
}

// ---- the receiving SMTP server ----

interface Delivery {
  messageId: string;
  to: string;
  raw: string;
  /** The worker process that delivered it (the index of the restart). */
  worker: number;
}

/**
 * An SMTP server on 127.0.0.1 that records every message it accepts (answers 250 to), with the worker that sent it.
 * `afterAcceptance` runs right after a 250 is written, before the worker can have read it.
 */
async function startInbox() {
  const accepted: Delivery[] = [];
  let sessions = 0;
  let receiving = 0;
  const inbox = {
    accepted,
    worker: -1,
    afterAcceptance: undefined as (() => void) | undefined,
    /** Resolves once no connection is open and no message is half received: what a killed worker sent is settled. */
    async settled(): Promise<void> {
      for (let waitedMs = 0; sessions > 0 || receiving > 0; waitedMs += 20) {
        if (waitedMs > 10_000) throw new Error(`the SMTP server still has ${sessions} connections and ${receiving} messages open`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    port: 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onConnect(_session, callback) {
      sessions += 1;
      callback();
    },
    onClose() {
      sessions -= 1;
    },
    onData(stream, session, callback) {
      receiving += 1;
      const worker = inbox.worker;
      const parts: Buffer[] = [];
      let open = true;
      const done = () => {
        if (open) receiving -= 1;
        open = false;
      };
      stream.on('data', (part: Buffer) => parts.push(part));
      // A connection cut in the middle of the message destroys the stream without an end: nothing is accepted.
      stream.on('error', done);
      stream.on('close', done);
      stream.on('end', () => {
        const raw = Buffer.concat(parts).toString('utf8');
        const headers = raw.split(/\r?\n\r?\n/)[0] ?? '';
        accepted.push({ messageId: /^message-id:\s*(<[^>]+>)/im.exec(headers)?.[1] ?? '', to: session.envelope.rcptTo.map((r) => r.address).join(','), raw, worker });
        callback();
        const hook = inbox.afterAcceptance;
        inbox.afterAcceptance = undefined;
        hook?.();
        done();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  inbox.port = (server.server.address() as AddressInfo).port;
  return inbox;
}

// ---- the worker processes ----

const repositoryRoot = path.resolve(import.meta.dirname, '..');

/**
 * The worker's code bundled into one file (our TypeScript only; the packages stay imports): a restart then loads in
 * about a third of the CPU time tsx takes to compile and resolve the module graph, which is what bounds this test.
 * It lives under node_modules/.cache so that its package imports resolve as the sources' do.
 */
async function bundleWorker(): Promise<{ file: string; remove(): Promise<void> }> {
  const cache = path.join(repositoryRoot, 'node_modules', '.cache');
  await mkdir(cache, { recursive: true });
  const dir = await mkdtemp(path.join(cache, 'deliver-child-'));
  const file = path.join(dir, 'deliver-child.mjs');
  await build({ entryPoints: [path.join(repositoryRoot, 'test', 'support', 'deliver-child.ts')], outfile: file, bundle: true, packages: 'external', platform: 'node', format: 'esm', target: 'node20', logLevel: 'silent' });
  return { file, remove: () => rm(dir, { recursive: true, force: true }) };
}

interface Worker {
  /** Resolves true when the worker printed the line, false when it exited without printing it. */
  reaches(line: string): Promise<boolean>;
  /** The first line the worker printed that starts with the prefix (undefined when it exited without one). */
  lineStarting(prefix: string): Promise<string | undefined>;
  go(): void;
  kill(): void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; lines: string[] }>;
  /** When each line arrived (performance.now() of this process). */
  timeOf(line: string): number | undefined;
}

function startWorker(bundle: string, order: DeliveryOrder): Worker {
  const child = spawn(process.execPath, [bundle, JSON.stringify(order)], {
    cwd: repositoryRoot,
    env: { ...process.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const arrivals = new Map<string, number>();
  const waiting: Array<{ matches: (line: string) => boolean; resolve: (line: string) => void }> = [];
  let stderr = '';
  let pending = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const complete = pending.split('\n');
    pending = complete.pop() ?? '';
    for (const line of complete) {
      lines.push(line);
      if (!arrivals.has(line)) arrivals.set(line, performance.now());
      for (const w of waiting.filter((x) => x.matches(line))) w.resolve(line);
    }
  });
  // A killed worker's stdin is gone: writing to it must not take the test down.
  child.stdin.on('error', () => undefined);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; lines: string[] }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stderr, lines })),
  );
  const first = (matches: (line: string) => boolean): Promise<string | undefined> => {
    const seen = lines.find(matches);
    if (seen !== undefined) return Promise.resolve(seen);
    return Promise.race([new Promise<string>((resolve) => waiting.push({ matches, resolve })), exited.then(() => lines.find(matches))]);
  };
  return {
    reaches: async (line) => (await first((l) => l === line)) !== undefined,
    lineStarting: (prefix) => first((l) => l.startsWith(prefix)),
    go: () => child.stdin.write('go\n'),
    kill: () => void child.kill('SIGKILL'),
    exited,
    timeOf: (line) => arrivals.get(line),
  };
}

// ---- where the kills land ----

type KillPlan =
  /** Stop at the n-th message of the run (see deliver-child.ts) and kill there. */
  | { at: 'hold'; connection: number; step: 'connect' | 'data' }
  /** Kill right after the SMTP server's 250 for the first message of the run, before the outbox update. */
  | { at: 'acceptance' }
  /**
   * Kill at a random time after the worker opened the database: in a claim, a rendering, an SMTP exchange or a
   * settlement. The time is `share` of 1.5 times what an earlier run took for its first two and a half messages, so
   * the kills spread over the delivery however fast this machine is.
   */
  | { at: 'delay'; share: number }
  /** Let it run until nothing is due. */
  | { at: 'none' };

/** A small seeded generator, so a failing run can be repeated with MAILKILL_SEED. */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function killPlans(seed: number, randomKills: number): KillPlan[] {
  const random = randomFrom(seed);
  const delay = (): KillPlan => ({ at: 'delay', share: random() });
  // The fixed points first, while enough messages are waiting for each of them; the random ones take what is left.
  return [
    { at: 'hold', connection: 1, step: 'connect' },
    { at: 'hold', connection: 1, step: 'data' },
    { at: 'acceptance' },
    // The third message of a run comes from its second claim.
    { at: 'hold', connection: 3, step: 'connect' },
    { at: 'acceptance' },
    { at: 'hold', connection: 2, step: 'data' },
    ...Array.from({ length: randomKills }, delay),
    { at: 'none' },
  ];
}

interface Run {
  plan: KillPlan;
  killed: boolean;
  /** Messages the SMTP server accepted from this run. */
  accepted: string[];
  /** Of those, the ones the outbox did not record as sent when the worker died: they will be sent again. */
  acceptedNotRecorded: string[];
}

describe('the email outbox when the delivery worker is killed', () => {
  let shared: SharedDatabase;
  let inbox: Awaited<ReturnType<typeof startInbox>>;
  let bundle: Awaited<ReturnType<typeof bundleWorker>>;
  const workers: Worker[] = [];
  // Loading the database and bundling take seconds; on a busy machine (many test files at once) far more.
  beforeAll(async () => {
    [shared, inbox, bundle] = await Promise.all([openSharedDatabase(), startInbox(), bundleWorker()]);
  }, 180_000);
  afterAll(async () => {
    // Only the workers this test started, by their own handles: a spare one may still wait for its `go`.
    for (const w of workers) w.kill();
    await Promise.all(workers.map((w) => w.exited));
    await inbox?.close();
    await shared?.close();
    await bundle?.remove();
  });

  it('delivers every message at least once with its attachments, and twice only after a kill between acceptance and the outbox update, with the same Message-ID', { timeout: 600_000 }, async () => {
    const seed = Number(process.env.MAILKILL_SEED ?? Math.floor(Math.random() * 2 ** 31));
    const context = `(MAILKILL_SEED=${seed} on ${shared.handle.kind})`;

    // A company and its customers, every one emailed its invoice, half with the UBL file as well.
    const setup = await serveApi(shared.handle);
    const tenant = await openTenant(shared.handle.db, { name: 'Mailkill GmbH', baseCurrency: 'EUR', timeZone: 'Europe/Berlin' });
    const api = new ApiClient(setup.baseUrl, (await createApiKey(shared.handle.db, { tenantId: tenant.id, role: 'admin', label: 'test' }, { role: 'admin', name: 'admin' })).key);
    await api.ok('PATCH', '/v1/tenant', { legalName: 'Mailkill GmbH', countryCode: 'DE', taxId: 'DE111222333', iban: 'DE89370400440532013000' });
    const invoices: Array<{ id: string; number: string; to: string; ubl: boolean }> = [];
    for (let i = 0; i < invoiceCount; i++) {
      const to = `ap${i}@recipient${i}.example`;
      const customer = await api.ok('POST', '/v1/customers', { name: `Recipient ${i} AG`, email: to, currency: 'EUR', countryCode: 'DE', attachUbl: i % 2 === 0 });
      const draft = await api.ok('POST', '/v1/invoices', { customerId: customer.id, lines: [{ description: 'Service', quantity: '1', unitPriceMinor: 10_000 + i, taxRatePercent: '19' }] });
      const issued = await api.ok('POST', `/v1/invoices/${draft.id}/issue`, { issueDate: '2026-11-02' });
      invoices.push({ id: issued.id, number: issued.number, to, ubl: i % 2 === 0 });
    }
    await setup.close();
    const outbox = async () =>
      queryRows<{ message_id: string; to_address: string; status: string; invoice_id: string }>(
        shared.handle.db,
        sql`select message_id, to_address, status, invoice_id::text from email_outbox where tenant_id = ${tenant.id}`,
      );
    const queued = await outbox();
    expect(queued.map((m) => m.status)).toEqual(invoices.map(() => 'pending'));

    // Each restart opens PGlite from its files (a few seconds of CPU): fewer random kills there keep the test short.
    const plans = killPlans(seed, shared.handle.kind === 'postgres' ? 3 : 1);
    const smtp = { url: `smtp://127.0.0.1:${inbox.port}?ignoreTLS=true`, from: 'billing@mailkill.example' };
    const spawnWorker = (n: number) => {
      const plan = plans[n] ?? { at: 'none' };
      const hold = plan.at === 'hold' ? { holdAt: { connection: plan.connection, step: plan.step } } : {};
      const worker = startWorker(bundle.file, { database: shared.target, smtp, clockOffsetMs: n * clockStepMs, limit: claimLimit, ...hold });
      workers.push(worker);
      return worker;
    };
    const outboxState = (line: string | undefined) => {
      if (!line) throw new Error('a worker died before it read the outbox');
      return new Map(Object.entries(JSON.parse(line.slice('outbox '.length)) as Record<string, string>));
    };
    /** A run's messages the server accepted that the outbox, as the run left it, does not have as sent. */
    const notRecorded = (run: Run, state: Map<string, string>) => (run.acceptedNotRecorded = run.accepted.filter((id) => state.get(id) !== 'sent'));

    const runs: Run[] = [];
    /** Time from `ready` to the third message in the run held there: two claims, three renderings, two deliveries. */
    let paceMs = 1_000;
    // The next worker loads its code while the current one runs: a restart then costs only the database opening.
    let next = spawnWorker(0);
    for (let n = 0; n < plans.length + extraRestartsMax; n++) {
      const plan = plans[n] ?? { at: 'none' };
      const worker = next;
      if (!(await worker.reaches('loaded'))) throw new Error(`worker ${n} did not start: ${(await worker.exited).stderr}`);
      if (n + 1 < plans.length) next = spawnWorker(n + 1);
      await shared.release();
      inbox.worker = n;
      if (plan.at === 'acceptance') inbox.afterAcceptance = () => worker.kill();
      worker.go();
      const left = outboxState(await worker.lineStarting('outbox '));
      if (n > 0) notRecorded(runs[n - 1] as Run, left);
      if (plan.at === 'hold' && (await worker.reaches(`holding ${plan.connection} ${plan.step}`))) worker.kill();
      if (plan.at === 'delay' && (await worker.reaches('ready'))) {
        await new Promise((resolve) => setTimeout(resolve, plan.share * 1.5 * paceMs));
        worker.kill();
      }
      const exit = await worker.exited;
      inbox.afterAcceptance = undefined;
      const killed = exit.signal === 'SIGKILL';
      if (!killed && (exit.code !== 0 || !exit.lines.some((l) => l.startsWith('result ')))) throw new Error(`worker ${n} failed (${exit.code ?? exit.signal}): ${exit.stderr}`);
      const [ready, third] = [worker.timeOf('ready'), worker.timeOf('holding 3 connect')];
      if (ready !== undefined && third !== undefined) paceMs = third - ready;
      await inbox.settled();
      const run: Run = { plan, killed, accepted: inbox.accepted.filter((d) => d.worker === n).map((d) => d.messageId), acceptedNotRecorded: [] };
      runs.push(run);
      if (n + 1 < plans.length) continue;
      // The planned runs are over: restart until nothing is left (rows a dying worker still held could be skipped).
      await shared.reopen();
      const state = new Map((await outbox()).map((m) => [m.message_id, m.status]));
      notRecorded(run, state);
      if ([...state.values()].every((status) => status === 'sent')) break;
      next = spawnWorker(n + 1);
    }
    const describeRuns = `${context} ${JSON.stringify(runs)}`;

    // The planned kills happened where they were meant to.
    for (const run of runs) {
      if (run.plan.at === 'hold') {
        expect(run.killed, describeRuns).toBe(true);
        // Stopped at its n-th message: the ones before it went out and were recorded, the n-th was not accepted.
        expect(run.accepted, describeRuns).toHaveLength(run.plan.connection - 1);
        expect(run.acceptedNotRecorded, describeRuns).toEqual([]);
      }
      if (run.plan.at === 'acceptance') {
        expect(run.killed, describeRuns).toBe(true);
        expect(run.accepted, describeRuns).toHaveLength(1);
      }
      if (run.plan.at === 'none') expect(run.killed, describeRuns).toBe(false);
    }
    expect(runs.filter((r) => r.killed).length, describeRuns).toBeGreaterThanOrEqual(plans.filter((p) => p.at === 'hold' || p.at === 'acceptance').length);
    // A kill right after the 250 beats the worker to its outbox update: the accepted-but-not-recorded window was hit.
    expect(runs.filter((r) => r.plan.at === 'acceptance').flatMap((r) => r.acceptedNotRecorded).length, describeRuns).toBeGreaterThan(0);

    // Nothing lost: the outbox is empty, every message arrived, at its recipient, with its attachments.
    const final = await outbox();
    expect(final.map((m) => m.status), describeRuns).toEqual(invoices.map(() => 'sent'));
    const messageIdOf = new Map(final.map((m) => [m.to_address, m.message_id]));
    const resends = new Map<string, number>();
    for (const id of runs.flatMap((r) => r.acceptedNotRecorded)) resends.set(id, (resends.get(id) ?? 0) + 1);
    for (const invoice of invoices) {
      const copies = inbox.accepted.filter((d) => d.to === invoice.to);
      // Every copy a recipient got is the same message: the Message-ID of its outbox row, on every attempt.
      expect(copies.map((d) => d.messageId), describeRuns).toEqual(copies.map(() => messageIdOf.get(invoice.to)));
      // Once, plus once for each kill that fell between the server's acceptance and the outbox update.
      expect(copies.length, `${invoice.to} ${describeRuns}`).toBe(1 + (resends.get(messageIdOf.get(invoice.to) ?? '') ?? 0));
      for (const copy of copies) {
        expect(copy.raw).toMatch(new RegExp(`filename=.?${invoice.number}\\.pdf`));
        if (invoice.ubl) expect(copy.raw).toMatch(new RegExp(`filename=.?${invoice.number}\\.xml`));
        else expect(copy.raw).not.toMatch(/filename=.?[^\s;]+\.xml/);
      }
    }
    expect(inbox.accepted.every((d) => [...messageIdOf.values()].includes(d.messageId))).toBe(true);
    const duplicates = [...resends.keys()];
    console.info(`${context}: ${runs.length} workers, ${runs.filter((r) => r.killed).length} killed, ${inbox.accepted.length} messages accepted for ${invoices.length} in the outbox, sent twice: ${duplicates.length}`);

    // The delivery log of each invoice shows the final state: one email, sent, no error left.
    const reading = await serveApi(shared.handle);
    try {
      const reader = new ApiClient(reading.baseUrl, api.key);
      for (const invoice of invoices) {
        const log = await reader.ok('GET', `/v1/invoices/${invoice.id}/emails`);
        expect(log.data).toHaveLength(1);
        expect(log.data[0]).toMatchObject({ to: invoice.to, status: 'sent', lastError: null, messageId: messageIdOf.get(invoice.to) });
        expect(log.data[0].sentAt).toEqual(expect.any(String));
      }
    } finally {
      await reading.close();
    }
  });
});

/** The HTTP API over the shared database (closing it leaves the database open). */
async function serveApi(database: DatabaseHandle): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const app = await buildServer({ database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, close: () => app.close() };
}
