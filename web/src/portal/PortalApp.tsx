import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, get, post, whenSignedOut } from '../shared/api';
import { applyLocale, chosenLocale, defaultLocaleFor } from '../shared/format';
import { Link, matchPath, useLocation } from '../shared/router';
import { ErrorMessage, Loading } from '../shared/ui';
import { CardsPage } from './pages/CardsPage';
import { InvoiceDetail } from './pages/InvoiceDetail';
import { InvoiceList } from './pages/InvoiceList';
import { OrdersPage } from './pages/OrdersPage';
import { PayPage } from './pages/PayPage';
import { ExchangeLink, RequestLink } from './pages/SignIn';
import type { PortalMe } from './types';

export const portalBase = '/portal';

type State = { kind: 'loading' } | { kind: 'signed-out' } | { kind: 'signed-in'; me: PortalMe } | { kind: 'failed'; error: unknown };

export function PortalApp() {
  const { path } = useLocation();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const load = useCallback(async () => {
    try {
      const me = await get<PortalMe>(`${portalBase}/v1/me`, { expectUnauthenticated: true });
      applyLocale(chosenLocale() ?? defaultLocaleFor(me.customer.currency));
      setState({ kind: 'signed-in', me });
    } catch (error) {
      setState(error instanceof ApiError && (error.status === 401 || error.status === 403) ? { kind: 'signed-out' } : { kind: 'failed', error });
    }
  }, []);
  useEffect(() => {
    whenSignedOut(() => setState({ kind: 'signed-out' }));
    // The sign-in link page signs in first; everything else asks who is signed in.
    if (path !== `${portalBase}/sign-in`) void load();
  }, []); // once, at start

  if (path === `${portalBase}/sign-in`) return <ExchangeLink onSignedIn={load} />;
  if (state.kind === 'loading') return <Loading />;
  if (state.kind === 'failed')
    return (
      <div className="center-card">
        <ErrorMessage error={state.error} />
      </div>
    );
  if (state.kind === 'signed-out') return <RequestLink />;
  return <PortalShell me={state.me} onSignedOut={() => setState({ kind: 'signed-out' })} />;
}

function PortalShell({ me, onSignedOut }: { me: PortalMe; onSignedOut: () => void }) {
  const { path } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstPath = useRef(path);
  useEffect(() => {
    if (path !== firstPath.current) mainRef.current?.focus({ preventScroll: true });
  }, [path]);
  const signOut = async () => {
    // One cookie serves the console and the portal: the same sign-out ends either.
    await post('/auth/sign-out').catch(() => undefined);
    onSignedOut();
  };
  const nav = [
    { to: `${portalBase}/`, label: 'Invoices', current: !path.startsWith(`${portalBase}/cards`) && !path.startsWith(`${portalBase}/orders`) },
    { to: `${portalBase}/orders`, label: 'Orders', current: path.startsWith(`${portalBase}/orders`) },
    { to: `${portalBase}/cards`, label: 'Cards and autopay', current: path.startsWith(`${portalBase}/cards`) },
  ];
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link className="brand" to={`${portalBase}/`}>
          {me.tenant.name}
        </Link>
        <span className="spacer" />
        <span className="who">{me.customer.name}</span>
        <button type="button" className="link" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <nav className="sidenav" aria-label="Portal">
        <ul>
          {nav.map((n) => (
            <li key={n.to}>
              <Link to={n.to} {...(n.current ? { 'aria-current': 'page' as const } : {})}>
                {n.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" ref={mainRef} tabIndex={-1}>
        <PortalScreen path={path} me={me} />
      </main>
    </div>
  );
}

function PortalScreen({ path, me }: { path: string; me: PortalMe }) {
  let params: Record<string, string> | undefined;
  if (path === portalBase || path === `${portalBase}/` || path === `${portalBase}/invoices`) return <InvoiceList me={me} />;
  if ((params = matchPath(`${portalBase}/invoices/:id`, path))) return <InvoiceDetail key={params.id} id={params.id ?? ''} me={me} />;
  if (path === `${portalBase}/orders`) return <OrdersPage me={me} />;
  if (path === `${portalBase}/pay`) return <PayPage me={me} />;
  if (path === `${portalBase}/cards`) return <CardsPage />;
  return (
    <>
      <h1>Not found</h1>
      <p>
        <Link to={`${portalBase}/`}>Back to your invoices</Link>
      </p>
    </>
  );
}
