import type { NodeProps } from '@xyflow/react';
import { Funnel } from 'lucide-react';
import type { CanvasNodeOf } from '../../model/types';
import { NodeShell, truncate } from '../NodeShell';

export function FilterNode({ id, data, selected }: NodeProps<CanvasNodeOf<'filter'>>) {
  return (
    <NodeShell id={id} kind="filter" icon={Funnel} label={data.label} selected={selected} inputs outputs>
      <code className="ef-expr" title={data.config.expression}>
        {truncate(data.config.expression, 90) || '—'}
      </code>
    </NodeShell>
  );
}
