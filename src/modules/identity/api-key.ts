import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const keyPrefixLength = 12;
const keyBodyBytes = 32;

/**
 * API keys look like `cl_<12-char id>_<secret>`. Only the id (to find the row and to show people which key is which)
 * and a SHA-256 of the whole key are stored; the key is shown once when it is created.
 */
export function generateApiKey(): { key: string; prefix: string } {
  const id = randomBytes(9).toString('base64url').slice(0, keyPrefixLength);
  const secret = randomBytes(keyBodyBytes).toString('base64url');
  const key = `cl_${id}_${secret}`;
  return { key, prefix: apiKeyPrefix(key) ?? '' };
}

/** The stored lookup prefix of a well-formed key, or undefined for a string that cannot be a key. */
export function apiKeyPrefix(key: string): string | undefined {
  if (!/^cl_[A-Za-z0-9_-]{12}_[A-Za-z0-9_-]{20,128}$/.test(key)) return undefined;
  return key.slice(0, 3 + keyPrefixLength);
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function apiKeyMatches(key: string, storedHash: string): boolean {
  const a = Buffer.from(hashApiKey(key), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
