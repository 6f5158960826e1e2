import { useReactFlow } from '@xyflow/react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { CircleAlert, TriangleAlert } from 'lucide-react';
import { useRef } from 'react';
import { selectProblems } from '../store/selectors';
import { useAppStore, useAppStoreApi } from '../app/use-app-store';
import type { LocatedProblem } from '../store/validate';

const ROW_HEIGHT = 30;

/** Every validation error and warning; clicking one selects (and shows) the node or edge it is about. */
export function ProblemsPanel() {
  const problems = useAppStore(selectProblems);
  const store = useAppStoreApi();
  const rf = useReactFlow();
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: problems.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const reveal = (p: LocatedProblem) => {
    const s = store.getState();
    if (p.nodeId) {
      s.selectOnly({ nodes: [p.nodeId] });
      void rf.fitView({ nodes: [{ id: p.nodeId }], duration: 250, maxZoom: 1.2 });
    } else if (p.edgeId) {
      const edge = s.edges.find((e) => e.id === p.edgeId);
      s.selectOnly({ edges: [p.edgeId] });
      if (edge)
        void rf.fitView({ nodes: [{ id: edge.source }, { id: edge.target }], duration: 250, maxZoom: 1.2 });
    }
  };
  if (problems.length === 0) {
    return (
      <div className="ef-problems ef-problems--empty" role="region" aria-label="Problems">
        No problems: the flow is valid.
      </div>
    );
  }
  return (
    <div className="ef-problems" ref={scroller} role="region" aria-label="Problems">
      <ul style={{ height: virtual.getTotalSize(), position: 'relative' }}>
        {virtual.getVirtualItems().map((row) => {
          const p = problems[row.index];
          if (!p) return null;
          return (
            <li
              key={row.key}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                height: ROW_HEIGHT,
                transform: `translateY(${row.start}px)`,
              }}
            >
              <button type="button" className={`ef-problem is-${p.severity}`} onClick={() => reveal(p)}>
                {p.severity === 'error' ? (
                  <CircleAlert size={14} aria-label="Error" />
                ) : (
                  <TriangleAlert size={14} aria-label="Warning" />
                )}
                <span className="ef-problem__path">{p.path || 'flow'}</span>
                <span className="ef-problem__message">{p.message}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
