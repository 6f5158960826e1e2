import '@xyflow/react/dist/style.css';
import './app/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { Providers } from './app/providers';
import { initialTheme } from './app/use-theme';
import { createAppStore } from './store/store';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
// The large-flow benchmark's React Flow yardstick (e2e/perf): a separate chunk, loaded only at `?bench=baseline`.
if (new URLSearchParams(window.location.search).get('bench') === 'baseline') {
  void import('./bench/BaselineFlow').then(({ BaselineFlow }) => createRoot(root).render(<BaselineFlow />));
} else {
  const store = createAppStore({ theme: initialTheme() });
  createRoot(root).render(
    <StrictMode>
      <Providers store={store}>
        <App />
      </Providers>
    </StrictMode>,
  );
}
