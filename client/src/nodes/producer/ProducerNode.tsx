import type { NodeProps } from '@xyflow/react';
import { Radio } from 'lucide-react';
import type { CanvasNodeOf } from '../../model/types';
import { Fact, NodeShell, truncate } from '../NodeShell';

export function ProducerNode({ id, data, selected }: NodeProps<CanvasNodeOf<'producer'>>) {
  const { eventType, rate, count, arrival, schedule } = data.config;
  return (
    <NodeShell id={id} kind="producer" icon={Radio} label={data.label} selected={selected}>
      <div className="ef-chip">{truncate(eventType, 24)}</div>
      <Fact name="rate">
        {rate === 0 ? 'by hand' : `${rate}/s`}
        {arrival === 'poisson' ? ' · poisson' : ''}
        {schedule ? ` · ${schedule.type}` : ''}
        {count !== undefined ? ` · ${count} max` : ''}
      </Fact>
    </NodeShell>
  );
}
