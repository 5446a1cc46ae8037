import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, get, post, whenSignedOut } from '../shared/api';
import { applyLocale, chosenLocale, defaultLocaleFor } from '../shared/format';
import { Link, matchPath, navigate, useLocation } from '../shared/router';
import { ErrorMessage, Loading } from '../shared/ui';
import { roleLabels } from './roles';
import { SessionContext, sessionFor, useSession } from './session';
import type { SessionView, Tenant } from './types';
import { Aging } from './pages/Aging';
import { Analytics } from './pages/Analytics';
import { CashApplication } from './pages/CashApplication';
import { Collections } from './pages/Collections';
import { CustomerPage } from './pages/CustomerPage';
import { Customers } from './pages/Customers';
import { Dashboard } from './pages/Dashboard';
import { DunningPolicies } from './pages/DunningPolicies';
import { ExceptionPage } from './pages/ExceptionPage';
import { InvoicePage } from './pages/InvoicePage';
import { Invoices } from './pages/Invoices';
import { NewInvoice } from './pages/NewInvoice';
import { NewOrder } from './pages/NewOrder';
import { OrderPage } from './pages/OrderPage';
import { Orders } from './pages/Orders';
import { Settings } from './pages/Settings';
import { SignIn } from './pages/SignIn';

type State = { kind: 'loading' } | { kind: 'signed-out' } | { kind: 'signed-in'; view: SessionView; tenant: Tenant } | { kind: 'failed'; error: unknown };

export function App() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [localeVersion, setLocaleVersion] = useState(0);

  const load = useCallback(async () => {
    try {
      // Both at once: one round trip before the first screen.
      const [view, tenant] = await Promise.all([
        get<SessionView>('/auth/me', { expectUnauthenticated: true }),
        get<Tenant>('/v1/tenant', { expectUnauthenticated: true }),
      ]);
      applyLocale(chosenLocale() ?? defaultLocaleFor(tenant.baseCurrency));
      setState({ kind: 'signed-in', view, tenant });
    } catch (error) {
      setState(error instanceof ApiError && error.status === 401 ? { kind: 'signed-out' } : { kind: 'failed', error });
    }
  }, []);

  useEffect(() => {
    whenSignedOut(() => setState({ kind: 'signed-out' }));
    void load();
  }, [load]);

  const signOut = useCallback(async () => {
    await post('/auth/sign-out').catch(() => undefined);
    setState({ kind: 'signed-out' });
    navigate('/');
  }, []);

  const session = useMemo(
    () => (state.kind === 'signed-in' ? sessionFor(state.view, state.tenant, signOut, () => setLocaleVersion((v) => v + 1)) : undefined),
    [state, signOut],
  );

  if (state.kind === 'loading') return <Loading what="Cashloop" />;
  if (state.kind === 'failed')
    return (
      <div className="center-card">
        <ErrorMessage error={state.error} />
        <button type="button" onClick={() => void load()}>
          Try again
        </button>
      </div>
    );
  if (state.kind === 'signed-out' || !session) return <SignIn onSignedIn={load} />;
  return (
    <SessionContext.Provider value={session}>
      <Shell key={localeVersion} />
    </SessionContext.Provider>
  );
}

const sections = [
  { to: '/', label: 'Dashboard', match: (p: string) => p === '/' || p === '/aging' || p === '/analytics' },
  { to: '/customers', label: 'Customers', match: (p: string) => p.startsWith('/customers') },
  { to: '/orders', label: 'Orders', match: (p: string) => p.startsWith('/orders') },
  { to: '/invoices', label: 'Invoices', match: (p: string) => p.startsWith('/invoices') },
  { to: '/cash', label: 'Cash application', match: (p: string) => p.startsWith('/cash') },
  { to: '/collections', label: 'Collections', match: (p: string) => p.startsWith('/collections') },
  { to: '/dunning-policies', label: 'Dunning policies', match: (p: string) => p.startsWith('/dunning-policies') },
  { to: '/settings', label: 'Settings', match: (p: string) => p.startsWith('/settings') },
];

function Shell() {
  const { user, tenant, role, signOut } = useSession();
  const { path } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstPath = useRef(path);
  useEffect(() => {
    // After a navigation, keyboard and screen-reader users continue in the new screen, not in the menu.
    if (path !== firstPath.current) mainRef.current?.focus({ preventScroll: true });
  }, [path]);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link className="brand" to="/">
          Cashloop
        </Link>
        <span className="who hide-narrow">{tenant.name}</span>
        {tenant.isDemo ? <span className="demo-badge">Demo data</span> : null}
        <span className="spacer" />
        <span className="who" title={user.email}>
          {user.name} · {roleLabels[role]}
        </span>
        <button type="button" className="link" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <nav className="sidenav" aria-label="Main">
        <ul>
          {sections.map((s) => (
            <li key={s.to}>
              <Link to={s.to} {...(s.match(path) ? { 'aria-current': 'page' as const } : {})}>
                {s.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" ref={mainRef} tabIndex={-1}>
        <Screen path={path} />
      </main>
    </div>
  );
}

function Screen({ path }: { path: string }) {
  let params: Record<string, string> | undefined;
  if (path === '/' || path === '/sign-in') return <Dashboard />;
  if (path === '/aging') return <Aging />;
  if (path === '/analytics') return <Analytics />;
  if (path === '/customers') return <Customers />;
  if ((params = matchPath('/customers/:id', path))) return <CustomerPage key={params.id} id={params.id ?? ''} />;
  if (path === '/invoices') return <Invoices />;
  if (path === '/invoices/new') return <NewInvoice />;
  if ((params = matchPath('/invoices/:id', path))) return <InvoicePage key={params.id} id={params.id ?? ''} />;
  if (path === '/cash') return <CashApplication />;
  if ((params = matchPath('/cash/lines/:id', path))) return <ExceptionPage key={params.id} id={params.id ?? ''} />;
  if (path === '/collections') return <Collections />;
  if (path === '/dunning-policies') return <DunningPolicies />;
  if (path === '/orders') return <Orders />;
  if (path === '/orders/new') return <NewOrder />;
  if ((params = matchPath('/orders/:id', path))) return <OrderPage key={params.id} id={params.id ?? ''} />;
  if (path === '/settings' || path.startsWith('/settings/')) return <Settings path={path.replace(/\/$/, '')} />;
  return (
    <>
      <h1>Not found</h1>
      <p>
        There is no screen at <code>{path}</code>. <Link to="/">Back to the dashboard</Link>
      </p>
    </>
  );
}
