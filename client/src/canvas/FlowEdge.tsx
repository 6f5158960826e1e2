import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { useAppStore } from '../app/use-app-store';
import { selectEdgeSeverity } from '../store/selectors';
import type { CanvasEdge } from '../model/types';

/** One edge component for both roles: a dead-letter edge is red, dashed and labelled "DLQ". */
export const FlowEdge = memo(function FlowEdge(props: EdgeProps<CanvasEdge>) {
  const {
    id,
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
    data,
    selected,
    markerEnd,
  } = props;
  const severity = useAppStore(selectEdgeSeverity(id));
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
  });
  const dlq = data?.role === 'dead-letter';
  const className = [
    'ef-edge',
    dlq ? 'is-dlq' : '',
    selected ? 'is-selected' : '',
    severity ? `has-${severity}` : '',
  ].join(' ');
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        className={className}
        {...(markerEnd ? { markerEnd } : {})}
        interactionWidth={18}
      />
      {dlq && (
        <EdgeLabelRenderer>
          <div
            className="ef-edge-label nodrag nopan"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          >
            DLQ
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});

export const rfEdgeTypes = { flow: FlowEdge };
