import type { NodeProps } from '@xyflow/react';
import { Layers } from 'lucide-react';
import type { CanvasNodeOf } from '../../model/types';
import { formatDuration } from '../../model/format';
import { Fact, NodeShell } from '../NodeShell';
import { TopicFigures } from './TopicFigures';

// The node's box is fixed (canvas/node-size.ts): up to three lanes fit, past that two and a summary line.
const MAX_LANES = 3;

export function TopicNode({ id, data, selected }: NodeProps<CanvasNodeOf<'topic'>>) {
  const { partitions, latencyMs } = data.config;
  const count = Number.isInteger(partitions) && partitions > 0 ? partitions : 0;
  const shown = count > MAX_LANES ? MAX_LANES - 1 : count;
  return (
    <NodeShell
      id={id}
      kind="topic"
      icon={Layers}
      label={data.label}
      selected={selected}
      figures={TopicFigures}
    >
      <div className="ef-lanes" aria-label={`${count} partitions`}>
        {Array.from({ length: shown }, (_, i) => (
          <div key={i} className="ef-lane">
            <span className="ef-lane__index">P{i}</span>
            <span className="ef-lane__log" />
          </div>
        ))}
        {count > shown && <div className="ef-lane ef-lane--more">+{count - shown} more partitions</div>}
      </div>
      <Fact name="latency">{formatDuration(latencyMs)}</Fact>
    </NodeShell>
  );
}
