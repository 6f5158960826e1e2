import type { NodeProps } from '@xyflow/react';
import { Webhook } from 'lucide-react';
import type { CanvasNodeOf } from '../../model/types';
import { Fact, NodeShell, truncate } from '../NodeShell';
import { InstanceFigures } from '../../run/Instances';

/** Share of attempts the modelled endpoint fails (4xx, 5xx or timeout), as people read it. */
export function errorShare(mix: CanvasNodeOf<'webhook'>['data']['config']['statusMix']): string {
  const total = mix.ok + mix.clientError + mix.serverError + mix.timeout;
  return total > 0 ? `${Math.round(((total - mix.ok) / total) * 100)} %` : '—';
}

export function WebhookNode({ id, data, selected }: NodeProps<CanvasNodeOf<'webhook'>>) {
  const { url, timeoutMs, statusMix } = data.config;
  const host = url.replace(/^[a-z]+:\/\//i, '');
  return (
    <NodeShell
      id={id}
      kind="webhook"
      icon={Webhook}
      label={data.label}
      selected={selected}
      figures={InstanceFigures}
    >
      <Fact name="POST">{truncate(host, 22)}</Fact>
      <Fact name="errors">{errorShare(statusMix)}</Fact>
      <Fact name="timeout">{`${timeoutMs.toLocaleString('en-US')} ms`}</Fact>
    </NodeShell>
  );
}
