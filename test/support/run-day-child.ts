// A worker process for the exactly-once tests: `node --import tsx test/support/run-day-child.ts '<json>'` with
//   { "database": { "url": "postgres://…" } | { "dataDir": "/tmp/…" }, "tenantId": "…", "asOf": "YYYY-MM-DD",
//     "work": "run-day" | "run-dunning", "waitForGo": boolean }
// It opens the database, prints `ready`, waits for a line `go` on stdin when asked to (so two workers start together),
// then runs the whole day (runDay, with its claim, lease and heartbeat) or the dunning task alone (as a worker does
// that lost its lease without noticing). It prints `chunk <n>` each time the dunning run has committed a chunk of
// customers (from the heartbeat runDunning calls after each commit), then `result <json>`. The parent kills it at a
// `chunk` line to interrupt the run between customers.
import { createInterface } from 'node:readline';
import { dailyTasks, runDay } from '../../src/automation/run-day.js';
import { openPglite, openPostgres } from '../../src/db/connection.js';
import { runDunning } from '../../src/modules/collections/service.js';

interface ChildOrder {
  database: { url: string } | { dataDir: string };
  tenantId: string;
  asOf: string;
  work: 'run-day' | 'run-dunning';
  waitForGo?: boolean;
}

const order = JSON.parse(process.argv[2] ?? '{}') as ChildOrder;
const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

let chunks = 0;
const reportChunk = (): void => say(`chunk ${++chunks}`);

// Progress from inside runDay without touching it: the dunning task is wrapped so that its heartbeat also reports.
const dunningTask = dailyTasks.find((t) => t.name === 'dunning');
if (!dunningTask) throw new Error('no dunning task in the daily run');
const runTask = dunningTask.run;
dunningTask.run = (db, tenantId, asOf, heartbeat) =>
  runTask(db, tenantId, asOf, async () => {
    await heartbeat();
    reportChunk();
  });

const handle = 'url' in order.database ? await openPostgres(order.database.url) : await openPglite({ dataDir: order.database.dataDir });
say('ready');
if (order.waitForGo) {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) if (line.trim() === 'go') break;
  lines.close();
}
try {
  const result =
    order.work === 'run-day'
      ? await runDay(handle.db, order.tenantId, order.asOf)
      : await runDunning(handle.db, order.tenantId, order.asOf, async () => reportChunk());
  say(`result ${JSON.stringify(result)}`);
} finally {
  await handle.close();
}
