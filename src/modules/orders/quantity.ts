/**
 * Order quantities are decimals with up to 4 places, held as bigint ten-thousandths so that shipped, invoiced and
 * returned quantities add and compare exactly ("2.5" is 25_000n).
 */
export const quantityScale = 4;
const factor = 10n ** BigInt(quantityScale);
const pattern = /^(\d{1,14})(?:\.(\d{1,4}))?$/;

export function parseQuantity(text: string): bigint | undefined {
  const m = pattern.exec(text.trim());
  if (!m) return undefined;
  return BigInt(m[1] ?? '0') * factor + BigInt((m[2] ?? '').padEnd(quantityScale, '0') || '0');
}

/** Accepts what PostgreSQL returns for numeric(18,4) ("2.5000") as well as plain input. */
export function quantityFromDb(text: string): bigint {
  const q = parseQuantity(text);
  if (q === undefined) throw new RangeError(`not a quantity: ${text}`);
  return q;
}

export function formatQuantity(q: bigint): string {
  const whole = q / factor;
  const fraction = (q % factor).toString().padStart(quantityScale, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole.toString();
}
