import { createContext, useContext } from 'react';
import type { Session } from '../transport/session';

export const SessionContext = createContext<Session | null>(null);

/** The session views call to act: play, open a document, save. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside <Providers>');
  return session;
}
