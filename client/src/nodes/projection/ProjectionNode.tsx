import type { NodeProps } from '@xyflow/react';
import { Table } from 'lucide-react';
import { useAppStore } from '../../app/use-app-store';
import type { CanvasNodeOf } from '../../model/types';
import { Fact, NodeShell } from '../NodeShell';

export function ProjectionNode({ id, data, selected }: NodeProps<CanvasNodeOf<'projection'>>) {
  const behind = useAppStore((s) => s.metrics?.nodes[id]?.behind ?? 0);
  const behindMs = useAppStore((s) => s.metrics?.nodes[id]?.behindMs ?? 0);
  const rebuilding = useAppStore((s) => s.metrics?.nodes[id]?.rebuilding);
  return (
    <NodeShell
      id={id}
      kind="projection"
      icon={Table}
      label={data.label}
      selected={selected}
      badge={
        (behind > 0 || rebuilding) && (
          <span
            className={`ef-projection-lag${rebuilding ? ' is-rebuilding' : ''}`}
            role="status"
            data-testid={`projection.lag.${id}`}
            title="Eventual consistency: events stored but not yet applied to the read model"
          >
            {rebuilding
              ? `rebuilding ${rebuilding.done}/${rebuilding.of}`
              : `${behind} behind · ${Math.round(behindMs)} ms`}
          </span>
        )
      }
    >
      <Fact name="lag">{`${data.config.lagMs} ms`}</Fact>
      {data.config.joinsAtMs > 0 && <Fact name="joins at">{`${data.config.joinsAtMs} ms`}</Fact>}
      {data.config.key !== undefined && <Fact name="key">{data.config.key}</Fact>}
      <Fact name="reducer">{data.config.reducer}</Fact>
    </NodeShell>
  );
}
