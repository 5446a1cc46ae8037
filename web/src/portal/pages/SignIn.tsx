import { useEffect, useRef, useState } from 'react';
import { post } from '../../shared/api';
import { navigate, useLocation } from '../../shared/router';
import { ErrorMessage, Field, Form, Loading, useSubmit } from '../../shared/ui';

const tenantKey = 'cashloop.portal.tenant';

/**
 * Customers sign in without a password: they ask for a link, which goes to their email address if it is one of the
 * customer's contacts. The company is named in the portal address (?tenant=...) that invoices and reminders carry.
 */
export function RequestLink() {
  const { query } = useLocation();
  const fromAddress = query.get('tenant') ?? '';
  const [tenantId, setTenantId] = useState(fromAddress || localStorage.getItem(tenantKey) || '');
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const { busy, error, fieldErrors, run } = useSubmit();
  useEffect(() => {
    document.title = 'Sign in · Invoices';
  }, []);
  const submit = async () => {
    if (
      await run(() => post('/portal/sign-in-link', { tenantId: tenantId.trim(), email: email.trim() }, { expectUnauthenticated: true }))
    ) {
      localStorage.setItem(tenantKey, tenantId.trim());
      setSent(true);
    }
  };
  return (
    <main className="center-card" id="main">
      <div className="brand">Invoices and payments</div>
      <div className="panel">
        <h1>Sign in</h1>
        {sent ? (
          <p className="notice" role="status">
            If {email} is a contact of one of our customers, a sign-in link is on its way. It works once and for a short time.
          </p>
        ) : (
          <Form onSubmit={submit} label="Request a sign-in link">
            <p className="muted">We email you a link that signs you in. No password needed.</p>
            {!fromAddress ? (
              <Field label="Company ID" error={fieldErrors.tenantId} hint="From the link in your invoice email.">
                {(p) => <input {...p} value={tenantId} onChange={(e) => setTenantId(e.target.value)} required />}
              </Field>
            ) : null}
            <Field label="Your email" error={fieldErrors.email}>
              {(p) => <input {...p} type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} required autoFocus />}
            </Field>
            <ErrorMessage error={error} />
            <button type="submit" className="primary" disabled={busy}>
              Email me a sign-in link
            </button>
          </Form>
        )}
      </div>
    </main>
  );
}

/** The page the emailed link opens: trades the one-time token for a session, then shows the invoices. */
export function ExchangeLink({ onSignedIn }: { onSignedIn: () => Promise<void> }) {
  const { query } = useLocation();
  const token = query.get('token') ?? '';
  const { error, run } = useSubmit();
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void run(async () => {
      if (!token) throw new Error('This link has no sign-in token: ask for a new link.');
      await post('/portal/sign-in', { token }, { expectUnauthenticated: true });
      // The token is spent: keep it out of the history and the address bar.
      navigate('/portal/', { replace: true });
      await onSignedIn();
    });
  }, [token, run, onSignedIn]);
  return (
    <main className="center-card" id="main">
      <div className="panel">
        <h1>Signing you in…</h1>
        {error ? (
          <>
            <ErrorMessage error={error} />
            <p>
              <a href="/portal/">Ask for a new link</a>
            </p>
          </>
        ) : (
          <Loading />
        )}
      </div>
    </main>
  );
}
