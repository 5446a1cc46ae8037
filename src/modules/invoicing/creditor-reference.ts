/**
 * ISO 11649 structured creditor reference ("RF" + 2 check digits + up to 21 alphanumerics), checked with mod 97 like
 * an IBAN: move "RF" and the check digits to the end, letters become numbers (A = 10 ... Z = 35), the remainder is 1.
 * Printed on every invoice so a payment's remittance information identifies the invoice unambiguously.
 */
const maxReferenceChars = 21;

function mod97(digits: string): number {
  let remainder = 0;
  for (const ch of digits) remainder = (remainder * 10 + Number(ch)) % 97;
  return remainder;
}

const toDigits = (text: string) => [...text].map((ch) => (/[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch)).join('');

/** RF reference for a reference text (letters and digits, up to 21); spaces and dashes are dropped. */
export function creditorReference(reference: string): string {
  const core = reference.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (core.length === 0 || core.length > maxReferenceChars) throw new RangeError(`a creditor reference holds 1 to ${maxReferenceChars} letters and digits`);
  const check = 98 - mod97(toDigits(`${core}RF00`));
  return `RF${String(check).padStart(2, '0')}${core}`;
}

export function isValidCreditorReference(text: string): boolean {
  const compact = text.toUpperCase().replace(/\s/g, '');
  if (!/^RF\d{2}[A-Z0-9]{1,21}$/.test(compact)) return false;
  return mod97(toDigits(compact.slice(4) + compact.slice(0, 4))) === 1;
}

/** Finds RF references in free remittance text (several may appear; spaces inside are tolerated). */
export function findCreditorReferences(remittance: string): string[] {
  const found: string[] = [];
  for (const match of remittance.toUpperCase().matchAll(/RF\s?(\d{2})((?:\s?[A-Z0-9]){1,21})/g)) {
    // The reference may run into the words after it: take the longest prefix whose check digits hold.
    const chars = (match[2] ?? '').replace(/\s/g, '');
    for (let length = chars.length; length >= 1; length--) {
      const candidate = `RF${match[1]}${chars.slice(0, length)}`;
      if (isValidCreditorReference(candidate)) {
        found.push(candidate);
        break;
      }
    }
  }
  return found;
}

/** Groups of four, as printed on documents. */
export function formatCreditorReference(reference: string): string {
  return reference.replace(/(.{4})/g, '$1 ').trim();
}
