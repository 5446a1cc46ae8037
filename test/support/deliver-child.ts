// A delivery worker process for the killed-delivery test (test/email-delivery-killed.test.ts), which bundles this
// file and runs `node <bundle> '<json>'` (`node --import tsx test/support/deliver-child.ts '<json>'` works as well) with
//   { "database": { "url": "postgres://…" } | { "dataDir": "/tmp/…" }, "smtp": { "url": "smtp://…", "from": "…" },
//     "clockOffsetMs": number, "limit": number, "holdAt"?: { "connection": n, "step": "connect" | "data" } }
// Once its code is loaded it prints `loaded` and waits for a line `go` on stdin (so the parent can start the next worker
// while the current one runs, and lend it a PGlite data directory only then). Then it opens the database and prints
// `outbox <json>`, the status of every message by Message-ID: what a killed predecessor left (read here because on
// PGlite the parent cannot look while the worker has the database). It prints `ready` and runs deliverDueEmails round
// after round, as the email worker does, until a round finds nothing due, printing `round <json>` after each and
// `result <json>` at the end. Its clock is the real one moved on by clockOffsetMs, so a restart given a later offset
// finds the leases of a killed predecessor lapsed.
//
// Every SMTP connection nodemailer opens (one per message) is announced as `connecting <n>`. With holdAt the worker
// stops for good at a chosen point of the n-th message and says `holding <n> <step>`, for the parent's SIGKILL:
// "connect" never opens the connection (the message is claimed and its attachments rendered, nothing sent yet);
// "data" lets the first piece of the message body out after DATA and then writes nothing more (the server holds a
// partial message, so it has not accepted it).
import net from 'node:net';
import { createInterface } from 'node:readline';
import { sql } from 'drizzle-orm';
import { openPglite, openPostgres, queryRows } from '../../src/db/connection.js';
import { deliverDueEmails, type SmtpSettings } from '../../src/modules/notifications/service.js';

export interface DeliveryOrder {
  database: { url: string } | { dataDir: string };
  smtp: SmtpSettings;
  clockOffsetMs: number;
  limit: number;
  holdAt?: { connection: number; step: 'connect' | 'data' };
}

const order = JSON.parse(process.argv[2] ?? '{}') as DeliveryOrder;
const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Lets the first body write after DATA through, then swallows every write (a pipe waiting for a drain that never comes). */
function holdAfterFirstBodyWrite(socket: net.Socket, connection: number): void {
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  let phase: 'commands' | 'body' | 'held' = 'commands';
  socket.write = ((...args: unknown[]) => {
    if (phase === 'held') return false;
    if (phase === 'body') {
      phase = 'held';
      write(...args);
      say(`holding ${connection} data`);
      return false;
    }
    if (String(args[0]) === 'DATA\r\n') phase = 'body';
    return write(...args);
  }) as typeof socket.write;
}

// nodemailer opens its SMTP connections through net.connect, looked up at call time.
const connect = net.connect.bind(net) as (...args: unknown[]) => net.Socket;
let connections = 0;
net.connect = ((...args: unknown[]) => {
  connections += 1;
  say(`connecting ${connections}`);
  if (order.holdAt?.connection !== connections) return connect(...args);
  if (order.holdAt.step === 'connect') {
    say(`holding ${connections} connect`);
    return new net.Socket();
  }
  const socket = connect(...args);
  holdAfterFirstBodyWrite(socket, connections);
  return socket;
}) as typeof net.connect;

say('loaded');
const lines = createInterface({ input: process.stdin });
for await (const line of lines) if (line.trim() === 'go') break;
lines.close();

const handle = 'url' in order.database ? await openPostgres(order.database.url) : await openPglite({ dataDir: order.database.dataDir });
const outbox = await queryRows<{ message_id: string; status: string }>(handle.db, sql`select message_id, status from email_outbox order by message_id`);
say(`outbox ${JSON.stringify(Object.fromEntries(outbox.map((m) => [m.message_id, m.status])))}`);
say('ready');
try {
  const total = { sent: 0, failed: 0, rounds: 0 };
  for (;;) {
    const round = await deliverDueEmails(handle.db, order.smtp, { now: new Date(Date.now() + order.clockOffsetMs), limit: order.limit });
    total.rounds += 1;
    total.sent += round.sent;
    total.failed += round.failed;
    say(`round ${JSON.stringify(round)}`);
    if (round.sent + round.failed === 0) break;
  }
  say(`result ${JSON.stringify(total)}`);
} finally {
  await handle.close();
}
