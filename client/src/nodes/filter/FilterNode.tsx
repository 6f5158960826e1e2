import type { NodeProps } from '@xyflow/react';
import { Funnel } from 'lucide-react';
import { useAppStore } from '../../app/use-app-store';
import type { CanvasNodeOf } from '../../model/types';
import { NodeShell, truncate } from '../NodeShell';

// One formatter for every filter: `toLocaleString` builds a new one per call, and a busy run renders each
// filter's count several times a second (it showed in the profile of a 300-node run).
const COUNT = new Intl.NumberFormat('en-US');

export function FilterNode({ id, data, selected }: NodeProps<CanvasNodeOf<'filter'>>) {
  // Exact, from live metrics: sampled hops would undercount errors on a busy run.
  const errors = useAppStore((s) => s.metrics?.nodes[id]?.filterErrors ?? 0);
  return (
    <NodeShell
      id={id}
      kind="filter"
      icon={Funnel}
      label={data.label}
      selected={selected}
      badge={
        errors > 0 && (
          <span
            className="ef-filter-errors"
            role="status"
            aria-label={`${COUNT.format(errors)} filter errors`}
            title="Events whose expression failed to evaluate; open an event to see why"
          >
            {COUNT.format(errors)} {errors === 1 ? 'error' : 'errors'}
          </span>
        )
      }
    >
      <code className="ef-expr" title={data.config.expression}>
        {truncate(data.config.expression, 90) || '—'}
      </code>
    </NodeShell>
  );
}
