import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { ApiError, get, post, query, request } from '../../shared/api';
import { moneyInput, parseMoney } from '../../shared/format';
import { Link } from '../../shared/router';
import { DateText, ErrorMessage, Field, Form, Loading, Money, Show, useApi, useDebounced, useSubmit } from '../../shared/ui';
import { useTitle } from '../common';
import { useSession } from '../session';
import type { Customer, Page } from '../types';

const channels = ['email', 'letter', 'webhook'] as const;
const escalationActions = ['late_fee', 'credit_hold', 'notify_collector', 'agency_handover'] as const;
const escalationLabels: Record<(typeof escalationActions)[number], string> = {
  late_fee: 'Late fee',
  credit_hold: 'Credit hold',
  notify_collector: 'Notify collector',
  agency_handover: 'Agency handover',
};

interface PolicyLevel {
  level: number;
  name: string;
  offsetDays: number;
  channel: (typeof channels)[number];
  minimumAmountMinor: number;
  escalations: (typeof escalationActions)[number][];
  feeMinor?: number;
}
interface Policy {
  id: string;
  name: string;
  definition: { levels: PolicyLevel[]; minDaysBetweenMessages: number; skipWeekends: boolean; skipHolidays: boolean };
  isDefault: boolean;
  segment: string | null;
  pilot: boolean;
}
interface PreviewEntry {
  customerId: string;
  customerName: string;
  policyName: string;
  outcome: 'send' | 'pilot' | 'skip';
  reason: { code: string; detail: string } | null;
  level: number | null;
  levelName: string | null;
  channel: string | null;
  subject: string | null;
  totals: { currency: string; amountMinor: number }[];
  lines: { invoiceId: string; number: string; daysPastDue: number; level: number; escalated: boolean }[];
  paused: { number: string; pausedBy: string }[];
}
interface Preview {
  asOf: string;
  truncated: boolean;
  summary: { send: number; pilot: number; skip: number };
  data: PreviewEntry[];
}

/** The policy as edited: text where a person types, turned into the API's body on every change. */
interface LevelForm {
  name: string;
  offsetDays: string;
  channel: (typeof channels)[number];
  minimum: string;
  escalations: (typeof escalationActions)[number][];
  fee: string;
}
type Scope = 'default' | 'segment' | 'customers';
interface PolicyForm {
  id?: string;
  name: string;
  scope: Scope;
  segment: string;
  pilot: boolean;
  minDaysBetweenMessages: string;
  skipWeekends: boolean;
  skipHolidays: boolean;
  levels: LevelForm[];
}

function formOf(policy: Policy, currency: string): PolicyForm {
  return {
    id: policy.id,
    name: policy.name,
    scope: policy.isDefault ? 'default' : policy.segment ? 'segment' : 'customers',
    segment: policy.segment ?? '',
    pilot: policy.pilot,
    minDaysBetweenMessages: String(policy.definition.minDaysBetweenMessages),
    skipWeekends: policy.definition.skipWeekends,
    skipHolidays: policy.definition.skipHolidays,
    levels: policy.definition.levels.map((l) => ({
      name: l.name,
      offsetDays: String(l.offsetDays),
      channel: l.channel,
      minimum: moneyInput(l.minimumAmountMinor, currency),
      escalations: [...l.escalations],
      fee: l.feeMinor ? moneyInput(l.feeMinor, currency) : '',
    })),
  };
}

const blankLevel = (n: number): LevelForm => ({ name: `Reminder ${n}`, offsetDays: String(n * 14), channel: 'email', minimum: '0', escalations: [], fee: '' });
const newPolicy = (): PolicyForm => ({ name: 'New policy', scope: 'customers', segment: '', pilot: true, minDaysBetweenMessages: '5', skipWeekends: true, skipHolidays: true, levels: [blankLevel(1)] });

/** A typed whole number, or null (the server then names the field). */
const wholeNumber = (text: string): number | null => (/^-?\d+$/.test(text.trim()) ? Number(text.trim()) : null);

