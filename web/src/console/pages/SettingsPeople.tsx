import { useState } from 'react';
import { patch, post } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { ErrorMessage, Field, Form, Show, useApi, useSubmit } from '../../shared/ui';
import { roleLabels } from '../roles';
import { useSession } from '../session';
import type { Role, StaffUser } from '../types';

export const roles: Role[] = ['admin', 'ar_manager', 'collector', 'viewer'];

/** People who sign in to the console (admin only): add, change role, disable and enable again. */
export function People() {
  const users = useApi<{ data: StaffUser[] }>('/v1/staff-users');
  return (
    <div className="grid grid-2">
      <section className="panel" aria-labelledby="users-title">
        <h2 id="users-title">People</h2>
        <Show loaded={users} what="people">
          {(list) => (
            <div className="table-wrap">
              <table aria-label="Staff users">
                <thead>
                  <tr>
                    <th>Name</th>
                    <th>Role</th>
                    <th>Account</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.map((u) => (
                    <PersonRow key={u.id} person={u} onChanged={users.reload} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Show>
      </section>
      <AddPerson onAdded={users.reload} />
    </div>
  );
}

function PersonRow({ person, onChanged }: { person: StaffUser; onChanged: () => void }) {
  const { user } = useSession();
  const change = useSubmit();
  const self = person.id === user.id;
  const update = (body: { role?: Role; disabled?: boolean }) => void change.run(() => patch(`/v1/staff-users/${person.id}`, body)).then((ok) => ok && onChanged());
  return (
    <tr>
      <td>
        {person.name}
        <div className="muted small">{person.email}</div>
        <div className="muted small">since {formatDateTime(person.createdAt)}</div>
      </td>
      <td>
        {self ? (
          <span>{roleLabels[person.role]} (you)</span>
        ) : (
          <select aria-label={`Role of ${person.name}`} value={person.role} disabled={change.busy || person.disabled} onChange={(e) => update({ role: e.target.value as Role })}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {roleLabels[r]}
              </option>
            ))}
          </select>
        )}
        {change.error ? <span className="error"> {change.fieldErrors.role ?? ''}</span> : null}
      </td>
      <td>
        {person.disabled ? <span className="muted">disabled </span> : null}
        {self ? null : (
          <button type="button" className={person.disabled ? '' : 'danger'} disabled={change.busy} onClick={() => update({ disabled: !person.disabled })} aria-label={`${person.disabled ? 'Enable' : 'Disable'} ${person.name}`}>
            {person.disabled ? 'Enable' : 'Disable'}
          </button>
        )}
        <ErrorMessage error={change.error} />
      </td>
    </tr>
  );
}

function AddPerson({ onAdded }: { onAdded: () => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('collector');
  const [password, setPassword] = useState('');
  const [created, setCreated] = useState<string>();
  const { busy, error, fieldErrors, run } = useSubmit();
  const submit = async () => {
    setCreated(undefined);
    if (await run(() => post('/v1/staff-users', { email: email.trim(), name: name.trim(), role, password }))) {
      setCreated(`${name.trim()} can now sign in as ${roleLabels[role]}.`);
      setEmail('');
      setName('');
      setPassword('');
      onAdded();
    }
  };
  return (
    <section className="panel" aria-labelledby="add-person-title">
      <h2 id="add-person-title">Add a person</h2>
      <Form onSubmit={submit} label="Add a person">
        <div className="row">
          <Field label="Name" error={fieldErrors.name}>
            {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" required />}
          </Field>
          <Field label="Email" error={fieldErrors.email}>
            {(p) => <input {...p} type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" required />}
          </Field>
        </div>
        <div className="row">
          <Field label="Role" error={fieldErrors.role}>
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
          <Field label="First password" error={fieldErrors.password} hint="At least twelve characters; tell it to them in person.">
            {(p) => <input {...p} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" required />}
          </Field>
        </div>
        <ErrorMessage error={error} />
        {created ? (
          <p className="notice" role="status">
            {created}
          </p>
        ) : null}
        <div className="row">
          <button type="submit" className="primary" disabled={busy}>
            Add person
          </button>
        </div>
      </Form>
    </section>
  );
}
