import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalisedVatId, peppolEasCodes, peppolEndpointFaults, resolvePeppolEndpoint, vatEndpointSchemes } from './peppol-endpoint.js';

describe('Peppol participant ids', () => {
  it.each([
    ['0088', '4000001123452', true, 'a GLN with its check digit'],
    ['0088', '4000001123453', false, 'a GLN with a wrong check digit'],
    ['0088', '400000112345', false, 'a GLN of 12 digits'],
    ['0192', '974760673', true, 'the Norwegian register authority'],
    ['0192', '974760672', false, 'a Norwegian number with a wrong check digit'],
    ['0208', '0123456749', true, 'a Belgian enterprise number'],
    ['0208', '0123456788', false, 'a Belgian number with wrong check digits'],
    ['0007', '5560360793', true, 'a Swedish organisation number'],
    ['0007', '5560360794', false, 'a Swedish number failing Luhn'],
    ['0184', 'DK12345678', true, 'a Danish CVR with prefix'],
    ['0184', '1234567', false, 'a Danish CVR of 7 digits'],
    ['9930', 'DE123456789', true, 'a German VAT number'],
    ['0204', '04011000-12345-03', true, 'a German Leitweg-ID'],
    ['EM', 'ap@buyer.example', false, 'an email address: not a Peppol scheme'],
    ['9906', 'IT12345678901', false, 'a withdrawn scheme (Italian VAT, now 0211)'],
    ['9930', 'DE 123 456 789', false, 'an id with spaces'],
    ['9930', 'x'.repeat(51), false, 'an id longer than 50 characters'],
  ])('%s:%s is %s (%s)', (scheme, id, valid) => {
    expect(peppolEndpointFaults({ scheme, id }).length === 0).toBe(valid);
  });

  it('accepts every GLN whose check digit is computed by the GS1 rule, and no other last digit', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 12 }), fc.integer({ min: 1, max: 9 }), (body, offset) => {
        const sum = body.reduce((s, n, i) => s + n * (i % 2 === 0 ? 1 : 3), 0);
        const check = (10 - (sum % 10)) % 10;
        expect(peppolEndpointFaults({ scheme: '0088', id: `${body.join('')}${check}` })).toEqual([]);
        expect(peppolEndpointFaults({ scheme: '0088', id: `${body.join('')}${(check + offset) % 10}` })).not.toEqual([]);
      }),
    );
  });

  it('derives the address from the VAT id in its country VAT scheme when none is set, and prefers the one set', () => {
    expect(resolvePeppolEndpoint({ taxId: 'DE 123.456.789', countryCode: 'DE' })).toEqual({ scheme: '9930', id: 'DE123456789', derived: true });
    expect(resolvePeppolEndpoint({ taxId: '12345678901', countryCode: 'FR' })).toEqual({ scheme: '9957', id: 'FR12345678901', derived: true });
    // The VAT id's own prefix decides the scheme (an Austrian VAT id of a company with a German address).
    expect(resolvePeppolEndpoint({ taxId: 'ATU12345678', countryCode: 'DE' })).toEqual({ scheme: '9914', id: 'ATU12345678', derived: true });
    expect(resolvePeppolEndpoint({ peppolEndpointScheme: '0088', peppolEndpointId: '4000001123452', taxId: 'DE123456789', countryCode: 'DE' })).toEqual({
      scheme: '0088',
      id: '4000001123452',
      derived: false,
    });
    expect(resolvePeppolEndpoint({ taxId: 'US12-3456789', countryCode: 'US' })).toBeUndefined();
    expect(resolvePeppolEndpoint({ taxId: null, countryCode: 'DE' })).toBeUndefined();
    expect(normalisedVatId('nl 8532.12.345.B01', 'NL')).toBe('NL853212345B01');
  });

  it('derives only schemes Peppol accepts', () => {
    const accepted: ReadonlySet<string> = new Set(peppolEasCodes);
    for (const [country, scheme] of Object.entries(vatEndpointSchemes)) expect(accepted.has(scheme), country).toBe(true);
  });
});
