import type { NodeProps } from '@xyflow/react';
import { Cpu, PowerOff } from 'lucide-react';
import { useAppStore } from '../../app/use-app-store';
import type { CanvasNodeOf } from '../../model/types';
import { Fact, NodeShell, truncate } from '../NodeShell';
import { InstanceFigures } from '../../run/Instances';
import { isAllDown, selectDownState } from './down-state';

export function ConsumerNode({ id, data, selected }: NodeProps<CanvasNodeOf<'consumer'>>) {
  const { group, instances, delivery } = data.config;
  const downState = useAppStore(selectDownState(id));
  const allDown = isAllDown(downState);
  const badge = downState ? (
    <span
      className={`ef-down-badge${allDown ? ' is-all' : ''}`}
      data-testid={`node.${id}.down`}
      title={
        allDown ? 'Down: it owns no partitions; its events wait in the topic' : `${downState} instances down`
      }
    >
      <PowerOff size={11} aria-hidden /> {allDown ? 'down' : `${downState} down`}
    </span>
  ) : undefined;
  return (
    <NodeShell
      id={id}
      kind="consumer"
      icon={Cpu}
      label={data.label}
      selected={selected}
      figures={InstanceFigures}
      badge={badge}
      dimmed={allDown}
    >
      <Fact name="group">{truncate(group ?? id, 22)}</Fact>
      <Fact name="instances">
        <span className="ef-instances" aria-label={`${instances} instances`}>
          {Array.from({ length: Math.min(Math.max(instances, 0), 8) }, (_, i) => (
            <span key={i} className="ef-instance" />
          ))}
          <span>{instances}</span>
          {data.config.autoscale && (
            <span title="Autoscaled on lag">
              {' '}
              ({data.config.autoscale.min}–{data.config.autoscale.max})
            </span>
          )}
        </span>
      </Fact>
      <div className={`ef-chip ef-chip--${delivery}`}>{delivery}</div>
    </NodeShell>
  );
}
