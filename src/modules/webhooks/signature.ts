import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com): the signed content is "<msg id>.<timestamp>.<body>",
 * signed with HMAC-SHA256 under the base64 secret after the "whsec_" prefix, sent as "v1,<base64>". Several
 * signatures are separated by spaces (during a secret rotation both secrets sign).
 */
const secretPrefix = 'whsec_';
export const signatureToleranceSeconds = 5 * 60;

export function generateSecret(): string {
  return secretPrefix + randomBytes(24).toString('base64');
}

function key(secret: string): Buffer {
  return Buffer.from(secret.startsWith(secretPrefix) ? secret.slice(secretPrefix.length) : secret, 'base64');
}

export function signWebhook(secret: string, msgId: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', key(secret)).update(`${msgId}.${timestampSeconds}.${body}`).digest('base64');
  return `v1,${mac}`;
}

export function signatureHeader(secrets: readonly string[], msgId: string, timestampSeconds: number, body: string): string {
  return secrets.map((s) => signWebhook(s, msgId, timestampSeconds, body)).join(' ');
}

/** True when one of the header's v1 signatures is the secret's signature and the timestamp is recent enough. */
export function verifyWebhook(
  secret: string,
  headers: { id: string; timestamp: string; signature: string },
  body: string,
  nowSeconds: number,
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > signatureToleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, headers.id, timestamp, body));
  return headers.signature.split(' ').some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
