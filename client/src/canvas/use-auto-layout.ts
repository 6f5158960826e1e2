import { useCallback } from 'react';
import { useAppStoreApi } from '../app/use-app-store';
import { layoutFlow } from './layout';
import { useFrameFlow } from './use-frame-flow';

/** Lays the flow out (one undo step), then frames it; a layout failure is a toast, never a page error. */
export function useAutoLayout() {
  const store = useAppStoreApi();
  const frame = useFrameFlow();
  return useCallback(async () => {
    const { nodes, edges, applyPositions, notify } = store.getState();
    if (nodes.length === 0) return;
    try {
      applyPositions(await layoutFlow(nodes, edges));
    } catch (e) {
      notify(`Auto-layout failed: ${e instanceof Error ? e.message : String(e)}`, 'error');
      return;
    }
    window.requestAnimationFrame(() => frame(300));
  }, [store, frame]);
}
