import { useState } from 'react';
import { post, request } from '../../shared/api';
import { addDays, formatDate, formatMoney } from '../../shared/format';
import { Chip, ErrorMessage, Field, Form, Show, useApi, useSubmit } from '../../shared/ui';
import { useSession } from '../session';
import type { EmailTemplate, Invoice, Page, TemplateKind } from '../types';

const kindLabels: Record<TemplateKind, string> = {
  invoice: 'Invoice email',
  payment_receipt: 'Payment receipt',
  dunning_reminder: 'Dunning reminder',
  dunning_final_notice: 'Final notice',
};
const languageLabels = { en: 'English', de: 'German' } as const;
type Language = keyof typeof languageLabels;

/** The placeholders each kind of message fills in (as the server does), with the sample values of the preview. */
function sampleValues(kind: TemplateKind, companyName: string, currency: string, today: string): Record<string, string> {
  const total = formatMoney(123_450, currency);
  const common = { companyName, customerName: 'Sample Customer Ltd' };
  switch (kind) {
    case 'invoice':
      return { ...common, number: 'INV-2026-00042', issueDate: formatDate(today), dueDate: formatDate(addDays(today, 30)), total, paymentReference: 'RF18 5390 0754 7034' };
    case 'payment_receipt':
      return { ...common, amount: total, valueDate: formatDate(today), reference: 'INV-2026-00042', allocations: `- INV-2026-00042: ${total}`, unapplied: '' };
    case 'dunning_reminder':
    case 'dunning_final_notice':
      return {
        ...common,
        levelName: kind === 'dunning_reminder' ? 'Reminder' : 'Final notice',
        total,
        items: `- INV-2026-00042 due ${formatDate(addDays(today, -20))}: ${total}`,
        portalLink: `${window.location.origin}/portal/`,
      };
  }
}

/** Fills {{name}} placeholders; an unknown one stays visible, as in the messages the server sends. */
const fill = (text: string, values: Record<string, string>) => text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);

export function EmailTemplates() {
  const templates = useApi<{ data: EmailTemplate[] }>('/v1/email-templates');
  const [kind, setKind] = useState<TemplateKind>('invoice');
  const [language, setLanguage] = useState<Language>('en');
  return (
    <>
      <div className="toolbar">
        <Field label="Message">
          {(p) => (
            <select {...p} value={kind} onChange={(e) => setKind(e.target.value as TemplateKind)}>
              {(Object.keys(kindLabels) as TemplateKind[]).map((k) => (
                <option key={k} value={k}>
                  {kindLabels[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Language">
          {(p) => (
            <select {...p} value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
              {(Object.keys(languageLabels) as Language[]).map((l) => (
                <option key={l} value={l}>
                  {languageLabels[l]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Show loaded={templates} what="email templates">
        {(list) => {
          const template = list.data.find((t) => t.kind === kind && t.language === language);
          return template ? <TemplateEditor key={`${kind}:${language}`} template={template} onSaved={templates.reload} /> : <p className="empty">No such template.</p>;
        }}
      </Show>
      <p className="muted small">
        Emails go out through the server's SMTP connection (SMTP_URL and SMTP_FROM, set by whoever runs Cashloop); without one they wait in the outbox. Each customer gets their
        own language.
      </p>
    </>
  );
}

function TemplateEditor({ template, onSaved }: { template: EmailTemplate; onSaved: () => void }) {
  const { tenant, can } = useSession();
  const [subject, setSubject] = useState(template.subject);
  const [body, setBody] = useState(template.body);
  const [saved, setSaved] = useState(false);
  const { busy, error, fieldErrors, run } = useSubmit();
  const mayEdit = can('manageEmailTemplates');
  const values = sampleValues(template.kind, tenant.name, tenant.baseCurrency, tenant.today);
  const submit = async () => {
    setSaved(false);
    if (await run(() => request('PUT', `/v1/email-templates/${template.kind}/${template.language}`, { subject, body }))) {
      setSaved(true);
      onSaved();
    }
  };
  return (
    <div className="grid grid-2">
      <section className="panel" aria-labelledby="template-title">
        <h2 id="template-title">
          {kindLabels[template.kind]} · {languageLabels[template.language]} <Chip status={template.custom ? 'active' : 'draft'} label={template.custom ? 'your wording' : 'built in'} />
        </h2>
        <Form onSubmit={submit} label="Email template">
          <Field label="Subject" error={fieldErrors.subject}>
            {(p) => <input {...p} value={subject} onChange={(e) => (setSubject(e.target.value), setSaved(false))} readOnly={!mayEdit} />}
          </Field>
          <Field label="Body" error={fieldErrors.body} hint={`Placeholders: ${Object.keys(values).map((v) => `{{${v}}}`).join(' ')}`}>
            {(p) => <textarea {...p} rows={14} value={body} onChange={(e) => (setBody(e.target.value), setSaved(false))} readOnly={!mayEdit} />}
          </Field>
          <ErrorMessage error={error} />
          {saved ? (
            <p className="notice" role="status">
              Template saved: new messages use it.
            </p>
          ) : null}
          {mayEdit ? (
            <div className="row">
              <button type="submit" className="primary" disabled={busy}>
                Save template
              </button>
            </div>
          ) : null}
        </Form>
      </section>
      <div>
        <section className="panel" aria-labelledby="preview-title">
          <h2 id="preview-title">Preview with sample values</h2>
          <p>
            <strong>{fill(subject, values)}</strong>
          </p>
          <pre className="preview">{fill(body, values)}</pre>
        </section>
        {template.kind === 'invoice' ? <InvoicePreview language={template.language} /> : null}
      </div>
    </div>
  );
}

/** The invoice email as the server renders it for a real open invoice, with the saved wording. */
function InvoicePreview({ language }: { language: Language }) {
  const open = useApi<Page<Invoice>>('/v1/invoices?status=open&kind=invoice&limit=1');
  const [preview, setPreview] = useState<{ to: string | null; subject: string; body: string; number: string }>();
  const { busy, error, run } = useSubmit();
  const invoice = open.data?.data[0];
  if (!invoice) return null;
  const show = () =>
    void run(async () => {
      const rendered = await post<{ to: string | null; subject: string; body: string }>(`/v1/invoices/${invoice.id}/email-preview`, { language });
      setPreview({ ...rendered, number: invoice.number ?? '' });
    });
  return (
    <section className="panel" aria-labelledby="real-preview-title">
      <h2 id="real-preview-title">Preview with invoice {invoice.number}</h2>
      <div className="row">
        <button type="button" onClick={show} disabled={busy}>
          Render saved template
        </button>
      </div>
      <ErrorMessage error={error} />
      {preview ? (
        <div className="stack" role="status" aria-label="Invoice email preview" style={{ marginTop: '0.5rem' }}>
          <span className="muted small">To: {preview.to ?? '(the customer has no email address)'}</span>
          <strong>{preview.subject}</strong>
          <pre className="preview">{preview.body}</pre>
        </div>
      ) : null}
    </section>
  );
}
