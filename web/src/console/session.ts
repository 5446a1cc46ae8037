import { createContext, useContext } from 'react';
import { can, type Action } from './roles';
import type { Role, SessionView, Tenant } from './types';

export interface ConsoleSession {
  user: SessionView['user'];
  tenant: Tenant;
  role: Role;
  can: (action: Action) => boolean;
  signOut: () => Promise<void>;
  /** the locale was changed in settings: render everything again */
  relocalize: () => void;
}

export const SessionContext = createContext<ConsoleSession | undefined>(undefined);

export function useSession(): ConsoleSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside the signed-in console');
  return session;
}

export function sessionFor(view: SessionView, tenant: Tenant, signOut: () => Promise<void>, relocalize: () => void): ConsoleSession {
  const role = view.user.role;
  return { user: view.user, tenant, role, can: (action) => can(role, action), signOut, relocalize };
}
