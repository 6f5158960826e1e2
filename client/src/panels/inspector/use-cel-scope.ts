import { celScopeAt, type CelContext, type CelScope } from '@eventflow/shared';
import { useMemo } from 'react';
import { useAppStore } from '../../app/use-app-store';
import { selectEdges, selectNodes } from '../../store/selectors';

const NO_SCOPE: CelScope = { samples: [] };

/**
 * What the expression of `nodeId` sees, from the flow as drawn: the shape of `data` its upstream producers
 * build (so type problems show while drawing) and their sample events (so the preview uses real payloads).
 */
export function useCelScope(nodeId: string | undefined, context: CelContext): CelScope {
  const nodes = useAppStore(selectNodes);
  const edges = useAppStore(selectEdges);
  return useMemo(() => {
    if (!nodeId) return NO_SCOPE;
    const flow = {
      nodes: nodes.map((n) => ({ id: n.id, kind: n.type, config: n.data.config })),
      edges: edges.map((e) => ({ id: e.id, source: e.source, target: e.target, role: e.data?.role })),
    };
    return celScopeAt(flow, nodeId, context);
  }, [nodes, edges, nodeId, context]);
}
