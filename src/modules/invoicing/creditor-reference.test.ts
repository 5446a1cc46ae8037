import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditorReference, findCreditorReferences, formatCreditorReference, isValidCreditorReference } from './creditor-reference.js';

describe('ISO 11649 creditor references', () => {
  it('computes the check digits of the standard example', () => {
    // The example of ISO 11649 and the European Payments Council: RF18 5390 0754 7034.
    expect(creditorReference('539007547034')).toBe('RF18539007547034');
    expect(formatCreditorReference('RF18539007547034')).toBe('RF18 5390 0754 7034');
    expect(isValidCreditorReference('RF18 5390 0754 7034')).toBe(true);
    expect(isValidCreditorReference('RF19 5390 0754 7034')).toBe(false);
  });

  it('accepts what it generates and detects any single mistyped digit (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z0-9]{1,21}$/), fc.nat(), fc.integer({ min: 1, max: 9 }), (core, position, shift) => {
        const reference = creditorReference(core);
        expect(isValidCreditorReference(reference)).toBe(true);
        // Mod 97 catches every single-digit substitution (ISO 7064); letters expand to two digits, so only digits are changed.
        const digits = [...reference.slice(4)].map((c, i) => ({ c, i: i + 4 })).filter((x) => /\d/.test(x.c));
        const target = digits[position % Math.max(digits.length, 1)];
        if (!target) return;
        const replacement = String((Number(target.c) + shift) % 10);
        expect(isValidCreditorReference(reference.slice(0, target.i) + replacement + reference.slice(target.i + 1))).toBe(false);
      }),
    );
  });

  it('finds references in free remittance text', () => {
    const ref = creditorReference('INV000042');
    expect(findCreditorReferences(`Payment for ${formatCreditorReference(ref)} thanks, also RF00123`)).toEqual([ref]);
  });
});
