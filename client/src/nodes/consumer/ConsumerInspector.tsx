import type { NodeOf } from '@eventflow/shared';
import { ConfigForm } from '../../panels/inspector/ConfigForm';
import type { FieldMeta } from '../../panels/inspector/schema-fields';
import { MembershipControls } from './MembershipControls';

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
  outages: {
    label: 'Scheduled outages',
    help: 'at and for in simulated ms; instance is 0-based (all when left out)',
  },
  crashRate: {
    label: 'Crash rate',
    unit: '0–1',
    step: 0.01,
    help: 'Chance an instance crashes halfway through a delivery (never on the last attempt)',
  },
  restartMs: { label: 'Restart after a crash', unit: 'ms', help: 'Default 1000' },
  'outages.at': { label: 'Down at', unit: 'ms' },
  'outages.for': { label: 'For', unit: 'ms' },
  'outages.instance': { label: 'Instance', help: '0-based; leave out to take the whole consumer down' },
  'autoscale.min': { label: 'Min instances' },
  'autoscale.max': { label: 'Max instances' },
  'autoscale.targetLag': { label: 'Target lag per instance' },
  'autoscale.cooldownMs': { label: 'Cooldown', unit: 'ms' },
  autoscale: {
    label: 'Autoscale on lag',
    help: 'min/max instances, targetLag per instance, cooldownMs between changes',
  },
  'emits.eventType': { label: 'Emitted event type' },
  'emits.payload': { label: 'Emitted payload', cel: 'emit' },
  emitsOnGiveUp: {
    label: 'Emits on give-up',
    help: 'Compensation: emitted when an event is dead-lettered or dropped, as its children (CEL over the failed event)',
  },
  'emitsOnGiveUp.eventType': { label: 'Compensation event type' },
  'emitsOnGiveUp.payload': { label: 'Compensation payload', cel: 'emit' },
  reads: {
    label: 'Reads versions',
    help: 'The schema versions it reads, per event type; a type not listed is read as written',
  },
  'reads.eventType': { label: 'Read event type' },
  'reads.versions': { label: 'Versions' },
  upcasters: {
    label: 'Upcasters',
    help: 'Turn a version it does not read into one it does (to: default its newest), with CEL over the event',
  },
  'upcasters.eventType': { label: 'Upcast event type' },
  'upcasters.from': { label: 'From version' },
  'upcasters.to': { label: 'To version' },
  'upcasters.payload': { label: 'Upcast payload', cel: 'emit' },
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
  'outages',
  'crashRate',
  'restartMs',
  'autoscale',
];

export function ConsumerInspector({ node }: { node: NodeOf<'consumer'> }) {
  return (
    <>
      <MembershipControls nodeId={node.id} />
      <ConfigForm node={node} meta={meta} order={order} />
    </>
  );
}