function bodyOf(form: PolicyForm, currency: string) {
  return {
    name: form.name,
    isDefault: form.scope === 'default',
    segment: form.scope === 'segment' ? form.segment.trim() || null : null,
    pilot: form.pilot,
    definition: {
      levels: form.levels.map((l, i) => {
        const fee = l.fee.trim() ? (parseMoney(l.fee, currency) ?? null) : undefined;
        return {
          level: i + 1,
          name: l.name,
          offsetDays: wholeNumber(l.offsetDays),
          channel: l.channel,
          minimumAmountMinor: parseMoney(l.minimum || '0', currency) ?? null,
          escalations: l.escalations,
          ...(fee !== undefined ? { feeMinor: fee } : {}),
        };
      }),
      minDaysBetweenMessages: wholeNumber(form.minDaysBetweenMessages),
      skipWeekends: form.skipWeekends,
      skipHolidays: form.skipHolidays,
    },
  };
}

/** Field messages keyed by the path inside the policy (levels/0/offsetDays), from a save or a preview. */
function policyFieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(error.fieldErrors)) out[key.replace(/^policy\//, '').replace(/^definition\//, '')] = message;
  return out;
}

export function DunningPolicies() {
  useTitle('Dunning policies');
  const { tenant } = useSession();
  const policies = useApi<{ data: Policy[] }>('/v1/dunning-policies');
  const [selected, setSelected] = useState<string | 'new' | undefined>();
  const [savedNote, setSavedNote] = useState('');
  const current = policies.data?.data.find((p) => p.id === selected) ?? (selected === undefined ? policies.data?.data[0] : undefined);
  return (
    <>
      <div className="page-head">
        <h1>Dunning policies</h1>
        <Link to="/collections">Collections</Link>
      </div>
      <p role="status" className="muted">
        {savedNote}
      </p>
      <Show loaded={policies} what="the dunning policies">
        {(list) => (
          <div className="stack">
            <section aria-label="Policies" className="stack">
              <nav className="tabs" aria-label="Dunning policies">
                {list.data.map((p) => (
                  <button key={p.id} type="button" role="tab" aria-selected={p.id === current?.id && selected !== 'new'} onClick={() => {
                      setSelected(p.id);
                      setSavedNote('');
                    }}>
                    {p.name}
                    {p.isDefault ? ' (default)' : p.segment ? ` (segment ${p.segment})` : ''}
                    {p.pilot ? ' · pilot' : ''}
                  </button>
                ))}
                <button
                  type="button"
                  role="tab"
                  aria-selected={selected === 'new'}
                  onClick={() => {
                    setSelected('new');
                    setSavedNote('');
                  }}
                >
                  New policy
                </button>
              </nav>
              <PolicyEditor
                key={selected === 'new' ? 'new' : (current?.id ?? 'none')}
                initial={selected === 'new' || !current ? newPolicy() : formOf(current, tenant.baseCurrency)}
                currency={tenant.baseCurrency}
                onSaved={(saved) => {
                  setSavedNote(`Saved “${saved.name}”.`);
                  setSelected(saved.id);
                  // The editor stays as saved while the list reloads (same key), so what was typed is what shows.
                  policies.reload();
                }}
              />
            </section>
          </div>
        )}
      </Show>
    </>
  );
}

function PolicyEditor({ initial, currency, onSaved }: { initial: PolicyForm; currency: string; onSaved: (policy: Policy) => void }) {
  const { role } = useSession();
  const editable = role === 'admin' || role === 'ar_manager';
  const [form, setForm] = useState(initial);
  const { busy, error, fieldErrors, run } = useSubmit();
  const [previewErrors, setPreviewErrors] = useState<Record<string, string>>({});
  const errors = { ...previewErrors, ...Object.fromEntries(Object.entries(fieldErrors).map(([k, v]) => [k.replace(/^policy\//, '').replace(/^definition\//, ''), v])) };
  const change = (patch: Partial<PolicyForm>) => setForm((f) => ({ ...f, ...patch }));
  const changeLevel = (index: number, patch: Partial<LevelForm>) => change({ levels: form.levels.map((l, i) => (i === index ? { ...l, ...patch } : l)) });

  const save = () =>
    run(async () => {
      const body = bodyOf(form, currency);
      const saved = form.id ? await request<Policy>('PUT', `/v1/dunning-policies/${form.id}`, body) : await post<Policy>('/v1/dunning-policies', body);
      onSaved(saved);
    });

  return (
    <div style={{ display: 'grid', gap: '1rem', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 30rem), 1fr))', alignItems: 'start' }}>
      <div className="stack">
      <Form onSubmit={save} label="Dunning policy" className="stack panel">
        <div className="row" style={{ display: 'flex', gap: '1rem', flexWrap: 'wrap' }}>
          <Field label="Name" error={errors.name}>
            {(p) => <input {...p} value={form.name} disabled={!editable} onChange={(e) => change({ name: e.target.value })} />}
          </Field>
          <Field label="Applies to" error={errors.isDefault}>
            {(p) => (
              <select {...p} value={form.scope} disabled={!editable} onChange={(e) => change({ scope: e.target.value as Scope })}>
                <option value="default">Every customer (the tenant default)</option>
                <option value="segment">Customers of a segment</option>
                <option value="customers">Only customers assigned to it</option>
              </select>
            )}
          </Field>
          {form.scope === 'segment' ? (
            <Field label="Segment" error={errors.segment}>
              {(p) => <input {...p} value={form.segment} disabled={!editable} onChange={(e) => change({ segment: e.target.value })} />}
            </Field>
          ) : null}
          <Field label="Days between messages (at least)" error={errors.minDaysBetweenMessages}>
            {(p) => <input {...p} inputMode="numeric" size={4} value={form.minDaysBetweenMessages} disabled={!editable} onChange={(e) => change({ minDaysBetweenMessages: e.target.value })} />}
          </Field>
        </div>
        <div style={{ display: 'flex', gap: '1.5rem', flexWrap: 'wrap' }}>
          <label>
            <input type="checkbox" checked={form.skipWeekends} disabled={!editable} onChange={(e) => change({ skipWeekends: e.target.checked })} /> Nothing on weekends
          </label>
          <label>
            <input type="checkbox" checked={form.skipHolidays} disabled={!editable} onChange={(e) => change({ skipHolidays: e.target.checked })} /> Nothing on holidays
          </label>
          <label>
            <input type="checkbox" checked={form.pilot} disabled={!editable} onChange={(e) => change({ pilot: e.target.checked })} /> Pilot (record, send nothing)
          </label>
        </div>
        {errors.levels ? <p className="error">{errors.levels}</p> : null}
        <div className="table-wrap">
          <table aria-label="Levels">
            <thead>
              <tr>
                <th scope="col">Level</th>
                <th scope="col">Name</th>
                <th scope="col">Days after due</th>
                <th scope="col">Channel</th>
                <th scope="col">Minimum ({currency})</th>
                <th scope="col">Escalations</th>
                <th scope="col">Fee ({currency})</th>
                {editable ? <th scope="col"><span className="visually-hidden">Remove</span></th> : null}
              </tr>
            </thead>
            <tbody>
              {form.levels.map((l, i) => (
                <tr key={i}>
                  <td>{i + 1}</td>
                  <td>
                    <Cell label={`Level ${i + 1} name`} error={errors[`levels/${i}/name`]}>
                      {(p) => <input {...p} value={l.name} disabled={!editable} onChange={(e) => changeLevel(i, { name: e.target.value })} />}
                    </Cell>
                  </td>
                  <td>
                    <Cell label={`Level ${i + 1} days after due`} error={errors[`levels/${i}/offsetDays`]}>
                      {(p) => <input {...p} inputMode="numeric" size={5} value={l.offsetDays} disabled={!editable} onChange={(e) => changeLevel(i, { offsetDays: e.target.value })} />}
                    </Cell>
                  </td>
                  <td>
                    <Cell label={`Level ${i + 1} channel`} error={errors[`levels/${i}/channel`]}>
                      {(p) => (
                        <select {...p} value={l.channel} disabled={!editable} onChange={(e) => changeLevel(i, { channel: e.target.value as LevelForm['channel'] })}>
                          {channels.map((c) => (
                            <option key={c} value={c}>
                              {c}
                            </option>
                          ))}
                        </select>
                      )}
                    </Cell>
                  </td>
                  <td>
                    <Cell label={`Level ${i + 1} minimum`} error={errors[`levels/${i}/minimumAmountMinor`]}>
                      {(p) => <input {...p} inputMode="decimal" size={8} value={l.minimum} disabled={!editable} onChange={(e) => changeLevel(i, { minimum: e.target.value })} />}
                    </Cell>
                  </td>
                  <td>
                    <fieldset className="compact">
                      <legend className="visually-hidden">Level {i + 1} escalations</legend>
                      {escalationActions.map((a) => (
                        <label key={a} style={{ display: 'block', whiteSpace: 'nowrap' }}>
                          <input
                            type="checkbox"
                            checked={l.escalations.includes(a)}
                            disabled={!editable}
                            onChange={(e) => changeLevel(i, { escalations: e.target.checked ? [...l.escalations, a] : l.escalations.filter((x) => x !== a) })}
                          />{' '}
                          {escalationLabels[a]}
                        </label>
                      ))}
                    </fieldset>
                  </td>
                  <td>
                    <Cell label={`Level ${i + 1} fee`} error={errors[`levels/${i}/feeMinor`]}>
                      {(p) => <input {...p} inputMode="decimal" size={6} value={l.fee} disabled={!editable || !l.escalations.includes('late_fee')} onChange={(e) => changeLevel(i, { fee: e.target.value })} />}
                    </Cell>
                  </td>
                  {editable ? (
                    <td>
                      <button type="button" className="link" disabled={form.levels.length === 1} onClick={() => change({ levels: form.levels.filter((_, j) => j !== i) })}>
                        Remove level {i + 1}
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {editable ? (
          <div style={{ display: 'flex', gap: '1rem', alignItems: 'center' }}>
            <button type="button" onClick={() => change({ levels: [...form.levels, blankLevel(form.levels.length + 1)] })}>
              Add level
            </button>
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Saving…' : 'Save policy'}
            </button>
          </div>
        ) : (
          <p className="muted">Only admins and AR managers change dunning policies.</p>
        )}
        {error ? <ErrorMessage error={error} /> : null}
      </Form>
      {editable && form.id && form.scope === 'customers' ? <AssignCustomer policyId={form.id} /> : null}
      </div>
      <PreviewPanel form={form} currency={currency} editable={editable} onFieldErrors={setPreviewErrors} />
    </div>
  );
}

/** A control in the levels table: labelled for screen readers (the column heading shows), its error beside it. */
function Cell({ label, error, children }: { label: string; error: string | undefined; children: (control: { 'aria-label': string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode }) {
  const id = useId();
  return (
    <>
      {children({ 'aria-label': label, 'aria-invalid': Boolean(error), ...(error ? { 'aria-describedby': id } : {}) })}
      {error ? (
        <span id={id} className="error small" style={{ display: 'block' }}>
          {error}
        </span>
      ) : null}
    </>
  );
}

function AssignCustomer({ policyId }: { policyId: string }) {
  const [search, setSearch] = useState('');
  const settled = useDebounced(search.trim());
  const found = useApi<Page<Customer>>(settled ? `/v1/customers${query({ search: settled, limit: 5 })}` : undefined);
  const [note, setNote] = useState('');
  const { error, run } = useSubmit();
  return (
    <section className="panel stack" aria-label="Assign customers">
      <h2>Assign a customer to this policy</h2>
      <Field label="Find a customer">{(p) => <input {...p} value={search} onChange={(e) => setSearch(e.target.value)} />}</Field>
      {found.data?.data.map((c) => (
        <button
          key={c.id}
          type="button"
          onClick={() =>
            void run(async () => {
              await request('PUT', `/v1/customers/${c.id}/collection-settings`, { policyId });
              setNote(`${c.name} now follows this policy.`);
            })
          }
        >
          Assign {c.name}
        </button>
      ))}
      <span role="status">{note}</span>
      {error ? <ErrorMessage error={error} /> : null}
    </section>
  );
}

const reasonLabels: Record<string, string> = {
  do_not_dun: 'Do-not-dun',
  weekend: 'Weekend',
  holiday: 'Holiday',
  too_soon: 'Too soon after the last message',
  no_levels: 'No levels',
  nothing_open: 'Nothing open',
  below_minimum: 'Below the minimum',
  not_due_yet: 'Nothing due yet',
  paused_dispute: 'Paused: dispute',
  paused_promise: 'Paused: promise to pay',
  paused_payment_plan: 'Paused: payment plan',
  pilot: 'Pilot: not sent',
};

/** "Who would get what": the preview of the policy as edited (unsaved), tomorrow or on a chosen date. */
function PreviewPanel({ form, currency, editable, onFieldErrors }: { form: PolicyForm; currency: string; editable: boolean; onFieldErrors: (errors: Record<string, string>) => void }) {
  const [asOf, setAsOf] = useState('');
  const body = useMemo(() => JSON.stringify({ ...(asOf ? { asOf } : {}), policy: { ...(form.id ? { id: form.id } : {}), ...bodyOf(form, currency) } }), [form, asOf, currency]);
  const settled = useDebounced(body, 400);
  const [state, setState] = useState<{ preview?: Preview; error?: unknown; loading: boolean }>({ loading: true });
  const [showSkipped, setShowSkipped] = useState(false);

  useEffect(() => {
    let cancelled = false;
    setState((s) => ({ ...s, loading: true }));
    const draft = JSON.parse(settled) as { asOf?: string; policy: { id?: string } };
    const load = editable
      ? post<Preview>('/v1/dunning-policies/preview', draft)
      : get<Preview>(`/v1/dunning/preview${query({ asOf: draft.asOf, policyId: draft.policy.id })}`);
    load.then(
      (preview) => {
        if (cancelled) return;
        onFieldErrors({});
        setState({ preview, loading: false });
      },
      (error: unknown) => {
        if (cancelled) return;
        onFieldErrors(policyFieldErrors(error));
        setState({ error, loading: false });
      },
    );
    return () => {
      cancelled = true;
    };
    // The unsaved edit (with its date) once it has settled.
  }, [settled, editable, onFieldErrors]);

  const preview = state.preview;
  const rows = preview?.data.filter((e) => showSkipped || e.outcome !== 'skip') ?? [];
  return (
    <section className="panel stack" aria-labelledby="dunning-preview-title" aria-busy={state.loading}>
      <h2 id="dunning-preview-title">
        Who would get what {asOf ? 'on ' : 'tomorrow'}
        {asOf ? <DateText value={asOf} /> : null}
      </h2>
      <p className="muted small">
        {editable ? 'As edited, before saving.' : 'The saved policy.'} The same decisions as the daily run; nothing is sent or written. That day’s autopay charges and new invoices are not foreseen.
      </p>
      <div style={{ display: 'flex', gap: '1rem', alignItems: 'end', flexWrap: 'wrap' }}>
        <Field label="Date" hint="Empty: tomorrow">
          {(p) => <input {...p} type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} />}
        </Field>
        <label>
          <input type="checkbox" checked={showSkipped} onChange={(e) => setShowSkipped(e.target.checked)} /> Show customers who get nothing, and why
        </label>
      </div>
      {state.error && !(state.error instanceof ApiError && state.error.status === 400) ? <ErrorMessage error={state.error} /> : null}
      {state.error instanceof ApiError && state.error.status === 400 ? <p className="error">Fix the policy to see its preview.</p> : null}
      {!preview && state.loading ? <Loading what="the preview" /> : null}
      {preview ? (
        <>
          <p role="status" data-testid="preview-summary">
            <DateText value={preview.asOf} />: {preview.summary.send} message{preview.summary.send === 1 ? '' : 's'} to send, {preview.summary.pilot} pilot, {preview.summary.skip} customer{preview.summary.skip === 1 ? '' : 's'} with nothing due
            {preview.truncated ? ' (only the first customers were decided)' : ''}.
          </p>
          {rows.length === 0 ? (
            <p className="empty">Nobody would get a message.</p>
          ) : (
            <div className="table-wrap">
              <table aria-label="Dunning preview">
                <thead>
                  <tr>
                    <th scope="col">Customer</th>
                    <th scope="col">Message</th>
                    <th scope="col">Channel</th>
                    <th scope="col">Items</th>
                    <th scope="col" className="num">
                      Amount
                    </th>
                    <th scope="col">Subject</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((e) => (
                    <tr key={e.customerId}>
                      <td>
                        <Link to={`/customers/${e.customerId}`}>{e.customerName}</Link>
                      </td>
                      <td>
                        {e.outcome === 'skip' ? <span title={e.reason?.detail}>{reasonLabels[e.reason?.code ?? ''] ?? e.reason?.detail}</span> : `Level ${e.level}: ${e.levelName}`}
                        {e.outcome === 'pilot' ? ' (pilot, not sent)' : ''}
                      </td>
                      <td>{e.channel ?? '—'}</td>
                      <td>
                        {e.lines.map((l) => `${l.number}${l.escalated ? ` → L${l.level}` : ''}`).join(', ')}
                        {e.paused.length > 0 ? <span className="muted small"> paused: {e.paused.map((p) => p.number).join(', ')}</span> : null}
                      </td>
                      <td className="num">
                        {e.totals.map((t) => (
                          <div key={t.currency}>
                            <Money minor={t.amountMinor} currency={t.currency} />
                          </div>
                        ))}
                      </td>
                      <td>{e.subject ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
    </section>
  );
}
