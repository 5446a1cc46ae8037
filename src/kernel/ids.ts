import { randomFillSync } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/**
 * Random bytes for ids, drawn from the system CSPRNG a few kilobytes at a time: uuid asks for 16 bytes per id, which
 * cost about 25 times the rest of making the id (bulk paths such as a cash-application batch make a million ids).
 */
const randomPoolBytes = 16 * 256;
const randomPool = new Uint8Array(randomPoolBytes);
let randomPoolOffset = randomPoolBytes;
/** The monotonic clock-and-counter uuid keeps for v7 when it draws its own bytes, kept here since we pass ours. */
const sequence = { msecs: -Infinity, seq: 0 };

/** Time-ordered UUIDs (v7): rows sort by creation, which keeps cursor pagination and index locality simple. */
export function newId(): string {
  if (randomPoolOffset + 16 > randomPoolBytes) {
    randomFillSync(randomPool);
    randomPoolOffset = 0;
  }
  const random = randomPool.subarray(randomPoolOffset, (randomPoolOffset += 16));
  const now = Date.now();
  if (now > sequence.msecs) {
    // RFC 9562 method 2 as uuid does it: a random 31-bit counter each new millisecond, incremented within it.
    sequence.seq = (((random[6] as number) & 0x7f) << 24) | ((random[7] as number) << 16) | ((random[8] as number) << 8) | (random[9] as number);
    sequence.msecs = now;
  } else {
    sequence.seq = (sequence.seq + 1) | 0;
    if (sequence.seq === 0) sequence.msecs++;
  }
  return uuidv7({ random, msecs: sequence.msecs, seq: sequence.seq });
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(text: string): boolean {
  return uuidPattern.test(text);
}
