import { useState } from 'react';
import { request } from '../../shared/api';
import { formatMoney, moneyInput, parseMoney } from '../../shared/format';
import { ErrorMessage, Field, Form, Show, useApi, useSubmit } from '../../shared/ui';
import { useSession } from '../session';
import type { LateFeePolicyView } from '../types';

type Kind = 'flat' | 'percent' | 'interest' | 'eu_directive' | 'uk_act';

const kindLabels: Record<Kind, string> = {
  flat: 'A fixed fee per overdue invoice',
  percent: 'A percentage of the overdue amount, once',
  interest: 'Interest per year on the overdue amount',
  eu_directive: 'EU Late Payment Directive 2011/7/EU (reference rate + 8 points, €40)',
  uk_act: 'UK Late Payment Act (base rate + 8 %, £40/£70/£100)',
};

/** The statutory presets are stored as interest with compensation tiers: one tier is the EU's, three the UK's. */
function kindOf(policy: LateFeePolicyView): Kind {
  if (policy.compensation?.length === 1 && policy.referenceRates) return 'eu_directive';
  if (policy.compensation?.length === 3 && policy.referenceRates) return 'uk_act';
  return policy.kind;
}

function describe(policy: LateFeePolicyView, currency: string): string {
  const kind = kindOf(policy);
  const parts: string[] = [];
  if (kind === 'eu_directive' || kind === 'uk_act') parts.push(kindLabels[kind]);
  else if (kind === 'flat') parts.push(`${formatMoney(policy.flatMinor ?? 0, currency)} per overdue invoice`);
  else if (kind === 'percent') parts.push(`${policy.percent ?? '0'} % of the overdue amount`);
  else parts.push(`${policy.percent ?? '0'} % a year${policy.referenceRates ? ' over the reference rate' : ''} (${policy.dayCount === 'actual_360' ? 'actual/360' : 'actual/365'})`);
  if (policy.graceDays > 0) parts.push(`after ${policy.graceDays} days' grace`);
  if (policy.minimumMinor > 1) parts.push(`nothing below ${formatMoney(policy.minimumMinor, currency)}`);
  if (policy.capMinor !== null) parts.push(`at most ${formatMoney(policy.capMinor, currency)} per invoice`);
  return parts.join(', ');
}

const halfYearOf = (isoDate: string) => `${isoDate.slice(0, 4)}-H${Number(isoDate.slice(5, 7)) <= 6 ? 1 : 2}`;

/** The tenant's late-fee policy: what the daily run charges on overdue invoices. */
export function LateFees() {
  const { tenant, can } = useSession();
  const current = useApi<{ policy: LateFeePolicyView | null }>('/v1/late-fee-policy');
  return (
    <div className="grid grid-2">
      <section className="panel" aria-labelledby="late-fee-title">
        <h2 id="late-fee-title">Late-fee policy</h2>
        <Show loaded={current} what="the late-fee policy">
          {({ policy }) =>
            policy ? (
              <>
                <p>{describe(policy, tenant.baseCurrency)}.</p>
                {policy.waived ? (
                  <p className="notice info" role="status">
                    Waived: nothing is charged while the waiver stands.
                  </p>
                ) : null}
                {policy.referenceRates ? (
                  <dl className="facts">
                    {Object.entries(policy.referenceRates).map(([period, rate]) => (
                      <div key={period} style={{ display: 'contents' }}>
                        <dt>Reference rate {period}</dt>
                        <dd>{rate} %</dd>
                      </div>
                    ))}
                  </dl>
                ) : null}
              </>
            ) : (
              <p className="empty">No late fees: overdue invoices are not charged.</p>
            )
          }
        </Show>
        <p className="muted small">
          The daily run charges fees once per invoice and interest per complete month, never twice for the same period, on a fee invoice posted to late-fee income.
        </p>
      </section>
      {can('manageLateFees') && current.data ? <LateFeeForm policy={current.data.policy} onSaved={current.reload} /> : null}
    </div>
  );
}

