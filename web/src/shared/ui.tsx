/** Building blocks shared by the console and the portal: data loading, amounts, dates, fields, dialogs, paging. */
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, get, messageOf } from './api';
import { formatDate, formatMoney } from './format';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** GETs `path` (undefined = nothing to load yet) and again on reload(); the last answer wins. With `after: false` the request waits. */
export function useApi<T>(path: string | undefined, options: { after?: boolean } = {}): Loaded<T> {
  const ready = options.after ?? true;
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean; path: string | undefined }>({
    data: undefined,
    error: undefined,
    loading: path !== undefined,
    path,
  });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (path === undefined || !ready) return;
    const abort = new AbortController();
    setState((s) => ({ ...s, loading: true, error: undefined, path }));
    get<T>(path, { signal: abort.signal }).then(
      (data) => setState({ data, error: undefined, loading: false, path }),
      (error: unknown) => {
        if (!abort.signal.aborted) setState({ data: undefined, error, loading: false, path });
      },
    );
    return () => abort.abort();
  }, [path, version, ready]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  // Data of another path never shows under this one.
  const data = state.path === path ? state.data : undefined;
  return { data, error: state.error, loading: state.loading || state.path !== path, reload };
}

export function Money({ minor, currency, compact, className }: { minor: number | null | undefined; currency: string; compact?: boolean; className?: string }) {
  if (minor === null || minor === undefined) return <span className={className}>—</span>;
  return (
    <span className={`num ${minor < 0 ? 'negative' : ''} ${className ?? ''}`}>{formatMoney(minor, currency, compact ? { compact } : {})}</span>
  );
}

export function DateText({ value }: { value: string | null | undefined }) {
  return value ? <time dateTime={value}>{formatDate(value)}</time> : <span className="muted">—</span>;
}

const statusTone: Record<string, string> = {
  open: 'info',
  partially_paid: 'warn',
  paid: 'good',
  applied: 'good',
  kept: 'good',
  active: 'good',
  void: '',
  draft: '',
  written_off: 'bad',
  broken: 'bad',
  exception: 'warn',
  rejected: '',
  ignored: '',
  overdue: 'bad',
  high: 'bad',
  medium: 'warn',
  low: 'good',
  resolved_credit_note: 'good',
  resolved_write_off: 'good',
  queued: 'info',
  sent: 'good',
  pilot: '',
};

export function Chip({ status, label }: { status: string; label?: string }) {
  return <span className={`chip ${statusTone[status] ?? ''}`}>{label ?? status.replace(/_/g, ' ')}</span>;
}

export function ErrorMessage({ error }: { error: unknown }) {
  if (!error) return null;
  const status = error instanceof ApiError ? error.status : undefined;
  return (
    <p className="form-error" role="alert">
      {status === 404 ? 'Not found: it does not exist or you may not see it.' : messageOf(error)}
    </p>
  );
}

export function Loading({ what }: { what?: string }) {
  return (
    <p className="loading" role="status">
      Loading{what ? ` ${what}` : ''}…
    </p>
  );
}

/** Loading, error, or the content for the data. */
export function Show<T>({ loaded, what, children }: { loaded: Loaded<T>; what?: string; children: (data: T) => ReactNode }) {
  if (loaded.error) return <ErrorMessage error={loaded.error} />;
  if (loaded.data === undefined) return <Loading {...(what ? { what } : {})} />;
  return <>{children(loaded.data)}</>;
}

/**
 * A form's state around one submission: busy while it runs, the problem's message and per-field messages from its
 * errors[] when it fails. `run` returns whether it succeeded.
 */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const run = useCallback(async (action: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    setFieldErrors({});
    try {
      await action();
      return true;
    } catch (e) {
      setError(e);
      if (e instanceof ApiError) setFieldErrors(e.fieldErrors);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  const fail = useCallback((message: string, fields: Record<string, string> = {}) => {
    setError(new Error(message));
    setFieldErrors(fields);
  }, []);
  return { busy, error, fieldErrors, run, fail };
}

/** A form whose submit is prevented and handed to `onSubmit`. */
export function Form({ onSubmit, children, className, label }: { onSubmit: () => void | Promise<unknown>; children: ReactNode; className?: string; label?: string }) {
  const handle = (event: FormEvent) => {
    event.preventDefault();
    void onSubmit();
  };
  return (
    <form onSubmit={handle} className={className ?? 'stack'} noValidate aria-label={label}>
      {children}
    </form>
  );
}

/**
 * A labelled control with its error message beside it. The child gets no props injected: pass `id` from
 * the render function so label, control and message stay tied together for screen readers.
 */
export function Field({
  label,
  error,
  hint,
  children,
  className,
}: {
  label: string;
  error?: string | undefined;
  hint?: string;
  className?: string;
  children: (control: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const messageId = `${id}-message`;
  const describedBy = error || hint ? messageId : undefined;
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), ...(describedBy ? { 'aria-describedby': describedBy } : {}) })}
      {error ? (
        <span id={messageId} className="error">
          {error}
        </span>
      ) : hint ? (
        <span id={messageId} className="muted small">
          {hint}
        </span>
      ) : null}
    </div>
  );
}

/** A modal dialog (the native element: focus stays inside, Escape closes). */
export function Dialog({ title, open, onClose, children }: { title: string; open: boolean; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} aria-labelledby={titleId} onClose={onClose} onCancel={onClose}>
      <div className="page-head">
        <h2 id={titleId}>{title}</h2>
        <div className="actions">
          <button type="button" className="link" onClick={onClose} aria-label="Close">
            Close
          </button>
        </div>
      </div>
      {open ? children : null}
    </dialog>
  );
}

/**
 * Cursor paging as the API does it: the current page's cursor, forward with nextCursor, back through the cursors seen.
 * `resetKey` (the filters) starts again at page 1.
 */
export function useCursorPages(resetKey: string) {
  const [stack, setStack] = useState<string[]>([]);
  const [key, setKey] = useState(resetKey);
  if (key !== resetKey) {
    setKey(resetKey);
    setStack([]);
  }
  const cursor = stack[stack.length - 1];
  return {
    cursor,
    page: stack.length + 1,
    next: (nextCursor: string) => setStack((s) => [...s, nextCursor]),
    previous: () => setStack((s) => s.slice(0, -1)),
  };
}

export function Pager({ page, nextCursor, onNext, onPrevious, label }: { page: number; nextCursor: string | null | undefined; onNext: (cursor: string) => void; onPrevious: () => void; label: string }) {
  return (
    <nav className="pager" aria-label={`${label} pages`}>
      <button type="button" onClick={onPrevious} disabled={page <= 1}>
        ← Previous
      </button>
      <span className="muted">Page {page}</span>
      <button type="button" onClick={() => nextCursor && onNext(nextCursor)} disabled={!nextCursor}>
        Next →
      </button>
    </nav>
  );
}

/** The value once it has stopped changing for `ms` (search boxes ask the server once per pause, not per key). */
export function useDebounced<T>(value: T, ms = 250): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
