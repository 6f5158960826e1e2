import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { useAppStoreApi } from '../store/store';
import { layoutFlow } from './layout';

/** Lays the flow out left to right (one undo step), then frames it. */
export function useAutoLayout() {
  const store = useAppStoreApi();
  const rf = useReactFlow();
  return useCallback(async () => {
    const { nodes, edges, applyPositions } = store.getState();
    if (nodes.length === 0) return;
    applyPositions(await layoutFlow(nodes, edges));
    window.requestAnimationFrame(() => void rf.fitView({ padding: 0.2, duration: 300, maxZoom: 1.25 }));
  }, [store, rf]);
}
