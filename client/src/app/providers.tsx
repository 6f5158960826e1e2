import { ReactFlowProvider } from '@xyflow/react';
import { useState, type ReactNode } from 'react';
import { layoutFlow } from '../canvas/layout';
import { createAppStore, type AppStore } from '../store/store';
import { tabSessionFor } from '../transport/tab-session';
import { StoreContext } from './use-app-store';
import { SessionContext } from './use-session';

/** One store per mounted app, and the session bound to it. */
export function Providers({ children, store: given }: { children: ReactNode; store?: AppStore }) {
  const [store] = useState(() => given ?? createAppStore());
  const session = tabSessionFor(store, layoutFlow);
  return (
    <StoreContext.Provider value={store}>
      <SessionContext.Provider value={session}>
        <ReactFlowProvider>{children}</ReactFlowProvider>
      </SessionContext.Provider>
    </StoreContext.Provider>
  );
}
