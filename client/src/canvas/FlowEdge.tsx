import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { defaultCall, defaultQuery } from '@eventflow/shared';
import { Timer } from 'lucide-react';
import { memo, useContext } from 'react';
import { useAppStore } from '../app/use-app-store';
import { selectEdgeSeverity } from '../store/selectors';
import type { CanvasEdge } from '../model/types';
import { roundedPath, routeMiddle } from './edge-route';
import { EdgeRoutesContext } from './edge-routes-context';

/** The route drawn from React Flow's handle points: the route's ends are the boxes' sides, the handles sit on them. */
function routedPath(
  route: readonly { x: number; y: number }[],
  from: { x: number; y: number },
  to: { x: number; y: number },
): [string, number, number] {
  const pts = [from, ...route.slice(1, -1), to];
  const mid = routeMiddle(pts);
  return [roundedPath(pts), mid.x, mid.y];
}

const DEFAULT_TIMEOUT = defaultCall().timeoutMs;
const callTitle = (ms: number) => `Service call: the caller waits, and gives up after ${ms} ms`;
const DEFAULT_KEY = defaultQuery().key;

/**
 * One edge component for every role: a dead-letter edge is red, dashed and labelled "DLQ"; a service call is
 * indigo, dotted and labelled with its timeout (a timer icon and the ms); a query (a consumer reading a projection
 * row) is teal, dash-dotted and labelled with its key. It is a curve,
 * or an orthogonal route around the nodes when the curve would pass under one.
 */
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
  const route = useContext(EdgeRoutesContext).get(id);
  const [path, labelX, labelY] = route
    ? routedPath(route, { x: sourceX, y: sourceY }, { x: targetX, y: targetY })
    : getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const dlq = data?.role === 'dead-letter';
  const call = data?.role === 'call';
  const timeout = data?.call?.timeoutMs ?? DEFAULT_TIMEOUT;
  const query = data?.role === 'query';
  const className = [
    'ef-edge',
    dlq ? 'is-dlq' : '',
    call ? 'is-call' : '',
    query ? 'is-query' : '',
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
      {(dlq || call || query) && (
        <EdgeLabelRenderer>
          <div
            className={`ef-edge-label nodrag nopan${call ? ' is-call' : query ? ' is-query' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid={call ? `edge.${id}.call` : query ? `edge.${id}.query` : undefined}
            {...(call ? { title: callTitle(timeout), 'aria-label': callTitle(timeout) } : {})}
          >
            {/* Short, so it fits between two services drawn close together; the full sentence is its title. */}
            {call ? (
              <>
                <Timer size={11} aria-hidden="true" /> {timeout} ms
              </>
            ) : query ? (
              `query · ${data.query?.key ?? DEFAULT_KEY}`
            ) : (
              'DLQ'
            )}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});

export const rfEdgeTypes = { flow: FlowEdge };
