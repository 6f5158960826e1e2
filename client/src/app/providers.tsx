import { ReactFlowProvider } from '@xyflow/react';
import { createContext, useContext, useState, type ReactNode } from 'react';
import { createFileActions, type FileActions } from '../panels/files/file-actions';
import { createAppStore, StoreContext, type AppStore } from '../store/store';

const FileActionsContext = createContext<FileActions | null>(null);

export function useFileActions(): FileActions {
  const actions = useContext(FileActionsContext);
  if (!actions) throw new Error('useFileActions must be used inside <Providers>');
  return actions;
}

/** One store per mounted app; file actions are bound to it. */
export function Providers({ children, store: given }: { children: ReactNode; store?: AppStore }) {
  const [store] = useState(() => given ?? createAppStore());
  const [actions] = useState(() => createFileActions(store));
  return (
    <StoreContext.Provider value={store}>
      <FileActionsContext.Provider value={actions}>
        <ReactFlowProvider>{children}</ReactFlowProvider>
      </FileActionsContext.Provider>
    </StoreContext.Provider>
  );
}
