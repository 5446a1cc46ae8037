import { useState } from 'react';
import { ApiError, post } from '../../shared/api';
import { ErrorMessage, Field, Form, useSubmit } from '../../shared/ui';
import { useTitle } from '../common';

interface TenantChoice {
  id: string;
  name: string;
}

export function SignIn({ onSignedIn }: { onSignedIn: () => Promise<void> }) {
  useTitle('Sign in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [tenants, setTenants] = useState<TenantChoice[]>();
  const [tenant, setTenant] = useState('');
  const { busy, error, fieldErrors, run } = useSubmit();
  const submit = () =>
    run(async () => {
      try {
        await post('/auth/sign-in', { email: email.trim(), password, ...(tenant ? { tenant } : {}) }, { expectUnauthenticated: true });
      } catch (e) {
        // The same email and password open accounts in several companies: the server names them, the person picks.
        const choices = e instanceof ApiError && e.status === 409 ? (e.problem as { tenants?: TenantChoice[] }).tenants : undefined;
        if (choices?.length) {
          setTenants(choices);
          setTenant(choices[0]?.id ?? '');
          throw new Error('Your email has accounts in several companies: choose one.', { cause: e });
        }
        throw e;
      }
      await onSignedIn();
    });
  return (
    <main className="center-card" id="main">
      <div className="brand">Cashloop</div>
      <div className="panel">
        <h1>Sign in</h1>
        <Form onSubmit={submit} label="Sign in">
          <Field label="Email" error={fieldErrors.email}>
            {(p) => <input {...p} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />}
          </Field>
          <Field label="Password" error={fieldErrors.password}>
            {(p) => <input {...p} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />}
          </Field>
          {tenants ? (
            <Field label="Company" error={fieldErrors.tenant}>
              {(p) => (
                <select {...p} value={tenant} onChange={(e) => setTenant(e.target.value)}>
                  {tenants.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : null}
          <ErrorMessage error={error} />
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </Form>
      </div>
      <p className="muted small">
        Customers pay their invoices in the <a href="/portal/">customer portal</a>. Developers: the API is at <a href="/docs">/docs</a>.
      </p>
    </main>
  );
}
