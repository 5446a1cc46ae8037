import { useState } from 'react';
import { post } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { Chip, Dialog, ErrorMessage, Field, Form, Show, useApi, useSubmit } from '../../shared/ui';
import { roleLabels } from '../roles';
import type { ApiKey, Role } from '../types';
import { roles } from './SettingsPeople';

/** API keys for other systems (admin only): the key itself is shown once, when it is made. */
export function ApiKeys() {
  const keys = useApi<{ data: ApiKey[] }>('/v1/api-keys');
  const [revoking, setRevoking] = useState<ApiKey>();
  return (
    <div className="grid grid-2">
      <section className="panel" aria-labelledby="keys-title">
        <h2 id="keys-title">API keys</h2>
        <Show loaded={keys} what="API keys">
          {(list) =>
            list.data.length === 0 ? (
              <p className="empty">No API keys.</p>
            ) : (
              <div className="table-wrap">
                <table aria-label="API keys">
                  <thead>
                    <tr>
                      <th>Name</th>
                      <th>Role</th>
                      <th>Starts with</th>
                      <th className="hide-narrow">Created</th>
                      <th>
                        <span className="visually-hidden">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.data.map((k) => (
                      <tr key={k.id}>
                        <td>{k.name}</td>
                        <td>{roleLabels[k.role]}</td>
                        <td>
                          <code>{k.prefix}…</code>
                        </td>
                        <td className="hide-narrow">{formatDateTime(k.createdAt)}</td>
                        <td>
                          {k.revokedAt ? (
                            <Chip status="void" label={`revoked ${formatDateTime(k.revokedAt)}`} />
                          ) : (
                            <button type="button" className="danger" onClick={() => setRevoking(k)} aria-label={`Revoke ${k.name}`}>
                              Revoke…
                            </button>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </Show>
      </section>
      <CreateKey onCreated={keys.reload} />
      <Dialog title={`Revoke ${revoking?.name ?? ''}`} open={revoking !== undefined} onClose={() => setRevoking(undefined)}>
        {revoking ? <RevokeKey apiKey={revoking} onDone={() => (setRevoking(undefined), keys.reload())} /> : null}
      </Dialog>
    </div>
  );
}

function RevokeKey({ apiKey, onDone }: { apiKey: ApiKey; onDone: () => void }) {
  const { busy, error, run } = useSubmit();
  return (
    <div className="stack">
      <p>
        Systems using the key starting <code>{apiKey.prefix}</code> stop working at once. This cannot be undone.
      </p>
      <ErrorMessage error={error} />
      <div className="row">
        <button type="button" className="danger" disabled={busy} onClick={() => void run(() => post(`/v1/api-keys/${apiKey.id}/revoke`)).then((ok) => ok && onDone())}>
          Revoke key
        </button>
      </div>
    </div>
  );
}

function CreateKey({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [secret, setSecret] = useState<{ name: string; key: string }>();
  const [copied, setCopied] = useState(false);
  const { busy, error, fieldErrors, run } = useSubmit();
  const submit = async () => {
    setSecret(undefined);
    setCopied(false);
    let created: (ApiKey & { key: string }) | undefined;
    if (await run(async () => void (created = await post<ApiKey & { key: string }>('/v1/api-keys', { name, role })))) {
      if (created) setSecret({ name: created.name, key: created.key });
      setName('');
      onCreated();
    }
  };
  return (
    <section className="panel" aria-labelledby="new-key-title">
      <h2 id="new-key-title">New API key</h2>
      <Form onSubmit={submit} label="New API key">
        <div className="row">
          <Field label="Key name" error={fieldErrors.name} hint="The system that will use it, e.g. ERP export">
            {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />}
          </Field>
          <Field label="Key role" error={fieldErrors.role}>
            {(p) => (
              <select {...p} value={role} onChange={(e) => setRole(e.target.value as Role)}>
                {roles.map((r) => (
                  <option key={r} value={r}>
                    {roleLabels[r]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <ErrorMessage error={error} />
        <div className="row">
          <button type="submit" className="primary" disabled={busy}>
            Create key
          </button>
        </div>
      </Form>
      {secret ? (
        <div className="notice stack" role="status" aria-label="New API key" style={{ marginTop: '0.75rem' }}>
          <strong>Key for {secret.name}: copy it now, it is not shown again.</strong>
          <output className="secret" aria-label="The API key">
            {secret.key}
          </output>
          <div className="row">
            <button
              type="button"
              onClick={() =>
                void navigator.clipboard?.writeText(secret.key).then(
                  () => setCopied(true),
                  () => setCopied(false),
                )
              }
            >
              Copy key
            </button>
            {copied ? <span>Copied.</span> : null}
            <button type="button" className="link" onClick={() => setSecret(undefined)}>
              I have stored it
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
