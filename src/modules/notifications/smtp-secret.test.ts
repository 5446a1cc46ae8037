import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret } from './smtp-secret.js';

describe('SMTP password encryption', () => {
  it('round-trips any text, never containing it in clear, with a fresh IV each time', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (plain) => {
        const sealed = encryptSecret(plain, 'secret-one');
        expect(decryptSecret(sealed, 'secret-one')).toBe(plain);
        if (plain.length >= 8) expect(sealed).not.toContain(plain);
      }),
      { numRuns: 50 },
    );
    expect(encryptSecret('hunter2', 'k')).not.toBe(encryptSecret('hunter2', 'k'));
  });

  it('detects tampering and a wrong key', () => {
    const sealed = encryptSecret('mail-password', 'secret-one');
    const [v, iv, tag, data] = sealed.split('.') as [string, string, string, string];
    const bytes = Buffer.from(data, 'base64url');
    bytes[0] = bytes[0]! ^ 1;
    expect(() => decryptSecret([v, iv, tag, bytes.toString('base64url')].join('.'), 'secret-one')).toThrow();
    const tagBytes = Buffer.from(tag, 'base64url');
    tagBytes[3] = tagBytes[3]! ^ 0x80;
    expect(() => decryptSecret([v, iv, tagBytes.toString('base64url'), data].join('.'), 'secret-one')).toThrow();
    expect(() => decryptSecret(sealed, 'secret-two')).toThrow();
    expect(() => decryptSecret('mail-password', 'secret-one')).toThrow('not an encrypted secret');
  });
});
