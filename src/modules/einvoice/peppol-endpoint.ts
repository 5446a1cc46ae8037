/**
 * Peppol electronic addresses (EN 16931 BT-34 seller, BT-49 buyer: `cbc:EndpointID` with a `schemeID`): the
 * participant id a company is registered under in the Peppol network, an EAS (Electronic Address Scheme) code and an
 * id within that scheme. Pure: no I/O.
 */

/** The EAS codes Peppol BIS Billing 3.0 accepts (code list of the 2026.5 release, rule PEPPOL-EN16931-CL008). */
export const peppolEasCodes = [
  '0002', '0007', '0009', '0060', '0088', '0096', '0097', '0106', '0130', '0135', '0142', '0151', '0183', '0184', '0188',
  '0190', '0191', '0192', '0195', '0196', '0198', '0199', '0200', '0201', '0204', '0208', '0209', '0210', '0211', '0216',
  '0218', '0221', '0225', '0230', '0235', '0240', '0242', '0244', '0245', '0246', '0248', '9910', '9913', '9914', '9915',
  '9918', '9919', '9920', '9922', '9923', '9924', '9925', '9926', '9927', '9928', '9929', '9930', '9931', '9932', '9933',
  '9934', '9935', '9936', '9937', '9938', '9939', '9940', '9941', '9942', '9943', '9944', '9945', '9946', '9947', '9948',
  '9949', '9950', '9951', '9952', '9953', '9957', '9959',
] as const;
export type PeppolEasCode = (typeof peppolEasCodes)[number];
const easCodes: ReadonlySet<string> = new Set(peppolEasCodes);

/**
 * The EAS schemes whose id is the VAT number (with its country prefix), by the country of the VAT number. Greece
 * (9933) is left out: Peppol requires a Greek seller's address to be the bare TIN with its check digit (GR-R-009),
 * which a VAT id as entered does not guarantee, so Greek companies set their endpoint explicitly.
 */
export const vatEndpointSchemes: Readonly<Record<string, PeppolEasCode>> = {
  AD: '9922', AL: '9923', AT: '9914', BA: '9924', BE: '9925', BG: '9926', CH: '9927', CY: '9928', CZ: '9929', DE: '9930',
  EE: '9931', ES: '9920', FR: '9957', GB: '9932', HR: '9934', HU: '9910', IE: '9935', LI: '9936', LT: '9937', LU: '9938',
  LV: '9939', MC: '9940', ME: '9941', MK: '9942', MT: '9943', NL: '9944', PL: '9945', PT: '9946', RO: '9947', RS: '9948',
  SI: '9949', SK: '9950', SM: '9951', TR: '9952', VA: '9953',
};

export interface PeppolEndpoint {
  scheme: string;
  id: string;
}

/** Longest participant id accepted: the Peppol policy for identifiers allows at most 50 characters for the value. */
export const peppolEndpointIdLengthMax = 50;

const digits = (text: string) => [...text].map(Number);

/** GS1 check digit (GLN): weights 3 and 1 from the right, excluding the check digit. */
function validGln(id: string): boolean {
  if (!/^\d{13}$/.test(id)) return false;
  const d = digits(id);
  const sum = d.slice(0, 12).reduce((s, n, i) => s + n * (i % 2 === 0 ? 1 : 3), 0);
  return (10 - (sum % 10)) % 10 === d[12];
}

/** Norwegian organisation number: mod 11 with weights 3 2 7 6 5 4 3 2. */
function validNorwegianOrganisationNumber(id: string): boolean {
  if (!/^\d{9}$/.test(id)) return false;
  const d = digits(id);
  const sum = [3, 2, 7, 6, 5, 4, 3, 2].reduce((s, w, i) => s + w * d[i]!, 0);
  const check = 11 - (sum % 11);
  return check !== 10 && (check === 11 ? 0 : check) === d[8];
}

/** Belgian enterprise number: 97 − (first 8 digits mod 97) = last 2 digits. */
function validBelgianEnterpriseNumber(id: string): boolean {
  return /^\d{10}$/.test(id) && 97 - (Number(id.slice(0, 8)) % 97) === Number(id.slice(8));
}

/** Swedish organisation number: 10 digits, Luhn check digit. */
function validSwedishOrganisationNumber(id: string): boolean {
  if (!/^\d{10}$/.test(id)) return false;
  const sum = digits(id).reduce((s, n, i) => {
    const v = i % 2 === 0 ? n * 2 : n;
    return s + (v > 9 ? v - 9 : v);
  }, 0);
  return sum % 10 === 0;
}

/**
 * What is wrong with a participant id, as readable faults (empty when usable). Checks the scheme against the Peppol EAS
 * list and, for the schemes whose format Peppol rejects as fatal, the id's format and check digits.
 */
export function peppolEndpointFaults(endpoint: PeppolEndpoint): string[] {
  const { scheme, id } = endpoint;
  const faults: string[] = [];
  if (!easCodes.has(scheme)) faults.push(`${scheme} is not an EAS code Peppol accepts (e.g. 0088 GLN, 9930 German VAT number)`);
  if (id.length === 0 || id.length > peppolEndpointIdLengthMax || !/^[\x21-\x7e]+$/.test(id)) {
    faults.push(`the id must be 1 to ${peppolEndpointIdLengthMax} printable characters without spaces`);
    return faults;
  }
  const formats: Record<string, [(id: string) => boolean, string]> = {
    '0088': [validGln, 'a GLN of 13 digits with its GS1 check digit'],
    '0192': [validNorwegianOrganisationNumber, 'a Norwegian organisation number of 9 digits with its check digit'],
    '0208': [validBelgianEnterpriseNumber, 'a Belgian enterprise number of 10 digits with its check digits'],
    '0007': [validSwedishOrganisationNumber, 'a Swedish organisation number of 10 digits with its check digit'],
    '0184': [(v) => /^(DK)?\d{8}$/.test(v), 'a Danish CVR number of 8 digits, optionally prefixed DK'],
  };
  const format = formats[scheme];
  if (format && !format[0](id)) faults.push(`scheme ${scheme} needs ${format[1]}`);
  return faults;
}

/** A VAT id as the VAT schemes want it: without spaces, dots or dashes, upper case, with its country prefix. */
export function normalisedVatId(taxId: string, countryCode: string): string {
  const compact = taxId.replace(/[\s.\-/]/g, '').toUpperCase();
  return /^[A-Z]{2}/.test(compact) ? compact : `${countryCode}${compact}`;
}

export interface EndpointSource {
  peppolEndpointScheme?: string | null;
  peppolEndpointId?: string | null;
  taxId?: string | null;
  countryCode?: string | null;
}

/**
 * The party's Peppol address: the participant id it is registered under when set; otherwise its VAT number in the VAT
 * scheme of the VAT number's country (e.g. 9930:DE123456789), when that country has one; otherwise none.
 */
export function resolvePeppolEndpoint(party: EndpointSource): (PeppolEndpoint & { derived: boolean }) | undefined {
  if (party.peppolEndpointScheme && party.peppolEndpointId) return { scheme: party.peppolEndpointScheme, id: party.peppolEndpointId, derived: false };
  if (!party.taxId || !party.countryCode) return undefined;
  const vatId = normalisedVatId(party.taxId, party.countryCode);
  const scheme = vatEndpointSchemes[vatId.slice(0, 2)];
  return scheme ? { scheme, id: vatId, derived: true } : undefined;
}
