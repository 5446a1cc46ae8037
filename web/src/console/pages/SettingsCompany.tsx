import { useState } from 'react';
import { ApiError, csrfHeader, patch, type Problem } from '../../shared/api';
import { ErrorMessage, Field, Form, Show, useApi, useSubmit } from '../../shared/ui';

interface CompanyProfile {
  name: string;
  legalName: string | null;
  taxId: string | null;
  addressLine: string | null;
  city: string | null;
  postalCode: string | null;
  countryCode: string | null;
  iban: string | null;
  bic: string | null;
  email: string | null;
  phone: string | null;
  peppolEndpoint: { scheme: string; id: string } | null;
  hasLogo: boolean;
}

type TextField = Exclude<keyof CompanyProfile, 'peppolEndpoint' | 'hasLogo'>;

const fields: { key: TextField; label: string; hint?: string }[] = [
  { key: 'name', label: 'Company name' },
  { key: 'legalName', label: 'Legal name', hint: 'Printed as the issuer on invoices and e-invoices.' },
  { key: 'taxId', label: 'VAT id', hint: 'e.g. DE123456789' },
  { key: 'addressLine', label: 'Street and number' },
  { key: 'postalCode', label: 'Postal code' },
  { key: 'city', label: 'City' },
  { key: 'countryCode', label: 'Country code', hint: 'Two letters, e.g. DE' },
  { key: 'iban', label: 'IBAN', hint: 'Without spaces; printed with the payment reference.' },
  { key: 'bic', label: 'BIC' },
  { key: 'email', label: 'Billing email' },
  { key: 'phone', label: 'Telephone' },
];

/** The company's details printed on its documents, its Peppol address and its logo (admin). */
export function Company() {
  const profile = useApi<CompanyProfile>('/v1/tenant/profile');
  return <Show loaded={profile} what="the company details">{(p) => <CompanyForm profile={p} onSaved={profile.reload} />}</Show>;
}

function CompanyForm({ profile, onSaved }: { profile: CompanyProfile; onSaved: () => void }) {
  const [values, setValues] = useState<Record<TextField, string>>(() => Object.fromEntries(fields.map((f) => [f.key, profile[f.key] ?? ''])) as Record<TextField, string>);
  const [peppolScheme, setPeppolScheme] = useState(profile.peppolEndpoint?.scheme ?? '');
  const [peppolId, setPeppolId] = useState(profile.peppolEndpoint?.id ?? '');
  const [saved, setSaved] = useState(false);
  const save = useSubmit();
  const logo = useSubmit();
  const [logoVersion, setLogoVersion] = useState(0);
  const submit = () =>
    save.run(async () => {
      setSaved(false);
      const body: Record<string, unknown> = Object.fromEntries(fields.map((f) => [f.key, f.key === 'name' ? values.name.trim() : values[f.key].trim() || null]));
      body.peppolEndpoint = peppolScheme.trim() && peppolId.trim() ? { scheme: peppolScheme.trim(), id: peppolId.trim() } : null;
      await patch('/v1/tenant', body);
      setSaved(true);
      onSaved();
    });
  const uploadLogo = (file: File) =>
    logo.run(async () => {
      const response = await fetch('/v1/tenant/logo', { method: 'PUT', credentials: 'same-origin', headers: { 'content-type': file.type || 'application/octet-stream', [csrfHeader]: '1', accept: 'application/json' }, body: file });
      if (!response.ok) throw new ApiError({ ...((await response.json().catch(() => ({}))) as Partial<Problem>), status: response.status });
      setLogoVersion((v) => v + 1);
      onSaved();
    });
  return (
    <div className="grid grid-2">
      <section className="panel" aria-labelledby="company-title">
        <h2 id="company-title">Company details</h2>
        <Form onSubmit={submit} label="Company details">
          {fields.map((f) => (
            <Field key={f.key} label={f.label} error={save.fieldErrors[f.key]} {...(f.hint ? { hint: f.hint } : {})}>
              {(p) => <input {...p} value={values[f.key]} onChange={(e) => setValues({ ...values, [f.key]: e.target.value })} />}
            </Field>
          ))}
          <Field label="Peppol scheme" hint="EAS code, e.g. 0088 (GLN) or 9930 (German VAT). Empty: derived from the VAT id." error={save.fieldErrors['peppolEndpoint/scheme'] ?? save.fieldErrors.peppolEndpoint}>
            {(p) => <input {...p} value={peppolScheme} onChange={(e) => setPeppolScheme(e.target.value)} />}
          </Field>
          <Field label="Peppol id" error={save.fieldErrors['peppolEndpoint/id']}>
            {(p) => <input {...p} value={peppolId} onChange={(e) => setPeppolId(e.target.value)} />}
          </Field>
          <ErrorMessage error={save.error} />
          <div className="actions">
            <button type="submit" className="primary" disabled={save.busy}>
              Save company details
            </button>
            {saved ? <span role="status">Saved.</span> : null}
          </div>
        </Form>
      </section>
      <section className="panel" aria-labelledby="logo-title">
        <h2 id="logo-title">Logo</h2>
        {profile.hasLogo ? <img src={`/v1/tenant/logo?v=${logoVersion}`} alt="The company logo" style={{ maxWidth: '240px', maxHeight: '96px' }} /> : <p className="empty">No logo: documents show the company name only.</p>}
        <Field label="Upload a logo" hint="PNG or JPEG, up to 512 KB; printed at the top right of invoices, credit notes, statements and letters." error={logo.fieldErrors._}>
          {(p) => (
            <input
              {...p}
              type="file"
              accept="image/png,image/jpeg"
              disabled={logo.busy}
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void uploadLogo(file);
              }}
            />
          )}
        </Field>
        <ErrorMessage error={logo.error} />
      </section>
    </div>
  );
}
