import { Handle, Position, type NodeProps } from '@xyflow/react';
import { Split } from 'lucide-react';
import type { CanvasNodeOf } from '../../model/types';
import { NodeShell, truncate } from '../NodeShell';
import { routeHandles } from './handles';

export function RouterNode({ id, data, selected }: NodeProps<CanvasNodeOf<'router'>>) {
  const handles = routeHandles(data.config);
  const name = data.label ?? id;
  return (
    <NodeShell
      id={id}
      kind="router"
      icon={Split}
      label={data.label}
      selected={selected}
      handles={handles.map((h) => (
        <div
          key={h.id}
          className={`ef-route${h.id === 'default' ? ' is-default' : ''}`}
          style={{ top: `${h.top * 100}%` }}
          data-testid={`route.${id}.${h.id}`}
        >
          <span className="ef-route__label">{truncate(h.label, 14)}</span>
          <Handle
            id={h.id}
            type="source"
            position={Position.Right}
            className="ef-handle ef-route__handle"
            aria-label={`${h.id === 'default' ? 'Default route' : `Rule ${h.label}`} of ${name}`}
          />
        </div>
      ))}
    >
      <div className={`ef-chip ef-chip--router`}>{data.config.mode}</div>
    </NodeShell>
  );
}
