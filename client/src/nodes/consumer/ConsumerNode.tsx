import type { NodeProps } from '@xyflow/react';
import { Cpu } from 'lucide-react';
import type { CanvasNodeOf } from '../../model/types';
import { Fact, NodeShell, truncate } from '../NodeShell';
import { InstanceFigures } from '../../run/Instances';

export function ConsumerNode({ id, data, selected }: NodeProps<CanvasNodeOf<'consumer'>>) {
  const { group, instances, delivery } = data.config;
  return (
    <NodeShell
      id={id}
      kind="consumer"
      icon={Cpu}
      label={data.label}
      selected={selected}
      inputs
      outputs
      figures={InstanceFigures}
    >
      <Fact name="group">{truncate(group ?? id, 22)}</Fact>
      <Fact name="instances">
        <span className="ef-instances" aria-label={`${instances} instances`}>
          {Array.from({ length: Math.min(Math.max(instances, 0), 8) }, (_, i) => (
            <span key={i} className="ef-instance" />
          ))}
          <span>{instances}</span>
        </span>
      </Fact>
      <div className={`ef-chip ef-chip--${delivery}`}>{delivery}</div>
    </NodeShell>
  );
}
