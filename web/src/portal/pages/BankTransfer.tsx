import type { PortalMe } from '../types';

/** How to pay by bank transfer: the company's own account and the payment reference that matches the payment. */
export function BankTransfer({ payee, reference }: { payee: PortalMe['payee']; reference: string | null | undefined }) {
  if (!payee?.iban) return null;
  return (
    <section className="panel" aria-labelledby="bank-transfer-title">
      <h2 id="bank-transfer-title">Pay by bank transfer</h2>
      <dl className="facts">
        <dt>Account holder</dt>
        <dd>{payee.name}</dd>
        <dt>IBAN</dt>
        <dd>{payee.iban.replace(/(.{4})(?=.)/g, '$1 ')}</dd>
        {payee.bic ? (
          <>
            <dt>BIC</dt>
            <dd>{payee.bic}</dd>
          </>
        ) : null}
        {reference ? (
          <>
            <dt>Reference</dt>
            <dd>{reference}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
