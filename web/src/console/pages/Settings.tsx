import { useState } from 'react';
import { post } from '../../shared/api';
import { chooseLocale, chosenLocale, defaultLocaleFor, locales, applyLocale, type AppLocale } from '../../shared/format';
import { Link } from '../../shared/router';
import { ErrorMessage, Field, Form, Show, useApi, useSubmit } from '../../shared/ui';
import { useTitle } from '../common';
import type { Action } from '../roles';
import { useSession } from '../session';
import type { PaymentTerms } from '../types';
import { ApiKeys } from './SettingsApiKeys';
import { Company } from './SettingsCompany';
import { EmailTemplates } from './SettingsEmailTemplates';
import { LateFees } from './SettingsLateFees';
import { MailServer } from './SettingsMail';
import { People } from './SettingsPeople';

/** The settings sections; one a role may not see is neither listed nor shown. */
const sections: { path: string; label: string; needs?: Action }[] = [
  { path: '/settings', label: 'General' },
  { path: '/settings/company', label: 'Company', needs: 'manageUsers' },
  { path: '/settings/people', label: 'People and roles', needs: 'manageUsers' },
  { path: '/settings/api-keys', label: 'API keys', needs: 'manageApiKeys' },
  { path: '/settings/late-fees', label: 'Late fees' },
  { path: '/settings/email-templates', label: 'Email templates' },
  { path: '/settings/mail', label: 'Mail server', needs: 'manageUsers' },
];

export function Settings({ path }: { path: string }) {
  const { can } = useSession();
  const visible = sections.filter((s) => !s.needs || can(s.needs));
  const current = visible.find((s) => s.path === path);
  useTitle(current && current.path !== '/settings' ? `${current.label} · Settings` : 'Settings');
  return (
    <>
      <div className="page-head">
        <h1>Settings</h1>
      </div>
      <nav className="tabs" aria-label="Settings sections">
        {visible.map((s) => (
          <Link key={s.path} to={s.path} {...(s.path === path ? { 'aria-current': 'page' as const } : {})}>
            {s.label}
          </Link>
        ))}
      </nav>
      {!current ? (
        <p className="form-error" role="alert">
          There is no such settings section, or your role may not see it.
        </p>
      ) : path === '/settings/company' ? (
        <Company />
      ) : path === '/settings/people' ? (
        <People />
      ) : path === '/settings/api-keys' ? (
        <ApiKeys />
      ) : path === '/settings/late-fees' ? (
        <LateFees />
      ) : path === '/settings/email-templates' ? (
        <EmailTemplates />
      ) : path === '/settings/mail' ? (
        <MailServer />
      ) : (
        <div className="grid grid-2">
          <Display />
          <Terms />
        </div>
      )}
    </>
  );
}

function Display() {
  const { tenant, relocalize } = useSession();
  const [choice, setChoice] = useState<AppLocale | ''>(chosenLocale() ?? '');
  const automatic = defaultLocaleFor(tenant.baseCurrency);
  return (
    <section className="panel" aria-labelledby="display-title">
      <h2 id="display-title">Amounts and dates</h2>
      <Field label="Format" hint="Kept in this browser.">
        {(p) => (
          <select
            {...p}
            value={choice}
            onChange={(e) => {
              const value = e.target.value as AppLocale | '';
              setChoice(value);
              chooseLocale(value || undefined);
              applyLocale(value || automatic);
              relocalize();
            }}
          >
            <option value="">Company default ({automatic}, from {tenant.baseCurrency})</option>
            {locales.map((l) => (
              <option key={l} value={l}>
                {l === 'de-DE' ? 'German (1.234,56 €, 24.11.2026)' : 'British English (€1,234.56, 24 Nov 2026)'}
              </option>
            ))}
          </select>
        )}
      </Field>
    </section>
  );
}

function describeTerms(t: PaymentTerms): string {
  const due = t.definition.due;
  const base =
    due?.kind === 'net' ? `net ${due.days} days`
    : due?.kind === 'end_of_month' ? `end of month + ${due.days} days`
    : due?.kind === 'day_of_next_month' ? `day ${due.day} of next month`
    : '—';
  const discount = t.definition.discount ? `, ${t.definition.discount.percent} % within ${t.definition.discount.withinDays} days` : '';
  const instalments = t.definition.instalments?.length ? `, ${t.definition.instalments.length} instalments` : '';
  return base + discount + instalments;
}

function Terms() {
  const { can } = useSession();
  const terms = useApi<{ data: PaymentTerms[] }>('/v1/payment-terms');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'net' | 'end_of_month'>('net');
  const [days, setDays] = useState('30');
  const [discountPercent, setDiscountPercent] = useState('');
  const [discountDays, setDiscountDays] = useState('');
  const { busy, error, fieldErrors, run } = useSubmit();
  const submit = async () => {
    const definition = {
      due: { kind, days: Number(days) },
      ...(discountPercent.trim() ? { discount: { percent: discountPercent.trim().replace(',', '.'), withinDays: Number(discountDays) } } : {}),
    };
    if (await run(() => post('/v1/payment-terms', { name: name.trim(), definition }))) {
      setName('');
      setDiscountPercent('');
      setDiscountDays('');
      terms.reload();
    }
  };
  return (
    <section className="panel" aria-labelledby="terms-title">
      <h2 id="terms-title">Payment terms</h2>
      <Show loaded={terms} what="payment terms">
        {(list) =>
          list.data.length === 0 ? (
            <p className="empty">No named terms: customers use net days.</p>
          ) : (
            <table aria-label="Payment terms">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Terms</th>
                </tr>
              </thead>
              <tbody>
                {list.data.map((t) => (
                  <tr key={t.id}>
                    <td>{t.name}</td>
                    <td>{describeTerms(t)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Show>
      {can('managePaymentTerms') ? (
        <>
          <h3 style={{ marginTop: '1rem' }}>New terms</h3>
          <Form onSubmit={submit} label="New payment terms">
            <Field label="Name" error={fieldErrors.name}>
              {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} placeholder="Net 30, 2 % 10" required />}
            </Field>
            <div className="row">
              <Field label="Due" error={fieldErrors['definition/due/kind']}>
                {(p) => (
                  <select {...p} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
                    <option value="net">days after the invoice date</option>
                    <option value="end_of_month">days after the end of the month</option>
                  </select>
                )}
              </Field>
              <Field label="Days" error={fieldErrors['definition/due/days']}>
                {(p) => <input {...p} inputMode="numeric" size={5} value={days} onChange={(e) => setDays(e.target.value)} />}
              </Field>
            </div>
            <div className="row">
              <Field label="Early-payment discount %" error={fieldErrors['definition/discount/percent']}>
                {(p) => <input {...p} inputMode="decimal" size={6} value={discountPercent} onChange={(e) => setDiscountPercent(e.target.value)} />}
              </Field>
              <Field label="within days" error={fieldErrors['definition/discount/withinDays']}>
                {(p) => <input {...p} inputMode="numeric" size={5} value={discountDays} onChange={(e) => setDiscountDays(e.target.value)} />}
              </Field>
            </div>
            <ErrorMessage error={error} />
            <div className="row">
              <button type="submit" className="primary" disabled={busy}>
                Add terms
              </button>
            </div>
          </Form>
        </>
      ) : null}
    </section>
  );
}
