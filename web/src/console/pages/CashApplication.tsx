import { useRef, useState } from 'react';
import { query, uploadFile } from '../../shared/api';
import { formatNumber } from '../../shared/format';
import { Link, setQuery, useLocation } from '../../shared/router';
import { Chip, DateText, ErrorMessage, Field, Form, Money, Pager, Show, useApi, useCursorPages, useSubmit } from '../../shared/ui';
import { useTitle } from '../common';
import { useCustomerNames } from '../customer-names';
import { useSession } from '../session';
import type { Page, Payment, StatementImport, StatementLine } from '../types';

export function CashApplication() {
  useTitle('Cash application');
  const { can } = useSession();
  const { query: params } = useLocation();
  const tab = params.get('tab') === 'unapplied' ? 'unapplied' : 'exceptions';
  const [queueVersion, setQueueVersion] = useState(0);
  return (
    <>
      <div className="page-head">
        <h1>Cash application</h1>
      </div>
      {can('uploadBankFile') ? <Upload onImported={() => setQueueVersion((v) => v + 1)} /> : null}
      <div className="tabs" role="tablist" aria-label="Cash application">
        <button type="button" role="tab" aria-selected={tab === 'exceptions'} onClick={() => setQuery({ tab: undefined })}>
          Exception queue
        </button>
        <button type="button" role="tab" aria-selected={tab === 'unapplied'} onClick={() => setQuery({ tab: 'unapplied' })}>
          Unapplied cash
        </button>
      </div>
      <div role="tabpanel">{tab === 'exceptions' ? <ExceptionQueue key={queueVersion} /> : <UnappliedCash />}</div>
    </>
  );
}

const acceptedFiles = '.xml,.sta,.mt940,.940,.txt,.bai,.bai2,.csv';

function Upload({ onImported }: { onImported: () => void }) {
  const [file, setFile] = useState<File>();
  const [format, setFormat] = useState('');
  const [progress, setProgress] = useState<number>();
  const [result, setResult] = useState<StatementImport>();
  const inputRef = useRef<HTMLInputElement>(null);
  const { busy, error, run, fail } = useSubmit();
  const submit = async () => {
    if (!file) return fail('Choose a bank statement file first.');
    setResult(undefined);
    setProgress(0);
    const ok = await run(async () => {
      const imported = await uploadFile<StatementImport>(`/v1/bank-statements${query({ fileName: file.name, format })}`, file, setProgress);
      setResult(imported);
    });
    if (ok) {
      onImported();
      setFile(undefined);
      if (inputRef.current) inputRef.current.value = '';
    }
  };
  const sent = progress !== undefined && progress >= 1;
  return (
    <section className="panel" aria-labelledby="upload-title">
      <h2 id="upload-title">Upload a bank statement</h2>
      <Form onSubmit={submit} label="Upload a bank statement">
        <div className="row">
          <Field label="File (camt.053/054, MT940, BAI2, CSV)">
            {(p) => <input {...p} ref={inputRef} type="file" accept={acceptedFiles} onChange={(e) => setFile(e.target.files?.[0])} />}
          </Field>
          <Field label="Format">
            {(p) => (
              <select {...p} value={format} onChange={(e) => setFormat(e.target.value)}>
                <option value="">Recognise from the content</option>
                <option value="camt">camt</option>
                <option value="mt940">MT940</option>
                <option value="bai2">BAI2</option>
              </select>
            )}
          </Field>
          <button type="submit" className="primary" disabled={busy || !file}>
            Upload and apply
          </button>
        </div>
        {busy && progress !== undefined ? (
          <div className="field" role="status">
            <progress max={1} value={sent ? undefined : progress} aria-label="Upload progress" />
            <span className="muted small">{sent ? 'Uploaded; reading the statement and matching payments…' : `Uploading ${formatNumber(progress * 100, 0)} %`}</span>
          </div>
        ) : null}
        <ErrorMessage error={error} />
      </Form>
      {result ? <ImportSummary result={result} /> : null}
    </section>
  );
}

function ImportSummary({ result }: { result: StatementImport }) {
  const applied = result.cashApplication;
  return (
    <div className="stack" style={{ marginTop: '0.75rem' }} role="status" aria-label="Import summary">
      <p className="notice">
        {result.format}: {result.linesAdded} new line{result.linesAdded === 1 ? '' : 's'}
        {result.linesAlreadyKnown ? `, ${result.linesAlreadyKnown} already imported before` : ''}.{' '}
        {applied
          ? `${applied.applied} applied automatically, ${applied.exceptions} for a person to decide${applied.suspect ? ` (${applied.suspect} suspect)` : ''}${applied.failedToApply ? `, ${applied.failedToApply} failed to apply` : ''}.`
          : 'Not applied yet.'}
      </p>
      {result.statements
        .filter((s) => s.id)
        .map((s) => (
          <AppliedLines key={s.id} statementId={s.id ?? ''} account={s.account} />
        ))}
    </div>
  );
}

