import { useConnection, ViewportPortal } from '@xyflow/react';
import { useAppStore } from '../app/use-app-store';
import { checkConnection } from '../model/connection-rules';

/** While a connection is dragged over a node that refuses it, says why next to the pointer. */
export function ConnectionHint() {
  const connection = useConnection();
  const nodes = useAppStore((s) => s.nodes);
  const edges = useAppStore((s) => s.edges);
  if (!connection.inProgress || !connection.toNode || connection.isValid !== false) return null;
  const fromSource = connection.fromHandle.type === 'source';
  const attempt = fromSource
    ? { source: connection.fromNode.id, target: connection.toNode.id }
    : { source: connection.toNode.id, target: connection.fromNode.id };
  const check = checkConnection(nodes, edges, attempt);
  if (check.ok) return null;
  return (
    <ViewportPortal>
      <div
        className="ef-connection-hint"
        role="tooltip"
        style={{ transform: `translate(${connection.to.x + 14}px, ${connection.to.y + 14}px)` }}
      >
        Can’t connect: {check.reason}
      </div>
    </ViewportPortal>
  );
}
