import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { useAppStoreApi } from '../app/use-app-store';
import { layoutFlow } from './layout';

/** Lays the flow out left to right (one undo step), then frames it; a layout failure is a toast, never a page error. */
export function useAutoLayout() {
  const store = useAppStoreApi();
  const rf = useReactFlow();
  return useCallback(async () => {
    const { nodes, edges, applyPositions, notify } = store.getState();
    if (nodes.length === 0) return;
    try {
      applyPositions(await layoutFlow(nodes, edges));
    } catch (e) {
      notify(`Auto-layout failed: ${e instanceof Error ? e.message : String(e)}`, 'error');
      return;
    }
    window.requestAnimationFrame(() => void rf.fitView({ padding: 0.2, duration: 300, maxZoom: 1.25 }));
  }, [store, rf]);
}