/** What the engine applied from one statement, and why: the explanation of each match. */
function AppliedLines({ statementId, account }: { statementId: string; account: string }) {
  const lines = useApi<Page<StatementLine>>(`/v1/statement-lines${query({ statementId, status: 'applied', limit: 200 })}`);
  const nameOf = useCustomerNames(lines.data?.data.flatMap((l) => (l.customerId ? [l.customerId] : [])) ?? []);
  return (
    <Show loaded={lines} what="applied lines">
      {(page) =>
        page.data.length === 0 ? null : (
          <div className="table-wrap">
            <table aria-label={`Applied from ${account}`}>
              <caption className="muted small" style={{ textAlign: 'left' }}>
                Applied from account {account}
              </caption>
              <thead>
                <tr>
                  <th>Value date</th>
                  <th className="num">Amount</th>
                  <th>Customer</th>
                  <th>Why</th>
                </tr>
              </thead>
              <tbody>
                {page.data.map((l) => (
                  <tr key={l.id}>
                    <td>
                      <DateText value={l.valueDate} />
                    </td>
                    <td className="num">
                      <Money minor={l.amountMinor} currency={l.currency} />
                    </td>
                    <td>{l.customerId ? <Link to={`/customers/${l.customerId}`}>{nameOf(l.customerId) ?? '…'}</Link> : '—'}</td>
                    <td className="small">{l.explanation ?? l.rule ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      }
    </Show>
  );
}

function ExceptionQueue() {
  const pages = useCursorPages('exceptions');
  const list = useApi<Page<StatementLine>>(`/v1/statement-lines${query({ status: 'exception', limit: 50, cursor: pages.cursor })}`);
  return (
    <div className="panel">
      <Show loaded={list} what="the exception queue">
        {(page) =>
          page.data.length === 0 && pages.page === 1 ? (
            <p className="empty">No exceptions: every bank line is applied or set aside.</p>
          ) : (
            <>
              <div className="table-wrap">
                <table aria-label="Exception queue">
                  <thead>
                    <tr>
                      <th>Value date</th>
                      <th className="num">Amount</th>
                      <th>Payer</th>
                      <th className="hide-narrow">Remittance</th>
                      <th>Proposal</th>
                      <th>
                        <span className="visually-hidden">Action</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.data.map((l) => (
                      <tr key={l.id}>
                        <td>
                          <DateText value={l.valueDate} />
                        </td>
                        <td className="num">
                          <Money minor={l.amountMinor} currency={l.currency} />
                        </td>
                        <td>{l.payerName ?? '—'}</td>
                        <td className="hide-narrow small">{l.structuredReference ?? l.remittanceText}</td>
                        <td>
                          {l.proposal ? (
                            <Chip status="info" label={`${l.proposal.rule.replace(/_/g, ' ')} · ${formatNumber(l.proposal.confidence * 100, 0)} %`} />
                          ) : (
                            <span className="muted small">{l.reasons?.[0] ?? 'no proposal'}</span>
                          )}
                        </td>
                        <td>
                          <Link className="button" to={`/cash/lines/${l.id}`} aria-label={`Review the line of ${l.payerName ?? 'unknown payer'} on ${l.valueDate}`}>
                            Review
                          </Link>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager label="Exceptions" page={pages.page} nextCursor={page.nextCursor} onNext={pages.next} onPrevious={pages.previous} />
            </>
          )
        }
      </Show>
    </div>
  );
}

function UnappliedCash() {
  const pages = useCursorPages('unapplied');
  const list = useApi<Page<Payment>>(`/v1/payments${query({ unappliedOnly: 'true', limit: 50, cursor: pages.cursor })}`);
  const nameOf = useCustomerNames(list.data?.data.map((p) => p.customerId) ?? []);
  return (
    <div className="panel">
      <Show loaded={list} what="payments with unapplied cash">
        {(page) => (
          <>
            <div className="table-wrap">
              <table aria-label="Unapplied cash">
                <thead>
                  <tr>
                    <th>Value date</th>
                    <th>Customer</th>
                    <th className="hide-narrow">Reference</th>
                    <th className="num hide-narrow">Payment</th>
                    <th className="num">Unapplied</th>
                  </tr>
                </thead>
                <tbody>
                  {page.data.map((p) => (
                    <tr key={p.id}>
                      <td>
                        <DateText value={p.valueDate} />
                      </td>
                      <td>
                        <Link to={`/customers/${p.customerId}`}>{nameOf(p.customerId) ?? '…'}</Link>
                      </td>
                      <td className="hide-narrow">{p.reference ?? '—'}</td>
                      <td className="num hide-narrow">
                        <Money minor={p.amountMinor} currency={p.currency} />
                      </td>
                      <td className="num">
                        <Money minor={p.unappliedMinor} currency={p.currency} />
                      </td>
                    </tr>
                  ))}
                  {page.data.length === 0 ? (
                    <tr>
                      <td colSpan={5} className="empty">
                        No unapplied cash.
                      </td>
                    </tr>
                  ) : null}
                </tbody>
              </table>
            </div>
            <Pager label="Unapplied cash" page={pages.page} nextCursor={page.nextCursor} onNext={pages.next} onPrevious={pages.previous} />
          </>
        )}
      </Show>
    </div>
  );
}
