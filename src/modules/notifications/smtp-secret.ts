import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';

/** The environment variable holding the secret the SMTP passwords are encrypted under. */
export const secretKeyVariable = 'CASHLOOP_SECRET_KEY';

const version = 'v1';
const derived = new Map<string, Buffer>();

/** The AES-256 key derived from the secret (scrypt, fixed salt per purpose: the secret itself carries the entropy). */
function keyOf(secret: string): Buffer {
  let key = derived.get(secret);
  if (!key) derived.set(secret, (key = scryptSync(secret, 'cashloop:smtp-password:v1', 32)));
  return key;
}

/** Encrypts with AES-256-GCM under a fresh 96-bit IV: "v1.<iv>.<tag>.<ciphertext>", all base64url. */
export function encryptSecret(plain: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [version, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
}

/** Decrypts what encryptSecret produced; throws when the text was altered or the secret is another one. */
export function decryptSecret(sealed: string, secret: string): string {
  const [v, iv, tag, data, ...rest] = sealed.split('.');
  if (v !== version || iv === undefined || tag === undefined || data === undefined || rest.length > 0) throw new Error('not an encrypted secret');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(secret), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}