function LateFeeForm({ policy, onSaved }: { policy: LateFeePolicyView | null; onSaved: () => void }) {
  const { tenant } = useSession();
  const currency = tenant.baseCurrency;
  const [kind, setKind] = useState<Kind>(policy ? kindOf(policy) : 'interest');
  const [flat, setFlat] = useState(policy?.flatMinor !== undefined ? moneyInput(policy.flatMinor, currency) : '');
  const [percent, setPercent] = useState(policy?.percent ?? '');
  const [dayCount, setDayCount] = useState<'actual_365' | 'actual_360'>(policy?.dayCount ?? 'actual_365');
  const [graceDays, setGraceDays] = useState(String(policy?.graceDays ?? 0));
  const [minimum, setMinimum] = useState(policy && policy.minimumMinor > 1 ? moneyInput(policy.minimumMinor, currency) : '');
  const [cap, setCap] = useState(policy?.capMinor !== null && policy?.capMinor !== undefined ? moneyInput(policy.capMinor, currency) : '');
  const [waived, setWaived] = useState(policy?.waived ?? false);
  const [useReference, setUseReference] = useState(Boolean(policy?.referenceRates));
  const [rates, setRates] = useState<{ period: string; rate: string }[]>(() => {
    const saved = Object.entries(policy?.referenceRates ?? {}).map(([period, rate]) => ({ period, rate }));
    return saved.length > 0 ? saved : [{ period: halfYearOf(tenant.today), rate: '' }];
  });
  const [saved, setSaved] = useState(false);
  const { busy, error, fieldErrors, run, fail } = useSubmit();
  const statutory = kind === 'eu_directive' || kind === 'uk_act';
  const withRates = statutory || (kind === 'interest' && useReference);

  const submit = async () => {
    setSaved(false);
    const faults: Record<string, string> = {};
    const amount = (text: string, field: string): number | undefined => {
      if (!text.trim()) return undefined;
      const minor = parseMoney(text, currency);
      if (minor === undefined || minor < 0) faults[field] = 'not an amount';
      return minor;
    };
    const referenceRates = Object.fromEntries(rates.filter((r) => r.period.trim() || r.rate.trim()).map((r) => [r.period.trim(), r.rate.trim().replace(',', '.')]));
    let body: Record<string, unknown>;
    if (statutory) body = { kind, referenceRates, waived };
    else {
      const common = {
        graceDays: Number(graceDays || '0'),
        minimumMinor: amount(minimum, 'minimumMinor') ?? 0,
        capMinor: amount(cap, 'capMinor') ?? null,
        waived,
      };
      if (kind === 'flat') body = { kind, flatMinor: amount(flat, 'flatMinor') ?? 0, ...common };
      else if (kind === 'percent') body = { kind, percent: percent.trim().replace(',', '.'), ...common };
      else body = { kind, percent: percent.trim().replace(',', '.'), dayCount, ...(useReference ? { referenceRates } : {}), ...common };
    }
    if (Object.keys(faults).length > 0) return fail('Check the amounts.', faults);
    if (await run(() => request('PUT', '/v1/late-fee-policy', body))) {
      setSaved(true);
      onSaved();
    }
  };

  const rateErrors = Object.entries(fieldErrors)
    .filter(([field]) => field.startsWith('referenceRates'))
    .map(([field, message]) => `${field.replace(/^referenceRates\/?/, '') || 'rates'}: ${message}`)
    .join('; ');

  return (
    <section className="panel" aria-labelledby="late-fee-form-title">
      <h2 id="late-fee-form-title">{policy ? 'Change the policy' : 'Set a policy'}</h2>
      <Form onSubmit={submit} label="Late-fee policy">
        <Field label="Kind" error={fieldErrors.kind}>
          {(p) => (
            <select {...p} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
              {(Object.keys(kindLabels) as Kind[]).map((k) => (
                <option key={k} value={k}>
                  {kindLabels[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {kind === 'flat' ? (
          <Field label={`Fee (${currency})`} error={fieldErrors.flatMinor}>
            {(p) => <input {...p} inputMode="decimal" value={flat} onChange={(e) => setFlat(e.target.value)} />}
          </Field>
        ) : null}
        {kind === 'percent' || kind === 'interest' ? (
          <div className="row">
            <Field label={kind === 'interest' ? (useReference ? 'Margin over the reference rate %' : 'Rate per year %') : 'Rate %'} error={fieldErrors.percent}>
              {(p) => <input {...p} inputMode="decimal" size={8} value={percent} onChange={(e) => setPercent(e.target.value)} />}
            </Field>
            {kind === 'interest' ? (
              <Field label="Day count" error={fieldErrors.dayCount}>
                {(p) => (
                  <select {...p} value={dayCount} onChange={(e) => setDayCount(e.target.value as typeof dayCount)}>
                    <option value="actual_365">actual/365</option>
                    <option value="actual_360">actual/360</option>
                  </select>
                )}
              </Field>
            ) : null}
          </div>
        ) : null}
        {kind === 'interest' ? (
          <label className="check">
            <input type="checkbox" checked={useReference} onChange={(e) => setUseReference(e.target.checked)} /> Add a reference rate per half-year
          </label>
        ) : null}
        {withRates ? (
          <fieldset className="stack" style={{ border: 0, padding: 0, margin: 0 }}>
            <legend className="small">
              <strong>{kind === 'uk_act' ? 'Bank of England base rate' : 'Reference rate'} per half-year (%)</strong>
            </legend>
            {rates.map((r, index) => (
              <div className="row" key={index}>
                <Field label={`Half-year ${index + 1}`} hint="e.g. 2026-H1">
                  {(p) => <input {...p} size={9} value={r.period} onChange={(e) => setRates((rs) => rs.map((x, i) => (i === index ? { ...x, period: e.target.value } : x)))} />}
                </Field>
                <Field label={`Rate ${index + 1} %`}>
                  {(p) => <input {...p} inputMode="decimal" size={7} value={r.rate} onChange={(e) => setRates((rs) => rs.map((x, i) => (i === index ? { ...x, rate: e.target.value } : x)))} />}
                </Field>
                <button type="button" className="link" onClick={() => setRates((rs) => rs.filter((_, i) => i !== index))} aria-label={`Remove half-year ${index + 1}`}>
                  Remove
                </button>
              </div>
            ))}
            {rateErrors ? <p className="error">{rateErrors}</p> : null}
            <div className="row">
              <button type="button" onClick={() => setRates((rs) => [...rs, { period: '', rate: '' }])}>
                Add a half-year
              </button>
            </div>
          </fieldset>
        ) : null}
        {!statutory ? (
          <div className="row">
            <Field label="Grace days" error={fieldErrors.graceDays}>
              {(p) => <input {...p} inputMode="numeric" size={5} value={graceDays} onChange={(e) => setGraceDays(e.target.value)} />}
            </Field>
            <Field label={`Minimum charge (${currency})`} error={fieldErrors.minimumMinor} hint="Smaller charges are not made">
              {(p) => <input {...p} inputMode="decimal" size={9} value={minimum} onChange={(e) => setMinimum(e.target.value)} />}
            </Field>
            <Field label={`Cap per invoice (${currency})`} error={fieldErrors.capMinor} hint="Empty: no cap">
              {(p) => <input {...p} inputMode="decimal" size={9} value={cap} onChange={(e) => setCap(e.target.value)} />}
            </Field>
          </div>
        ) : null}
        <label className="check">
          <input type="checkbox" checked={waived} onChange={(e) => setWaived(e.target.checked)} /> Waive: charge nothing for now
        </label>
        <ErrorMessage error={error} />
        {saved ? (
          <p className="notice" role="status">
            Late-fee policy saved.
          </p>
        ) : null}
        <div className="row">
          <button type="submit" className="primary" disabled={busy}>
            Save policy
          </button>
        </div>
      </Form>
    </section>
  );
}
