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

  it('accepts what it generates and detects any single changed character (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z0-9]{1,21}$/), fc.nat(), (core, position) => {
        const reference = creditorReference(core);
        expect(isValidCreditorReference(reference)).toBe(true);
        const i = 4 + (position % core.length);
        const original = reference[i]!;
        const replacement = original === '7' ? '8' : '7';
        expect(isValidCreditorReference(reference.slice(0, i) + replacement + reference.slice(i + 1))).toBe(false);
      }),
    );
  });

  it('finds references in free remittance text', () => {
    const ref = creditorReference('INV000042');
    expect(findCreditorReferences(`Payment for ${formatCreditorReference(ref)} thanks, also RF00123`)).toEqual([ref]);
  });
});
