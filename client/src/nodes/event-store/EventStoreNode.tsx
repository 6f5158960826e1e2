import type { NodeProps } from '@xyflow/react';
import { Database } from 'lucide-react';
import { useAppStore } from '../../app/use-app-store';
import type { CanvasNodeOf } from '../../model/types';
import { Fact, NodeShell } from '../NodeShell';

export function EventStoreNode({ id, data, selected }: NodeProps<CanvasNodeOf<'event-store'>>) {
  // Exact, from live metrics: refused writes are what optimistic concurrency is about.
  const refused = useAppStore((s) => s.metrics?.nodes[id]?.failures ?? 0);
  return (
    <NodeShell
      id={id}
      kind="event-store"
      icon={Database}
      label={data.label}
      selected={selected}
      badge={
        refused > 0 && (
          <span
            className="ef-store-refused"
            role="status"
            aria-label={`${refused} writes refused`}
            title="Writes refused: a stale expected version, or no aggregate id; open an event to see why"
          >
            {refused.toLocaleString('en-US')} refused
          </span>
        )
      }
    >
      <Fact name="aggregate">{data.config.aggregateId}</Fact>
      <Fact name="concurrency">{data.config.expectedVersion ? 'optimistic' : 'append always'}</Fact>
    </NodeShell>
  );
}
