import { ReactFlowProvider } from '@xyflow/react';
import { useState, type ReactNode } from 'react';
import { layoutFlow } from '../canvas/layout';
import { createAppStore, StoreContext, type AppStore } from '../store/store';
import { api } from '../transport/api';
import { createSession, type Session } from '../transport/session';
import { getChannel } from '../transport/socket';
import { SessionContext } from './use-session';

// One session per store: StrictMode mounts twice, and a second session would bind the socket's facts twice.
const sessions = new WeakMap<AppStore, Session>();
function sessionFor(store: AppStore): Session {
  let session = sessions.get(store);
  if (!session) {
    session = createSession({ channel: getChannel(), store, api, layout: layoutFlow });
    sessions.set(store, session);
  }
  return session;
}

/** One store per mounted app, and the session bound to it. */
export function Providers({ children, store: given }: { children: ReactNode; store?: AppStore }) {
  const [store] = useState(() => given ?? createAppStore());
  const session = sessionFor(store);
  return (
    <StoreContext.Provider value={store}>
      <SessionContext.Provider value={session}>
        <ReactFlowProvider>{children}</ReactFlowProvider>
      </SessionContext.Provider>
    </StoreContext.Provider>
  );
}
