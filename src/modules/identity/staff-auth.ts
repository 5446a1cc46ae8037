import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Passwords of staff users, hashed with scrypt (RFC 7914) at N=16384, r=8, p=1 with a 16-byte random salt and a
 * 64-byte key, stored as `scrypt$16384$8$1$<salt base64>$<key base64>`. The parameters travel with the hash, so they
 * can be raised later without invalidating the passwords already stored.
 */
export const scryptCost = { N: 16384, r: 8, p: 1 } as const;
const saltBytes = 16;
const keyBytes = 64;

/** NIST SP 800-63B: length is what makes a password strong; no composition rules. */
export const minPasswordLength = 12;
/** scrypt's work does not grow with the password, but a request body should not carry a novel. */
export const maxPasswordLength = 200;

/** Stored parameters outside these bounds are refused rather than run (a corrupt row must not eat the memory). */
const maxCostN = 2 ** 20;
const maxBlockSizeR = 32;
const maxParallelP = 16;

function derive(password: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** The same password typed on another keyboard or OS composes to other code points; compare the NFKC form. */
const normalised = (password: string): string => password.normalize('NFKC');

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(saltBytes);
  const { N, r, p } = scryptCost;
  const key = await derive(normalised(password), salt, keyBytes, { N, r, p, maxmem: 256 * N * r });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

interface ParsedHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): ParsedHash | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map((s) => (/^\d{1,8}$/.test(s) ? Number(s) : NaN)) as [number, number, number];
  if (!(N > 1 && N <= maxCostN && (N & (N - 1)) === 0) || !(r >= 1 && r <= maxBlockSizeR) || !(p >= 1 && p <= maxParallelP)) return undefined;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const key = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length < 8 || key.length < 32) return undefined;
  return { N, r, p, salt, key };
}

/** True when the password matches the stored hash; the comparison takes the same time wherever the keys differ. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const { N, r, p, salt, key } = parsed;
  const derived = await derive(normalised(password), salt, key.length, { N, r, p, maxmem: 256 * N * r });
  return timingSafeEqual(derived, key);
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the time of one verification when there is no user to verify against, so an unknown email answers as
 * slowly as a wrong password and response times do not tell which emails have an account. Always false.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(24).toString('base64'));
  await verifyPassword(password, await dummyHash);
  return false;
}
