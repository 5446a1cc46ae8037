import { useState } from 'react';
import { del, request } from '../../shared/api';
import { ErrorMessage, Field, Form, Show, useApi, useSubmit } from '../../shared/ui';

type MailServer =
  | { configured: false; source: 'environment' | 'none' }
  | { configured: true; host: string; port: number; secure: boolean; username: string | null; hasPassword: boolean; fromAddress: string; updatedAt: string };

/** The company's own outgoing mail server and sender address, or the server's default (admin). */
export function MailServer() {
  const settings = useApi<MailServer>('/v1/smtp-settings');
  // Kept here: the form is drawn afresh from what the server stored after each save, and still says it was saved.
  const [saved, setSaved] = useState(false);
  return (
    <Show loaded={settings} what="the mail server settings">
      {(s) => <MailServerForm key={s.configured ? s.updatedAt : 'default'} settings={s} onChanged={settings.reload} saved={saved} setSaved={setSaved} />}
    </Show>
  );
}

function MailServerForm({ settings, onChanged, saved, setSaved }: { settings: MailServer; onChanged: () => void; saved: boolean; setSaved: (saved: boolean) => void }) {
  const own = settings.configured ? settings : undefined;
  const [host, setHost] = useState(own?.host ?? '');
  const [port, setPort] = useState(String(own?.port ?? 587));
  const [secure, setSecure] = useState(own?.secure ?? false);
  const [username, setUsername] = useState(own?.username ?? '');
  const [password, setPassword] = useState('');
  const [removePassword, setRemovePassword] = useState(false);
  const [fromAddress, setFromAddress] = useState(own?.fromAddress ?? '');
  const save = useSubmit();
  const reset = useSubmit();
  const submit = () =>
    save.run(async () => {
      setSaved(false);
      const portNumber = Number(port);
      if (!Number.isInteger(portNumber)) return save.fail('Please correct the marked fields.', { port: 'Enter a whole number between 1 and 65535.' });
      const body: Record<string, unknown> = { host: host.trim(), port: portNumber, secure, username: username.trim() || null, fromAddress: fromAddress.trim() };
      // An empty password field keeps the stored password.
      if (removePassword) body.password = null;
      else if (password) body.password = password;
      await request('PUT', '/v1/smtp-settings', body);
      setSaved(true);
      onChanged();
    });
  const backToDefault = () =>
    reset.run(async () => {
      await del('/v1/smtp-settings');
      onChanged();
    });
  return (
    <div className="grid grid-2">
      <section className="panel" aria-labelledby="mail-title">
        <h2 id="mail-title">Mail server</h2>
        <Form onSubmit={submit} label="Mail server">
          <Field label="SMTP host" error={save.fieldErrors.host} hint="e.g. smtp.example.com">
            {(p) => <input {...p} value={host} autoComplete="off" onChange={(e) => setHost(e.target.value)} />}
          </Field>
          <Field label="Port" error={save.fieldErrors.port} hint="587 (STARTTLS) or 465 (TLS)">
            {(p) => <input {...p} inputMode="numeric" value={port} onChange={(e) => setPort(e.target.value)} />}
          </Field>
          <Field label="Connection" error={save.fieldErrors.secure}>
            {(p) => (
              <select {...p} value={secure ? 'tls' : 'starttls'} onChange={(e) => setSecure(e.target.value === 'tls')}>
                <option value="starttls">STARTTLS when the server offers it</option>
                <option value="tls">TLS from the start</option>
              </select>
            )}
          </Field>
          <Field label="Username" error={save.fieldErrors.username} hint="Empty: the server needs no login.">
            {(p) => <input {...p} value={username} autoComplete="off" onChange={(e) => setUsername(e.target.value)} />}
          </Field>
          <Field label="Password" error={save.fieldErrors.password} hint={own?.hasPassword ? 'A password is stored. Leave empty to keep it.' : 'Stored encrypted; never shown again.'}>
            {(p) => <input {...p} type="password" autoComplete="new-password" value={password} disabled={removePassword} onChange={(e) => setPassword(e.target.value)} />}
          </Field>
          {own?.hasPassword ? (
            <label>
              <input type="checkbox" checked={removePassword} onChange={(e) => setRemovePassword(e.target.checked)} /> Remove the stored password
            </label>
          ) : null}
          <Field label="Sender address" error={save.fieldErrors.fromAddress} hint="The From address of invoices, receipts and reminders.">
            {(p) => <input {...p} type="email" value={fromAddress} onChange={(e) => setFromAddress(e.target.value)} />}
          </Field>
          <ErrorMessage error={save.error} />
          <div className="actions">
            <button type="submit" className="primary" disabled={save.busy}>
              Save mail server
            </button>
            {saved ? <span role="status">Saved.</span> : null}
          </div>
        </Form>
      </section>
      <section className="panel" aria-labelledby="mail-current-title">
        <h2 id="mail-current-title">In use now</h2>
        {own ? (
          <>
            <p>
              Emails leave through <strong>{own.host}:{own.port}</strong> ({own.secure ? 'TLS' : 'STARTTLS when offered'}) as <strong>{own.fromAddress}</strong>
              {own.username ? `, signed in as ${own.username}${own.hasPassword ? ' with a stored password' : ' without a password'}` : ', without signing in'}.
            </p>
            <ErrorMessage error={reset.error} />
            <div className="actions">
              <button type="button" disabled={reset.busy} onClick={() => void backToDefault()}>
                Use the server's default
              </button>
            </div>
          </>
        ) : !settings.configured && settings.source === 'environment' ? (
          <p className="empty">Emails leave through the server's default mail server.</p>
        ) : (
          <p className="empty">No mail server: the server has no default one, so emails wait in the outbox until you set one here.</p>
        )}
      </section>
    </div>
  );
}
