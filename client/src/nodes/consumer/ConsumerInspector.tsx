import type { NodeOf } from '@eventflow/shared';
import { ConfigForm } from '../../panels/inspector/ConfigForm';
import type { FieldMeta } from '../../panels/inspector/schema-fields';

const meta: Record<string, FieldMeta> = {
  group: {
    label: 'Group',
    help: 'Consumers in one group compete; each group gets every event. Defaults to the node id',
  },
  instances: { label: 'Instances' },
  delivery: { label: 'Delivery guarantee' },
  processingMs: { label: 'Processing time', unit: 'ms' },
  failureRate: { label: 'Failure rate', unit: '0–1', step: 0.01, help: 'Chance that processing throws' },
  ackLossRate: {
    label: 'Ack loss rate',
    unit: '0–1',
    step: 0.01,
    help: 'Chance the ack is lost after the side effect',
  },
  maxAttempts: { label: 'Max attempts' },
  backoffMs: { label: 'Retry backoff', unit: 'ms' },
  retry: { label: 'Retry mode', help: 'blocking keeps per-key order; requeue lets later events pass' },
  emits: { label: 'Emits' },
  'emits.eventType': { label: 'Emitted event type' },
  'emits.payload': { label: 'Emitted payload', cel: 'emit' },
  emitsOnGiveUp: {
    label: 'Emits on give-up',
    help: 'Compensation: emitted when an event is dead-lettered or dropped, as its children (CEL over the failed event)',
  },
  'emitsOnGiveUp.eventType': { label: 'Compensation event type' },
  'emitsOnGiveUp.payload': { label: 'Compensation payload', cel: 'emit' },
};
const order = [
  'group',
  'instances',
  'delivery',
  'processingMs',
  'failureRate',
  'ackLossRate',
  'maxAttempts',
  'backoffMs',
  'retry',
  'emits',
  'emitsOnGiveUp',
];

export function ConsumerInspector({ node }: { node: NodeOf<'consumer'> }) {
  return <ConfigForm node={node} meta={meta} order={order} />;
}
